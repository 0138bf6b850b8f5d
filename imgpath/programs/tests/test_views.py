from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse

from imgpath.core.privacy import user_data_erase, user_data_export
from imgpath.profiles.models import ApplicantProfile
from imgpath.programs.models import CommunityReport, ProgramClaim, SavedProgram, SourceKind
from imgpath.programs.services.ledger import ledger_entry_create, policy_value_parse
from imgpath.programs.tests.conftest import ELMIRA_IM, MIAMI_IM
from imgpath.programs.tests.factories import (
    CommunityReportFactory,
    ProgramClaimFactory,
    SavedProgramFactory,
)

pytestmark = pytest.mark.django_db

PROFILE = {
    "us_status": "none",
    "medical_school": {"country": "IN", "graduated": True, "graduation_year": 2022},
    "exams": {
        "usmle_step1": {"status": "passed", "attempts": 1},
        "usmle_step2ck": {"status": "passed", "attempts": 1, "score": 238},
    },
    "experience": [{"kind": "observership", "months": 2, "country": "US"}],
    "ecfmg_certified": True,
    "visa_preference": "j1",
}


def _state(program, field: str, raw: str, **extra) -> None:
    ledger_entry_create(
        program=program,
        field=field,
        value=policy_value_parse(field=field, raw=raw),
        source_kind=extra.pop("source_kind", SourceKind.STAFF),
        verified_on=extra.pop("verified_on", dt.date(2026, 1, 12)),
        source_url=extra.pop("source_url", "https://med.example.edu/im/eligibility"),
        **extra,
    )


def _detail(client, program) -> str:
    response = client.get(reverse("programs:detail", args=[program.acgme_id]))
    assert response.status_code == 200
    return response.content.decode()


# Program page -------------------------------------------------------------------------------


def test_the_program_page_shows_each_value_with_its_source_and_date(client, miami):
    _state(miami, "j1_sponsorship", "yes")

    page = _detail(client, miami)

    assert "University of Miami/Jackson Health System Program" in page
    assert "IMGPath staff" in page
    assert "checked 12 Jan 2026" in page
    assert 'href="https://med.example.edu/im/eligibility"' in page
    assert "Not yet verified by the program" in page
    assert page.count('badge badge-unknown">Unknown') >= 10


def test_disagreeing_sources_are_shown_side_by_side(client, miami):
    _state(miami, "h1b_sponsorship", "yes", source_kind=SourceKind.IMPORTED)
    _state(miami, "h1b_sponsorship", "no", verified_on=dt.date(2026, 2, 1))

    page = _detail(client, miami)

    assert "Sources disagree on 1 question" in page
    assert "Disagrees</span> Imported file says <strong>Yes</strong>" in page


def test_demo_values_wear_a_demo_badge(client, miami):
    _state(miami, "j1_sponsorship", "yes", source_kind=SourceKind.DEMO, source_url="", note="Demo")

    page = _detail(client, miami)

    assert "Demo data: values on this page are examples, not facts" in page
    assert 'badge badge-warning">Demo data</span>' in page


def test_the_page_has_the_fill_history_chart_the_map_and_official_links(client, miami, elmira):
    page = _detail(client, miami)

    assert 'aria-labelledby="fill-title fill-desc"' in page
    assert "2026: " in page and " filled." in page
    assert 'class="dot-map"' in page and "the ring marks Miami, Florida" in page
    assert "https://apps.acgme.org/ads/Public/Programs/Search" in page
    assert "search for program number 1401121100" in page
    assert "covers Florida programs only" in _detail(client, elmira)


def test_programs_outside_the_contiguous_states_get_the_state_tile_map(client, directory):
    from imgpath.programs.tests.factories import ProgramFactory

    program = ProgramFactory(city="Honolulu", state="HI", latitude=21.3, longitude=-157.8)

    page = _detail(client, program)

    assert 'class="tile tile-l0 tile-on"' in page and "Hawaii is highlighted" in page


def test_a_ledger_website_is_linked_as_the_program_website(client, miami):
    _state(miami, "website_url", "https://im.jhs.example.org")

    assert 'href="https://im.jhs.example.org"' in _detail(client, miami)


def test_a_missing_program_is_404(client, directory):
    assert client.get(reverse("programs:detail", args=["9999999999"])).status_code == 404


