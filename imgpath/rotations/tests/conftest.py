from __future__ import annotations

import pytest

from imgpath.rotations.tests.factories import (
    HostProfileFactory,
    OfferingFactory,
    SessionFactory,
    SiteFactory,
)


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    """Each test stores uploads in its own private folder."""
    settings.MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def host_profile(host):
    return HostProfileFactory(owner=host, name="Hana Host Clinic")


@pytest.fixture
def other_host_profile(other_host):
    return HostProfileFactory(owner=other_host, name="Otto Other Clinic")


@pytest.fixture
def offering(host_profile):
    return OfferingFactory(site=SiteFactory(host=host_profile), title="Hana's IM observership")


@pytest.fixture
def session(offering):
    return SessionFactory(offering=offering)


@pytest.fixture
def other_offering(other_host_profile):
    return OfferingFactory(site=SiteFactory(host=other_host_profile), title="Otto's observership")


@pytest.fixture
def other_session(other_offering):
    return SessionFactory(offering=other_offering)
