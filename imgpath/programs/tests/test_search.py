from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from imgpath.core.errors import ServiceError
from imgpath.engines.fit import ApplicantFacts, VisaPreference
from imgpath.programs.filters import SearchFilters
from imgpath.programs.models import Program, SourceKind
from imgpath.programs.selectors import program_search
from imgpath.programs.services.ledger import ledger_entry_create, policy_value_parse
from imgpath.programs.tests.conftest import CHICAGO_IM, ELMIRA_IM, MIAMI_ANESTHESIA, MIAMI_IM
from imgpath.programs.tests.factories import ProgramFactory

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 6, 1)
TAMPA_IM, FSU_IM, OAK_LAWN_IM = "1401121104", "1401100894", "1401621129"


def _state(acgme_id: str, **values: str) -> None:
    program = Program.objects.get(acgme_id=acgme_id)
    for field, raw in values.items():
        ledger_entry_create(
            program=program,
            field=field,
            value=policy_value_parse(field=field, raw=raw),
            source_kind=SourceKind.STAFF,
            verified_on=dt.date(2026, 1, 1),
            source_url="https://example.org/policy",
        )


LEDGER = {
    MIAMI_IM: {
        "j1_sponsorship": "yes", "h1b_sponsorship": "no", "accepts_imgs": "yes",
        "yog_limit_years": "5", "usmle_attempt_limit": "1", "min_step2ck": "230",
        "usce_required_months": "3", "usce_observership_accepted": "yes",
        "img_share_percent": "35",
    },
    ELMIRA_IM: {
        "j1_sponsorship": "yes", "h1b_sponsorship": "yes", "accepts_imgs": "yes",
        "yog_limit_years": "no", "usmle_attempt_limit": "2", "min_step2ck": "no",
        "usce_required_months": "6", "usce_observership_accepted": "unknown",
        "img_share_percent": "80",
    },
    CHICAGO_IM: {
        "j1_sponsorship": "no", "accepts_imgs": "no", "yog_limit_years": "2",
        "min_step2ck": "250", "usce_required_months": "no",
    },
}  # fmt: skip


@pytest.fixture
def ledger(directory):
    for acgme_id, values in LEDGER.items():
        _state(acgme_id, **values)


def _ids(**filters) -> list[str]:
    page = program_search(filters=SearchFilters(**filters), today=TODAY)
    return [row.program.acgme_id for row in page.rows]


ALL = 10


def test_no_filter_lists_every_program_by_name(directory):
    ids = _ids()

    assert len(ids) == ALL
    names = [Program.objects.get(acgme_id=i).name for i in ids]
    assert names == sorted(names)


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"q": "jackson"}, {MIAMI_IM, MIAMI_ANESTHESIA}),
        ({"q": "Jackson Anesthesiology"}, {MIAMI_ANESTHESIA}),
        ({"q": "1104140C0"}, {MIAMI_IM}),
        ({"q": "elmira"}, {ELMIRA_IM}),
        ({"specialty": "040"}, {MIAMI_ANESTHESIA, "0401100206"}),
        ({"state": "IL"}, {CHICAGO_IM, OAK_LAWN_IM}),
        ({"region": "northeast"}, {ELMIRA_IM}),
        ({"position": "preliminary"}, {MIAMI_IM}),
        ({"position": "advanced"}, {MIAMI_ANESTHESIA}),
    ],
)
def test_word_and_place_filters(directory, filters, expected):
    assert set(_ids(**filters)) == expected


def test_position_unknown_lists_programs_without_an_nrmp_code(directory):
    ids = set(_ids(position="unknown"))

    assert MIAMI_IM not in ids
    assert len(ids) == ALL - 2


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("yes", {MIAMI_IM, ELMIRA_IM}),
        ("no", {CHICAGO_IM}),
        ("unknown", "rest"),
        ("yes_or_unknown", "all_but_chicago"),
    ],
)
def test_j1_filter_treats_unknown_as_its_own_answer(ledger, answer, expected):
    ids = set(_ids(j1=answer, per_page=100))
    known = {MIAMI_IM, ELMIRA_IM, CHICAGO_IM}
    all_ids = set(Program.objects.values_list("acgme_id", flat=True))
    named = {"rest": all_ids - known, "all_but_chicago": all_ids - {CHICAGO_IM}}
    wanted = named[expected] if isinstance(expected, str) else expected
    assert ids == wanted


def test_h1b_and_accepts_imgs_filters(ledger):
    assert set(_ids(h1b="yes")) == {ELMIRA_IM}
    assert set(_ids(h1b="no")) == {MIAMI_IM}
    assert set(_ids(accepts_imgs="no")) == {CHICAGO_IM}
    assert len(_ids(accepts_imgs="unknown")) == ALL - 3


