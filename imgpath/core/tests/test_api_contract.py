"""The API answers as its OpenAPI schema says: error bodies, statuses, optional auth, no 500."""

from __future__ import annotations

from collections import defaultdict

import pytest
from ninja import Schema

from imgpath.programs.tests.factories import ProgramFactory, SavedProgramFactory

pytestmark = pytest.mark.django_db

API = "/api/v1"


def _schema(client) -> dict:
    return client.get(f"{API}/openapi.json").json()


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def test_no_two_schemas_share_a_name():
    """OpenAPI components are keyed by class name: two `ProgramOut`s made the directory's
    items document the match cycles' shape (with an `id` the items never had)."""
    import config.urls  # noqa: F401 (mounts every router, importing every schema)

    modules = defaultdict(set)
    for schema in _subclasses(Schema):
        if schema.__module__.startswith("imgpath."):
            modules[schema.__name__].add(schema.__module__)

    assert {name: mods for name, mods in modules.items() if len(mods) > 1} == {}


def test_program_items_are_documented_as_what_they_are(client):
    ProgramFactory()
    schema = _schema(client)
    page = schema["components"]["schemas"]["ProgramPageOut"]
    ref = page["properties"]["results"]["items"]["$ref"].rsplit("/", 1)[1]
    item = client.get(f"{API}/programs").json()["results"][0]

    assert set(schema["components"]["schemas"][ref]["required"]) <= set(item)


@pytest.mark.parametrize("month", ["0000-01", "1999-12", "2101-01", "2027-13", "2027-1"])
def test_a_month_that_is_no_real_date_is_422_naming_the_field(client_for, applicant, month):
    response = client_for(applicant).get(f"{API}/rotations/offerings", {"month": month})

    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["month"]


def test_a_real_month_is_accepted(client_for, applicant):
    response = client_for(applicant).get(f"{API}/rotations/offerings", {"month": "2027-03"})
    assert response.status_code == 200


def test_a_refusal_by_a_business_rule_has_the_documented_422_body(client_for, applicant):
    program = ProgramFactory()
    response = client_for(applicant).post(
        f"{API}/programs/{program.acgme_id}/reports",
        {"field": "min_step2ck", "value": "0"},
        content_type="application/json",
    )

    assert response.status_code == 422
    body = response.json()
    assert body["errors"] == [{"field": "value", "message": body["detail"]}]


@pytest.mark.parametrize("body", ["[null, null]", "[]", "7", '"note"', "null"])
def test_a_body_that_is_not_an_object_is_422_and_changes_nothing(client_for, applicant, body):
    saved = SavedProgramFactory(user=applicant, note="keep me")
    client = client_for(applicant)
    client.put(f"{API}/profile", {"citizenships": ["IN"]}, content_type="application/json")

    patched = client.patch(
        f"{API}/my-programs/{saved.program.acgme_id}", body, content_type="application/json"
    )
    profile = client.put(f"{API}/profile", body, content_type="application/json")

    assert patched.status_code == 422 and "errors" in patched.json()
    assert profile.status_code == 422 and "errors" in profile.json()
    saved.refresh_from_db()
    assert saved.note == "keep me"
    assert client.get(f"{API}/profile").json() == {"citizenships": ["IN"]}


def test_a_body_that_is_not_json_is_a_documented_400(client_for, applicant):
    client = client_for(applicant)
    response = client.put(f"{API}/profile", b"\xff\x00{", content_type="application/json")
    operation = _schema(client)["paths"][f"{API}/profile"]["put"]

    assert response.status_code == 400
    assert "400" in operation["responses"]


def test_every_operation_documents_the_errors_it_can_answer(client):
    for path, operations in _schema(client)["paths"].items():
        for method, operation in operations.items():
            documented = set(operation["responses"])
            missing = {"400", "401", "403", "404", "422"} - documented
            assert not missing, f"{method.upper()} {path} does not document {missing}"
            body = operation["responses"]["422"]["content"]["application/json"]["schema"]
            assert body["$ref"].endswith("/ValidationErrorOut"), (method, path)


def test_public_reads_say_credentials_are_optional(client):
    paths = _schema(client)["paths"]

    assert {} in paths[f"{API}/programs"]["get"]["security"]
    assert {} in paths[f"{API}/programs/{{acgme_id}}"]["get"]["security"]
    assert {} not in paths[f"{API}/my-programs"]["get"]["security"]
    assert client.get(f"{API}/my-programs").status_code == 401


def test_every_api_path_with_a_trailing_slash_redirects_to_its_canonical_path(client):
    for path, operations in _schema(client)["paths"].items():
        concrete = "/".join("1" if part.startswith("{") else part for part in path.split("/"))
        for method in operations:
            response = getattr(client, method)(f"{concrete}/?x=1")
            assert response.status_code == 308, (method, path)
            assert response["Location"] == f"{concrete}?x=1"


def test_the_slash_redirect_keeps_the_method_and_reaches_the_same_answer(client_for, applicant):
    client = client_for(applicant)
    put = client.put(f"{API}/profile/", {"citizenships": ["IN"]}, content_type="application/json")
    followed = client.get(f"{API}/profile/", follow=True)

    assert put.status_code == 308 and put["Location"] == f"{API}/profile"
    assert followed.status_code == 200
    assert followed.redirect_chain == [(f"{API}/profile", 308)]


def test_an_unknown_api_path_with_a_slash_is_a_json_404(client):
    response = client.get(f"{API}/no-such-thing/")
    assert response.status_code == 404
    assert response.json()["detail"]