def test_an_applicant_with_a_profile_sees_fit_and_reasons(client_for, applicant, miami):
    ApplicantProfile.objects.create(user=applicant, data=PROFILE)
    _state(miami, "min_step2ck", "240")

    page = _detail(client_for(applicant), miami)

    assert "Fit for you:" in page and "Not eligible" in page
    assert "Asks for Step 2 CK 240 or more; yours is 238." in page
    assert "J-1 sponsorship not known." in page


def test_fit_names_the_missing_step2ck_score_and_what_it_would_change(
    client_for, applicant, other_applicant, miami
):
    ApplicantProfile.objects.create(
        user=applicant, data={"us_status": "citizen", "ecfmg_certified": True}
    )
    ApplicantProfile.objects.create(user=other_applicant, data={"us_status": "citizen"})
    _state(miami, "min_step2ck", "240")

    page = _detail(client_for(applicant), miami)
    other = _detail(client_for(other_applicant), miami)

    assert "Your profile does not say:" in page
    assert "Your Step 2 CK score (<code>exams.usmle_step2ck.score</code>)" in page
    assert "A score of 240 or more meets this rule; a lower score fails it." in page
    assert "exams.usmle_step2ck.score" not in other


# Compare ------------------------------------------------------------------------------------


def test_compare_shows_up_to_four_programs_side_by_side(client, miami, elmira):
    _state(elmira, "h1b_sponsorship", "yes")

    response = client.get(reverse("programs:compare"), {"p": [MIAMI_IM, ELMIRA_IM, "x", MIAMI_IM]})

    page = response.content.decode()
    assert page.count('<th scope="col">') == 2
    assert "Sponsors H-1B visa" in page and "Yes" in page


def test_compare_refuses_more_than_four(client, directory):
    from imgpath.programs.models import Program

    ids = list(Program.objects.values_list("acgme_id", flat=True)[:6])

    page = client.get(reverse("programs:compare"), {"p": ids}).content.decode()

    assert page.count('<th scope="col">') == 4
    assert "more than 4 programs" in page


# My programs --------------------------------------------------------------------------------


def test_save_note_tag_and_export_my_programs(client_for, applicant, miami, elmira):
    client = client_for(applicant)
    client.post(reverse("programs:save", args=[MIAMI_IM]))
    client.post(reverse("programs:save", args=[ELMIRA_IM]))
    client.post(
        reverse("programs:update", args=[MIAMI_IM]),
        {"note": "=HYPERLINK(evil)", "tags": "Reach, florida, reach"},
    )

    saved = SavedProgram.objects.get(user=applicant, program=miami)
    assert (saved.note, saved.tags) == ("=HYPERLINK(evil)", ["reach", "florida"])
    listing = client.get(reverse("programs:my_programs"), {"tag": "florida"}).content.decode()
    assert "Jackson Health System Program</a>" in listing
    assert "Arnot Ogden Medical Center Program</a>" not in listing
    export = client.get(reverse("programs:my_programs_export"))
    rows = list(csv.reader(io.StringIO(export.content.decode())))
    assert export["Content-Disposition"].startswith('attachment; filename="imgpath-my-programs-')
    assert rows[0][:3] == ["acgme_id", "program", "specialty"]
    assert {r[0] for r in rows[1:]} == {MIAMI_IM, ELMIRA_IM}
    note = rows[0].index("note")
    assert "'=HYPERLINK(evil)" in {r[note] for r in rows[1:]}


def test_the_save_button_swaps_with_htmx(client_for, applicant, miami):
    client = client_for(applicant)

    saved = client.post(reverse("programs:save", args=[MIAMI_IM]), headers={"HX-Request": "true"})
    removed = client.post(
        reverse("programs:remove", args=[MIAMI_IM]),
        {"from": "search"},
        headers={"HX-Request": "true"},
    )

    assert "Saved · Remove" in saved.content.decode()
    assert "<html" not in saved.content.decode()
    assert ">Save</button>" in removed.content.decode()
    assert not SavedProgram.objects.exists()