def test_graduation_limit_is_compared_with_my_gap(ledger):
    # Graduated 2023, Match 2027: 4 years out. Miami allows 5, Elmira has no limit, Chicago 2.
    mine = {"graduation_year": 2023, "match_year": 2027}

    assert set(_ids(yog="meets", **mine)) == {MIAMI_IM, ELMIRA_IM}
    assert set(_ids(yog="fails", **mine)) == {CHICAGO_IM}
    assert len(_ids(yog="unknown", **mine)) == ALL - 3
    assert len(_ids(yog="meets_or_unknown", **mine)) == ALL - 1


def test_attempts_and_score_filters(ledger):
    assert set(_ids(attempts="meets", my_attempts=2)) == {ELMIRA_IM}
    assert set(_ids(attempts="fails", my_attempts=2)) == {MIAMI_IM}
    assert set(_ids(step2ck="meets", my_step2ck=240)) == {MIAMI_IM, ELMIRA_IM}
    assert set(_ids(step2ck="fails", my_step2ck=240)) == {CHICAGO_IM}
    assert len(_ids(step2ck="unknown", my_step2ck=240)) == ALL - 3


def test_usce_filter_counts_observerships_only_where_they_count(ledger):
    # 2 months hands-on + 4 of observership: Miami (3, observerships count) is met; Elmira
    # (6, not known whether observerships count) is unknown; Chicago requires none.
    mine = {"usce_hands_on": 2, "usce_observership": 4}

    assert set(_ids(usce="meets", **mine)) == {MIAMI_IM, CHICAGO_IM}
    unknown = set(_ids(usce="unknown", **mine))
    assert ELMIRA_IM in unknown and MIAMI_IM not in unknown
    assert _ids(usce="fails", **mine) == []
    assert set(_ids(usce="fails", usce_hands_on=1, usce_observership=0)) == {MIAMI_IM, ELMIRA_IM}


def test_distance_filter_and_sort_use_great_circle_miles(directory):
    page = program_search(
        filters=SearchFilters(near="Chicago, IL", radius=25, sort="distance"), today=TODAY
    )

    assert [r.program.acgme_id for r in page.rows] == [CHICAGO_IM, OAK_LAWN_IM]
    assert page.rows[0].distance_miles == pytest.approx(0, abs=0.01)
    assert page.rows[1].distance_miles == pytest.approx(10.7, abs=0.5)
    far = program_search(filters=SearchFilters(near="Miami, FL", radius=250), today=TODAY)
    assert {r.program.state for r in far.rows} == {"FL"}
    assert TAMPA_IM in {r.program.acgme_id for r in far.rows}
    assert FSU_IM not in {r.program.acgme_id for r in far.rows}


def test_an_unknown_city_is_refused_by_name(directory):
    with pytest.raises(ServiceError) as error:
        program_search(filters=SearchFilters(near="Atlantis, ZZ"), today=TODAY)
    assert error.value.field == "near"


def test_sort_by_img_share_puts_unknown_last(ledger):
    assert _ids(sort="img_share")[:2] == [ELMIRA_IM, MIAMI_IM]


def test_sort_by_fit_puts_likely_eligible_first_and_not_eligible_last(ledger):
    facts = ApplicantFacts(
        match_year=2027,
        graduation_year=2024,
        needs_visa=True,
        visa_preference=VisaPreference.EITHER,
        max_attempts=1,
        step2ck_score=245,
        step3_passed=True,
        usce_hands_on_months=6,
        ecfmg_certified=True,
    )
    page = program_search(filters=SearchFilters(sort="fit", per_page=25), facts=facts, today=TODAY)
    verdicts = [row.fit.verdict for row in page.rows]

    assert page.rows[0].program.acgme_id in {MIAMI_IM, ELMIRA_IM}
    assert verdicts[-1] == "not_eligible"
    assert page.rows[-1].program.acgme_id == CHICAGO_IM
    assert verdicts.count("check") == ALL - 3


def test_sort_by_fit_needs_facts(directory):
    with pytest.raises(ServiceError, match="sort by fit"):
        program_search(filters=SearchFilters(sort="fit"), today=TODAY)


def test_pages_and_the_state_counts_cover_the_whole_search(directory):
    page = program_search(filters=SearchFilters(per_page=10, page=1, specialty="140"), today=TODAY)

    assert (page.count, page.pages, len(page.rows)) == (6, 1, 6)
    assert page.state_counts == {"FL": 3, "IL": 2, "NY": 1}
    beyond = program_search(filters=SearchFilters(per_page=10, page=40), today=TODAY)
    assert beyond.page == 1


