"""Gemini as it really behaves, through the real google-genai client against the fake: long 429s
cool the model down instead of being retried, daily quotas cool it down for long, every call
meets its deadline, thinking is set per call type, and a refusing provider is reported once."""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Awaitable, Callable, Iterator
from typing import Any

import httpx
import pytest
from google import genai
from google.genai import types
from pydantic import SecretStr

from devtools.testing.apps import AppFactory
from devtools.testing.asgi_server import ThreadedServer
from devtools.testing.fake_deepgram import FakeDeepgram
from devtools.testing.fake_gemini import (
    REALISTIC,
    FakeGemini,
    Scene,
    call_kind,
    daily_quota_exhausted,
    overloaded,
    rate_limited,
)
from devtools.testing.show_client import create_ready_mission, open_show, play, until_status
from radiomirchi.config import DEFAULT_DIALOGUE_MODEL, DEFAULT_MISSION_MODEL, Settings
from radiomirchi.game.writer_port import DialogueContext, build_context
from radiomirchi.schemas import InterjectionEntry, PropagandaMission, Verdict, new_mission_id
from radiomirchi.writers import FallbackWriter, OfflineWriter, build_writer
from radiomirchi.writers.cooldown import InProcessCooldowns
from radiomirchi.writers.deadline import CallKind
from radiomirchi.writers.fallback import deadlines_from
from radiomirchi.writers.gemini import GeminiWriter
from radiomirchi.writers.offline import write_mission

_VERDICT = Verdict(change=2.0, reason="The listeners are curious.", kind="appeal")
REAL_RETRY_DELAY = 53.0  # what Gemini's per-minute quota 429 asks for
MAX_SILENCE_SECONDS = 1.0
DIALOGUE_DEADLINE_SECONDS = Settings.model_fields["dialogue_deadline_seconds"].default


def _mission() -> PropagandaMission:
    written = write_mission("the new water tax", new_mission_id())
    return PropagandaMission(
        user_id="p1", topic=written.topic, generation_result=written.result, writer=written.writer
    )


def _caller_context() -> DialogueContext:
    caller = InterjectionEntry(seq=1, source="text", text="Listeners, check the water tax ledgers!")
    return build_context([], summary="", batch_index=1, interjection=caller)


def _fallback_writer(settings: Settings, cooldowns: InProcessCooldowns | None = None) -> FallbackWriter:
    writer = build_writer(settings, cooldowns)
    assert isinstance(writer, FallbackWriter)
    return writer


# --- cool-downs ---


async def test_a_long_429_falls_back_at_once_and_cools_the_model_down_for_every_caller(
    gemini_settings: Settings, fake_gemini: FakeGemini
) -> None:
    fake_gemini.always = lambda: rate_limited(REAL_RETRY_DELAY)
    writer = _fallback_writer(gemini_settings)
    started = time.monotonic()
    first = await writer.generate_initial_propaganda("the new water tax", new_mission_id())
    took = time.monotonic() - started
    assert first.writer == "offline"
    assert took < 0.5, f"the 429 was waited on for {took:.2f} s"
    assert fake_gemini.request_count == 1, "a 53 s retry delay was retried"
    # Other missions (other sessions share the process's writer) send nothing while it cools down.
    others = await asyncio.gather(
        *(writer.generate_initial_propaganda(f"topic {n}", new_mission_id()) for n in range(5))
    )
    assert {written.writer for written in others} == {"offline"}
    assert fake_gemini.request_count == 1
    assert writer.fallbacks["mission"] == 6


async def test_the_cool_down_lasts_as_long_as_the_retry_delay(
    gemini_settings: Settings, fake_gemini: FakeGemini
) -> None:
    now = [1_000_000.0]
    cooldowns = InProcessCooldowns(clock=lambda: now[0])
    writer = _fallback_writer(gemini_settings, cooldowns)
    fake_gemini.queue(rate_limited(REAL_RETRY_DELAY))
    await writer.generate_initial_propaganda("the new water tax", new_mission_id())
    cooling = await cooldowns.current(gemini_settings.mission_model)
    assert cooling is not None and cooling.until == pytest.approx(now[0] + REAL_RETRY_DELAY)
    assert "rate limited" in cooling.reason
    now[0] += REAL_RETRY_DELAY - 1
    await writer.generate_initial_propaganda("still cooling", new_mission_id())
    assert fake_gemini.request_count == 1
    now[0] += 1.5  # the delay has passed: Gemini writes again
    written = await writer.generate_initial_propaganda("the new water tax", new_mission_id())
    assert written.writer.startswith("gemini:")
    assert fake_gemini.request_count == 2


