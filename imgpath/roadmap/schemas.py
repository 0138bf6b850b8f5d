"""The roadmap contract as OpenAPI schemas: what every source, step and warning carries.

The engine's ``roadmap_to_dict`` builds the document; these schemas document and check it at
the API edge, so a client can rely on the trust fields (tier, unconfirmed, standing)."""

from __future__ import annotations

from typing import Any, Literal

from ninja import Field, Schema

Standing = Literal[
    "in_force",
    "vacated",
    "stayed",
    "contested",
    "expired_unless_extended",
    "proposed",
    "provisional",
    "unknown",
]


class SourceOut(Schema):
    fact_id: str
    fact_title: str | None = None
    title: str
    url: str | None = None
    as_of: str | None = Field(None, description="The source's own date; null = date unknown.")
    undated: bool
    tier: Literal["A", "B", "C"]
    verified: bool
    unconfirmed: bool = Field(description="True unless an official, current source confirms it.")
    flag: str | None = None
    note: str | None = None
    standing: Standing | None = Field(
        None, description="For a fact in litigation or with a term: its last known status."
    )
    standing_as_of: str | None = None
    standing_text: str | None = None
    known_until: str | None = Field(None, description="Our sources say nothing after this date.")
    rechecked_on: str | None = Field(None, description="When staff last re-checked the fact.")


class ArticleLinkOut(Schema):
    slug: str
    title: str
    summary: str
    url: str = Field(description="The article's page, a path on this site.")


class StepOut(Schema):
    id: str
    title: str
    status: Literal["done", "next", "todo", "blocked", "not_applicable"]
    reason: str
    due: str | None = None
    overdue: str | None = Field(
        None, description="Set once the due date has passed: what it means."
    )
    unconfirmed: bool
    details: dict[str, Any]
    sources: list[SourceOut]
    articles: list[ArticleLinkOut] = Field(
        default_factory=list, description="One to three library articles for this step."
    )


class PhaseOut(Schema):
    id: str
    title: str
    status: Literal["done", "in_progress", "todo", "blocked", "not_applicable"]
    steps: list[StepOut]


class WarningOut(Schema):
    code: str
    severity: Literal["blocker", "warning", "info"]
    message: str
    unconfirmed: bool
    sources: list[SourceOut]


class OwnDateOut(Schema):
    date: str
    title: str
    kind: Literal["exam", "training"]


class ProjectedDateOut(Schema):
    event: str
    date: str
    title: str
    projected_from: int = Field(description="The published cycle the date is projected from.")
    fact_id: str


class RoadmapOut(Schema):
    today: str
    match_year: int
    match_year_reason: str
    phases: list[PhaseOut]
    warnings: list[WarningOut]
    own_dates: list[OwnDateOut] = Field(description="Dated items the applicant entered.")
    projected_calendar: list[ProjectedDateOut] = Field(
        description="Only when the Match year's calendar is unpublished: dates projected from "
        "the latest published cycle, never official."
    )
