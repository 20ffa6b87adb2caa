"""The REST API over real HTTP, against the app served by uvicorn with its embedded defaults."""

from __future__ import annotations

import asyncio
import re
import time
import uuid
from typing import Any

import httpx
import pytest

from devtools.testing.apps import AppFactory
from devtools.testing.asgi_server import ThreadedServer
from devtools.testing.fake_gemini import FakeGemini, server_error
from radiomirchi.config import Settings
from radiomirchi.schemas import new_mission_id, parse_mission_id


async def _wait_for_status(
    client: httpx.AsyncClient, mission_id: str, wanted: set[str], within: float = 5.0
) -> dict[str, Any]:
    deadline = time.monotonic() + within
    while True:
        body = (await client.get(f"/api/v1/mission_status/{mission_id}")).json()
        if body["status"] in wanted or time.monotonic() > deadline:
            return dict(body)
        await asyncio.sleep(0.05)


async def test_create_mission_answers_201_in_stage1_then_reaches_stage2(
    shared_client: httpx.AsyncClient,
) -> None:
    started = time.monotonic()
    response = await shared_client.post(
        "/api/v1/create_mission", json={"topic": "the new water tax", "user_id": "p1"}
    )
    assert time.monotonic() - started < 1.0
    assert response.status_code == 201
    mission = response.json()
    assert re.fullmatch(r"[0-9a-f]{24}", mission["id"]), "an ObjectId's hex, as the front end expects"
    assert mission["_id"] == mission["id"]
    assert mission["status"] == "stage1" and mission["phase"] == "preparing"
    assert mission["user_id"] == "p1"
    assert mission["topic"] == "the new water tax"
    assert mission["writer"] == "offline"
    assert mission["dialogue_generator_prompt"] is None
    result = mission["generation_result"]
    assert result["awakened_listeners"] == 0
    assert {"name", "gender", "role", "background"} <= set(result["speakers"][0])
    ready = await _wait_for_status(shared_client, mission["id"], {"stage2", "failed"})
    assert ready["status"] == "stage2" and ready["phase"] == "ready"
    assert ready["_id"] == mission["id"]
    assert "SHOW & CHARACTER BRIEFING" in ready["dialogue_generator_prompt"]
    assert ready["generation_result"] == result


@pytest.mark.parametrize(
    "body", [{"user_id": "p1"}, {"topic": "", "user_id": "p1"}, {"topic": "any", "user_id": "p1"}]
)
async def test_a_missing_empty_or_any_topic_invents_one(
    shared_client: httpx.AsyncClient, body: dict[str, Any]
) -> None:
    response = await shared_client.post("/api/v1/create_mission", json=body)
    assert response.status_code == 201
    assert response.json()["topic"] not in ("", "any")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"topic": "x" * 201, "user_id": "p1"}, "topic"),
        ({"topic": "water"}, "user_id"),
        ({"topic": "water", "user_id": "has space"}, "user_id"),
        ({"topic": "water", "user_id": "u" * 65}, "user_id"),
        ({"topic": "water", "user_id": ""}, "user_id"),
        ({"topic": 12, "user_id": "p1"}, "topic"),
    ],
)
async def test_bad_input_gets_a_readable_422(
    shared_client: httpx.AsyncClient, body: dict[str, Any], field: str
) -> None:
    response = await shared_client.post("/api/v1/create_mission", json=body)
    assert response.status_code == 422
    payload = response.json()
    assert payload["message"].startswith(field), payload["message"]
    assert "Traceback" not in response.text


async def test_a_topic_of_exactly_200_characters_after_trimming_is_accepted(
    shared_client: httpx.AsyncClient,
) -> None:
    topic = "  " + ("water tax " * 20)[:200] + "  "
    response = await shared_client.post("/api/v1/create_mission", json={"topic": topic, "user_id": "p1"})
    assert response.status_code == 201


async def test_a_json_body_that_is_not_an_object_gets_422(shared_client: httpx.AsyncClient) -> None:
    response = await shared_client.post(
        "/api/v1/create_mission", content=b"not json", headers={"content-type": "application/json"}
    )
    assert response.status_code == 422


def test_mission_ids_are_object_id_hex_read_in_either_case() -> None:
    mission_id = new_mission_id()
    assert re.fullmatch(r"[0-9a-f]{24}", mission_id)
    assert new_mission_id() != mission_id
    assert parse_mission_id(f" {mission_id.upper()} ") == mission_id
    for malformed in (str(uuid.uuid4()), mission_id[:-1], mission_id + "0", "z" * 24, "", None, 12):
        assert parse_mission_id(malformed) is None