async def test_a_daily_quota_429_cools_down_for_the_long_configured_time(
    gemini_settings: Settings, fake_gemini: FakeGemini
) -> None:
    now = [1_000_000.0]
    cooldowns = InProcessCooldowns(clock=lambda: now[0])
    settings = gemini_settings.model_copy(update={"gemini_quota_cooldown_seconds": 7200.0})
    writer = _fallback_writer(settings, cooldowns)
    fake_gemini.queue(daily_quota_exhausted())
    written = await writer.generate_initial_propaganda("the new water tax", new_mission_id())
    assert written.writer == "offline" and fake_gemini.request_count == 1
    cooling = await cooldowns.current(settings.mission_model)
    assert cooling is not None and cooling.until == pytest.approx(now[0] + 7200.0)
    now[0] += 3600
    await writer.generate_initial_propaganda("an hour later", new_mission_id())
    assert fake_gemini.request_count == 1, "the daily quota was asked again within its cool-down"


async def test_a_short_429_within_the_deadline_is_waited_out(
    gemini_settings: Settings, fake_gemini: FakeGemini
) -> None:
    fake_gemini.queue(rate_limited(0.6))
    writer = _fallback_writer(gemini_settings)
    written = await writer.generate_initial_propaganda("the new water tax", new_mission_id())
    assert written.writer.startswith("gemini:")
    assert fake_gemini.request_times[1] - fake_gemini.request_times[0] >= 0.6


async def test_an_overloaded_model_is_retried_within_the_deadline(
    gemini_settings: Settings, fake_gemini: FakeGemini
) -> None:
    fake_gemini.queue(overloaded())
    writer = _fallback_writer(gemini_settings)
    written = await writer.generate_initial_propaganda("the new water tax", new_mission_id())
    assert written.writer.startswith("gemini:") and fake_gemini.request_count == 2


# --- deadlines ---


@pytest.mark.slow
async def test_each_call_type_gives_way_to_the_offline_writer_at_its_deadline(
    settings: Settings, fake_gemini: FakeGemini
) -> None:
    deadlines = {
        CallKind.mission: 0.6,
        CallKind.briefing: 0.7,
        CallKind.dialogue: 0.5,
        CallKind.judge: 0.8,
    }
    slow = settings.model_copy(
        update={
            "gemini_api_key": SecretStr("test-key-not-real"),
            "gemini_base_url": fake_gemini.base_url,
            "mission_deadline_seconds": deadlines[CallKind.mission],
            "briefing_deadline_seconds": deadlines[CallKind.briefing],
            "dialogue_deadline_seconds": deadlines[CallKind.dialogue],
            "interjection_budget_seconds": deadlines[CallKind.judge],
        }
    )
    assert deadlines_from(slow) == deadlines
    fake_gemini.latency_seconds = 5.0  # within the 20 s HTTP timeout: only the deadline stops it
    writer = _fallback_writer(slow)
    mission = _mission()
    context = build_context([], summary="", batch_index=1)
    caller = _caller_context()
    calls: dict[CallKind, Callable[[], Awaitable[Any]]] = {
        CallKind.mission: lambda: writer.generate_initial_propaganda("x", new_mission_id()),
        CallKind.briefing: lambda: writer.generate_unified_dialogue_prompt(mission),
        CallKind.dialogue: lambda: writer.generate_dialogue(mission, context),
        CallKind.judge: lambda: writer.answer_interjection(mission, caller, _VERDICT),
    }
    for kind, call in calls.items():
        started = time.monotonic()
        answer = await call()
        took = time.monotonic() - started
        assert answer.writer == "offline" if kind is not CallKind.judge else answer.batch.writer == "offline"
        # At its deadline, not at the fake's 5 s answer: the margin holds on a loaded machine (the
        # benchmark reports how close to the deadline the fallback lands).
        assert deadlines[kind] <= took < deadlines[kind] + 2.0, f"{kind} took {took:.2f} s"
        assert writer.fallbacks[kind.value] == 1