@pytest.mark.parametrize("per_page", [10, 100])
def test_the_number_of_queries_does_not_grow_with_the_page_size(
    client_for, applicant, django_assert_max_num_queries, per_page
):
    ProgramFactory.create_batch(120)
    client = client_for(applicant)
    url = (
        reverse("programs:search")
        + f"?per_page={per_page}&near=Chicago,+IL&radius=3000&sort=distance"
    )
    from imgpath.programs.models import City

    City.objects.create(name="Chicago", state="IL", latitude=41.85003, longitude=-87.65005)

    # 12: the page's own queries, the header's count of unread rule-change updates, and the
    # count of programs with H-1B evidence (cached after this first, cold request).
    with django_assert_max_num_queries(12):
        response = client.get(url)
    assert response.status_code == 200
    with django_assert_max_num_queries(8):
        api = client.get(f"/api/v1/programs?per_page={per_page}&j1=unknown")
    assert len(api.json()["results"]) == min(per_page, 120)


# The page -----------------------------------------------------------------------------------


def test_the_search_page_renders_filters_in_fieldsets_and_results(client, directory):
    response = client.get(reverse("programs:search"), {"state": "FL", "specialty": "140"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "<fieldset>" in page and "<legend>Visa and IMG policy</legend>" in page
    assert "3 programs" in page
    assert 'id="program-cities"' in page
    assert "<svg" in page and "Programs per state for this search" in page
    assert "University of Miami/Jackson Health System Program" in page


def test_an_htmx_request_gets_only_the_results(client, directory):
    response = client.get(
        reverse("programs:search"),
        {"state": "IL"},
        headers={"HX-Request": "true", "HX-Target": "results"},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert page.lstrip().startswith('<section id="results"')
    assert "<html" not in page and "program-cities" not in page
    assert 'hx-swap-oob="true"' in page and "2 programs found" in page


def test_bad_filters_on_the_page_are_explained_not_crashed(client, directory):
    response = client.get(
        reverse("programs:search"), {"j1": "maybe", "yog": "meets", "radius": "0"}
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Check the filters" in page
    assert "Enter your graduation year" in page
    assert "Select a valid choice" in page


def test_nul_in_the_words_is_refused(client, directory):
    response = client.get(reverse("programs:search"), {"q": "mia\x00mi"})

    assert "Check the filters" in response.content.decode()


def test_unknown_is_shown_as_unknown_never_as_no(client, directory):
    page = client.get(reverse("programs:search"), {"q": "elmira"}).content.decode()

    assert "Unknown</span> Considers IMGs, J-1, H-1B" in page
    assert "J-1: <strong>No" not in page


def test_an_applicant_sees_fit_and_why_on_each_result(client_for, applicant, ledger):
    from imgpath.profiles.models import ApplicantProfile

    ApplicantProfile.objects.create(
        user=applicant,
        data={"us_status": "none", "medical_school": {"graduation_year": 2024}},
    )

    page = client_for(applicant).get(reverse("programs:search"), {"q": "masonic"}).content.decode()

    assert "Fit: Not eligible" in page
    assert "Why “Not eligible”?" in page
    assert "Does not consider international medical graduates." in page


def test_the_cached_anonymous_search_never_outlives_a_change(
    client, client_for, applicant, django_capture_on_commit_callbacks
):
    """Anonymous visitors share cached search fragments; a new ledger value or program shows at
    once, and a signed-in person's search is never served from that cache."""
    program = ProgramFactory(name="Riverbend Medical Center Program")
    url = reverse("programs:search") + "?q=riverbend&j1=yes"
    assert "Riverbend Medical Center" not in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        ledger_entry_create(
            program=program,
            field="j1_sponsorship",
            value=policy_value_parse(field="j1_sponsorship", raw="yes"),
            source_kind=SourceKind.STAFF,
            verified_on=dt.date(2026, 1, 1),
            source_url="https://example.org/policy",
        )
    assert "Riverbend Medical Center" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        ProgramFactory(name="Riverbend Children's Program")
    assert (
        "Riverbend Children"
        in client.get(reverse("programs:search") + "?q=riverbend").content.decode()
    )
    signed_in = client_for(applicant).get(url)
    assert signed_in.context["fragment_seconds"] == 0
    assert "Riverbend Medical Center" in signed_in.content.decode()


def test_anonymous_api_answers_are_served_from_cache_in_the_documented_shape(
    client, client_for, applicant
):
    ProgramFactory.create_batch(12)
    url = "/api/v1/programs?per_page=10"
    first = client.get(url)
    again = client.get(url)
    assert first.status_code == again.status_code == 200
    assert first["Content-Type"] == "application/json; charset=utf-8"
    assert first.json() == again.json()
    mine = client_for(applicant).get(url).json()
    assert set(mine) == set(first.json())
    assert set(mine["results"][0]) == set(first.json()["results"][0])
