"""API fuzzing: schemathesis generates requests from the OpenAPI schema (generated at test time,
so it is the API as it is) and sends them to the app in-process, signed in as several roles.
Every answer must be no server error, with a status code, content type and body the schema
declares.

Bounded for CI: THEODOI_FUZZ_EXAMPLES examples per operation and role (default 6). A longer
session, e.g. before a release:

    THEODOI_FUZZ_EXAMPLES=500 .venv/bin/python -m pytest tests/security/test_api_fuzz.py -q -p no:randomly
"""

from __future__ import annotations

import os

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, settings

from tests.security.targets import api_schema

EXAMPLES = int(os.environ.get("THEODOI_FUZZ_EXAMPLES", "6"))
# The coverage phase (boundary values of every parameter: many cases per operation) only in a long
# session, or with THEODOI_FUZZ_COVERAGE=1; CI generates EXAMPLES random cases per operation and role.
COVERAGE = os.environ.get("THEODOI_FUZZ_COVERAGE", "1" if EXAMPLES > 50 else "") == "1"
PHASES = [Phase.explicit, Phase.generate] if COVERAGE else [Phase.generate]
ROLES = ("admin", "coordinator", "reporter")
CHECKS = [
    schemathesis.checks.not_a_server_error,
    schemathesis.checks.status_code_conformance,
    schemathesis.checks.content_type_conformance,
    schemathesis.checks.response_schema_conformance,
]

schema = schemathesis.openapi.from_dict(api_schema())
schema.app = get_wsgi_application()

pytestmark = pytest.mark.django_db


@pytest.fixture
def in_test_transaction():
    """Django closes the connection around each request it serves; in a test that would end the
    test's own transaction (the test client turns this off the same way)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.mark.parametrize("role", ROLES)
@schema.parametrize()
@settings(
    max_examples=EXAMPLES, deadline=None, database=None, phases=PHASES,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)  # fmt: skip
def test_api_answers_as_its_schema_says(case, role, world, in_test_transaction):
    headers = {"Authorization": f"Token {world.tokens[role]}"}
    if case.operation.path == "/api/v1/external-values/":
        headers = {}  # a source system's key, not a user's: every user answer is 401, as declared
    case.call_and_validate(headers=headers, checks=CHECKS)