@pytest.mark.parametrize(
    "mission_id",
    # Fresh ids get fixed names: every test process (pytest-xdist's workers) must collect the same tests.
    [
        pytest.param(new_mission_id(), id="unknown-object-id"),
        "not-a-uuid",
        "1234",
        "%20",
        "0" * 23,
        "g" * 24,
        pytest.param(str(uuid.uuid4()), id="a-uuid"),
    ],
)
async def test_unknown_or_malformed_ids_are_404(shared_client: httpx.AsyncClient, mission_id: str) -> None:
    response = await shared_client.get(f"/api/v1/mission_status/{mission_id}")
    assert response.status_code == 404
    assert response.json() == {"detail": "Mission not found"}


async def test_health_names_the_active_providers(shared_client: httpx.AsyncClient) -> None:
    response = await shared_client.get("/health")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["providers"]["writer"] == "offline"
    assert body["providers"]["store"] == "sqlite"


async def test_openapi_and_docs_are_served(shared_client: httpx.AsyncClient) -> None:
    spec = (await shared_client.get("/openapi.json")).json()
    assert "/api/v1/create_mission" in spec["paths"]
    assert "/api/v1/mission_status/{mission_id}" in spec["paths"]
    docs = await shared_client.get("/docs")
    assert docs.status_code == 200 and "swagger" in docs.text.lower()


async def test_missions_survive_an_app_restart(apps: AppFactory) -> None:
    settings = apps.settings()
    with apps.running(settings) as first:
        async with httpx.AsyncClient(base_url=first.base_url) as http:
            created = (
                await http.post("/api/v1/create_mission", json={"topic": "bread", "user_id": "p1"})
            ).json()
            await _wait_for_status(http, created["id"], {"stage2"})
    with apps.running(settings) as second:
        async with httpx.AsyncClient(base_url=second.base_url) as http:
            again = (await http.get(f"/api/v1/mission_status/{created['id']}")).json()
    assert again["status"] == "stage2"
    assert again["generation_result"] == created["generation_result"]


@pytest.fixture
def gemini_server(fake_gemini: FakeGemini, apps: AppFactory) -> ThreadedServer:
    return apps.serve(apps.settings(gemini=fake_gemini))


async def test_with_gemini_configured_the_mission_records_gemini(
    gemini_server: ThreadedServer, fake_gemini: FakeGemini
) -> None:
    async with httpx.AsyncClient(base_url=gemini_server.base_url) as http:
        mission = (await http.post("/api/v1/create_mission", json={"topic": "water", "user_id": "p1"})).json()
        ready = await _wait_for_status(http, mission["id"], {"stage2", "failed"})
        health = (await http.get("/health")).json()
    assert mission["writer"].startswith("gemini:")
    assert ready["briefing_writer"].startswith("gemini:")
    assert health["providers"]["writer"].startswith("gemini:")
    assert fake_gemini.request_count == 2


async def test_when_gemini_is_down_the_offline_writer_serves_and_health_says_so(
    gemini_server: ThreadedServer, fake_gemini: FakeGemini, gemini_settings: Settings
) -> None:
    fake_gemini.queue(*(server_error(503) for _ in range(2 * gemini_settings.gemini_max_attempts)))
    async with httpx.AsyncClient(base_url=gemini_server.base_url) as http:
        response = await http.post("/api/v1/create_mission", json={"topic": "water", "user_id": "p1"})
        ready = await _wait_for_status(http, response.json()["id"], {"stage2", "failed"})
        health = (await http.get("/health")).json()
    assert response.status_code == 201
    assert response.json()["writer"] == "offline"
    assert ready["status"] == "stage2" and ready["briefing_writer"] == "offline"
    assert health["providers"]["fallbacks"] == {"writer.mission": 1, "writer.briefing": 1}
    assert "test-key-not-real" not in str(health)


async def test_the_api_works_on_mongodb(apps: AppFactory, mongodb_settings: Settings) -> None:
    with apps.running(mongodb_settings) as server:
        async with httpx.AsyncClient(base_url=server.base_url) as http:
            health = (await http.get("/health")).json()
            created = (
                await http.post("/api/v1/create_mission", json={"topic": "rail", "user_id": "p1"})
            ).json()
            ready = await _wait_for_status(http, created["id"], {"stage2", "failed"})
    assert health["providers"]["store"] == "mongodb"
    assert ready["status"] == "stage2"
