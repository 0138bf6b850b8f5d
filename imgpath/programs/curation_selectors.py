"""Reads of the staff curation workbench: the queue, a program's values, checks waiting."""

from __future__ import annotations

import datetime as dt

from django.db.models import (
    Aggregate,
    Case,
    Count,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from imgpath.programs.models import (
    CurationStatus,
    CurationValue,
    Program,
    ProgramViewDay,
    SavedProgram,
    ValueKind,
)
from imgpath.programs.national import national_shares
from imgpath.programs.policy import SPECS

VIEW_WINDOW_DAYS = 90
LEDGER_COLUMNS = [key for key in SPECS if key != "website_url"]


def _count_of(queryset, column: Aggregate):
    return Coalesce(
        Subquery(queryset.values("program").annotate(n=column).values("n")[:1]),
        0,
        output_field=IntegerField(),
    )


def curation_queue(*, specialty: str = "", today: dt.date | None = None):
    """Programs in the order staff should fill them: most saved and viewed by applicants
    first, then by the specialty's national IMG share (unknown shares last), then name."""
    today = today or timezone.localdate()
    since = today - dt.timedelta(days=VIEW_WINDOW_DAYS)
    saved = _count_of(SavedProgram.objects.filter(program=OuterRef("pk")), Count("id"))
    views = _count_of(
        ProgramViewDay.objects.filter(program=OuterRef("pk"), day__gte=since), Sum("views")
    )
    shares = national_shares()
    share = Case(
        *[When(specialty__code=code, then=Value(s.img_percent)) for code, s in shares.items()],
        default=Value(-1.0),
        output_field=FloatField(),
    )
    unknown = sum(
        (Case(When(**{key: ValueKind.UNKNOWN}, then=1), default=0) for key in LEDGER_COLUMNS),
        Value(0),
    )
    queryset = Program.objects.select_related("specialty")
    if specialty:
        queryset = queryset.filter(specialty__code=specialty)
    return queryset.annotate(
        saved_count=saved,
        view_count=views,
        interest=F("saved_count") + F("view_count"),
        specialty_share=share,
        unknown_fields=unknown,
        awaiting=Count("curation_values", filter=Q(curation_values__status="awaiting_check")),
    ).order_by("-interest", "-specialty_share", "-unknown_fields", "name", "acgme_id")


def awaiting_checks():
    return (
        CurationValue.objects.filter(status=CurationStatus.AWAITING_CHECK)
        .select_related("program", "entered_by")
        .order_by("created_at")
    )


def curation_history(program: Program) -> list[CurationValue]:
    return list(
        CurationValue.objects.filter(program=program)
        .select_related("entered_by", "checked_by")
        .order_by("-created_at")[:20]
    )
