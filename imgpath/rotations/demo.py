"""Demo marketplace: two verified hosts, free and paid offerings, a booking and a review.

Dates are relative to today so the demo always has upcoming sessions. The
past rotation behind the verified review is written directly (services refuse
to create sessions in the past); everything else goes through the services.
"""

from __future__ import annotations

from datetime import date, timedelta
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from reportlab.pdfgen.canvas import Canvas

from imgpath.accounts.demo import demo_user
from imgpath.rotations import services
from imgpath.rotations.choices import Decision, EventKind
from imgpath.rotations.models import Application, HostProfile, Offering, Session
from imgpath.rotations.services.common import record_event, today

ORDER = 30

_OBSERVERSHIP_POLICY = {
    "deposit_usd": 300,
    "full_refund_days_before": 30,
    "late_refund_percent": 50,
    "visa_denial_full_refund": True,
}


def load_demo(*, stdout) -> None:
    alvarez_user = demo_user("host@demo.imgpath.org")
    if HostProfile.objects.filter(owner=alvarez_user).exists():
        stdout.write("rotations: demo data already loaded")
        return
    staff = demo_user("staff@demo.imgpath.org")
    alvarez = _alvarez(alvarez_user, staff)
    lakeshore = _lakeshore(demo_user("host2@demo.imgpath.org"), staff)
    _past_rotation_with_review(alvarez["observership"])
    _applicant_activity(alvarez, lakeshore)
    stdout.write("rotations: 2 verified hosts, 6 offerings, 1 booking, 1 pending application")


def first_monday(months_ahead: int) -> date:
    start = today().replace(day=1)
    for _ in range(months_ahead):
        start = (start + timedelta(days=32)).replace(day=1)
    return start + timedelta(days=(7 - start.weekday()) % 7)


def _sessions(offering: Offering, months: list[int], seats: int) -> list[Session]:
    return [
        services.session_create(
            offering=offering,
            start_date=first_monday(m),
            end_date=first_monday(m) + timedelta(days=25),
            seats=seats,
        )
        for m in months
    ]


def _profile(owner, staff, **fields) -> HostProfile:
    profile = services.host_profile_create(owner=owner, fields=fields)
    return services.host_profile_verify(profile=profile, verified_by=staff)


def _offering(host, site, **fields) -> Offering:
    offering = services.offering_create(host=host, fields={"site": site, **fields})
    return services.offering_publish(offering=offering)


def _alvarez(owner, staff) -> dict[str, Offering]:
    host = _profile(
        owner,
        staff,
        kind="physician",
        name="Dr. Maria Alvarez",
        about="Internist in Houston; I have taught IMGs in my clinic for twelve years.",
        credentials="Texas medical licence (demo data); board-certified in internal medicine.",
        specialties=["internal_medicine", "family_medicine"],
    )
    clinic = services.site_create(
        host=host,
        fields={
            "name": "Alvarez Internal Medicine Clinic",
            "street": "2450 Fannin Street",
            "city": "Houston",
            "state": "TX",
            "postal_code": "77002",
        },
    )
    observership = _offering(
        host,
        clinic,
        kind="observership",
        specialty="internal_medicine",
        title="Outpatient internal medicine observership",
        description="Four weeks beside a practising internist: chronic disease, preventive care "
        "and US documentation habits, with weekly case discussions.",
        typical_day="8:00 huddle, morning clinic (12 to 16 patients), lunch teaching, afternoon "
        "clinic, 30-minute debrief.",
        letter_possible=True,
        required_documents=["cv", "passport"],
        onboarding_steps="Complete the clinic's online HIPAA training\nSend your arrival date",
        preceptor="Dr. Maria Alvarez, MD (Texas), board-certified in internal medicine",
        fee_usd=1200,
        fee_covers="Preceptor time, clinic badge and a weekly teaching session.",
        **_OBSERVERSHIP_POLICY,
    )
    _sessions(observership, [1, 2, 3], seats=2)
    externship = _offering(
        host,
        clinic,
        kind="externship",
        specialty="family_medicine",
        title="Hands-on family medicine externship",
        description="See patients first, present to the attending, write notes and orders under "
        "supervision.",
        typical_day="Clinic 8:00 to 17:00 with your own patient list; notes reviewed the same day.",
        hands_on=True,
        requires_step1=True,
        audience="graduates",
        letter_possible=True,
        required_documents=["cv", "passport", "usmle_transcript", "immunizations", "insurance"],
        onboarding_steps="Background check through the clinic\nProof of malpractice cover",
        fee_usd=2800,
        fee_covers="Supervision, EHR access and malpractice administration.",
        deposit_usd=500,
        full_refund_days_before=45,
    )
    _sessions(externship, [2, 4], seats=1)
    return {"observership": observership, "externship": externship}


