"""Letters and statements pages: add, version, diff; nobody else's."""

from __future__ import annotations

import pytest
from django.urls import reverse

from imgpath.season import services
from imgpath.season.models import Letter, StatementVersion

pytestmark = pytest.mark.django_db


@pytest.fixture
def statement(applicant):
    season = services.season_for(applicant)
    statement = services.statement_create(season, title="IM", text="One\nTwo")
    services.statement_version_add(statement, text="One\nThree")
    return statement


def test_letters_and_the_mix(client_for, applicant, programs):
    season = services.season_for(applicant)
    services.tracked_program_add(season, acgme_id=programs[3].acgme_id)  # emergency medicine
    client = client_for(applicant)
    response = client.post(
        reverse("season_letter_add"),
        {"writer_name": "Dr. Ruiz", "specialty": "emergency_medicine", "us_physician": "on"},
    )
    assert response.status_code == 302
    assert Letter.objects.get().us_physician is True
    page = client.get(reverse("season_documents")).content.decode()
    assert "Dr. Ruiz" in page and "SLOE" in page and "unconfirmed" in page


def test_versions_and_diff(client_for, applicant, statement):
    client = client_for(applicant)
    client.post(reverse("season_version_add", args=[statement.pk]), {"text": "Four"})
    assert StatementVersion.objects.filter(statement=statement).count() == 3
    page = client.get(reverse("season_statement_diff", args=[statement.pk]), {"old": 1, "new": 2})
    text = page.content.decode()
    assert "<del>- Two</del>" in text and "<ins>+ Three</ins>" in text
    bad = client.get(reverse("season_statement_diff", args=[statement.pk]), {"old": "x"})
    assert bad.status_code == 400
    assert "28000 characters" in client.get(reverse("season_documents")).content.decode()


def test_another_applicant_cannot_read_or_add_versions(client_for, other_applicant, statement):
    client = client_for(other_applicant)
    diff = client.get(reverse("season_statement_diff", args=[statement.pk]), {"old": 1, "new": 2})
    assert diff.status_code == 404
    added = client.post(reverse("season_version_add", args=[statement.pk]), {"text": "Mine"})
    assert added.status_code == 404
    assert StatementVersion.objects.filter(statement=statement).count() == 2
    assert "No statement yet." in client.get(reverse("season_documents")).content.decode()


@pytest.mark.parametrize("role", ["host", "mentor"])
def test_other_roles(client_for, role, request):
    user = request.getfixturevalue(role)
    assert client_for(user).get(reverse("season_documents")).status_code == 403
