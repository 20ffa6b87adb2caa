"""The Gemini writer through the real google-genai client, against a fake Gemini HTTP server."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from devtools.testing.fake_gemini import (
    FakeGemini,
    Scene,
    mission_payload,
    overloaded,
    prompt_blocked,
    rate_limited,
    server_error,
)
from radiomirchi.config import Settings
from radiomirchi.missions import MissionService
from radiomirchi.schemas import MissionStatus, new_mission_id
from radiomirchi.store import SQLiteMissionStore
from radiomirchi.writers import FallbackWriter, OfflineWriter, WriterError, build_writer
from radiomirchi.writers.gemini import GeminiWriter


def _one_speaker() -> Scene:
    payload = mission_payload("the new water tax")
    payload["speakers"] = payload["speakers"][:1]
    return Scene(payload=payload)


def _duplicate_names() -> Scene:
    payload = mission_payload("the new water tax")
    payload["speakers"][1]["name"] = payload["speakers"][0]["name"]
    return Scene(payload=payload)


def _listeners_out_of_range() -> Scene:
    payload = mission_payload("the new water tax")
    payload["initial_listeners"] = 9_000_000
    return Scene(payload=payload)


FAILURES: dict[str, Callable[[], Scene]] = {
    "malformed_json": lambda: Scene(text='{"topic": "water", "summary": '),
    "one_speaker": _one_speaker,
    "duplicate_names": _duplicate_names,
    "listeners_out_of_range": _listeners_out_of_range,
    "http_500": lambda: server_error(500),
    "http_503_overloaded": overloaded,
    "timeout": lambda: Scene(delay_seconds=2.5),  # the client's timeout is 1 s
    "safety_block_reply": lambda: Scene(finish_reason="SAFETY"),
    "empty_reply": lambda: Scene(text="   "),
}


async def test_a_valid_reply_becomes_a_mission(gemini_settings: Settings, fake_gemini: FakeGemini) -> None:
    writer = GeminiWriter(gemini_settings)
    written = await writer.generate_initial_propaganda("the new water tax", new_mission_id())
    assert written.topic == "the new water tax"
    assert written.writer == f"gemini:{gemini_settings.mission_model}"
    assert fake_gemini.request_count == 1
    sent = fake_gemini.requests[0]
    assert sent["generationConfig"]["responseMimeType"] == "application/json"
    assert "speakers" in sent["generationConfig"]["responseSchema"]["properties"]
    assert "the new water tax" in sent["contents"][0]["parts"][0]["text"]


@pytest.mark.slow
@pytest.mark.parametrize("failure", sorted(FAILURES))
async def test_one_failure_is_retried_then_succeeds(
    failure: str, gemini_settings: Settings, fake_gemini: FakeGemini
) -> None:
    fake_gemini.queue(FAILURES[failure]())
    writer = GeminiWriter(gemini_settings)
    written = await writer.generate_initial_propaganda("the new water tax", new_mission_id())
    assert written.writer.startswith("gemini:")
    assert fake_gemini.request_count == 2


@pytest.mark.slow
@pytest.mark.parametrize("failure", sorted(FAILURES))
async def test_persistent_failure_falls_back_to_the_offline_writer(
    failure: str, gemini_settings: Settings, fake_gemini: FakeGemini
) -> None:
    fake_gemini.queue(*(FAILURES[failure]() for _ in range(gemini_settings.gemini_max_attempts)))
    writer = build_writer(gemini_settings)
    assert isinstance(writer, FallbackWriter)
    written = await writer.generate_initial_propaganda("the new water tax", new_mission_id())
    assert written.writer == "offline"
    assert written.topic == "the new water tax"
    assert fake_gemini.request_count == gemini_settings.gemini_max_attempts
    assert writer.fallbacks["mission"] == 1


async def test_a_429_waits_for_the_servers_retry_delay(
    gemini_settings: Settings, fake_gemini: FakeGemini
) -> None:
    fake_gemini.queue(rate_limited(0.6))
    writer = GeminiWriter(gemini_settings)
    started = time.monotonic()
    await writer.generate_initial_propaganda("the new water tax", new_mission_id())
    assert time.monotonic() - started >= 0.6
    gap = fake_gemini.request_times[1] - fake_gemini.request_times[0]
    assert gap >= 0.6, f"retried after {gap:.2f} s, before the requested 0.6 s"


async def test_a_blocked_prompt_is_not_retried(gemini_settings: Settings, fake_gemini: FakeGemini) -> None:
    fake_gemini.queue(prompt_blocked("SAFETY"), prompt_blocked("SAFETY"))
    writer = build_writer(gemini_settings)
    written = await writer.generate_initial_propaganda("the new water tax", new_mission_id())
    assert written.writer == "offline"
    assert fake_gemini.request_count == 1, "the same prompt would be blocked the same way again"


async def test_a_client_error_is_not_retried(gemini_settings: Settings, fake_gemini: FakeGemini) -> None:
    fake_gemini.queue(server_error(400), server_error(400))
    with pytest.raises(WriterError, match="400"):
        await GeminiWriter(gemini_settings).generate_initial_propaganda("x", new_mission_id())
    assert fake_gemini.request_count == 1


async def test_an_invented_topic_comes_back_from_the_model(
    gemini_settings: Settings, fake_gemini: FakeGemini
) -> None:
    payload = mission_payload("the glacier tax")
    fake_gemini.queue(Scene(payload=payload))
    written = await GeminiWriter(gemini_settings).generate_initial_propaganda("any", new_mission_id())
    assert written.topic == "the glacier tax"
    assert "Topic: any" in fake_gemini.requests[0]["contents"][0]["parts"][0]["text"]


async def test_stage2_ends_failed_with_a_reason_when_no_writer_can_brief(
    gemini_settings: Settings, fake_gemini: FakeGemini
) -> None:
    store = SQLiteMissionStore(gemini_settings.sqlite_path)
    await store.open()
    try:
        service = MissionService(store, GeminiWriter(gemini_settings))  # no offline fallback
        mission = await service.create_mission("the new water tax", "player")
        fake_gemini.queue(*(server_error(500) for _ in range(gemini_settings.gemini_max_attempts)))
        # The first request wrote the mission; the three that follow fail the briefing.
        await service.wait_for_preparations()
        stored = await store.get_mission(mission.id)
        assert stored is not None
        assert stored.status is MissionStatus.failed
        assert stored.failure_reason and "500" in stored.failure_reason
    finally:
        await store.close()


async def test_stage2_records_the_writer_of_the_briefing(
    gemini_settings: Settings, fake_gemini: FakeGemini
) -> None:
    store = SQLiteMissionStore(gemini_settings.sqlite_path)
    await store.open()
    try:
        service = MissionService(store, FallbackWriter(GeminiWriter(gemini_settings), OfflineWriter()))
        mission = await service.create_mission("the new water tax", "player")
        await service.wait_for_preparations()
        stored = await store.get_mission(mission.id)
        assert stored is not None and stored.status is MissionStatus.stage2
        assert stored.writer.startswith("gemini:") and stored.briefing_writer is not None
        assert stored.briefing_writer.startswith("gemini:")
        assert (
            stored.dialogue_generator_prompt
            and "SHOW & CHARACTER BRIEFING" in stored.dialogue_generator_prompt
        )
    finally:
        await store.close()
