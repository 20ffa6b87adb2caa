"""Fuzzing the REST API from its own OpenAPI document with Schemathesis: valid and invalid
requests to every operation, against the real app over HTTP. No request may get a 5xx (503 is
allowed only where the database is away, which it never is here), every status code must be
documented, and every response must match its documented schema and content type.

Bounded: a fixed number of examples per operation and generation mode, so it runs in well under
a minute; with API keys on as well as off.
"""

from __future__ import annotations

import asyncio
from typing import Any

import hypothesis
import pytest
import schemathesis
from hypothesis import HealthCheck, Phase
from pydantic import SecretStr
from schemathesis.checks import not_a_server_error
from schemathesis.core.result import Ok
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from devtools.testing.apps import AppFactory
from devtools.testing.asgi_server import ThreadedServer
from devtools.testing.show_client import create_ready_mission

pytestmark = pytest.mark.slow  # fuzzing: every operation, many examples

EXAMPLES_PER_OPERATION = 60
API_KEY = "fuzz-secret-0001"
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture(params=[False, True], ids=["keys_off", "keys_on"])
def keys_on(request: pytest.FixtureRequest) -> bool:
    return bool(request.param)


@pytest.fixture
def fuzz_server(apps: AppFactory, keys_on: bool) -> ThreadedServer:
    fields: dict[str, Any] = {
        # High enough that the fuzzer meets the handlers, not only the limiter.
        "create_missions_per_user_per_minute": 100_000,
        "create_missions_per_ip_per_minute": 100_000,
    }
    if keys_on:
        fields["api_keys"] = SecretStr(f"fuzzer:{API_KEY}")
    return apps.serve(apps.settings(**fields))


def test_fuzzed_requests_never_get_a_server_error_or_an_undocumented_answer(
    fuzz_server: ThreadedServer, keys_on: bool
) -> None:
    headers = {"X-API-Key": API_KEY} if keys_on else {}
    # A real mission, so that some generated requests meet one (ids are otherwise random).
    existing = asyncio.run(create_ready_mission(fuzz_server.base_url, headers=headers))["id"]
    schema = schemathesis.openapi.from_url(f"{fuzz_server.base_url}/openapi.json")
    operations = []
    for result in schema.get_all_operations():
        assert isinstance(result, Ok), f"the OpenAPI document is invalid: {result}"
        operations.append(result.ok())
    assert {op.path for op in operations} >= {
        "/api/v1/create_mission",
        "/api/v1/mission_status/{mission_id}",
        "/api/v1/missions/{mission_id}/transcript",
        "/api/v1/leaderboard",
        "/health",
    }
    calls = 0
    without_input: set[str] = set()
    for operation in operations:
        for mode in (schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE):
            strategy = operation.as_strategy(generation_mode=mode)
            if "{mission_id}" in operation.path and mode is schemathesis.GenerationMode.POSITIVE:
                strategy = strategy | operation.as_strategy(path_parameters={"mission_id": existing})

            @hypothesis.given(case=strategy)
            @hypothesis.settings(
                max_examples=EXAMPLES_PER_OPERATION,
                deadline=None,
                database=None,
                derandomize=True,
                phases=[Phase.explicit, Phase.generate],
                suppress_health_check=list(HealthCheck),
            )
            def call(case: schemathesis.Case[Any]) -> None:
                nonlocal calls
                calls += 1
                case.call_and_validate(base_url=fuzz_server.base_url, headers=headers, checks=CHECKS)

            try:
                call()
            except hypothesis.errors.Unsatisfiable:
                # Nothing to get wrong in a request that takes no input (the health check, the
                # listen page's ICE servers).
                assert mode is schemathesis.GenerationMode.NEGATIVE
                without_input.add(f"{operation.method.upper()} {operation.path}")
    assert without_input == {"GET /health", "GET /api/v1/listen/ice"}
    assert calls >= len(operations) * EXAMPLES_PER_OPERATION