# --- thinking ---


async def test_thinking_is_set_per_call_type(gemini_settings: Settings, fake_gemini: FakeGemini) -> None:
    settings = gemini_settings.model_copy(
        update={"thinking_mission": "medium", "thinking_briefing": "512", "thinking_judge": "default"}
    )
    writer = GeminiWriter(settings)
    mission = _mission()
    context = build_context([], summary="", batch_index=1)
    await writer.generate_initial_propaganda("x", new_mission_id())
    await writer.generate_unified_dialogue_prompt(mission)
    await writer.generate_dialogue(mission, context)
    await writer.answer_interjection(mission, _caller_context(), _VERDICT)
    # Google's JSON parser takes proto field names in either spelling; SDK 2.x sends snake_case here.
    sent = {
        call_kind(body): _camel_keys(body["generationConfig"].get("thinkingConfig"))
        for body in fake_gemini.requests
    }
    assert sent == {
        "mission": {"thinkingLevel": "MEDIUM"},
        "briefing": {"thinkingBudget": 512},
        "dialogue": {"thinkingLevel": "MINIMAL"},  # the default for live dialogue
        "judge": None,
    }


def _camel_keys(config: dict[str, Any] | None) -> dict[str, Any] | None:
    if config is None:
        return None
    return {_camel(key): value for key, value in config.items()}


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.capitalize() for part in rest)


# --- operators are told ---


@pytest.mark.slow
@pytest.mark.parametrize(
    ("fake_options", "setting", "expected"),
    [
        ({"api_key": "the-right-key"}, {}, "HTTP 400: API key not valid"),
        ({}, {"mission_model": "gemini-9-imaginary"}, "HTTP 404: models/gemini-9-imaginary is not found"),
    ],
)
async def test_a_refusing_provider_shows_on_health_and_is_logged_once(
    apps: AppFactory,
    settings: Settings,
    caplog: pytest.LogCaptureFixture,
    fake_options: dict[str, Any],
    setting: dict[str, Any],
    expected: str,
) -> None:
    with FakeGemini(**fake_options) as fake:
        configured = settings.model_copy(
            update={
                "gemini_api_key": SecretStr("gm-wrong-secret-51f0"),
                "gemini_base_url": fake.base_url,
                **setting,
            }
        )
        caplog.set_level(logging.INFO)
        with apps.running(configured) as server:
            async with httpx.AsyncClient(base_url=server.base_url, timeout=30) as http:
                for n in range(3):
                    created = await http.post(
                        "/api/v1/create_mission", json={"topic": f"rail fares {n}", "user_id": "p1"}
                    )
                    assert created.status_code == 201 and created.json()["writer"] == "offline"
                health = (await http.get("/health")).json()
    assert health["status"] == "degraded"
    assert any(expected in problem for problem in health["problems"]), health["problems"]
    # Three missions and (in the background) their briefings: one request each, never a retry.
    assert 3 <= fake.request_count <= 6, "a refusal was retried"
    said = [record for record in caplog.records if expected in record.getMessage()]
    assert len(said) == 1, f"logged {len(said)} times"
    assert "gm-wrong-secret-51f0" not in json.dumps(health) + caplog.text


async def test_secrets_in_a_providers_message_are_redacted_on_health(
    apps: AppFactory, settings: Settings
) -> None:
    secret = "gm-secret-echoed-77aa"  # noqa: S105 - a made-up key, to see it blanked
    echo = Scene(
        status=403,
        error_body=lambda _: {
            "error": {
                "code": 403,
                "message": f"Forbidden by the proxy: /v1beta/models?key={secret}",
                "status": "PERMISSION_DENIED",
            }
        },
    )
    with FakeGemini() as fake:
        fake.always = lambda: echo
        configured = settings.model_copy(
            update={"gemini_api_key": SecretStr(secret), "gemini_base_url": fake.base_url}
        )
        with apps.running(configured) as server:
            async with httpx.AsyncClient(base_url=server.base_url, timeout=30) as http:
                await http.post("/api/v1/create_mission", json={"topic": "rail fares", "user_id": "p1"})
                health = (await http.get("/health")).json()
    assert any("Forbidden by the proxy" in problem for problem in health["problems"])
    assert secret not in json.dumps(health)


