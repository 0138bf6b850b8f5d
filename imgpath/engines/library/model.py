"""The library's vocabulary and its frozen records: an article, a source, a rendered body."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from types import MappingProxyType

from imgpath.engines.rules import PHASE_IDS

TOPICS = MappingProxyType(
    {
        "us-health-system": "The US health system",
        "professionalism": "Professionalism",
        "communication": "Communication with patients and teams",
        "documentation": "Documentation and privacy",
        "clinical-experience": "Clinical experience",
        "application": "The application",
        "interviews": "Interviews and the Match",
        "wellbeing": "Cultural adaptation and wellbeing",
        "money": "Money and planning",
    }
)

AUDIENCES = MappingProxyType(
    {
        "all": "Every IMG",
        "observer": "Before and during an observership or externship",
        "applicant": "Applying to residency",
        "interviewee": "Interview season",
        "incoming-resident": "Starting residency",
    }
)

PHASES = MappingProxyType(
    {
        "ecfmg_certification": "ECFMG Certification",
        "clinical_experience": "U.S. clinical experience",
        "residency_application": "Residency application",
        "match": "The Match",
        "licensure": "State licensure",
        "immigration": "Immigration",
    }
)
assert tuple(PHASES) == PHASE_IDS, "library phases must follow the roadmap's phases"

# Every step the roadmap engine can produce, with a stable label for "supports these steps"
# (the engine's own titles change with the step's status). A test checks the engine against it.
STEPS = MappingProxyType(
    {
        "school_eligibility": "Check your school's ECFMG eligibility",
        "usmle_step1": "Pass USMLE Step 1",
        "usmle_step2ck": "Pass USMLE Step 2 CK",
        "english_proficiency": "Pass OET Medicine",
        "clinical_skills": "Meet the clinical skills requirement",
        "credential_verification": "Have ECFMG verify your diploma",
        "ecfmg_certificate": "Receive the ECFMG Certificate",
        "us_clinical_experience": "Gain U.S. clinical experience",
        "program_list": "Build your program list",
        "personal_statement": "Write your personal statement",
        "letters_of_recommendation": "Arrange letters of recommendation",
        "eras_application": "Submit your ERAS application",
        "residencycas_application": "Submit your ResidencyCAS application",
        "nrmp_registration": "Register for the NRMP Match",
        "ecfmg_verification_by_rol": "ECFMG verification by the rank order list deadline",
        "rank_order_list": "Certify your rank order list",
        "match_day": "Match Day",
        "usmle_step3": "Pass USMLE Step 3",
        "state_license": "Choose the states where you want a licence",
        "alternative_license": "Licence without US residency (a state's alternative pathway)",
        "texas_physician_graduate_license": "Texas physician graduate licence",
        "after_training": "After residency",
        "visa": "Get a visa for residency",
        "visa_waiver": "Clear the J-1 home-residency requirement",
    }
)

# Steps the roadmap repeats per state ("state_license:TX"); the part before the colon is the step.
PER_STATE_STEPS = frozenset({"state_license", "alternative_license"})


def base_step_id(roadmap_step_id: str) -> str:
    return roadmap_step_id.split(":", 1)[0]


DEFAULT_REVIEW_DAYS = 365


@dataclass(frozen=True)
class Source:
    title: str
    publisher: str
    url: str
    published: date | None  # None: the source gives no date ("date unknown")
    precision: str = "day"  # "day", "month" or "year": how much of ``published`` is known

    @property
    def date_label(self) -> str:
        if self.published is None:
            return "date unknown"
        formats = {"day": "%-d %B %Y", "month": "%B %Y", "year": "%Y"}
        return self.published.strftime(formats[self.precision])


@dataclass(frozen=True)
class Rendered:
    """A body turned into safe HTML, its plain text, and what it links to."""

    html: str
    text: str
    fact_ids: tuple[str, ...]
    step_ids: tuple[str, ...]
    article_slugs: tuple[str, ...]
    paths: tuple[str, ...]  # other site-internal links such as /programs/


@dataclass(frozen=True)
class Article:
    slug: str
    title: str
    summary: str
    topic: str
    phases: tuple[str, ...]
    audience: tuple[str, ...]
    steps: tuple[str, ...]
    features: tuple[str, ...]  # steps this article is a first read for (a subset of steps)
    published_on: date
    revised_on: date | None
    reviewed_on: date
    review_every_days: int
    sources: tuple[Source, ...]
    body: str
    rendered: Rendered
    file: str

    @property
    def updated_on(self) -> date:
        return self.revised_on or self.published_on

    @property
    def word_count(self) -> int:
        return len(self.rendered.text.split())

    def review_due_on(self) -> date:
        return self.reviewed_on + timedelta(days=self.review_every_days)

    def review_overdue(self, today: date, *, older_than_days: int | None = None) -> bool:
        """Past its own interval, or past ``older_than_days`` when staff ask for a stricter one."""
        days = self.review_every_days if older_than_days is None else older_than_days
        return (today - self.reviewed_on).days >= days

    @property
    def topic_label(self) -> str:
        return TOPICS[self.topic]


@dataclass(frozen=True)
class Library:
    articles: tuple[Article, ...]

    def get(self, slug: str) -> Article | None:
        return next((a for a in self.articles if a.slug == slug), None)

    @property
    def slugs(self) -> frozenset[str]:
        return frozenset(a.slug for a in self.articles)
