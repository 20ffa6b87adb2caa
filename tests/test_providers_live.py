"""The live show on production providers (Gemini dialogue, Deepgram voices) through fakes, and
what happens to their work when the player disconnects."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Iterator

import httpx
import pytest
from websockets.asyncio.connection import Connection

from devtools.testing.apps import AppFactory
from devtools.testing.asgi_server import ThreadedServer
from devtools.testing.fake_deepgram import FakeDeepgram
from devtools.testing.fake_gemini import FakeGemini, server_error
from devtools.testing.show_client import open_show, play
from radiomirchi.game.balance import LLM_MAX_SMALL_CREDIT_KINDNESS_POINTS

pytestmark = pytest.mark.slow  # shows on the fake providers


@pytest.fixture
def fake_deepgram() -> Iterator[FakeDeepgram]:
    with FakeDeepgram(chunk_interval_seconds=0.02) as fake:
        yield fake


@pytest.fixture
def provider_server(fake_gemini: FakeGemini, fake_deepgram: FakeDeepgram, apps: AppFactory) -> ThreadedServer:
    return apps.serve(apps.settings(gemini=fake_gemini, deepgram=fake_deepgram, show_seconds=120.0))


async def _mission_id(base_url: str) -> str:
    async with httpx.AsyncClient(base_url=base_url) as http:
        response = await http.post("/api/v1/create_mission", json={"topic": "rail fares", "user_id": "p1"})
        return str(response.json()["id"])


async def test_the_show_plays_on_gemini_lines_and_aura_voices(
    provider_server: ThreadedServer, fake_gemini: FakeGemini, fake_deepgram: FakeDeepgram
) -> None:
    mission_id = await _mission_id(provider_server.base_url)
    async with await open_show(provider_server.base_url, mission_id) as ws:
        record = await play(ws, max_lines=4)
    assert all(line.voice.startswith("Aura-2") or "aura" in line.voice.lower() for line in record.lines)
    assert all(line.seconds > 0.5 for line in record.lines)
    dialogue_requests = [
        r for r in fake_gemini.requests if "lines" in json.dumps(r.get("generationConfig", {}))
    ]
    assert dialogue_requests, "the dialogue was not written by Gemini"
    assert fake_deepgram.speak_count >= 4
    async with httpx.AsyncClient(base_url=provider_server.base_url) as http:
        health = (await http.get("/health")).json()
    assert health["providers"]["tts"].startswith("deepgram")
    assert "dg-test-key-not-real" not in json.dumps(health)


async def test_when_gemini_fails_mid_show_the_offline_writer_fills_in(
    provider_server: ThreadedServer, fake_gemini: FakeGemini
) -> None:
    mission_id = await _mission_id(provider_server.base_url)
    async with await open_show(provider_server.base_url, mission_id) as ws:
        await play(ws, max_lines=1)
        fake_gemini.queue(*(server_error(500) for _ in range(12)))
        record = await play(ws, max_lines=6)
    gaps = [line.first_frame_at - line.requested_at for line in record.lines if line.first_frame_at]
    assert len(record.lines) == 6
    assert max(gaps) < 1.0, f"the show stalled for {max(gaps):.2f} s"


async def test_a_disconnect_stops_all_writer_and_tts_work_within_a_second(
    provider_server: ThreadedServer, fake_gemini: FakeGemini, fake_deepgram: FakeDeepgram
) -> None:
    mission_id = await _mission_id(provider_server.base_url)
    ws = await open_show(provider_server.base_url, mission_id)
    await play(ws, max_lines=2)
    # Ask for a line and leave in the middle of it, while lookahead is busy.
    await ws.send(json.dumps({"action": "ready_for_next"}))
    async with asyncio.timeout(10):
        while not isinstance(await ws.recv(), bytes):
            pass
    await ws.close()
    await asyncio.sleep(1.0)
    gemini_after_grace = fake_gemini.request_count
    deepgram_after_grace = fake_deepgram.request_count
    quiet_since = time.monotonic()
    await asyncio.sleep(2.5)
    assert fake_gemini.request_count == gemini_after_grace, "Gemini was called after the disconnect"
    assert fake_deepgram.request_count == deepgram_after_grace, "Deepgram was called after the disconnect"
    assert time.monotonic() - quiet_since >= 2.5
    async with httpx.AsyncClient(base_url=provider_server.base_url) as http:
        health = (await http.get("/health")).json()
    assert health["providers"]["live_sessions"] == 0


async def test_a_typed_break_in_on_gemini_is_judged_with_the_interjection_in_context(
    provider_server: ThreadedServer, fake_gemini: FakeGemini
) -> None:
    mission_id = await _mission_id(provider_server.base_url)
    async with await open_show(provider_server.base_url, mission_id) as ws:
        await play(ws, max_lines=1)
        point = "Listeners, the rail fares money vanished, check the ledgers!"
        await ws.send(json.dumps({"action": "user_dialogue", "dialogue": point}))
        verdict = await _next_status(ws, "verdict")
        record = await play(ws, max_lines=1)
    turn_requests = [r for r in fake_gemini.requests if "awakened_listeners_change" in json.dumps(r)]
    assert turn_requests, "the verdict did not come from Gemini"
    assert point in json.dumps(turn_requests[-1]["contents"])
    # The fake always awards +10; for an appeal (offline +2) a writer may add only the small-credit
    # kindness, so that it stays below what evidence earns.
    assert verdict["change"] == 2.0 + LLM_MAX_SMALL_CREDIT_KINDNESS_POINTS
    assert record.lines, "the hosts did not answer"


async def test_a_voice_break_in_is_transcribed_by_deepgram(
    provider_server: ThreadedServer, fake_deepgram: FakeDeepgram
) -> None:
    fake_deepgram.next_transcript = "Listeners, the rail fares were raised twice in secret."
    mission_id = await _mission_id(provider_server.base_url)
    async with await open_show(provider_server.base_url, mission_id) as ws:
        await play(ws, max_lines=1)
        await ws.send(json.dumps({"action": "start_speech"}))
        await ws.send(bytes(16000 * 2))  # one second of microphone audio
        await ws.send(json.dumps({"action": "stop_speech"}))
        transcript = await _next_status(ws, "transcript")
        await _next_status(ws, "verdict")
    assert transcript["text"] == fake_deepgram.next_transcript
    assert fake_deepgram.listen_count == 1


async def _next_status(ws: Connection, status: str) -> dict[str, object]:
    async with asyncio.timeout(30):
        while True:
            message = await ws.recv()
            if isinstance(message, str) and json.loads(message).get("status") == status:
                return dict(json.loads(message))


async def test_a_slow_gemini_verdict_gives_way_to_the_offline_judge_within_the_budget(
    provider_server: ThreadedServer, fake_gemini: FakeGemini
) -> None:
    mission_id = await _mission_id(provider_server.base_url)
    async with await open_show(provider_server.base_url, mission_id) as ws:
        await play(ws, max_lines=1)
        # Every Gemini call now outlives its 1 s client timeout: three attempts would take over 3 s.
        fake_gemini.latency_seconds = 6.0
        sent = time.monotonic()
        await ws.send(
            json.dumps({"action": "user_dialogue", "dialogue": "Listeners, the rail fares are a scam!"})
        )
        verdict = await _next_status(ws, "verdict")
        waited = time.monotonic() - sent
        record = await play(ws, max_lines=1)
    assert waited < 2.9, f"the verdict took {waited:.2f} s, past the 2.5 s budget"
    assert verdict["reason"] != "The listeners are checking your claim.", "the slow Gemini verdict was used"
    assert record.lines
