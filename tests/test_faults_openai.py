"""The whole app on an OpenAI-compatible server (a fake llama.cpp / Ollama over real HTTP): the
show plays its lines and ``/health`` names it; a server that answers every call with a 500, or one
too slow for the dialogue deadline (a CPU-only model), still gives a mission at once and a live
show with no silence over a second; a wrong key or an unknown model is reported in ``/health``."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from pydantic import SecretStr

from devtools.testing.apps import AppFactory
from devtools.testing.fake_deepgram import FakeDeepgram
from devtools.testing.fake_gemini import LatencyProfile
from devtools.testing.fake_openai import DEFAULT_MODEL, FakeOpenAI, server_error
from devtools.testing.show_client import ShowRecord, create_ready_mission, open_show, play
from radiomirchi.config import Settings

pytestmark = pytest.mark.slow  # fault drills: shows on a failing OpenAI-compatible server

MAX_SILENCE_SECONDS = 1.0


def _app_settings(openai_settings: Settings, deepgram: FakeDeepgram, **update: Any) -> Settings:
    return openai_settings.model_copy(
        update={
            # The defaults a real deployment has: retries are few and short.
            "llm_timeout_seconds": Settings.model_fields["llm_timeout_seconds"].default,
            "llm_max_attempts": Settings.model_fields["llm_max_attempts"].default,
            "llm_backoff_seconds": Settings.model_fields["llm_backoff_seconds"].default,
            "deepgram_api_key": SecretStr("dg-test-key-not-real"),
            "deepgram_base_url": deepgram.base_url,
            "show_seconds": 600.0,
            **update,
        }
    )


@pytest.fixture
def deepgram() -> Iterator[FakeDeepgram]:
    """Lines as long as real speech (~0.35 s a word), as the lookahead meets them in production."""
    with FakeDeepgram(chunk_interval_seconds=0.02) as fake:
        yield fake


def _gaps(record: ShowRecord) -> list[float]:
    """For each line: from the client's ready_for_next to the line's first audio frame."""
    assert all(line.first_frame_at is not None for line in record.lines), "a line had no audio"
    return [line.first_frame_at - line.requested_at for line in record.lines if line.first_frame_at]


async def _health(base_url: str) -> dict[str, Any]:
    async with httpx.AsyncClient(base_url=base_url) as http:
        return dict((await http.get("/health")).json())


async def _writers_on_air(base_url: str, mission_id: str) -> set[str]:
    async with httpx.AsyncClient(base_url=base_url) as http:
        transcript = (await http.get(f"/api/v1/missions/{mission_id}/transcript")).json()
    return {entry["writer"] for entry in transcript if entry["kind"] == "line"}


async def test_the_show_plays_lines_written_by_the_server_and_health_names_it(
    openai_settings: Settings, fake_openai: FakeOpenAI, deepgram: FakeDeepgram, apps: AppFactory
) -> None:
    with apps.running(_app_settings(openai_settings, deepgram)) as server:
        mission = await create_ready_mission(server.base_url)
        assert mission["writer"] == f"openai:{DEFAULT_MODEL}"
        async with await open_show(server.base_url, mission["id"]) as ws:
            record = await play(ws, max_lines=4)
        health = await _health(server.base_url)
        on_air = await _writers_on_air(server.base_url, mission["id"])
    assert not record.errors, record.errors
    assert on_air == {f"openai:{DEFAULT_MODEL}"}
    assert health["status"] == "ok"
    assert health["providers"]["writer"] == f"openai:{DEFAULT_MODEL} (fallback: offline)"
    kinds = {request["response_format"]["json_schema"]["name"] for request in fake_openai.requests}
    assert kinds == {"LLMMission", "LLMBriefing", "LLMDialogue"}


async def test_a_server_failing_every_call_leaves_a_quick_mission_and_a_show_without_silence(
    openai_settings: Settings, fake_openai: FakeOpenAI, deepgram: FakeDeepgram, apps: AppFactory
) -> None:
    fake_openai.always = lambda: server_error(500)
    with apps.running(_app_settings(openai_settings, deepgram)) as server:
        async with httpx.AsyncClient(base_url=server.base_url) as http:
            started = time.monotonic()
            response = await http.post(
                "/api/v1/create_mission", json={"topic": "rail fares", "user_id": "p1"}
            )
            took = time.monotonic() - started
        assert response.status_code == 201, response.text
        assert response.json()["writer"] == "offline"
        assert took < 0.8, f"creating a mission took {took:.2f} s"
        mission = await create_ready_mission(server.base_url, topic="rail fares")
        async with await open_show(server.base_url, mission["id"]) as ws:
            record = await play(ws, max_lines=6)
        health = await _health(server.base_url)
        on_air = await _writers_on_air(server.base_url, mission["id"])
    assert not record.errors and len(record.lines) == 6
    gaps = _gaps(record)
    assert max(gaps) < MAX_SILENCE_SECONDS, f"the show fell silent for {max(gaps):.2f} s"
    assert on_air == {"offline"}
    assert health["providers"]["fallbacks"]["writer.dialogue"] >= 1
    assert fake_openai.request_count >= 2 * 4, "every call was tried (twice) before the offline writer"


async def test_a_server_too_slow_for_the_dialogue_deadline_never_silences_the_show(
    openai_settings: Settings, fake_openai: FakeOpenAI, deepgram: FakeDeepgram, apps: AppFactory
) -> None:
    """A CPU-only model at a smaller scale: its batches take 1.5-2 s, the dialogue deadline is 1 s
    (in production: ~10 s against 4 s), so each batch is late and the offline writer writes it
    while the lines already written still play."""
    fake_openai.profile = LatencyProfile(dialogue=(1.5, 2.0), judge=(1.5, 2.0))
    settings = _app_settings(openai_settings, deepgram, dialogue_deadline_seconds=1.0)
    with apps.running(settings) as server:
        mission = await create_ready_mission(server.base_url)
        assert mission["writer"].startswith("openai:"), "missions and briefings are in time"
        async with await open_show(server.base_url, mission["id"]) as ws:
            # Nothing is written before the show opens: its first line waits for the first batch,
            # at most the dialogue deadline. From then on, each batch is written while lines play.
            opening = await play(ws, max_lines=1)
            record = await play(ws, max_lines=6)
        health = await _health(server.base_url)
        on_air = await _writers_on_air(server.base_url, mission["id"])
    assert not record.errors and len(record.lines) == 6
    [first_wait] = _gaps(opening)
    assert first_wait < settings.dialogue_deadline_seconds + MAX_SILENCE_SECONDS
    gaps = _gaps(record)
    assert max(gaps) < MAX_SILENCE_SECONDS, f"the show fell silent for {max(gaps):.2f} s"
    assert "offline" in on_air
    assert health["providers"]["fallbacks"]["writer.dialogue"] >= 1


@pytest.mark.parametrize("refusal", ["wrong_key", "unknown_model"])
async def test_a_refusing_server_is_reported_in_health_without_its_key(
    refusal: str, openai_settings: Settings, fake_openai: FakeOpenAI, deepgram: FakeDeepgram, apps: AppFactory
) -> None:
    fake_openai.api_key = "sk-right-key"
    update: dict[str, Any] = {"llm_api_key": SecretStr("sk-right-key")}
    if refusal == "wrong_key":
        update["llm_api_key"] = SecretStr("sk-wrong-key-123")
    else:
        update["llm_model"] = "qwen9:999b"
    settings = _app_settings(openai_settings, deepgram, **update)
    with apps.running(settings) as server:
        async with httpx.AsyncClient(base_url=server.base_url) as http:
            response = await http.post(
                "/api/v1/create_mission", json={"topic": "rail fares", "user_id": "p1"}
            )
        health = await _health(server.base_url)
    assert response.status_code == 201 and response.json()["writer"] == "offline"
    calls = [request["response_format"]["json_schema"]["name"] for request in fake_openai.requests]
    assert calls and len(calls) == len(set(calls)), f"a refusal is not retried: {calls}"
    assert health["status"] == "degraded"
    [problem] = health["problems"]
    expected = "401" if refusal == "wrong_key" else 'model "qwen9:999b" not found'
    assert expected in problem
    assert "sk-wrong-key-123" not in json.dumps(health) and "sk-right-key" not in json.dumps(health)
