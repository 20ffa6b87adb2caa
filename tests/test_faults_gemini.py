"""Gemini failing in the middle of a live show: each failing call is retried within its deadline,
then the offline writer writes that batch (or that judged turn), and the show never falls silent
for a second. Long 429s, daily quotas and refusals are in ``test_provider_limits.py``.

Failures at mission creation are covered call by call in ``test_gemini_writer.py`` (timeouts,
429 with a retry delay, 5xx, malformed JSON, safety blocks, invalid missions) and through REST in
``test_api.py``; ``test_providers_live.py`` has 500s mid-show. This file adds the rest mid-show.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from devtools.testing.apps import AppFactory
from devtools.testing.asgi_server import ThreadedServer
from devtools.testing.fake_deepgram import FakeDeepgram
from devtools.testing.fake_gemini import FakeGemini, Scene, prompt_blocked, rate_limited, server_error
from devtools.testing.show_client import ShowRecord, create_ready_mission, open_show, play, until_status
from radiomirchi.schemas import Speaker
from radiomirchi.writers.dialogue import states_a_proof

pytestmark = pytest.mark.slow  # fault drills: shows on a failing Gemini

MAX_SILENCE_SECONDS = 1.0


def _server(apps: AppFactory, fake_gemini: FakeGemini, deepgram: FakeDeepgram) -> ThreadedServer:
    return apps.running(apps.settings(gemini=fake_gemini, deepgram=deepgram, show_seconds=600.0))


@pytest.fixture
def realistic_server(fake_gemini: FakeGemini, apps: AppFactory) -> Iterator[ThreadedServer]:
    """Lines as long as real speech (~0.35 s a word), as the lookahead meets them in production."""
    with (
        FakeDeepgram(chunk_interval_seconds=0.02) as deepgram,
        _server(apps, fake_gemini, deepgram) as server,
    ):
        yield server


@pytest.fixture
def quick_server(fake_gemini: FakeGemini, apps: AppFactory) -> Iterator[ThreadedServer]:
    """Short lines (~0.12 s a word): many batches in little time, for failures that are quick."""
    with (
        FakeDeepgram(chunk_interval_seconds=0.01, seconds_per_word=0.12) as deepgram,
        _server(apps, fake_gemini, deepgram) as server,
    ):
        yield server


def _gaps(record: ShowRecord) -> list[float]:
    """For each line: from the client's ready_for_next to the line's first audio frame."""
    assert all(line.first_frame_at is not None for line in record.lines), "a line had no audio"
    return [line.first_frame_at - line.requested_at for line in record.lines if line.first_frame_at]


def _assert_clean_show(record: ShowRecord, mission: dict[str, Any]) -> None:
    result = mission["generation_result"]
    hosts = {speaker["name"] for speaker in result["speakers"]}
    assert not record.errors, record.errors
    for line in record.lines:
        assert line.speaker in hosts, f"an unknown speaker went on air: {line.speaker!r}"
        assert not states_a_proof(line.text, result["proof_sentences"]), f"a proof was read out: {line.text}"
        assert line.seconds > 0.3


async def _fallbacks(base_url: str) -> dict[str, int]:
    async with httpx.AsyncClient(base_url=base_url) as http:
        health = (await http.get("/health")).json()
    return dict(health["providers"]["fallbacks"])


async def test_slow_failures_mid_show_timeouts_429_and_5xx_never_silence_the_show(
    realistic_server: ThreadedServer, fake_gemini: FakeGemini
) -> None:
    mission = await create_ready_mission(realistic_server.base_url)
    async with await open_show(realistic_server.base_url, mission["id"]) as ws:
        record = await play(ws, max_lines=1)
        before = fake_gemini.request_count
        # The next dialogue call: a timeout (the client gives up at 1 s), a 429 asking for 0.5 s,
        # then a 503: three failed attempts, so the offline writer writes that batch.
        fake_gemini.queue(Scene(delay_seconds=2.5), rate_limited(0.5), server_error(503))
        record = await play(ws, max_lines=5, record=record, within=90)
    _assert_clean_show(record, mission)
    gaps = _gaps(record)
    assert max(gaps) < MAX_SILENCE_SECONDS, f"the show fell silent for {max(gaps):.2f} s"
    assert fake_gemini.request_count >= before + 3
    assert (await _fallbacks(realistic_server.base_url)).get("writer.dialogue") == 1


def _unknown_speakers() -> Scene:
    lines = [
        {"speaker": name, "text": "Good evening from the night desk, where the news is always good."}
        for name in ("Mystery Guest", "The Caller", "Narrator", "SYSTEM")
    ]
    return Scene(payload={"lines": lines, "summary": "Strangers took the microphone."})


def _proofs_read_out(result: dict[str, Any]) -> Scene:
    hosts = [speaker["name"] for speaker in result["speakers"]]
    lines = [
        {"speaker": hosts[index % len(hosts)], "text": proof}
        for index, proof in enumerate(result["proof_sentences"])
    ]
    return Scene(payload={"lines": lines, "summary": "The hosts read the evidence."})


async def test_invalid_replies_mid_show_are_retried_then_written_offline(
    quick_server: ThreadedServer, fake_gemini: FakeGemini
) -> None:
    mission = await create_ready_mission(quick_server.base_url)
    result = mission["generation_result"]
    hosts = [speaker["name"] for speaker in result["speakers"]]
    assert Speaker.model_validate(result["speakers"][0])  # the mission is what the checks expect
    async with await open_show(quick_server.base_url, mission["id"]) as ws:
        record = await play(ws, max_lines=1)
        before = fake_gemini.request_count
        fake_gemini.queue(
            # One dialogue call that gets malformed JSON, a blocked reply, then a blocked prompt
            # (which is never retried: the same prompt is blocked the same way) ...
            Scene(text='{"lines": [{"speaker": '),
            Scene(finish_reason="SAFETY"),
            prompt_blocked("SAFETY"),
            # ... one whose every line is spoken by someone who is not a host ...
            *(_unknown_speakers() for _ in range(3)),
            # ... and one that reads the hidden evidence out word for word.
            *(_proofs_read_out(result) for _ in range(3)),
        )
        # Play on until every scripted failure has been met, then a few lines more.
        while fake_gemini.scenes and len(record.lines) < 30:
            record = await play(ws, max_lines=len(record.lines) + 1, record=record)
        record = await play(ws, max_lines=len(record.lines) + 3, record=record)
        # A judged turn that fails too: the offline judge rules, and the hosts still answer.
        fake_gemini.queue(*(server_error(500) for _ in range(3)))
        await ws.send(
            json.dumps({"action": "user_dialogue", "dialogue": "Listeners, check the tax ledgers!"})
        )
        verdict, _ = await until_status(ws, "verdict")
        answer = await play(ws, max_lines=2)
    _assert_clean_show(record, mission)
    _assert_clean_show(answer, mission)
    assert max(_gaps(record)) < MAX_SILENCE_SECONDS, f"the show fell silent for {max(_gaps(record)):.2f} s"
    assert not fake_gemini.scenes, "the show never met every scripted failure"
    assert fake_gemini.request_count >= before + 12, "every failed reply should have been retried"
    fallbacks = await _fallbacks(quick_server.base_url)
    assert fallbacks.get("writer.dialogue") == 3 and fallbacks.get("writer.judge") == 1
    assert verdict["reason"] and answer.lines
    async with httpx.AsyncClient(base_url=quick_server.base_url) as http:
        transcript = (await http.get(f"/api/v1/missions/{mission['id']}/transcript")).json()
    on_air = [entry for entry in transcript if entry["kind"] == "line"]
    assert {entry["speaker"] for entry in on_air} <= set(hosts)
    assert any(entry["writer"] == "offline" for entry in on_air), "no batch was written offline"
    assert any(entry["writer"].startswith("gemini:") for entry in on_air)
