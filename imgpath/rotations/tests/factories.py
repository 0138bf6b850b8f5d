"""Factories for the marketplace. Build through services where a rule matters."""

from __future__ import annotations

from datetime import timedelta
from io import BytesIO

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from reportlab.pdfgen.canvas import Canvas

from imgpath.accounts.tests.factories import HostFactory, StaffFactory
from imgpath.rotations import services
from imgpath.rotations.choices import OfferingStatus
from imgpath.rotations.models import Document, HostProfile, Offering, Session, Site


def pdf_bytes(text: str = "Test document") -> bytes:
    buffer = BytesIO()
    canvas = Canvas(buffer)
    canvas.drawString(72, 720, text)
    canvas.save()
    return buffer.getvalue()


PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
    b"\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)


def upload(
    name: str = "cv.pdf", content: bytes | None = None, content_type: str = "application/pdf"
):
    return SimpleUploadedFile(name, pdf_bytes() if content is None else content, content_type)


class HostProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HostProfile

    owner = factory.SubFactory(HostFactory)
    kind = "physician"
    name = factory.Sequence(lambda n: f"Dr. Host {n}")
    credentials = "Licensed in Illinois; board-certified in internal medicine."
    specialties = ["internal_medicine"]
    verified_at = factory.LazyFunction(timezone.now)
    verified_by = factory.SubFactory(StaffFactory)


class SiteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Site

    host = factory.SubFactory(HostProfileFactory)
    name = "Main clinic"
    street = "100 Main Street"
    city = "Chicago"
    state = "IL"
    postal_code = "60601"


class OfferingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Offering

    site = factory.SubFactory(SiteFactory)
    host = factory.SelfAttribute("site.host")
    kind = "observership"
    specialty = "internal_medicine"
    title = factory.Sequence(lambda n: f"Internal medicine observership {n}")
    description = "Observe a practising internist."
    typical_day = "Clinic all day."
    required_documents = ["cv"]
    fee_usd = 1000
    deposit_usd = 200
    full_refund_days_before = 30
    late_refund_percent = 50
    status = OfferingStatus.PUBLISHED


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    offering = factory.SubFactory(OfferingFactory)
    start_date = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=60))
    end_date = factory.LazyAttribute(lambda s: s.start_date + timedelta(days=27))
    seats = 2


def document_for(owner, doc_type: str = "cv") -> Document:
    return services.document_upload(
        owner=owner, doc_type=doc_type, upload=upload(f"{doc_type}.pdf")
    )


def apply(session: Session, applicant, statement: str = "I would like to learn."):
    """An application through the service, with the documents the offering requires."""
    documents = [document_for(applicant, code) for code in session.offering.required_documents]
    return services.application_create(
        session=session, applicant=applicant, statement=statement, documents=documents
    )


def book(session: Session, applicant):
    application = apply(session, applicant)
    return services.application_decide(
        application=application, decision="accept", decided_by=session.offering.host.owner
    )
