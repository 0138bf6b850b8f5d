"""Demo season for the demo applicant: mid-season, 30 programs in several statuses, letters
(one from her U.S. rotation booking), two statements with versions, interviews and signals."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from imgpath.accounts.demo import demo_user
from imgpath.programs.models import Program
from imgpath.season import services
from imgpath.season.models import Season, Status

ORDER = 60
PLAN = (
    [Status.CONSIDERING] * 6
    + [Status.APPLIED] * 12
    + [Status.INVITED] * 3
    + [Status.INTERVIEW_SCHEDULED] * 3
    + [Status.INTERVIEWED] * 2
    + [Status.RANKED] * 2
    + [Status.REJECTED, Status.WITHDRAWN]
)
STATEMENT_V1 = (
    "I chose internal medicine on a night shift in Lagos, when a patient's sodium told a story "
    "nobody had asked about.\n"
    "Since then I have learned to listen to numbers and to people."
)
STATEMENT_V2 = (
    "I chose internal medicine on a night shift in Lagos, when a patient's sodium told a story "
    "nobody had asked about.\n"
    "My observership in Chicago showed me how U.S. teams turn that curiosity into care.\n"
    "Since then I have learned to listen to numbers and to people."
)


def _path(status: str) -> list[str]:
    """The statuses a program passed through to reach ``status``, so its history reads true."""
    if status in {Status.WITHDRAWN, Status.REJECTED}:
        return [Status.APPLIED, status]
    return list(Status.values[1 : Status.values.index(status) + 1])


def load_demo(*, stdout) -> None:
    priya = demo_user("applicant@demo.imgpath.org")
    if Season.objects.filter(user=priya).exists():
        stdout.write("season: demo data already loaded")
        return
    season = services.season_for(priya)
    programs = list(
        Program.objects.filter(specialty__slug="internal_medicine")
        .select_related("specialty")
        .order_by("acgme_id")[: len(PLAN)]
    )
    tracked = []
    for program, status in zip(programs, PLAN, strict=False):
        item = services.tracked_program_add(season, acgme_id=program.acgme_id)
        for step in _path(status):
            services.tracked_program_update(item, status=step)
        tracked.append(item)
    if not tracked:
        stdout.write("season: no directory programs loaded, demo season left empty")
        return
    statement = services.statement_create(
        season, title="Internal medicine", specialty="internal_medicine", text=STATEMENT_V1
    )
    services.statement_version_add(statement, text=STATEMENT_V2)
    services.statement_create(
        season, title="Preliminary year", specialty="internal_medicine", text=STATEMENT_V1
    )
    booking = priya.rotation_bookings.order_by("id").first()
    letters = [
        services.letter_create(
            season,
            writer_name="Dr. Maya Chen",
            writer_title="Attending physician",
            specialty="internal_medicine",
            us_physician=True,
            us_clinical=True,
            booking_id=booking.pk if booking else None,
            requested_on=dt.date(2026, 7, 1),
            received_on=dt.date(2026, 8, 2),
        ),
        services.letter_create(
            season,
            writer_name="Prof. Adebayo Okafor",
            writer_title="Head of medicine",
            specialty="internal_medicine",
            requested_on=dt.date(2026, 7, 1),
            received_on=dt.date(2026, 7, 20),
        ),
        services.letter_create(
            season,
            writer_name="Dr. Sara Patel",
            writer_title="Research supervisor",
            specialty="internal_medicine",
            us_physician=True,
            requested_on=dt.date(2026, 7, 15),
        ),
    ]
    for index, item in enumerate(tracked):
        if item.status != Status.CONSIDERING:
            services.letters_assign(item, [letter.pk for letter in letters[:2]])
            services.statement_assign(item, statement)
        if item.status == Status.RANKED:
            services.tracked_program_update(item, rank=index)
    start = timezone.now().replace(hour=14, minute=0, second=0, microsecond=0, tzinfo=dt.UTC)
    scheduled = [t for t in tracked if t.status == Status.INTERVIEW_SCHEDULED]
    for offset, item in enumerate(scheduled):
        # The first two fall on the same day an hour apart: the page flags the overlap.
        when = start + dt.timedelta(days=7 if offset < 2 else 10)
        services.interview_add(
            item,
            offered=[when, when + dt.timedelta(days=2)],
            starts_at=when + dt.timedelta(hours=offset),
            virtual=offset != 1,
            city=item.city,
        )
    services.signals_set(
        season, {t.pk: "gold" for t in tracked[6:9]} | {t.pk: "silver" for t in tracked[9:15]}
    )
    stdout.write(
        f"season: {len(tracked)} tracked programs, 3 letters, 2 statements, "
        f"{len(scheduled)} interviews"
    )
