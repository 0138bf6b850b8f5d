"""Changes to a season. Every write is atomic; a refused change raises ServiceError and
changes nothing. Callers pass objects already looked up for the signed-in user."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.db import transaction
from django.utils import timezone

from imgpath.core.errors import ConflictError, ServiceError
from imgpath.programs.fit import coming_match_year
from imgpath.programs.models import NrmpProgram, Program, SavedProgram
from imgpath.season.models import (
    Interview,
    Letter,
    Season,
    SignalLevel,
    Statement,
    StatementVersion,
    Status,
    StatusChange,
    Track,
    TrackedProgram,
)
from imgpath.season.rules import current_rules
from imgpath.season.zones import zone_for_state

if TYPE_CHECKING:
    from imgpath.accounts.models import User

EDITABLE = ("notes", "tags", "track", "travel_estimate_usd", "rank", "time_zone", "signal")


def season_for(user: User, *, today: dt.date | None = None) -> Season:
    """The applicant's season for the coming Match, made on first use."""
    year = coming_match_year(today or timezone.localdate())
    season, _ = Season.objects.get_or_create(user=user, match_year=year)
    return season


def check_zone(name: str, field: str = "time_zone") -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ServiceError("Not a known time zone.", field=field) from exc
    return name


def season_time_zone_set(season: Season, name: str) -> Season:
    """The zone the applicant reads interview times in; refused unless zoneinfo knows it."""
    season.time_zone = check_zone(name.strip())
    season.save(update_fields=["time_zone"])
    return season


def _clean_tags(tags: Iterable[str]) -> list[str]:
    cleaned = sorted({tag.strip()[:40] for tag in tags if tag and tag.strip()})
    if len(cleaned) > 20:
        raise ServiceError("At most 20 tags.", field="tags")
    return cleaned


def _from_program(season: Season, program: Program, track: str) -> TrackedProgram:
    if TrackedProgram.objects.filter(season=season, program=program, track=track).exists():
        raise ConflictError("This program and track are already in your season.", field="program")
    tracked = TrackedProgram.objects.create(
        season=season,
        program=program,
        name=program.name,
        specialty=program.specialty.slug,
        city=program.city,
        state=program.state,
        acgme_id=program.acgme_id,
        time_zone=zone_for_state(program.state),
        track=track,
    )
    StatusChange.objects.create(tracked=tracked, status=tracked.status)
    return tracked


@transaction.atomic
def tracked_program_add(
    season: Season,
    *,
    acgme_id: str = "",
    nrmp_code: str = "",
    track: str = Track.CATEGORICAL,
) -> TrackedProgram:
    """Add a directory program by its ACGME id, or by an NRMP code linked to one."""
    if track not in Track.values:
        raise ServiceError("Unknown track.", field="track")
    if acgme_id:
        program = Program.objects.select_related("specialty").filter(acgme_id=acgme_id).first()
        if program is None:
            raise ServiceError("No program in the directory has this ACGME id.", field="acgme_id")
        return _from_program(season, program, track)
    if nrmp_code:
        nrmp = NrmpProgram.objects.select_related("program__specialty").filter(code=nrmp_code)
        row = nrmp.first()
        if row is None or row.program is None:
            raise ServiceError(
                "No directory program is linked to this NRMP code.", field="nrmp_code"
            )
        tracked = _from_program(season, row.program, track)
        tracked.nrmp_code = row.code
        tracked.save(update_fields=["nrmp_code"])
        return tracked
    raise ServiceError("Give an ACGME id or an NRMP code.", field="acgme_id")


