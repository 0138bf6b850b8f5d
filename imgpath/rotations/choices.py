"""Fixed vocabularies of the marketplace: specialties, states, kinds and every state machine."""

from __future__ import annotations

from django.db import models

from imgpath.engines.rules.codes import US_STATES


class Specialty(models.TextChoices):
    ANESTHESIOLOGY = "anesthesiology", "Anesthesiology"
    CARDIOLOGY = "cardiology", "Cardiology"
    DERMATOLOGY = "dermatology", "Dermatology"
    DIAGNOSTIC_RADIOLOGY = "diagnostic_radiology", "Diagnostic radiology"
    EMERGENCY_MEDICINE = "emergency_medicine", "Emergency medicine"
    ENDOCRINOLOGY = "endocrinology", "Endocrinology"
    FAMILY_MEDICINE = "family_medicine", "Family medicine"
    GASTROENTEROLOGY = "gastroenterology", "Gastroenterology"
    GENERAL_SURGERY = "general_surgery", "General surgery"
    GERIATRICS = "geriatrics", "Geriatric medicine"
    HEMATOLOGY_ONCOLOGY = "hematology_oncology", "Hematology and oncology"
    INFECTIOUS_DISEASE = "infectious_disease", "Infectious disease"
    INTERNAL_MEDICINE = "internal_medicine", "Internal medicine"
    NEPHROLOGY = "nephrology", "Nephrology"
    NEUROLOGY = "neurology", "Neurology"
    OBSTETRICS_GYNECOLOGY = "obstetrics_gynecology", "Obstetrics and gynecology"
    PATHOLOGY = "pathology", "Pathology"
    PEDIATRICS = "pediatrics", "Pediatrics"
    PHYSICAL_MEDICINE = "physical_medicine", "Physical medicine and rehabilitation"
    PSYCHIATRY = "psychiatry", "Psychiatry"
    PULMONARY_CRITICAL_CARE = "pulmonary_critical_care", "Pulmonary and critical care"


# Built from the project's one table of the 50 states, DC and Puerto Rico.
# django-stubs types only the functional API's name-list forms, not (name, (value, label)) pairs.
USState = models.TextChoices(  # type: ignore[call-overload]
    "USState", [(code, (code, name)) for code, name in US_STATES.items()]
)


class HostKind(models.TextChoices):
    PHYSICIAN = "physician", "Physician"
    PRACTICE = "practice", "Practice or clinic"
    HOSPITAL = "hospital", "Hospital"
    ASSOCIATION = "association", "Medical association"


class OfferingKind(models.TextChoices):
    OBSERVERSHIP = "observership", "Observership"
    NONPROFIT_OBSERVERSHIP = (
        "nonprofit_observership",
        "Not-for-profit observership (AMA guidelines)",
    )
    EXTERNSHIP = "externship", "Externship"
    CLERKSHIP = "clerkship", "Clerkship (students)"


OBSERVERSHIP_KINDS = (OfferingKind.OBSERVERSHIP, OfferingKind.NONPROFIT_OBSERVERSHIP)
HANDS_ON_KINDS = (OfferingKind.EXTERNSHIP, OfferingKind.CLERKSHIP)

KIND_EXPLAINED = {
    OfferingKind.OBSERVERSHIP: (
        "Observation only: you watch a physician at work; no hands-on patient care."
    ),
    OfferingKind.NONPROFIT_OBSERVERSHIP: (
        "Observation only, run by volunteer physicians without profit: free, or itemized actual "
        "costs only."
    ),
    OfferingKind.EXTERNSHIP: (
        "Hands-on for graduates: seeing patients, charting and placing orders under supervision."
    ),
    OfferingKind.CLERKSHIP: (
        "A clinical rotation for current medical students, arranged through their school."
    ),
}


class Audience(models.TextChoices):
    GRADUATES = "graduates", "Graduates only"
    STUDENTS = "students", "Current medical students only"
    ANYONE = "anyone", "Graduates and students"


