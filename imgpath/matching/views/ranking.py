"""Rank-list pages: an applicant's own list, and a program's list for whoever ranks for it.

Both pages work without JavaScript (position numbers and move buttons post the whole order);
ranklist.js adds drag and drop and moves without a round trip; HTMX swaps the editor in place.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from imgpath.accounts.http import AuthenticatedHttpRequest
from imgpath.core.errors import ServiceError
from imgpath.core.http import HtmxHttpRequest
from imgpath.core.refusals import refused
from imgpath.matching import selectors, services
from imgpath.matching.forms import RankOrderForm
from imgpath.matching.models import MatchCycle, MatchProgram, Participant

PAGE = "matching/rank_list.html"


@dataclass(frozen=True)
class Item:
    id: int
    name: str
    available: bool = True


@dataclass(frozen=True)
class Editor:
    """One rank list as the page shows it, for either side."""

    cycle: MatchCycle
    side: str  # "applicant" or "program"
    title: str
    ranked: list[Item]
    unranked: list[Item]
    certified_at: datetime | None
    url: str
    certify_url: str
    matched_ids: frozenset[int] = frozenset()

    @property
    def locked(self) -> bool:
        return self.cycle.is_locked()

    @property
    def allowed(self) -> set[int]:
        return {i.id for i in self.ranked if i.available} | {i.id for i in self.unranked}


def _editor(
    *,
    cycle: MatchCycle,
    side: str,
    title: str,
    ranked: Sequence[MatchProgram | Participant],
    choices: Iterable[MatchProgram | Participant],
    certified_at: datetime | None,
    url_args: list[int],
    matched_ids: Iterable[int] = (),
) -> Editor:
    choices = list(choices)
    allowed = {c.pk for c in choices}
    ranked_ids = {r.pk for r in ranked}
    name = "match_my_rank_list" if side == "applicant" else "match_program_rank_list"
    return Editor(
        cycle=cycle,
        side=side,
        title=title,
        ranked=[Item(r.pk, r.name, r.pk in allowed) for r in ranked],
        unranked=[Item(c.pk, c.name) for c in choices if c.pk not in ranked_ids],
        certified_at=certified_at,
        url=reverse(name, args=url_args),
        certify_url=reverse(f"{name}_certify", args=url_args),
        matched_ids=frozenset(matched_ids),
    )


def applicant_editor(participant: Participant) -> Editor:
    return _editor(
        cycle=participant.cycle,
        side="applicant",
        title="Your rank list",
        ranked=selectors.ranked_programs(participant),
        choices=selectors.program_choices_for(participant),
        certified_at=participant.certified_at,
        url_args=[participant.cycle_id],
        matched_ids=[participant.matched_program_id] if participant.matched_program_id else [],
    )


def program_editor(program: MatchProgram) -> Editor:
    return _editor(
        cycle=program.cycle,
        side="program",
        title=f"Rank list for {program.name}",
        ranked=selectors.ranked_participants(program),
        choices=selectors.applicant_choices_for(program),
        certified_at=program.certified_at,
        url_args=[program.cycle_id, program.pk],
        matched_ids=program.matched.values_list("pk", flat=True),
    )


def _render(request: HtmxHttpRequest, editor: Editor, status: str = "") -> HttpResponse:
    context: dict[str, Any] = {"editor": editor, "cycle": editor.cycle, "status": status}
    template = f"{PAGE}#editor" if request.htmx else PAGE
    return render(request, template, context)


def _save(
    request: HtmxHttpRequest,
    editor: Editor,
    replace: Callable[[Sequence[int]], object],
    reload: Callable[[], Editor],
) -> HttpResponse:
    form = RankOrderForm(request.POST, [i.id for i in editor.ranked], editor.allowed)
    try:
        replace(form.ordered_ids())
    except ValueError as exc:
        return refused(request, ServiceError(str(exc)), editor.url)
    except ServiceError as exc:
        return refused(request, exc, editor.url)
    editor = reload()
    status = "Saved."
    if editor.certified_at is None and editor.ranked:
        status = "Saved. This list is not certified yet: certify it before the deadline."
    if request.htmx:
        return _render(request, editor, status)
    messages.success(request, status)
    return redirect(editor.url)


def _certify(request: HttpRequest, editor: Editor, certify: Callable[[], object]) -> HttpResponse:
    try:
        certify()
    except ServiceError as exc:
        return refused(request, exc, editor.url)
    messages.success(
        request,
        "Certified: this list will be used in the Match. You can still change it until the "
        "deadline, but a changed list must be certified again.",
    )
    return redirect(editor.url)


def _my_participant(request: HttpRequest, pk: int) -> Participant:
    cycle = selectors.cycle_for_user(request.user, pk)
    return selectors.my_participant(request.user, cycle)


def _my_program(request: HttpRequest, pk: int, program_pk: int) -> MatchProgram:
    cycle = selectors.cycle_for_user(request.user, pk)
    return selectors.managed_program(request.user, cycle, program_pk)


@never_cache
@login_required
def my_rank_list(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    participant = _my_participant(request, pk)
    editor = applicant_editor(participant)
    if request.method != "POST":
        return _render(request, editor)

    def replace(ids: Sequence[int]) -> object:
        return services.applicant_ranks_replace(
            participant=participant, program_ids=ids, by=request.user
        )

    return _save(request, editor, replace, lambda: applicant_editor(_my_participant(request, pk)))


@login_required
@require_POST
def my_rank_list_certify(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    participant = _my_participant(request, pk)
    return _certify(
        request,
        applicant_editor(participant),
        lambda: services.applicant_ranks_certify(participant=participant, by=request.user),
    )


@never_cache
@login_required
def program_rank_list(request: AuthenticatedHttpRequest, pk: int, program_pk: int) -> HttpResponse:
    program = _my_program(request, pk, program_pk)
    editor = program_editor(program)
    if request.method != "POST":
        return _render(request, editor)

    def replace(ids: Sequence[int]) -> object:
        return services.program_ranks_replace(program=program, participant_ids=ids, by=request.user)

    return _save(
        request, editor, replace, lambda: program_editor(_my_program(request, pk, program_pk))
    )


@login_required
@require_POST
def program_rank_list_certify(
    request: AuthenticatedHttpRequest, pk: int, program_pk: int
) -> HttpResponse:
    program = _my_program(request, pk, program_pk)
    return _certify(
        request,
        program_editor(program),
        lambda: services.program_ranks_certify(program=program, by=request.user),
    )