@transaction.atomic
def tracked_programs_add_shortlist(season: Season) -> list[TrackedProgram]:
    """Every shortlisted program not yet in the season, as categorical."""
    have = set(
        TrackedProgram.objects.filter(season=season, track=Track.CATEGORICAL).values_list(
            "program_id", flat=True
        )
    )
    saved = SavedProgram.objects.filter(user=season.user).select_related("program__specialty")
    added = []
    for item in saved:
        if item.program_id not in have:
            tracked = _from_program(season, item.program, Track.CATEGORICAL)
            if item.tags:
                tracked.tags = _clean_tags(item.tags)
                tracked.save(update_fields=["tags"])
            added.append(tracked)
    return added


@transaction.atomic
def tracked_program_update(tracked: TrackedProgram, **changes) -> TrackedProgram:
    status = changes.pop("status", None)
    if "tags" in changes and changes["tags"] is not None:
        changes["tags"] = _clean_tags(changes["tags"])
    if changes.get("time_zone"):
        check_zone(changes["time_zone"])
    if changes.get("signal") is not None and changes["signal"] not in SignalLevel.values:
        raise ServiceError("Unknown signal level.", field="signal")
    if "track" in changes and changes["track"] not in Track.values:
        raise ServiceError("Unknown track.", field="track")
    fields = []
    for key, value in changes.items():
        if key in EDITABLE and value is not None:
            setattr(tracked, key, value)
            fields.append(key)
    if status is not None and status != tracked.status:
        if status not in Status.values:
            raise ServiceError("Unknown status.", field="status")
        tracked.status = status
        fields.append("status")
        StatusChange.objects.create(tracked=tracked, status=status)
    if fields:
        tracked.save(update_fields=fields)
    return tracked


def tracked_program_delete(tracked: TrackedProgram) -> None:
    tracked.delete()


def check_respond_by(season: Season, respond_by: dt.date | None) -> dt.date | None:
    """A response deadline belongs to the season: within the two years before its Match or
    the Match year itself; anything else is a typing slip, not a deadline."""
    if respond_by is None:
        return None
    first, last = dt.date(season.match_year - 2, 1, 1), dt.date(season.match_year, 12, 31)
    if not first <= respond_by <= last:
        raise ServiceError(
            f"Give a response deadline between {first:%d %b %Y} and {last:%d %b %Y}.",
            field="respond_by",
        )
    return respond_by


def interview_deadline_set(interview: Interview, respond_by: dt.date | None) -> Interview:
    """Set, correct or clear the date by which the applicant must answer the invitation."""
    interview.respond_by = check_respond_by(interview.tracked.season, respond_by)
    interview.save(update_fields=["respond_by"])
    return interview


@transaction.atomic
def interview_add(
    tracked: TrackedProgram,
    *,
    offered: list[dt.datetime],
    starts_at: dt.datetime | None = None,
    duration_minutes: int = 240,
    virtual: bool = True,
    location: str = "",
    city: str = "",
    respond_by: dt.date | None = None,
) -> Interview:
    for moment in [*offered, *([starts_at] if starts_at else [])]:
        if timezone.is_naive(moment):
            raise ServiceError("Give times with their UTC offset.", field="starts_at")
    check_respond_by(tracked.season, respond_by)
    interview = Interview.objects.create(
        tracked=tracked,
        offered=[moment.astimezone(dt.UTC).isoformat() for moment in offered],
        starts_at=starts_at.astimezone(dt.UTC) if starts_at else None,
        duration_minutes=duration_minutes,
        virtual=virtual,
        location=location,
        city=city or ("" if virtual else tracked.city),
        respond_by=respond_by,
    )
    if starts_at and tracked.status in {Status.CONSIDERING, Status.APPLIED, Status.INVITED}:
        tracked_program_update(tracked, status=Status.INTERVIEW_SCHEDULED)
    elif tracked.status in {Status.CONSIDERING, Status.APPLIED}:
        tracked_program_update(tracked, status=Status.INVITED)
    return interview


