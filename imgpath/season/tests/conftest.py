from __future__ import annotations

import pytest

from imgpath.programs.tests.factories import ProgramFactory, SpecialtyFactory


@pytest.fixture
def programs(db):
    em = SpecialtyFactory(code="110", name="Emergency Medicine", slug="emergency_medicine")
    return [ProgramFactory() for _ in range(3)] + [ProgramFactory(specialty=em)]


@pytest.fixture
def api(client_for):
    """Call the season API as ``user``; returns the response."""

    def call(user, method: str, path: str, body=None):
        client = client_for(user)
        url = f"/api/v1/season{path}"
        if body is None:
            return getattr(client, method)(url)
        return getattr(client, method)(url, body, content_type="application/json")

    return call
