from __future__ import annotations

import pytest
from django.utils import timezone

from imgpath.matching.tests.factories import join_and_rank, mock_cycle, program, rank_applicants


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def approved_host(host, staff):
    host.approved_at = timezone.now()
    host.approved_by = staff
    host.save()
    return host


@pytest.fixture
def cycle(approved_host):
    """A mock cycle by the host: City Hospital (1 position) and Lake Clinic (1)."""
    return mock_cycle(approved_host)


@pytest.fixture
def ranked(cycle, approved_host, applicant, other_applicant):
    """Both applicants want City Hospital first; City prefers Omar, Lake prefers Ana."""
    ana = join_and_rank(cycle, applicant, ["City Hospital", "Lake Clinic"])
    omar = join_and_rank(cycle, other_applicant, ["City Hospital", "Lake Clinic"])
    rank_applicants(program(cycle, "City Hospital"), approved_host, [omar, ana])
    rank_applicants(program(cycle, "Lake Clinic"), approved_host, [ana, omar])
    return {"ana": ana, "omar": omar}