def _lakeshore(owner, staff) -> dict[str, Offering]:
    host = _profile(
        owner,
        staff,
        kind="hospital",
        name="Lakeshore Community Hospital",
        about="A 300-bed community teaching hospital. Our physicians volunteer as preceptors.",
        credentials="Illinois-licensed acute care hospital (demo data).",
        specialties=["internal_medicine", "psychiatry", "neurology", "emergency_medicine"],
    )
    chicago = services.site_create(
        host=host,
        fields={
            "name": "Lakeshore Community Hospital",
            "street": "1200 N Lake Shore Drive",
            "city": "Chicago",
            "state": "IL",
            "postal_code": "60611",
        },
    )
    milwaukee = services.site_create(
        host=host,
        fields={
            "name": "Lakeshore Behavioral Health Center",
            "street": "700 W Virginia Street",
            "city": "Milwaukee",
            "state": "WI",
            "postal_code": "53204",
        },
    )
    nonprofit = _offering(
        host,
        chicago,
        kind="nonprofit_observership",
        specialty="internal_medicine",
        title="Internal medicine observership (not-for-profit)",
        description="Our volunteer internists run this observership on the AMA's guidelines to "
        "help IMGs learn how US inpatient medicine works.",
        typical_day="Rounds with the team, family meetings, discharge planning; no hands-on care.",
        letter_possible=True,
        required_documents=["cv", "ecfmg_status"],
        onboarding_steps="Hospital orientation (first Monday, 8:00)\nTB test result",
        preceptor="Dr. James Okafor, MD (Illinois), board-certified in internal medicine",
        fee_usd=150,
        cost_items=[
            {"label": "Hospital badge and orientation", "usd": 50},
            {"label": "Immunization titer review", "usd": 100},
        ],
        fee_covers="Actual costs only, itemized below.",
        full_refund_days_before=14,
    )
    _sessions(nonprofit, [1, 2, 3], seats=3)
    psychiatry = _offering(
        host,
        milwaukee,
        kind="nonprofit_observership",
        specialty="psychiatry",
        title="Community psychiatry observership",
        description="Outpatient and crisis psychiatry in a community behavioral health center.",
        typical_day="Intake assessments, medication management visits, team meeting.",
        required_documents=["cv"],
        preceptor="Dr. Lena Novak, MD (Wisconsin), board-certified in psychiatry",
        fee_usd=0,
    )
    _sessions(psychiatry, [2, 5], seats=2)
    emergency = _offering(
        host,
        chicago,
        kind="observership",
        specialty="emergency_medicine",
        title="Emergency department observership",
        description="Shadow attendings in a busy urban emergency department.",
        typical_day="Eight-hour shifts, including two nights a week.",
        required_documents=["cv", "passport", "immunizations"],
        fee_usd=900,
        fee_covers="Badge, parking and the department's teaching time.",
        late_refund_percent=25,
    )
    _sessions(emergency, [1, 3], seats=4)
    clerkship = _offering(
        host,
        chicago,
        kind="clerkship",
        specialty="neurology",
        title="Neurology elective for visiting students",
        description="A four-week inpatient neurology elective for final-year students.",
        typical_day="Stroke and general neurology rounds; you present your own patients.",
        hands_on=True,
        requires_step1=True,
        audience="students",
        required_documents=["good_standing", "usmle_transcript", "immunizations", "insurance"],
        fee_usd=1500,
        fee_covers="Elective administration and supervision.",
    )
    _sessions(clerkship, [3], seats=2)
    return {"nonprofit": nonprofit, "psychiatry": psychiatry}


def _past_rotation_with_review(offering: Offering) -> None:
    student = demo_user("applicant2@demo.imgpath.org")
    start = today() - timedelta(days=90)
    session = Session.objects.create(
        offering=offering, start_date=start, end_date=start + timedelta(days=25), seats=2
    )
    application = Application.objects.create(
        session=session, applicant=student, statement="I would like to learn US outpatient care."
    )
    record_event(application=application, kind=EventKind.APPLIED, actor=student)
    host_user = offering.host.owner
    assert host_user is not None  # the demo's host profiles are created with their owner
    booking = services.booking_create(application=application, decided_by=host_user)
    booking = services.booking_complete(
        booking=booking,
        completed_by=host_user,
        evaluation="Punctual, curious and careful with patients' privacy.",
    )
    services.review_create(
        booking=booking,
        author=student,
        rating=5,
        text="Dr. Alvarez explained every decision and let me present cases at lunch. "
        "The price and refund terms were exactly as listed.",
    )


def _applicant_activity(alvarez: dict[str, Offering], lakeshore: dict[str, Offering]) -> None:
    priya = demo_user("applicant@demo.imgpath.org")
    documents = {code: _demo_pdf(priya, code) for code in ["cv", "passport", "ecfmg_status"]}
    nonprofit_session = lakeshore["nonprofit"].sessions.earliest("start_date")
    application = services.application_create(
        session=nonprofit_session,
        applicant=priya,
        statement="Internal medicine is my goal for the 2027 Match; I want to learn US ward work.",
        documents=[documents["cv"], documents["ecfmg_status"]],
    )
    lakeshore_host = lakeshore["nonprofit"].host.owner
    assert lakeshore_host is not None  # created with its owner above
    services.application_decide(
        application=application,
        decision=Decision.ACCEPT,
        decided_by=lakeshore_host,
        message="Welcome! Orientation is on your first Monday at 8:00.",
    )
    later = alvarez["observership"].sessions.latest("start_date")
    services.application_create(
        session=later,
        applicant=priya,
        statement="I would value outpatient experience after my inpatient observership.",
        documents=[documents["cv"], documents["passport"]],
    )


def _demo_pdf(owner, code: str):
    buffer = BytesIO()
    canvas = Canvas(buffer)
    canvas.drawString(72, 720, f"Demo document ({code}) for {owner.name}. Not a real record.")
    canvas.save()
    upload = SimpleUploadedFile(f"{code}.pdf", buffer.getvalue(), "application/pdf")
    return services.document_upload(owner=owner, doc_type=code, upload=upload)
