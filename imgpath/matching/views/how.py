"""“How the Match works”: build a small market, step through it, try to game it.

Public (also logged out), and it writes nothing: the market lives in the URL, so any step
can be linked, reloaded or shared.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.shortcuts import render
from django_htmx.http import HttpResponseClientRedirect

from imgpath.core.http import HtmxHttpRequest
from imgpath.engines.stable_matching import Instance, solve
from imgpath.matching.forms import MarketForm
from imgpath.matching.market import (
    EXAMPLES,
    MAX_APPLICANTS,
    MAX_GAME_LIST,
    MAX_PROGRAMS,
    MarketError,
    Step,
    choice_number,
    parse_market,
    play,
    replay,
)

PAGE = "matching/how_it_works.html"
PARTIALS = {"step-panel": f"{PAGE}#steps", "game-panel": f"{PAGE}#game"}


def how_it_works(request: HtmxHttpRequest) -> HttpResponse:
    form = MarketForm(request.GET)
    context: dict[str, Any] = {
        "form": form,
        "examples": EXAMPLES,
        "limits": {"programs": MAX_PROGRAMS, "applicants": MAX_APPLICANTS, "list": MAX_GAME_LIST},
        "text": request.GET.get("market", "").replace("\x00", ""),
    }
    if not form.is_valid():
        context["error"] = " ".join(str(e) for errors in form.errors.values() for e in errors)
        return _page_with_error(request, context)
    context["text"] = form.text()
    own_market = bool(form.cleaned_data["market"].strip())
    context["example"] = "" if own_market else form.cleaned_data["example"] or "first-look"
    try:
        instance = parse_market(context["text"])
    except MarketError as exc:
        context["error"] = str(exc)
        return _page_with_error(request, context)
    target = (request.htmx.target if request.htmx else None) or ""
    context.update(_walkthrough(instance, form.cleaned_data["step"] or 0))
    # Stepping through does not need the game (hundreds of solves) again.
    if target != "step-panel":
        context.update(_game(instance, form.cleaned_data["who"]))
    return render(request, PARTIALS.get(target, PAGE), context)


def _page_with_error(request: HtmxHttpRequest, context: dict[str, Any]) -> HttpResponse:
    # A partial swap has nowhere to show the error: load the whole page instead.
    if request.htmx:
        return HttpResponseClientRedirect(request.get_full_path())
    return render(request, PAGE, context)


def _walkthrough(instance: Instance, step_number: int) -> dict[str, Any]:
    steps = replay(instance)
    number = min(step_number, len(steps))
    current: Step | None = steps[number - 1] if number else None
    held = current.held if current else {p.id: () for p in instance.programs}
    holding = {a for people in held.values() for a in people}
    rows = [(p, [(a, p.ranks.index(a) + 1) for a in held[p.id]]) for p in instance.programs]
    return {
        "instance": instance,
        "steps": steps,
        "step": number,
        "current": current,
        "rows": rows,
        "waiting": [a.id for a in instance.applicants if a.id not in holding],
        "is_final": number == len(steps),
        "final": _final(instance) if number == len(steps) else [],
    }


def _final(instance: Instance) -> list[tuple[str, str | None, int | None]]:
    result = solve(instance, "applicants")
    return [
        (a.id, result.assignments[a.id], choice_number(instance, a.id, result.assignments[a.id]))
        for a in instance.applicants
    ]


def _game(instance: Instance, who: str) -> dict[str, Any]:
    names = [a.id for a in instance.applicants]
    who = who if who in names else ""
    context: dict[str, Any] = {"who": who, "applicant_names": names}
    if not who:
        return context
    try:
        context["game"] = play(instance, who)
        context["game_programs"] = play(instance, who, propose="programs")
    except MarketError as exc:
        context["game_error"] = str(exc)
    return context
