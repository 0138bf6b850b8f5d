"""Reads: which cycles a person may see, and who may rank whom."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from imgpath.accounts.models import User
from imgpath.matching.models import (
    CycleKind,
    CycleStatus,
    MatchCycle,
    MatchProgram,
    Participant,
)
from imgpath.rotations.choices import PENDING_APPLICATION_STATUSES


def joinable_mock_cycles() -> QuerySet[MatchCycle]:
    """Mock cycles any applicant may join: open, before their deadline."""
    return MatchCycle.objects.filter(
        kind=CycleKind.MOCK, status=CycleStatus.OPEN, rank_deadline__gt=timezone.now()
    )


def _pending_in_round(user: User) -> Q:
    return Q(
        kind=CycleKind.PLACEMENT,
        status=CycleStatus.OPEN,
        programs__session__applications__applicant=user,
        programs__session__applications__status__in=PENDING_APPLICATION_STATUSES,
    )


def cycles_visible_to(user: User | AnonymousUser) -> QuerySet[MatchCycle]:
    """Staff see every cycle; others the cycles they created, rank for or take part in.

    Applicants also see the mock cycles they may join and the open placement rounds over
    sessions they applied to.
    """
    if not user.is_authenticated:
        return MatchCycle.objects.none()
    if user.is_staff:
        return MatchCycle.objects.all()
    mine = Q(created_by=user) | Q(programs__owner=user) | Q(participants__user=user)
    if user.is_applicant:
        mine |= Q(pk__in=joinable_mock_cycles().values("pk")) | _pending_in_round(user)
    ids = MatchCycle.objects.filter(mine).values("pk")
    return MatchCycle.objects.filter(pk__in=ids)


def cycle_for_user(user: User | AnonymousUser, pk: int) -> MatchCycle:
    """The guarded fetch: another person's cycle is indistinguishable from a missing one."""
    cycle = cycles_visible_to(user).select_related("created_by").filter(pk=pk).first()
    if cycle is None:
        raise Http404
    return cycle


def participant_of(user: User | AnonymousUser, cycle: MatchCycle) -> Participant | None:
    if not user.is_authenticated:
        return None
    return Participant.objects.filter(cycle=cycle, user=user).select_related("user").first()


def my_participant(user: User | AnonymousUser, cycle: MatchCycle) -> Participant:
    participant = participant_of(user, cycle)
    if participant is None:
        raise Http404
    return participant


def programs_managed_by(user: User | AnonymousUser, cycle: MatchCycle) -> list[MatchProgram]:
    programs = cycle.programs.select_related("session", "cycle")
    return [p for p in programs if p.managed_by(user)]


def managed_program(user: User | AnonymousUser, cycle: MatchCycle, pk: int) -> MatchProgram:
    program = cycle.programs.select_related("cycle", "session").filter(pk=pk).first()
    if program is None or not program.managed_by(user):
        raise Http404
    return program


def program_choices_for(participant: Participant) -> QuerySet[MatchProgram]:
    """What an applicant may rank: every program of a mock cycle; in a placement round, the
    sessions they still have a pending application to."""
    programs = participant.cycle.programs.select_related("session")
    if participant.cycle.is_placement:
        programs = programs.filter(
            session__applications__applicant_id=participant.user_id,
            session__applications__status__in=PENDING_APPLICATION_STATUSES,
        )
    return programs


def applicant_choices_for(program: MatchProgram) -> QuerySet[Participant]:
    """Whom a program may rank: every participant of a mock cycle; for a session, the
    participants with a pending application to it."""
    people = program.cycle.participants.select_related("user")
    if program.session_id is not None:
        people = people.filter(
            user__rotation_applications__session_id=program.session_id,
            user__rotation_applications__status__in=PENDING_APPLICATION_STATUSES,
        )
    return people


def ranked_programs(participant: Participant) -> list[MatchProgram]:
    return [r.program for r in participant.ranks.select_related("program__session")]


def ranked_participants(program: MatchProgram) -> list[Participant]:
    return [r.participant for r in program.ranks.select_related("participant__user")]


def program_overview(cycle: MatchCycle) -> QuerySet[MatchProgram]:
    """Programs with how many applicants they ranked and how many they matched."""
    return cycle.programs.select_related("owner", "session").annotate(
        ranked=Count("ranks", distinct=True), filled=Count("matched", distinct=True)
    )


def participant_counts(cycle: MatchCycle) -> dict[str, int]:
    return cycle.participants.aggregate(
        total=Count("pk"),
        certified=Count("pk", filter=Q(certified_at__isnull=False)),
        matched=Count("pk", filter=Q(matched_program__isnull=False)),
    )


def uncertified_counts(cycle: MatchCycle) -> tuple[int, int]:
    """(applicants, programs) whose lists are not certified: the run would leave them out."""
    applicants = cycle.participants.filter(certified_at__isnull=True).count()
    programs = cycle.programs.filter(certified_at__isnull=True).count()
    return applicants, programs