def test_my_list_survives_logout(client_for, applicant, miami):
    client = client_for(applicant)
    client.post(reverse("programs:save", args=[MIAMI_IM]))
    client.logout()

    client = client_for(applicant)

    assert "University of Miami" in client.get(reverse("programs:my_programs")).content.decode()


def test_another_user_cannot_see_or_change_my_programs(
    client_for, applicant, other_applicant, miami
):
    SavedProgramFactory(user=applicant, program=miami, note="private note", tags=["mine"])
    client = client_for(other_applicant)

    listing = client.get(reverse("programs:my_programs")).content.decode()
    export = client.get(reverse("programs:my_programs_export")).content.decode()
    update = client.post(
        reverse("programs:update", args=[MIAMI_IM]), {"note": "hacked", "tags": ""}
    )
    remove = client.post(reverse("programs:remove", args=[MIAMI_IM]))

    assert "private note" not in listing and MIAMI_IM not in export
    assert (update.status_code, remove.status_code) == (404, 404)
    saved = SavedProgram.objects.get()
    assert (saved.user, saved.note, saved.tags) == (applicant, "private note", ["mine"])


def test_the_tag_filter_lists_only_my_tagged_programs_and_all_my_tags(
    client_for, applicant, other_applicant, miami, elmira
):
    SavedProgramFactory(user=applicant, program=miami, tags=["florida", "reach"])
    SavedProgramFactory(user=applicant, program=elmira, tags=["safety"])
    SavedProgramFactory(user=other_applicant, program=elmira, tags=["florida", "theirs"])

    page = client_for(applicant).get(reverse("programs:my_programs"), {"tag": "florida"})
    listing = page.content.decode()

    assert [item.program for item in page.context["items"]] == [miami]
    assert page.context["all_tags"] == ["florida", "reach", "safety"]
    assert "Arnot Ogden Medical Center Program</a>" not in listing
    assert 'href="?tag=safety"' in listing and "theirs" not in listing


def test_a_tag_only_another_person_used_finds_none_of_theirs(
    client_for, applicant, other_applicant, miami
):
    SavedProgramFactory(user=other_applicant, program=miami, tags=["theirs"], note="their note")

    listing = client_for(applicant).get(reverse("programs:my_programs"), {"tag": "theirs"})

    assert "No saved program has the tag" in listing.content.decode()
    assert "their note" not in listing.content.decode()


def test_the_program_page_marks_only_my_own_save_and_my_own_claim(
    client_for, applicant, other_applicant, host, other_host, miami
):
    SavedProgramFactory(user=other_applicant, program=miami)
    ProgramClaimFactory(program=miami, host=other_host)

    as_applicant = _detail(client_for(applicant), miami)
    as_host = _detail(client_for(host), miami)

    assert "Saved · Remove" not in as_applicant and ">Save</button>" in as_applicant
    assert "waiting for staff" not in as_host
    assert "Ask to represent this program" in as_host


def test_my_programs_need_login(client, directory):
    response = client.get(reverse("programs:my_programs"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


# Dashboard, privacy -------------------------------------------------------------------------


def test_dashboard_panels_per_role(client_for, applicant, host, staff, miami):
    SavedProgramFactory(user=applicant, program=miami)
    CommunityReportFactory(program=miami)

    assert "1 program saved" in client_for(applicant).get(reverse("dashboard")).content.decode()
    assert "Programs you represent" in client_for(host).get(reverse("dashboard")).content.decode()
    assert (
        "1 community report waiting" in client_for(staff).get(reverse("dashboard")).content.decode()
    )


def test_export_and_erase_cover_lists_reports_and_claims(applicant, host, miami):
    SavedProgramFactory(user=applicant, program=miami, note="my note")
    CommunityReportFactory(program=miami, author=applicant, note="pending one")
    promoted = CommunityReportFactory(
        program=miami, author=applicant, field="j1_sponsorship", status="promoted", note="kept"
    )
    ProgramClaim.objects.create(program=miami, host=host, role_title="PD", evidence="x")

    exported = user_data_export(user=applicant)["data"]["programs"]
    user_data_erase(user=applicant)

    assert exported["saved_programs"][0]["note"] == "my note"
    assert len(exported["community_reports"]) == 2
    assert not SavedProgram.objects.exists()
    assert list(CommunityReport.objects.values_list("pk", "author")) == [(promoted.pk, None)]
