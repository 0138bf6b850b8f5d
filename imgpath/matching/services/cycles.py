"""Creating mock cycles and their programs, joining and leaving, cancelling."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from imgpath.accounts.models import Role, User
from imgpath.core.errors import ConflictError, ServiceError
from imgpath.matching.models import (
    MAX_CAPACITY,
    MAX_PARTICIPANTS,
    MAX_PROGRAMS,
    ApplicantRank,
    CycleKind,
    CycleStatus,
    MatchCycle,
    MatchProgram,
    Participant,
)
from imgpath.matching.selectors import program_choices_for
from imgpath.matching.services.common import (
    ensure_cycle_manager,
    lock_cycle,
    lock_open_cycle,
    notify_each,
    now,
)

MIN_LEAD = timedelta(minutes=5)
MAX_LEAD = timedelta(days=365)


def check_deadline(rank_deadline: datetime) -> None:
    """A deadline a few minutes to a year ahead, so people have time to rank."""
    if timezone.is_naive(rank_deadline):
        raise ServiceError("Give the deadline with its time zone.", field="rank_deadline")
    if rank_deadline < now() + MIN_LEAD:
        raise ServiceError(
            "The rank-list deadline must be at least 5 minutes from now.", field="rank_deadline"
        )
    if rank_deadline > now() + MAX_LEAD:
        raise ServiceError("The rank-list deadline must be within a year.", field="rank_deadline")


def clean_title(title: str) -> str:
    title = (title or "").strip()
    if not title:
        raise ServiceError("Give the cycle a title.", field="title")
    return title


def mock_cycle_create(
    *, created_by: User, title: str, rank_deadline: datetime, description: str = ""
) -> MatchCycle:
    """A practice match that every applicant may join; staff or approved hosts create it."""
    is_host = created_by.role == Role.HOST
    if not (created_by.is_staff or (is_host and created_by.is_approved)):
        raise PermissionDenied(
            "Mock matches are listed to every applicant, so only IMGPath staff and hosts "
            "approved by staff can create them."
        )
    check_deadline(rank_deadline)
    cycle = MatchCycle(
        kind=CycleKind.MOCK,
        title=clean_title(title),
        description=(description or "").strip(),
        created_by=created_by,
        rank_deadline=rank_deadline,
    )
    cycle.full_clean()
    cycle.save()
    return cycle


def program_add(
    *, cycle: MatchCycle, by: User, name: str, capacity: int, owner_email: str = ""
) -> MatchProgram:
    """Add a made-up program to a mock cycle; `owner_email` invites a host to rank for it."""
    ensure_cycle_manager(by, cycle)
    if cycle.is_placement:
        raise ConflictError("A placement round's programs are its sessions.")
    name = (name or "").strip()
    if not name:
        raise ServiceError("Give the program a name.", field="name")
    if not 0 <= capacity <= MAX_CAPACITY:
        raise ServiceError(f"Positions go from 0 to {MAX_CAPACITY}.", field="capacity")
    owner = _host_by_email(owner_email)
    with transaction.atomic():
        cycle = lock_open_cycle(cycle.pk)
        if cycle.programs.count() >= MAX_PROGRAMS:
            raise ConflictError(f"A cycle has at most {MAX_PROGRAMS} programs.")
        program = MatchProgram(cycle=cycle, name=name, capacity=capacity, owner=owner)
        program.full_clean(validate_constraints=False)
        _save_program(program)
        if owner is not None and owner.pk != by.pk:
            _invite(program, owner)
    return program


def _host_by_email(email: str):
    email = (email or "").strip().lower()
    if not email:
        return None
    owner = get_user_model().objects.filter(email=email, role=Role.HOST, is_active=True).first()
    if owner is None:
        raise ServiceError(f"No host account uses {email}.", field="owner_email")
    return owner


def _save_program(program: MatchProgram) -> None:
    try:
        with transaction.atomic():
            program.save()
    except IntegrityError as exc:
        raise ServiceError(
            f"This cycle already has a program called “{program.name}”.", field="name"
        ) from exc


def _invite(program: MatchProgram, owner: User) -> None:
    deadline = timezone.localtime(program.cycle.rank_deadline)
    notify_each(
        people=[owner],
        cycle=program.cycle,
        subject=f"Rank applicants for {program.name}",
        lines=[
            f"You were asked to rank applicants for “{program.name}” in the mock match "
            f"“{program.cycle.title}”.",
            f"Rank and certify the list before {deadline:%d %b %Y, %H:%M %Z}.",
        ],
    )


def program_remove(*, program: MatchProgram, by: User) -> None:
    """Remove a program nobody has ranked yet (removing one would change certified lists)."""
    ensure_cycle_manager(by, program.cycle)
    with transaction.atomic():
        lock_open_cycle(program.cycle_id)
        if ApplicantRank.objects.filter(program=program).exists():
            raise ConflictError(
                f"Applicants have already ranked “{program.name}”, so it cannot be removed. "
                "Set its positions to 0 instead."
            )
        program.delete()


def participant_join(*, cycle: MatchCycle, user: User) -> Participant:
    """Join as an applicant; joining twice returns the same participation."""
    if user.role != Role.APPLICANT:
        raise ServiceError("Only applicant accounts take part as applicants.")
    with transaction.atomic():
        cycle = lock_open_cycle(cycle.pk)
        existing = Participant.objects.filter(cycle=cycle, user=user).first()
        if existing is not None:
            return existing
        _check_can_join(cycle, user)
        return Participant.objects.create(cycle=cycle, user=user)


def _check_can_join(cycle: MatchCycle, user: User) -> None:
    if cycle.is_placement:
        probe = Participant(cycle=cycle, user=user)
        if not program_choices_for(probe).exists():
            raise ConflictError(
                "You have no pending application to a session of this round, so there is "
                "nothing for you to rank."
            )
    elif cycle.participants.count() >= MAX_PARTICIPANTS:
        raise ConflictError(f"This mock match is full ({MAX_PARTICIPANTS} applicants).")


def participant_leave(*, participant: Participant, by: User | None) -> None:
    """Leave before the deadline: the rank list goes, and so do programs' ranks of you."""
    if by is None or participant.user_id != by.pk:
        raise PermissionDenied("Only the applicant can leave.")
    with transaction.atomic():
        lock_open_cycle(participant.cycle_id)
        participant.delete()


def cycle_cancel(*, cycle: MatchCycle, by: User) -> MatchCycle:
    """Close an open cycle without running it; a placement round's sessions go back to
    one-by-one decisions."""
    ensure_cycle_manager(by, cycle)
    with transaction.atomic():
        cycle = lock_cycle(cycle.pk)
        if cycle.status != CycleStatus.OPEN:
            raise ConflictError(f"“{cycle.title}” is already {cycle.get_status_display().lower()}.")
        cycle.status = CycleStatus.CANCELLED
        cycle.save(update_fields=["status", "updated_at"])
        notify_each(
            people=[p.user for p in cycle.participants.select_related("user")],
            cycle=cycle,
            subject=f"Cancelled: {cycle.title}",
            lines=[f"“{cycle.title}” was cancelled before it ran. Nothing was matched."],
        )
    return cycle
