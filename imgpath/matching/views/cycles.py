"""The cycles page, a cycle's page, and what its creator, staff and applicants do there."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from imgpath.accounts.http import AuthenticatedHttpRequest
from imgpath.accounts.models import Role, User
from imgpath.core.errors import ServiceError
from imgpath.core.refusals import add_service_error, refused
from imgpath.matching import selectors, services
from imgpath.matching.forms import CycleForm, ProgramForm
from imgpath.matching.models import CycleStatus, MatchCycle
from imgpath.matching.presentation import cycle_page
from imgpath.matching.services.common import is_cycle_manager

DETAIL = "match_cycle"


def can_create_mock(user: User) -> bool:
    return bool(user.is_staff or (user.role == Role.HOST and user.is_approved))


@never_cache
@login_required
def match_cycles(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    mine = selectors.cycles_visible_to(user).select_related("created_by")
    joined = {p.cycle_id: p for p in user.match_participations.select_related("matched_program")}
    joinable = (
        list(selectors.joinable_mock_cycles().exclude(pk__in=joined)) if user.is_applicant else []
    )
    context = {
        "open_cycles": [c for c in mine if c.status == CycleStatus.OPEN and c not in joinable],
        "past_cycles": [c for c in mine if c.status != CycleStatus.OPEN],
        "joinable": joinable,
        "joined": joined,
        "can_create_mock": can_create_mock(user),
        "can_open_round": user.role == Role.HOST,
    }
    return render(request, "matching/cycles.html", context)


@never_cache
@login_required
def mock_cycle_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not can_create_mock(request.user):
        raise PermissionDenied("Only IMGPath staff and approved hosts create mock matches.")
    form = CycleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            cycle = services.mock_cycle_create(created_by=request.user, **form.cleaned_data)
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, "Mock match created. Add its programs next.")
            return redirect(DETAIL, cycle.pk)
    status = 422 if request.method == "POST" else 200
    return render(request, "matching/cycle_form.html", {"form": form}, status=status)


@never_cache
@login_required
def cycle_detail(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = selectors.cycle_for_user(request.user, pk)
    context = cycle_page(cycle, request.user)
    context["program_form"] = ProgramForm() if context["can_add_programs"] else None
    return render(request, "matching/cycle_detail.html", context)


@login_required
@require_POST
def cycle_join(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    cycle = selectors.cycle_for_user(request.user, pk)
    try:
        services.participant_join(cycle=cycle, user=request.user)
    except ServiceError as exc:
        return refused(request, exc, DETAIL, pk)
    messages.success(request, "You joined. Rank the programs in your true order of preference.")
    return redirect("match_my_rank_list", pk)


@login_required
@require_POST
def cycle_leave(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    cycle = selectors.cycle_for_user(request.user, pk)
    participant = selectors.my_participant(request.user, cycle)
    try:
        services.participant_leave(participant=participant, by=request.user)
    except ServiceError as exc:
        return refused(request, exc, DETAIL, pk)
    messages.success(request, "You left the cycle; your rank list was deleted.")
    return redirect("match_cycles")


def _managed_cycle(request: HttpRequest, pk: int) -> MatchCycle:
    cycle = selectors.cycle_for_user(request.user, pk)
    if not is_cycle_manager(request.user, cycle):
        raise PermissionDenied("Only the cycle's creator or IMGPath staff can do that.")
    return cycle


@login_required
@require_POST
def cycle_run(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    cycle = _managed_cycle(request, pk)
    try:
        cycle = services.cycle_run(cycle=cycle, run_by=request.user)
    except ServiceError as exc:
        return refused(request, exc, DETAIL, pk)
    stats = cycle.stats
    messages.success(
        request,
        f"The Match ran: {stats['matched']} of {stats['applicants']} applicants matched. "
        "Everyone can now see their own result.",
    )
    return redirect(DETAIL, pk)


@login_required
@require_POST
def cycle_cancel(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    cycle = _managed_cycle(request, pk)
    try:
        services.cycle_cancel(cycle=cycle, by=request.user)
    except ServiceError as exc:
        return refused(request, exc, DETAIL, pk)
    messages.success(request, "Cycle cancelled. Nothing was matched.")
    return redirect(DETAIL, pk)


@login_required
@require_POST
def program_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    cycle = _managed_cycle(request, pk)
    form = ProgramForm(request.POST)
    if not form.is_valid():
        errors = "; ".join(" ".join(map(str, e)) for e in form.errors.values())
        messages.error(request, f"Program not added: {errors}")
        return redirect(DETAIL, pk)
    try:
        program = services.program_add(cycle=cycle, by=request.user, **form.cleaned_data)
    except ServiceError as exc:
        return refused(request, exc, DETAIL, pk)
    messages.success(request, f"“{program.name}” added.")
    return redirect(DETAIL, pk)


@login_required
@require_POST
def program_remove(request: AuthenticatedHttpRequest, pk: int, program_pk: int) -> HttpResponse:
    cycle = _managed_cycle(request, pk)
    program = get_object_or_404(cycle.programs, pk=program_pk)
    try:
        services.program_remove(program=program, by=request.user)
    except ServiceError as exc:
        return refused(request, exc, DETAIL, pk)
    messages.success(request, f"“{program.name}” removed.")
    return redirect(DETAIL, pk)