@transaction.atomic
def interview_update(interview: Interview, *, starts_at=None, thank_you_sent: bool | None = None):
    """Choosing a date schedules the interview, as adding one with a date does."""
    if starts_at is not None:
        if timezone.is_naive(starts_at):
            raise ServiceError("Give times with their UTC offset.", field="starts_at")
        interview.starts_at = starts_at.astimezone(dt.UTC)
        tracked = interview.tracked
        if tracked.status in {Status.CONSIDERING, Status.APPLIED, Status.INVITED}:
            tracked_program_update(tracked, status=Status.INTERVIEW_SCHEDULED)
    if thank_you_sent is not None:
        interview.thank_you_sent_at = timezone.now() if thank_you_sent else None
    interview.save()
    return interview


def _check_length(text: str) -> None:
    limit = StatementVersion._meta.get_field("text").max_length
    if limit is not None and len(text) > limit:
        raise ServiceError("The statement is far over any limit.", field="text")


@transaction.atomic
def statement_create(season: Season, *, title: str, specialty: str = "", text: str) -> Statement:
    _check_length(text)
    statement = Statement.objects.create(season=season, title=title, specialty=specialty)
    StatementVersion.objects.create(statement=statement, number=1, text=text)
    return statement


@transaction.atomic
def statement_version_add(statement: Statement, *, text: str) -> StatementVersion:
    _check_length(text)
    last = (
        StatementVersion.objects.select_for_update()
        .filter(statement=statement)
        .order_by("-number")
        .first()
    )
    number = (last.number if last else 0) + 1
    return StatementVersion.objects.create(statement=statement, number=number, text=text)


def statement_assign(tracked: TrackedProgram, statement: Statement | None) -> TrackedProgram:
    """One statement per program: assigning replaces the previous one."""
    tracked.statement = statement
    tracked.save(update_fields=["statement"])
    return tracked


LETTER_FIELDS = (
    "writer_name",
    "writer_title",
    "writer_email",
    "specialty",
    "us_physician",
    "us_clinical",
    "specialty_letter",
    "waived",
    "requested_on",
    "received_on",
)


@transaction.atomic
def letter_create(season: Season, *, booking_id: int | None = None, **fields) -> Letter:
    from imgpath.rotations.models import Booking

    booking = None
    if booking_id is not None:
        booking = Booking.objects.filter(pk=booking_id, applicant=season.user).first()
        if booking is None:
            raise ServiceError("No booking of yours has this id.", field="booking_id")
        fields["us_clinical"] = True
    received, requested = fields.get("received_on"), fields.get("requested_on")
    if received and requested and received < requested:
        raise ServiceError("Received before it was requested.", field="received_on")
    return Letter.objects.create(
        season=season, booking=booking, **{k: v for k, v in fields.items() if k in LETTER_FIELDS}
    )


@transaction.atomic
def letters_assign(tracked: TrackedProgram, letter_ids: list[int]) -> TrackedProgram:
    most = current_rules().letters_max
    unique = list(dict.fromkeys(letter_ids))
    if len(unique) > most:
        raise ServiceError(f"ERAS sends at most {most} letters to a program.", field="letter_ids")
    letters = list(Letter.objects.filter(season=tracked.season, pk__in=unique))
    if len(letters) != len(unique):
        raise ServiceError("One of these letters is not yours.", field="letter_ids")
    tracked.letters.set(letters)
    return tracked


@transaction.atomic
def signals_set(season: Season, placements: dict[int, str]) -> None:
    """Replace the season's signals with ``placements`` (tracked id -> level)."""
    for level in placements.values():
        if level not in SignalLevel.values:
            raise ServiceError("Unknown signal level.", field="signals")
    found = set(
        TrackedProgram.objects.filter(season=season, pk__in=placements).values_list("pk", flat=True)
    )
    if found != set(placements):
        raise ServiceError("One of these programs is not in your season.", field="signals")
    TrackedProgram.objects.filter(season=season).exclude(pk__in=placements).update(signal="")
    for pk, level in placements.items():
        TrackedProgram.objects.filter(pk=pk).update(signal=level)
