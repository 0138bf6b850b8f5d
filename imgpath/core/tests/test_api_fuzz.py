"""Property-based fuzzing of the whole JSON API with schemathesis.

Every operation in /api/v1/openapi.json is called in process (WSGI, no network) with generated
valid and invalid input, as each role and anonymously, over the demo data. Each call must
answer no server error and nothing the schema does not say: status code, content type,
headers and body all conform, schema-invalid input is refused, and an operation that needs
credentials refuses a call without them.

Left out on purpose: `positive_data_acceptance`. Business rules refuse some schema-valid input
with a documented 422 (an empty statement, certifying an empty list, a file whose bytes are
not a PDF), which the schema cannot express and should not pretend to.

`IMGPATH_FUZZ_EXAMPLES=200 pytest imgpath/core/tests/test_api_fuzz.py` runs a longer search.
"""

from __future__ import annotations

import json
import os
from io import StringIO

import pytest
import schemathesis
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import positive_data_acceptance

from config.urls import api
from imgpath.accounts.models import User
from imgpath.accounts.services import api_token_create

pytestmark = pytest.mark.slow

ROLES = {
    "anonymous": None,
    "applicant": "applicant@demo.imgpath.org",
    "host": "host@demo.imgpath.org",
    "mentor": "mentor@demo.imgpath.org",
    "staff": "staff@demo.imgpath.org",
}
# Random cases per operation and role.
MAX_EXAMPLES = int(os.environ.get("IMGPATH_FUZZ_EXAMPLES", "10"))


def _load_schema(*, coverage: bool) -> schemathesis.schemas.BaseSchema:
    raw = json.loads(json.dumps(api.get_openapi_schema(), default=str))
    config = SchemathesisConfig.from_str(
        f"[phases.coverage]\nenabled = {'true' if coverage else 'false'}\n"
    )
    schema = schemathesis.openapi.from_dict(raw, config=config)
    schema.app = get_wsgi_application()
    return schema


# The coverage phase (every boundary and every kind of invalid value of each parameter, a few
# thousand calls) runs as the applicant, who owns the most data; every role gets random cases.
with_coverage = _load_schema(coverage=True)
random_only = _load_schema(coverage=False)


@pytest.fixture(scope="module")
def tokens(django_db_setup, django_db_blocker):
    """The demo data, committed once for the module, and a personal token per role.

    The WSGI handler closes the database connection after each request, which would end each
    test's transaction; Django's test client stops that the same way, for its requests.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    with django_db_blocker.unblock():
        call_command("load_demo", stdout=StringIO())
        made = {
            role: api_token_create(user=User.objects.get(email=email), name="fuzz")[1]
            for role, email in ROLES.items()
            if email
        }
    yield made
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


FUZZ_SETTINGS = settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)


def _call(case, token: str | None) -> None:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    case.call_and_validate(headers=headers, excluded_checks=[positive_data_acceptance])


@with_coverage.parametrize()
@FUZZ_SETTINGS
def test_every_value_class_as_applicant(case, tokens, db):
    _call(case, tokens["applicant"])


@pytest.mark.parametrize("role", list(ROLES))
@random_only.parametrize()
@FUZZ_SETTINGS
def test_random_calls_as_every_role(case, role, tokens, db):
    _call(case, tokens.get(role))
