"""Forms render and parse; the rules live in the services."""

from __future__ import annotations

from collections.abc import Mapping
from typing import cast

from django import forms
from django.http import QueryDict

from imgpath.matching.market import EXAMPLES_BY_SLUG, MAX_MARKET_CHARS
from imgpath.matching.models import MAX_CAPACITY
from imgpath.rotations.models import Session

MAX_POSITION = 999


class DeadlineInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M")


class CycleForm(forms.Form):
    title = forms.CharField(max_length=150, help_text="E.g. “Internal medicine mock match 2027”.")
    description = forms.CharField(
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What the practice is for, who the programs are.",
    )
    rank_deadline = forms.DateTimeField(
        label="Rank lists close at",
        widget=DeadlineInput(),
        help_text="Time in UTC. Lists certified by then are used; uncertified lists are not.",
    )


class PlacementRoundForm(CycleForm):
    sessions = forms.ModelMultipleChoiceField(
        queryset=Session.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text="Upcoming sessions with pending applications. Each session can be in one open "
        "round at a time.",
    )

    def __init__(self, *args, sessions=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelMultipleChoiceField, self.fields["sessions"])
        field.queryset = sessions if sessions is not None else Session.objects.none()
        # Django reads the label function from the field instance (overriding the method).
        field.label_from_instance = _session_choice_label  # type: ignore[method-assign,assignment]
        self.fields["title"].help_text = "E.g. “Spring observership placement”."
        self.fields[
            "description"
        ].help_text = "Anything applicants should know: how you rank, when you will confirm."
        self.fields["rank_deadline"].help_text = (
            "Time in UTC, before the first chosen session starts. Until then you cannot accept "
            "these applications one by one."
        )


def _session_choice_label(session: Session) -> str:
    pending = getattr(session, "pending_count", 0)
    left = max(0, session.seats - session.seats_taken_now())
    return (
        f"{session.offering.title} · {session.start_date:%d %b} to {session.end_date:%d %b %Y} "
        f"({pending} pending application{'s' if pending != 1 else ''} for {left} "
        f"seat{'s' if left != 1 else ''} left)"
    )


class ProgramForm(forms.Form):
    name = forms.CharField(max_length=150, label="Program name")
    capacity = forms.IntegerField(label="Positions", min_value=0, max_value=MAX_CAPACITY, initial=1)
    owner_email = forms.EmailField(
        label="Ranked by (optional)",
        required=False,
        help_text="Email of a host account that ranks applicants for this program. "
        "Leave empty to rank them yourself.",
    )


class RankOrderForm:
    """The no-JavaScript rank-list form: a position number per ranked item, plus one action
    button (move, add or remove). Returns the new order of ids, or raises ValueError."""

    def __init__(self, data: QueryDict, current: list[int], allowed: set[int]) -> None:
        # A form posts one value per name: read as a mapping, each name gives its (last) value.
        self.data: Mapping[str, str] = data
        self.current = current
        self.allowed = allowed

    def ordered_ids(self) -> list[int]:
        order = self._typed_order()
        if "add" in self.data:
            pk = self._id(self.data["add"])
            if pk not in order:
                order.append(pk)
        if "remove" in self.data:
            pk = self._id(self.data["remove"])
            order = [i for i in order if i != pk]
        if "move" in self.data:
            order = self._moved(order, self.data["move"])
        return order

    def _typed_order(self) -> list[int]:
        """Sort the ranked ids by the numbers typed. On a tie, an item whose number was
        changed goes first (typing 1 means "make this first"); then the page's order."""
        fields = [(k, v) for k, v in self.data.items() if k.startswith("position-")]
        if not fields:
            return list(self.current)
        entries = []
        for index, (key, value) in enumerate(fields):
            pk_text = key.removeprefix("position-")
            # A choice that is no longer on offer (a withdrawn application) drops out.
            if not pk_text.isdigit() or int(pk_text) not in self.allowed:
                continue
            pk = int(pk_text)
            number = value.strip()
            if not number.isdigit() or not 1 <= int(number) <= MAX_POSITION:
                raise ValueError(f"Positions are whole numbers from 1 to {MAX_POSITION}.")
            entries.append((int(number), int(number) == index + 1, index, pk))
        return [entry[-1] for entry in sorted(entries)]

    def _id(self, value: str) -> int:
        if not value.isdigit() or int(value) not in self.allowed:
            raise ValueError("That choice is not one you can rank here.")
        return int(value)

    def _moved(self, order: list[int], value: str) -> list[int]:
        pk_text, _, direction = value.partition(":")
        pk = self._id(pk_text)
        if pk not in order or direction not in {"up", "down"}:
            raise ValueError("That choice is not on the list.")
        index = order.index(pk)
        other = index - 1 if direction == "up" else index + 1
        if 0 <= other < len(order):
            order[index], order[other] = order[other], order[index]
        return order


class MarketForm(forms.Form):
    """The "How the Match works" market, read from the URL so a step can be linked."""

    market = forms.CharField(
        label="The market",
        required=False,
        max_length=MAX_MARKET_CHARS,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false", "class": "mono"}),
        help_text="One line per program or applicant, lists in order of preference: "
        "<code>Program: City Hospital (2): Ana, Ben</code> (positions in brackets) and "
        "<code>Applicant: Ana: City Hospital, Lake Clinic</code>.",
    )
    example = forms.ChoiceField(
        required=False, choices=[("", "")] + [(s, s) for s in EXAMPLES_BY_SLUG]
    )
    step = forms.IntegerField(required=False, min_value=0, max_value=10_000)
    who = forms.CharField(required=False, max_length=60)

    def text(self) -> str:
        data = self.cleaned_data
        if data.get("market", "").strip():
            return data["market"]
        return EXAMPLES_BY_SLUG[data.get("example") or "first-look"].text
