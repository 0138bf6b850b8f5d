from __future__ import annotations

import pytest
from django.urls import reverse

from imgpath.programs.tests.factories import CommunityReportFactory, ProgramClaimFactory

pytestmark = pytest.mark.django_db

PAGES = [
    "admin:programs_program_changelist",
    "admin:programs_ledgerentry_changelist",
    "admin:programs_ledgerentry_add",
    "admin:programs_programclaim_changelist",
    "admin:programs_communityreport_changelist",
    "admin:programs_importrun_changelist",
    "admin:programs_nrmpprogram_changelist",
    "admin:programs_nrmpresult_changelist",
    "admin:programs_savedprogram_changelist",
]


@pytest.mark.parametrize("name", PAGES)
def test_staff_can_open_the_program_admin_pages(client_for, staff, miami, name):
    CommunityReportFactory(program=miami)
    ProgramClaimFactory(program=miami)

    assert client_for(staff).get(reverse(name)).status_code == 200


def test_a_program_admin_page_lists_its_ledger(client_for, staff, miami):
    response = client_for(staff).get(reverse("admin:programs_program_change", args=[miami.pk]))

    assert response.status_code == 200
    assert "University of Miami" in response.content.decode()
