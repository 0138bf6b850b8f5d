"""Models of the clinical experience marketplace, split by topic."""

from imgpath.rotations.models.applications import Application, ApplicationEvent
from imgpath.rotations.models.bookings import Booking, ChecklistItem, LetterRequest, Review
from imgpath.rotations.models.documents import Document
from imgpath.rotations.models.hosts import HostProfile, Site
from imgpath.rotations.models.offerings import Offering, Session

__all__ = [
    "Application",
    "ApplicationEvent",
    "Booking",
    "ChecklistItem",
    "Document",
    "HostProfile",
    "LetterRequest",
    "Offering",
    "Review",
    "Session",
    "Site",
]
