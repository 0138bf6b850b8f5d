"""The program directory as imported from public files: ACGME programs, NRMP codes, results."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q

from imgpath.programs.geo import STATE_NAMES, Region
from imgpath.programs.policy import ValueKind

acgme_id_validator = RegexValidator(r"^\d{10}$", "An ACGME program ID has 10 digits.")


class Specialty(models.Model):
    """An ACGME specialty; `slug` matches the profile's target specialty ids."""

    code = models.CharField(max_length=3, unique=True)
    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "specialties"

    def __str__(self) -> str:
        return self.name


class City(models.Model):
    """A program city with its centroid; the places a distance search can start from."""

    name = models.CharField(max_length=100)
    state = models.CharField(max_length=2)
    latitude = models.FloatField(validators=[MinValueValidator(-90), MaxValueValidator(90)])
    longitude = models.FloatField(validators=[MinValueValidator(-180), MaxValueValidator(180)])

    class Meta:
        ordering = ["state", "name"]
        verbose_name_plural = "cities"
        constraints = [
            models.UniqueConstraint(fields=["name", "state"], name="city_unique_name_state")
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return f"{self.name}, {self.state}"


def _tri(help_text: str = "") -> models.CharField:
    return models.CharField(
        max_length=8, choices=ValueKind.choices, default=ValueKind.UNKNOWN, help_text=help_text
    )


class Program(models.Model):
    """An ACGME-accredited residency program with the current value of each ledger field.

    The `*_sponsorship`, limit and share columns are a copy of the ledger's current values,
    kept up to date by `imgpath.programs.services.ledger`; search filters and sorts on them.
    """

    acgme_id = models.CharField(max_length=10, unique=True, validators=[acgme_id_validator])
    specialty = models.ForeignKey(Specialty, on_delete=models.PROTECT, related_name="programs")
    name = models.CharField(max_length=200)
    city = models.CharField(max_length=100)
    state = models.CharField(max_length=2, choices=sorted(STATE_NAMES.items()))
    region = models.CharField(max_length=12, choices=Region.choices)
    latitude = models.FloatField(validators=[MinValueValidator(-90), MaxValueValidator(90)])
    longitude = models.FloatField(validators=[MinValueValidator(-180), MaxValueValidator(180)])
    # The city centroid on the unit sphere: distance filters and sorts in plain SQL arithmetic.
    unit_x = models.FloatField(default=0)
    unit_y = models.FloatField(default=0)
    unit_z = models.FloatField(default=0)
    # NRMP position-type letters of the linked NRMP codes (C, P, A, R, M); "" when none linked.
    position_types = models.CharField(max_length=5, blank=True)
    search_text = models.TextField(blank=True, help_text="Lower-case words searched by name.")
    # The sponsoring institution, derived from the ACGME name; its federal H-1B evidence is
    # shown as evidence, apart from the ledger below.
    institution = models.ForeignKey(
        "programs.SponsoringInstitution",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="programs",
    )

    accepts_imgs = _tri()
    j1_sponsorship = _tri()
    h1b_sponsorship = _tri()
    h1b_step3_before_ranking = _tri()
    yog_limit_years = _tri()
    yog_limit_years_value = models.PositiveSmallIntegerField(null=True, blank=True)
    usmle_attempt_limit = _tri()
    usmle_attempt_limit_value = models.PositiveSmallIntegerField(null=True, blank=True)
    min_step2ck = _tri()
    min_step2ck_value = models.PositiveSmallIntegerField(null=True, blank=True)
    usce_required_months = _tri()
    usce_required_months_value = models.PositiveSmallIntegerField(null=True, blank=True)
    usce_observership_accepted = _tri()
    ecfmg_certified_by = _tri()
    ecfmg_certified_by_value = models.DateField(null=True, blank=True)
    img_share_percent = _tri()
    img_share_percent_value = models.PositiveSmallIntegerField(null=True, blank=True)
    interview_count = _tri()
    interview_count_value = models.PositiveIntegerField(null=True, blank=True)
    website_url = models.URLField(max_length=500, blank=True)
    ledger_verified_by_program_on = models.DateField(null=True, blank=True)
    ledger_updated_on = models.DateField(null=True, blank=True)
    ledger_has_demo = models.BooleanField(default=False)
    # IMGs' self-reported outcomes, aggregated (groups of at least three reports only) by
    # `imgpath.programs.services.outcomes.outcome_aggregate_refresh`; never single reports.
    outcome_evidence = models.JSONField(default=list, blank=True)
    ledger_conflicts = models.PositiveSmallIntegerField(
        default=0, help_text="Fields on which active sources disagree."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "acgme_id"]
        indexes = [
            models.Index(fields=["specialty", "state"], name="program_specialty_state"),
            models.Index(fields=["region"], name="program_region"),
            models.Index(fields=["state", "name"], name="program_state_name"),
            models.Index(fields=["latitude", "longitude"], name="program_lat_lon"),
            models.Index(fields=["name", "acgme_id"], name="program_name_id"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__gte=-90, latitude__lte=90)
                & Q(longitude__gte=-180, longitude__lte=180),
                name="program_coordinates_in_range",
            ),
            models.CheckConstraint(
                condition=Q(img_share_percent_value__isnull=True)
                | Q(img_share_percent_value__lte=100),
                name="program_img_share_at_most_100",
            ),
            *[
                models.CheckConstraint(
                    condition=Q(**{kind: "number", f"{kind}_value__isnull": False})
                    | (~Q(**{kind: "number"}) & Q(**{f"{kind}_value__isnull": True})),
                    name=f"program_{kind}_value_iff_number",
                )
                for kind in (
                    "yog_limit_years",
                    "usmle_attempt_limit",
                    "min_step2ck",
                    "usce_required_months",
                    "img_share_percent",
                    "interview_count",
                )
            ],
            models.CheckConstraint(
                condition=Q(ecfmg_certified_by="date", ecfmg_certified_by_value__isnull=False)
                | (~Q(ecfmg_certified_by="date") & Q(ecfmg_certified_by_value__isnull=True)),
                name="program_ecfmg_value_iff_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.specialty.name if self.specialty_id else '?'})"

    @property
    def state_name(self) -> str:
        return STATE_NAMES.get(self.state, self.state)


# Public directories where a program can be looked up by its number (no deep links are published).
ACGME_SEARCH_URL = "https://apps.acgme.org/ads/Public/Programs/Search"
NRMP_DIRECTORY_URL = "https://programdirectory.nrmp.org/"


class PositionType(models.TextChoices):
    CATEGORICAL = "C", "Categorical"
    PRELIMINARY = "P", "Preliminary"
    ADVANCED = "A", "Advanced"
    RESERVED = "R", "Reserved (physician)"
    PRIMARY = "M", "Primary"


class LinkMethod(models.TextChoices):
    CROSSWALK = "crosswalk", "ACGME ID in the NRMP file (internal medicine)"
    INSTITUTION = "institution_match", "Same state and specialty, institution name matched"
    NONE = "", "Not linked"


class NrmpProgram(models.Model):
    """One NRMP Main Residency Match program code, linked to its ACGME program when known."""

    code = models.CharField(max_length=10, unique=True)
    institution_code = models.CharField(max_length=4, db_index=True)
    institution_name = models.CharField(max_length=120)
    state = models.CharField(max_length=2, blank=True)
    specialty_code = models.CharField(max_length=3)
    specialty_name = models.CharField(max_length=120)
    track_name = models.CharField(max_length=120)
    position_type = models.CharField(max_length=1, choices=PositionType.choices)
    crosswalk_acgme_id = models.CharField(max_length=10, blank=True)
    city = models.CharField(max_length=100, blank=True)
    program = models.ForeignKey(
        Program, null=True, blank=True, on_delete=models.SET_NULL, related_name="nrmp_programs"
    )
    link_method = models.CharField(max_length=20, choices=LinkMethod.choices, blank=True)
    link_note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = "NRMP program code"
        indexes = [models.Index(fields=["specialty_code", "state"], name="nrmp_specialty_state")]

    def __str__(self) -> str:
        return f"{self.code} {self.institution_name} · {self.track_name}"


class MatchType(models.TextChoices):
    MAIN = "Main", "Main Residency Match"
    SPECIALTY = "Specialty", "Specialties Matching Service"


class NrmpResult(models.Model):
    """Positions offered and filled in one Match year for one NRMP program code."""

    match_year = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1952), MaxValueValidator(2100)]
    )
    match_type = models.CharField(max_length=10, choices=MatchType.choices)
    nrmp_code = models.CharField(max_length=10)
    sponsor_name = models.CharField(max_length=120)
    program_city = models.CharField(max_length=100, blank=True)
    state = models.CharField(max_length=2)
    track_name = models.CharField(max_length=120)
    specialty_label = models.CharField(max_length=120)
    quota = models.PositiveSmallIntegerField()
    matched = models.PositiveSmallIntegerField()
    snhaf_member = models.BooleanField(default=False)
    program = models.ForeignKey(
        Program, null=True, blank=True, on_delete=models.SET_NULL, related_name="nrmp_results"
    )

    class Meta:
        ordering = ["nrmp_code", "match_year"]
        verbose_name = "NRMP result"
        constraints = [
            models.UniqueConstraint(
                fields=["match_type", "nrmp_code", "match_year"], name="nrmp_result_unique_year"
            ),
            models.CheckConstraint(
                condition=Q(matched__lte=models.F("quota")), name="nrmp_result_matched_le_quota"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nrmp_code} {self.match_year}: {self.matched}/{self.quota}"


class ImportKind(models.TextChoices):
    ACGME = "acgme", "ACGME program list"
    NRMP = "nrmp", "NRMP program codes"
    RESULTS = "results", "NRMP results"
    LEDGER = "ledger", "Ledger values"
    LCA = "lca", "DOL LCA disclosure data"
    USCIS = "uscis", "USCIS H-1B Employer Data Hub"
    CROSSWALK = "crosswalk", "Employer crosswalk"


class ImportRun(models.Model):
    """One successful import of one file: what it changed, and the file's checksum."""

    kind = models.CharField(max_length=10, choices=ImportKind.choices)
    file_name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    rejected = models.PositiveIntegerField(default=0)
    report = models.JSONField(default=dict, blank=True)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField()

    class Meta:
        ordering = ["-finished_at"]
        indexes = [models.Index(fields=["kind", "-finished_at"], name="importrun_kind_finished")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.file_name} {self.finished_at:%Y-%m-%d %H:%M}"
