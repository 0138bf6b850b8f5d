"""Pages for one role answer 403 to every other signed-in role, everywhere (docs/architecture.md,
"Who may see a page"). Every page guarded by ``role_required`` is found from the URL
configuration, so a new one is covered without editing this test."""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

ROLES = ("applicant", "host", "mentor", "staff")
# Pages that check the role inside the view (they also serve the API's shape of the answer).
APPLICANT_PAGES_CHECKED_INSIDE = ("profile_edit", "roadmap", "roadmap_pdf", "roadmap_calendar")


def _patterns(resolver: URLResolver, namespace: str = ""):
    for item in resolver.url_patterns:
        if isinstance(item, URLResolver):
            inner = f"{namespace}{item.namespace}:" if item.namespace else namespace
            yield from _patterns(item, inner)
        elif isinstance(item, URLPattern) and item.name:
            yield f"{namespace}{item.name}", item


def role_pages() -> list[tuple[str, str]]:
    """(url name, role) for every argument-free page guarded by ``role_required``."""
    pages = []
    for name, pattern in _patterns(get_resolver()):
        role = getattr(pattern.callback, "required_role", None)
        if role is not None and not pattern.pattern.regex.groups:
            pages.append((name, str(role)))
    pages += [(name, "applicant") for name in APPLICANT_PAGES_CHECKED_INSIDE]
    return sorted(pages)


def test_the_role_pages_are_found():
    found = dict(role_pages())
    assert found["profile_edit"] == "applicant"
    assert "host" in found.values() and len(found) > len(APPLICANT_PAGES_CHECKED_INSIDE)


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "role"), role_pages())
def test_a_role_page_answers_403_to_every_other_role(client, request, name, role):
    url = reverse(name)
    for other in (r for r in ROLES if r != role):
        client.force_login(request.getfixturevalue(other))
        assert client.get(url).status_code == 403, (name, other)
    client.force_login(request.getfixturevalue(role))
    assert client.get(url).status_code != 403
