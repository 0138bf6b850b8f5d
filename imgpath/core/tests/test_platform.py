from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django.urls import reverse

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[3]


def test_healthz_checks_the_database(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_reports_a_broken_database(client, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise RuntimeError("down")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["status"] == "error"


def test_friendly_404_page(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_api_errors_are_json(client):
    assert client.get("/api/v1/no-such-endpoint").status_code == 404
    response = client.get("/api/v1/me")
    assert response.status_code == 401
    assert json.loads(response.content)["detail"]


def test_openapi_schema_and_docs_page(client):
    schema = client.get("/api/v1/openapi.json")
    assert schema.status_code == 200
    assert schema.json()["info"]["title"] == "IMGPath API"
    assert "/api/v1/me" in schema.json()["paths"]

    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200
    assert "swagger-ui-bundle.js" in docs.content.decode()
    assert "cdn" not in docs.content.decode().lower()


def test_pages_send_a_strict_content_security_policy(client):
    response = client.get(reverse("home"))

    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert response["X-Frame-Options"] == "DENY"


def test_pages_carry_no_inline_script(client, applicant):
    client.force_login(applicant)
    for url in [reverse("home"), reverse("dashboard"), reverse("account_settings")]:
        html = client.get(url, follow=True).content.decode()
        for tag in html.split("<script")[1:]:
            assert "src=" in tag.split(">")[0], f"inline script on {url}"


def test_htmx_is_served_from_our_own_static_files(client):
    html = client.get(reverse("home")).content.decode()
    assert "/static/django_htmx/htmx" in html
    assert "unpkg" not in html and "jsdelivr" not in html


def _deploy_env(**overrides: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DJANGO_SETTINGS_MODULE", "IMGPATH_HTTPS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(
        SECRET_KEY="a" * 20 + "-production-like-secret-key-for-checks-0123456789",
        DJANGO_DEBUG="False",
        ALLOWED_HOSTS="imgpath.example.org",
        DJANGO_SETTINGS_MODULE="config.settings",
        **overrides,
    )
    return env


def test_production_settings_pass_check_deploy():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=_deploy_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_settings_refuse_to_start_without_a_secret_key():
    env = _deploy_env()
    env.pop("SECRET_KEY")
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_friendly_500_and_403_pages(rf, applicant):
    from imgpath.core.views import error_403, error_500

    request = rf.get("/somewhere/")
    request.user = applicant
    server_error = error_500(request)
    forbidden = error_403(request)

    assert server_error.status_code == 500
    assert "Something went wrong" in server_error.content.decode()
    assert forbidden.status_code == 403
    assert "Not allowed" in forbidden.content.decode()


def test_api_paths_get_json_error_pages(rf, applicant):
    from imgpath.core.views import error_500

    request = rf.get("/api/v1/anything")
    request.user = applicant
    response = error_500(request)

    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content)["detail"]


def test_permission_denied_renders_the_friendly_403(client, applicant):
    from imgpath.programs.tests.factories import ProgramFactory

    program = ProgramFactory()
    client.force_login(applicant)

    response = client.get(f"/programs/{program.acgme_id}/ledger/")

    assert response.status_code == 403
    assert "Not allowed" in response.content.decode()