# --- transports ---


class _BrokenTransport(httpx.AsyncBaseTransport):
    def __init__(self, failure: Exception) -> None:
        self.failure = failure
        self.calls = 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.calls += 1
        raise self.failure


@pytest.mark.parametrize(
    "failure",
    [
        OSError(101, "Network is unreachable"),
        httpx.ConnectError("connection refused"),
        httpx.RemoteProtocolError("peer closed connection without sending a complete response"),
        ConnectionResetError(104, "Connection reset by peer"),
        RuntimeError("a transport we have never heard of failed"),
    ],
    ids=lambda failure: type(failure).__name__,
)
async def test_a_transport_error_of_any_kind_ends_in_the_offline_writer(
    gemini_settings: Settings, failure: Exception
) -> None:
    transport = _BrokenTransport(failure)
    client = genai.Client(
        api_key="test-key-not-real",
        http_options=types.HttpOptions(
            base_url="http://127.0.0.1:9", async_client_args={"transport": transport}
        ),
    )
    writer = FallbackWriter(
        GeminiWriter(gemini_settings, client=client), OfflineWriter(), deadlines_from(gemini_settings)
    )
    written = await writer.generate_initial_propaganda("the new water tax", new_mission_id())
    assert written.writer == "offline"
    assert transport.calls >= 1