class DocumentType(models.TextChoices):
    CV = "cv", "CV"
    PASSPORT = "passport", "Passport"
    USMLE_TRANSCRIPT = "usmle_transcript", "USMLE transcript"
    ECFMG_STATUS = "ecfmg_status", "ECFMG status report or certificate"
    IMMUNIZATIONS = "immunizations", "Immunization record"
    BACKGROUND_CHECK = "background_check", "Background check"
    INSURANCE = "insurance", "Health or liability insurance"
    GOOD_STANDING = "good_standing", "Letter of good standing from your school"
    DIPLOMA = "diploma", "Medical diploma"


class OfferingStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"
    ARCHIVED = "archived", "Archived"


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", "Submitted"
    WAITLISTED = "waitlisted", "Waitlisted"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    WITHDRAWN = "withdrawn", "Withdrawn"
    CANCELLED = "cancelled", "Booking cancelled"


# An applicant holds at most one of these per session.
ACTIVE_APPLICATION_STATUSES = (
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.WAITLISTED,
    ApplicationStatus.ACCEPTED,
)
PENDING_APPLICATION_STATUSES = (ApplicationStatus.SUBMITTED, ApplicationStatus.WAITLISTED)


class Decision(models.TextChoices):
    ACCEPT = "accept", "Accept (books a seat)"
    WAITLIST = "waitlist", "Waitlist (offered a seat automatically if one opens)"
    DECLINE = "decline", "Decline"


class BookingStatus(models.TextChoices):
    BOOKED = "booked", "Booked"
    CANCELLED = "cancelled", "Cancelled"
    COMPLETED = "completed", "Completed"


# Bookings that hold a seat and block overlapping dates.
SEAT_HOLDING_STATUSES = (BookingStatus.BOOKED, BookingStatus.COMPLETED)


class PaymentStatus(models.TextChoices):
    NOT_DUE = "not_due", "Nothing to pay"
    UNPAID = "unpaid", "Not paid yet"
    PAID = "paid", "Paid"
    REFUNDED = "refunded", "Refunded"


class CancelReason(models.TextChoices):
    CHANGED_PLANS = "changed_plans", "I can no longer attend"
    VISA_DENIED = "visa_denied", "My US visa was refused"
    HOST_CANCELLED = "host_cancelled", "Cancelled by the host"
    ACCOUNT_DELETED = "account_deleted", "The applicant deleted their account"


APPLICANT_CANCEL_REASONS = (CancelReason.CHANGED_PLANS, CancelReason.VISA_DENIED)


class EventKind(models.TextChoices):
    APPLIED = "applied", "Applied"
    WAITLISTED = "waitlisted", "Waitlisted"
    ACCEPTED = "accepted", "Accepted: seat booked"
    DECLINED = "declined", "Declined"
    WITHDRAWN = "withdrawn", "Withdrawn"
    CANCELLED = "cancelled", "Booking cancelled"
    COMPLETED = "completed", "Completed"
    PAYMENT_RECORDED = "payment_recorded", "Payment recorded"
    REFUND_RECORDED = "refund_recorded", "Refund recorded"
    LETTER_REQUESTED = "letter_requested", "Letter of recommendation requested"
    LETTER_AGREED = "letter_agreed", "Letter of recommendation agreed"
    LETTER_DECLINED = "letter_declined", "Letter of recommendation declined"
    LETTER_SUBMITTED = "letter_submitted", "Letter of recommendation submitted"


class LetterStatus(models.TextChoices):
    REQUESTED = "requested", "Requested"
    AGREED = "agreed", "Agreed"
    DECLINED = "declined", "Declined"
    SUBMITTED = "submitted", "Submitted"


class ChecklistKind(models.TextChoices):
    DOCUMENT = "document", "Document"
    STEP = "step", "Step"
