"""The marketplace over JSON: the same services as the pages, the same rules, the same errors."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile
from pydantic import AfterValidator, Field, StringConstraints

from imgpath.accounts.http import AuthenticatedHttpRequest
from imgpath.accounts.models import Role
from imgpath.core.api import ERRORS, BodySchema
from imgpath.core.errors import ServiceError
from imgpath.rotations import selectors, services
from imgpath.rotations.choices import (
    ApplicationStatus,
    CancelReason,
    Decision,
    DocumentType,
    OfferingKind,
    Specialty,
    USState,
)
from imgpath.rotations.models import Application, Booking, Document, Offering, Session
from imgpath.rotations.models.offerings import MAX_FEE_USD
from imgpath.rotations.selectors import SearchFilters
from imgpath.rotations.services.common import today

ROUTER_PREFIX = "/rotations"
router = Router(tags=["rotations"])


def _no_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    return value


Text = Annotated[str, StringConstraints(max_length=2000), AfterValidator(_no_nul)]
Id = Annotated[int, Field(ge=1, le=2**62)]
# A real month from 2000-01 to 2100-12, the range the search form accepts: "0000-01" is no date.
MONTH_PATTERN = r"^(20\d\d|2100)-(0[1-9]|1[0-2])$"


class SearchQuery(Schema):
    specialty: Specialty | None = None
    state: USState | None = None
    kind: OfferingKind | None = None
    month: Annotated[str, StringConstraints(pattern=MONTH_PATTERN)] | None = None
    min_price: Annotated[int, Field(ge=0, le=MAX_FEE_USD)] | None = None
    max_price: Annotated[int, Field(ge=0, le=MAX_FEE_USD)] | None = None
    hands_on: bool = False
    letter: bool = False
    free: bool = False
    limit: Annotated[int, Field(ge=1, le=50)] = 20
    offset: Annotated[int, Field(ge=0, le=10_000)] = 0

    def filters(self) -> SearchFilters:
        month = date.fromisoformat(f"{self.month}-01") if self.month else None
        return SearchFilters(
            specialty=self.specialty or "",
            state=self.state or "",
            kind=self.kind or "",
            month=month,
            min_price=self.min_price,
            max_price=self.max_price,
            hands_on=self.hands_on,
            letter=self.letter,
            free=self.free,
        )


class HostOut(Schema):
    id: int
    name: str
    kind: str
    verified_at: datetime | None


class SiteOut(Schema):
    name: str
    city: str
    state: str


class SessionOut(Schema):
    id: int
    offering_id: int
    start_date: date
    end_date: date
    seats: int
    seats_left: int
    is_open: bool


class OfferingOut(Schema):
    id: int
    title: str
    kind: str
    specialty: str
    host: HostOut
    site: SiteOut
    fee_usd: int
    hands_on: bool
    letter_possible: bool
    audience: str
    requires_step1: bool
    required_documents: list[str]
    sessions: list[SessionOut]


class OfferingDetailOut(OfferingOut):
    description: str
    typical_day: str
    preceptor: str
    fee_covers: str
    cost_items: list[dict[str, Any]]
    policy: list[str]


class OfferingPage(Schema):
    count: int
    items: list[OfferingOut]


class DocumentOut(Schema):
    id: int
    doc_type: str
    original_name: str
    content_type: str
    size: int
    uploaded_at: datetime


class BookingOut(Schema):
    id: int
    application_id: int
    session_id: int
    status: str
    price_usd: int
    policy: list[str]
    payment_status: str
    refund_due_usd: int | None
    cancelled_at: datetime | None
    completed_at: datetime | None


class ApplicationOut(Schema):
    id: int
    session_id: int
    offering_id: int
    offering_title: str
    applicant_name: str
    status: str
    statement: str
    eligibility: list[dict[str, str]]
    host_message: str
    created_at: datetime
    decided_at: datetime | None
    booking: BookingOut | None


class ApplicationIn(BodySchema):
    session_id: Id
    statement: Text
    document_ids: Annotated[list[Id], Field(max_length=20)] = []


class DecisionIn(BodySchema):
    decision: Decision
    message: Text = ""


class CancelIn(BodySchema):
    reason: Literal["changed_plans", "visa_denied"]
    note: Text = ""


class HostCancelIn(BodySchema):
    note: Text


def _require(request: AuthenticatedHttpRequest, role: str) -> None:
    if request.user.role != role:
        raise PermissionDenied(f"Only {role} accounts can do this.")


def _session_out(session: Session) -> dict[str, Any]:
    left = getattr(session, "seats_left", None)
    if left is None:
        left = session.seats - session.seats_taken_now()
    return {
        "id": session.pk,
        "offering_id": session.offering_id,
        "start_date": session.start_date,
        "end_date": session.end_date,
        "seats": session.seats,
        "seats_left": left,
        "is_open": session.is_open,
    }


def _offering_out(
    offering: Offering, sessions: list[Session], schema: type[Schema] = OfferingOut
) -> dict[str, Any]:
    return {
        **{f: getattr(offering, f) for f in schema.model_fields if hasattr(offering, f)},
        "host": offering.host,
        "site": offering.site,
        "sessions": [_session_out(s) for s in sessions],
    }


def _booking_out(booking: Booking | None) -> dict[str, Any] | None:
    if booking is None:
        return None
    return {
        **{f: getattr(booking, f) for f in BookingOut.model_fields if f != "policy"},
        "policy": booking.policy_lines,
    }


def _application_out(application: Application) -> dict[str, Any]:
    offering = application.session.offering
    return {
        **{
            f: getattr(application, f)
            for f in ApplicationOut.model_fields
            if hasattr(application, f) and f != "booking"
        },
        "offering_id": offering.pk,
        "offering_title": offering.title,
        "booking": _booking_out(Booking.objects.filter(application=application).first()),
    }


@router.get("/offerings", response={200: OfferingPage, **ERRORS}, summary="Search offerings")
def search_offerings(request: HttpRequest, query: Query[SearchQuery]) -> dict[str, Any]:
    results = selectors.offering_search(filters=query.filters(), today=today())
    page = list(results[query.offset : query.offset + query.limit])
    return {
        "count": results.count(),
        # `matching_sessions` is set by the Prefetch(to_attr=) in offering_search.
        "items": [_offering_out(o, o.matching_sessions) for o in page],  # type: ignore[attr-defined]
    }


@router.get(
    "/offerings/{offering_id}", response={200: OfferingDetailOut, **ERRORS}, summary="One offering"
)
def get_offering(request: HttpRequest, offering_id: Id) -> dict[str, Any]:
    offering = selectors.offering_visible_to(request.user, offering_id)
    if offering is None:
        raise Http404
    sessions = list(selectors.offering_sessions(offering, today=today()))
    return {**_offering_out(offering, sessions, OfferingDetailOut), "policy": offering.policy_lines}


@router.get("/sessions/{session_id}", response={200: SessionOut, **ERRORS}, summary="One session")
def get_session(request: HttpRequest, session_id: Id) -> dict[str, Any]:
    session = get_object_or_404(
        Session.objects.with_seats(), pk=session_id, offering__in=Offering.objects.public()
    )
    return _session_out(session)


@router.get("/documents", response={200: list[DocumentOut], **ERRORS}, summary="My documents")
def list_documents(request: AuthenticatedHttpRequest) -> list[Document]:
    return list(Document.objects.filter(owner=request.user))


@router.post("/documents", response={201: DocumentOut, **ERRORS}, summary="Upload a document")
def upload_document(
    request: AuthenticatedHttpRequest, doc_type: Form[DocumentType], file: File[UploadedFile]
) -> Status:
    _require(request, Role.APPLICANT)
    return Status(201, services.document_upload(owner=request.user, doc_type=doc_type, upload=file))


@router.post(
    "/applications", response={201: ApplicationOut, **ERRORS}, summary="Apply to a session"
)
def create_application(request: AuthenticatedHttpRequest, payload: ApplicationIn) -> Status:
    _require(request, Role.APPLICANT)
    session = get_object_or_404(
        Session.objects.select_related("offering"),
        pk=payload.session_id,
        offering__in=Offering.objects.public(),
    )
    documents = list(Document.objects.filter(owner=request.user, pk__in=payload.document_ids))
    if len(documents) != len(set(payload.document_ids)):
        raise ServiceError("Attach documents from your own vault.", field="document_ids")
    application = services.application_submit(
        session=session, applicant=request.user, statement=payload.statement, documents=documents
    )
    return Status(201, _application_out(application))


@router.get(
    "/applications", response={200: list[ApplicationOut], **ERRORS}, summary="My applications"
)
def list_applications(request: AuthenticatedHttpRequest) -> list[dict[str, Any]]:
    return [_application_out(a) for a in selectors.applications_of_applicant(request.user)]


@router.get(
    "/applications/{application_id}",
    response={200: ApplicationOut, **ERRORS},
    summary="One of my applications",
)
def get_application(request: AuthenticatedHttpRequest, application_id: Id) -> dict[str, Any]:
    application = get_object_or_404(
        selectors.applications_of_applicant(request.user), pk=application_id
    )
    return _application_out(application)


@router.post(
    "/applications/{application_id}/withdraw",
    response={200: ApplicationOut, **ERRORS},
    summary="Withdraw my application",
)
def withdraw_application(request: AuthenticatedHttpRequest, application_id: Id) -> dict[str, Any]:
    application = get_object_or_404(
        selectors.applications_of_applicant(request.user), pk=application_id
    )
    services.application_withdraw(application=application, withdrawn_by=request.user)
    application.refresh_from_db()
    return _application_out(application)


@router.get("/bookings", response={200: list[BookingOut], **ERRORS}, summary="My bookings")
def list_bookings(request: AuthenticatedHttpRequest) -> list[dict[str, Any] | None]:
    return [_booking_out(b) for b in Booking.objects.filter(applicant=request.user)]


@router.post(
    "/bookings/{booking_id}/cancel",
    response={200: BookingOut, **ERRORS},
    summary="Cancel my booking",
)
def cancel_booking(
    request: AuthenticatedHttpRequest, booking_id: Id, payload: CancelIn
) -> dict[str, Any] | None:
    booking = get_object_or_404(Booking, pk=booking_id, applicant=request.user)
    booking = services.booking_cancel(
        booking=booking, cancelled_by=request.user, reason=payload.reason, note=payload.note
    )
    return _booking_out(booking)


@router.get(
    "/host/applications",
    response={200: list[ApplicationOut], **ERRORS},
    summary="Applications to my offerings",
)
def host_list_applications(
    request: AuthenticatedHttpRequest, status: ApplicationStatus | None = None
) -> list[dict[str, Any]]:
    _require(request, Role.HOST)
    applications = selectors.applications_for_host(request.user)
    if status:
        applications = applications.filter(status=status)
    return [_application_out(a) for a in applications]


@router.post(
    "/host/applications/{application_id}/decision",
    response={200: ApplicationOut, **ERRORS},
    summary="Accept, waitlist or decline",
)
def host_decide(
    request: AuthenticatedHttpRequest, application_id: Id, payload: DecisionIn
) -> dict[str, Any]:
    _require(request, Role.HOST)
    application = get_object_or_404(
        selectors.applications_for_host(request.user), pk=application_id
    )
    services.application_decide(
        application=application,
        decision=payload.decision,
        decided_by=request.user,
        message=payload.message,
    )
    application.refresh_from_db()
    return _application_out(application)


@router.post(
    "/host/bookings/{booking_id}/cancel",
    response={200: BookingOut, **ERRORS},
    summary="Cancel a booking as the host",
)
def host_cancel_booking(
    request: AuthenticatedHttpRequest, booking_id: Id, payload: HostCancelIn
) -> dict[str, Any] | None:
    _require(request, Role.HOST)
    booking = get_object_or_404(Booking, pk=booking_id, session__offering__host__owner=request.user)
    booking = services.booking_cancel(
        booking=booking,
        cancelled_by=request.user,
        reason=CancelReason.HOST_CANCELLED,
        note=payload.note,
    )
    return _booking_out(booking)