async def test_nothing_listening_on_the_sdks_own_transport_ends_in_the_offline_writer(
    gemini_settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    """Whichever HTTP stack the SDK runs on (httpx in 2.x, httpx2 in 3.x, aiohttp if installed)."""
    refused = gemini_settings.model_copy(update={"gemini_base_url": "http://127.0.0.1:9"})
    writer = _fallback_writer(refused)
    written = await writer.generate_initial_propaganda("the new water tax", new_mission_id())
    assert written.writer == "offline"
    attempts = [r.getMessage() for r in caplog.records if r.name.endswith("gemini")]
    assert len(attempts) == refused.gemini_max_attempts
    # aiohttp may still be connecting when the attempt's timeout ends it: both are transport failures.
    assert all("connection failed" in a or "timed out" in a for a in attempts), attempts


# --- a Gemini that answers everything with a real long 429 ---


@pytest.fixture
def rate_limited_app(apps: AppFactory, settings: Settings) -> Iterator[tuple[ThreadedServer, FakeGemini]]:
    with FakeGemini(profile=REALISTIC) as gemini, FakeDeepgram.realistic(seconds_per_word=0.2) as deepgram:
        gemini.always = lambda: rate_limited(REAL_RETRY_DELAY)
        configured = settings.model_copy(
            update={
                "gemini_api_key": SecretStr("test-key-not-real"),
                "gemini_base_url": gemini.base_url,
                "deepgram_api_key": SecretStr("dg-test-key-not-real"),
                "deepgram_base_url": deepgram.base_url,
                "show_seconds": 600.0,
            }
        )
        with apps.running(configured) as server:
            yield server, gemini


@pytest.mark.slow
async def test_a_gemini_that_only_answers_long_429s_leaves_creation_fast_and_the_show_unbroken(
    rate_limited_app: tuple[ThreadedServer, FakeGemini],
) -> None:
    server, gemini = rate_limited_app
    async with httpx.AsyncClient(base_url=server.base_url, timeout=30) as http:
        started = time.monotonic()
        created = await http.post("/api/v1/create_mission", json={"topic": "rail fares", "user_id": "p1"})
        creation = time.monotonic() - started
    assert created.status_code == 201 and created.json()["writer"] == "offline"
    # Fast means it never waited on the 429's retry delay (53 s): the offline writer answered at
    # once. The bound leaves room for a loaded machine (1.3 s seen beside four busy loops).
    assert creation < 5.0, f"creation took {creation:.2f} s"
    mission = await create_ready_mission(server.base_url, topic="the bread ration")
    async with await open_show(server.base_url, mission["id"]) as ws:
        record = await play(ws, max_lines=6)
        await ws.send(json.dumps({"action": "user_dialogue", "dialogue": "Listeners, check the ledgers!"}))
        verdict, _ = await until_status(ws, "verdict")
        record = await play(ws, max_lines=len(record.lines) + 3, record=record)
    gaps = [line.first_frame_at - line.requested_at for line in record.lines if line.first_frame_at]
    assert len(gaps) == len(record.lines) >= 9
    assert max(gaps) < MAX_SILENCE_SECONDS, f"the show fell silent for {max(gaps):.2f} s"
    assert verdict["reason"]
    # One 429 per model (missions, dialogue), then each cools down: no request during the show.
    assert gemini.request_count <= 3, f"{gemini.request_count} requests to a rate-limited Gemini"
    assert set(gemini.request_models) <= {DEFAULT_MISSION_MODEL, DEFAULT_DIALOGUE_MODEL}


# --- a healthy Gemini and Deepgram at their real speed ---


@pytest.fixture
def realistic_app(apps: AppFactory, settings: Settings) -> Iterator[tuple[ThreadedServer, FakeGemini]]:
    with FakeGemini(profile=REALISTIC) as gemini, FakeDeepgram.realistic(seconds_per_word=0.2) as deepgram:
        configured = settings.model_copy(
            update={
                "gemini_api_key": SecretStr("test-key-not-real"),
                "gemini_base_url": gemini.base_url,
                "deepgram_api_key": SecretStr("dg-test-key-not-real"),
                "deepgram_base_url": deepgram.base_url,
                "show_seconds": 600.0,
            }
        )
        with apps.running(configured) as server:
            yield server, gemini


@pytest.mark.slow
async def test_at_real_provider_speed_gemini_writes_the_show_with_no_gap_and_judges_in_budget(
    realistic_app: tuple[ThreadedServer, FakeGemini],
) -> None:
    server, gemini = realistic_app
    mission = await create_ready_mission(server.base_url, topic="the bread ration")
    assert mission["writer"].startswith("gemini:"), "a 2-4 s mission missed its 10 s deadline"
    async with await open_show(server.base_url, mission["id"]) as ws:
        record = await play(ws, max_lines=8)
        sent = time.monotonic()
        point = "Listeners, the bread ration figures do not add up: check the ledgers!"
        await ws.send(json.dumps({"action": "user_dialogue", "dialogue": point}))
        verdict, _ = await until_status(ws, "verdict")
        judged_in = time.monotonic() - sent
        record = await play(ws, max_lines=len(record.lines) + 2, record=record)
    gaps = [line.first_frame_at - line.requested_at for line in record.lines if line.first_frame_at]
    # The first line is the show's first audio (a batch from Gemini and Deepgram's first byte, both
    # at real speed): within the batch's deadline. Between lines the show never falls silent.
    first_audio, between = gaps[0], gaps[1:]
    assert first_audio < DIALOGUE_DEADLINE_SECONDS, f"the first line took {first_audio:.2f} s"
    assert max(between) < MAX_SILENCE_SECONDS, f"the show fell silent for {max(between):.2f} s"
    assert judged_in < 2.5, f"the verdict took {judged_in:.2f} s"
    assert verdict["reason"]
    async with httpx.AsyncClient(base_url=server.base_url) as http:
        transcript = (await http.get(f"/api/v1/missions/{mission['id']}/transcript")).json()
        fallbacks = (await http.get("/health")).json()["providers"]["fallbacks"]
    lines = [entry for entry in transcript if entry["kind"] == "line"]
    assert all(entry["writer"].startswith("gemini:") for entry in lines), "a batch missed its deadline"
    # No call missed its deadline, the verdict included (the offline judge's ruling still bounds it).
    assert not {name: n for name, n in fallbacks.items() if name.startswith("writer.")}, fallbacks
    assert {call_kind(body) for body in gemini.requests} == {"mission", "briefing", "dialogue", "judge"}
