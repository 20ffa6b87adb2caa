"""Deepgram failing under a live show: a voice that fails (before its first byte, mid-stream, by
going quiet) is finished by the offline voice without the show falling silent; a transcript that
Deepgram cannot make is made by Whisper; when neither can, the player is told.

The fallback engine itself is tested line by line in ``test_tts_deepgram.py``.
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from websockets.asyncio.connection import Connection

from devtools.testing.apps import AppFactory
from devtools.testing.asgi_server import ThreadedServer
from devtools.testing.fake_deepgram import (
    FakeDeepgram,
    fail_mid_stream,
    hang,
    server_error,
    slow_first_byte,
)
from devtools.testing.show_client import create_ready_mission, open_show, play, until_status
from radiomirchi.config import Settings
from radiomirchi.schemas import Gender, Speaker, new_mission_id
from radiomirchi.shared_models import SharedModel
from radiomirchi.speech.audio import (
    MIC_SAMPLE_RATE,
    WIRE_SAMPLE_RATE,
    bytes_to_int16,
    int16_to_bytes,
    resample_int16,
)
from radiomirchi.speech.stt import whisper
from radiomirchi.speech.tts.offline import OfflineTTS

pytestmark = pytest.mark.slow  # fault drills: shows on a failing Deepgram

SPOKEN = "Listeners, the water tax money went to the minister's cousins in the capital."


@pytest.fixture
def fake_deepgram() -> Iterator[FakeDeepgram]:
    # Lines a little quicker than real speech (0.2 s a word), still long enough for the lookahead.
    with FakeDeepgram(chunk_interval_seconds=0.02, seconds_per_word=0.2) as fake:
        yield fake


@pytest.fixture
def deepgram_server(fake_deepgram: FakeDeepgram, apps: AppFactory) -> ThreadedServer:
    return apps.serve(apps.settings(deepgram=fake_deepgram, show_seconds=600.0))


async def _fallbacks(base_url: str) -> dict[str, int]:
    async with httpx.AsyncClient(base_url=base_url) as http:
        return dict((await http.get("/health")).json()["providers"]["fallbacks"])


async def test_failing_voices_fall_back_offline_and_the_show_never_falls_silent(
    deepgram_server: ThreadedServer, fake_deepgram: FakeDeepgram
) -> None:
    mission = await create_ready_mission(deepgram_server.base_url)
    async with await open_show(deepgram_server.base_url, mission["id"]) as ws:
        record = await play(ws, max_lines=1)
        fake_deepgram.queue(
            server_error(500),  # fails before its first byte: the offline voice speaks it all
            fail_mid_stream(after_bytes=24_000),  # drops after 0.5 s: the offline voice finishes it
            slow_first_byte(1.0),  # slow but within the 2 s first-byte timeout: waited for
            hang(after_bytes=24_000, seconds=5.0),  # goes quiet mid-line: 1 s later, offline
        )
        record = await play(ws, max_lines=6, record=record, within=120)
    assert not record.errors, record.errors
    assert fake_deepgram.speak_count >= 6 and not fake_deepgram.scenes
    # A failing voice is given up on within the engine's own timeouts, so no line waits for its first
    # audio longer than the first-byte timeout and a second's grace (a busy machine's own delay:
    # beside four busy loops on two cores a healthy first line took 1.6 s).
    longest_wait = Settings.model_fields["tts_first_byte_timeout_seconds"].default + 1.0
    for line in record.lines:
        assert line.first_frame_at is not None
        assert line.first_frame_at - line.requested_at < longest_wait, f"line {line.line_id} started late"
        # Every line was spoken to its end, by one voice or the other (0.2-0.4 s a word).
        assert line.seconds > 0.15 * len(line.text.split()), f"line {line.line_id} is cut short"
        assert all(size % 2 == 0 for size in line.frame_sizes)
    # Each failure was met by the fallback; a pooled connection the fake server dropped after the
    # hang may fail one more request before its first byte (seen once on a fresh-clone CI run).
    fallbacks = await _fallbacks(deepgram_server.base_url)
    assert set(fallbacks) == {"tts.before_first_byte", "tts.mid_stream", "tts.timeout"}, fallbacks
    assert fallbacks["tts.mid_stream"] == 1 and fallbacks["tts.timeout"] == 1, fallbacks
    assert 1 <= fallbacks["tts.before_first_byte"] <= 2, fallbacks


async def _spoken(text: str) -> bytes:
    """The sentence spoken by an offline voice, as a microphone sends it (PCM16 16 kHz)."""
    tts = OfflineTTS()
    try:
        speaker = Speaker(name="Me", gender=Gender.male, role="caller", background="-")
        pcm = await tts.synthesize(text, tts.cast_voices([speaker], new_mission_id())["Me"])
    finally:
        await tts.aclose()
    return int16_to_bytes(resample_int16(bytes_to_int16(pcm), WIRE_SAMPLE_RATE, MIC_SAMPLE_RATE))


async def _say(ws: Connection, pcm: bytes) -> None:
    await ws.send('{"action": "start_speech"}')
    step = MIC_SAMPLE_RATE // 10 * 2
    for start in range(0, len(pcm), step):
        await ws.send(pcm[start : start + step])
    await ws.send('{"action": "stop_speech"}')


async def test_when_deepgram_cannot_transcribe_whisper_does(
    deepgram_server: ThreadedServer, fake_deepgram: FakeDeepgram
) -> None:
    speech = await _spoken(SPOKEN)
    mission = await create_ready_mission(deepgram_server.base_url)
    fake_deepgram.queue_listen(server_error(503))
    async with await open_show(deepgram_server.base_url, mission["id"]) as ws:
        await play(ws, max_lines=1)
        await _say(ws, speech)
        transcript, _ = await until_status(ws, "transcript", within=60)
        verdict, _ = await until_status(ws, "verdict", within=30)
        answer = await play(ws, max_lines=1)
    heard = set(transcript["text"].lower().replace(",", "").replace(".", "").split())
    assert len(heard & {"water", "tax", "money", "minister's", "cousins", "capital"}) >= 3, transcript
    assert fake_deepgram.listen_count == 1
    assert (await _fallbacks(deepgram_server.base_url)).get("stt") == 1
    assert verdict["reason"] and answer.lines


@pytest.fixture
def no_whisper(monkeypatch: pytest.MonkeyPatch) -> None:
    """Whisper's model files are missing: the offline transcriber fails as it would then.

    Another test may have loaded the process's Whisper already, so this one starts from a model
    nobody has loaded yet, whose real loader then finds no files."""
    monkeypatch.setattr(whisper, "bundled_model_path", lambda: "/nonexistent/whisper-tiny.en")
    monkeypatch.setattr(whisper, "WHISPER", SharedModel(whisper.ENGINE_NAME, whisper._load_whisper))


async def test_when_no_engine_can_transcribe_the_player_is_told(
    no_whisper: None, deepgram_server: ThreadedServer, fake_deepgram: FakeDeepgram
) -> None:
    mission = await create_ready_mission(deepgram_server.base_url)
    fake_deepgram.queue_listen(server_error(500))
    async with await open_show(deepgram_server.base_url, mission["id"]) as ws:
        await play(ws, max_lines=1)
        await _say(ws, int16_to_bytes(bytes_to_int16(bytes(MIC_SAMPLE_RATE * 2)) + 800))  # 1 s
        error, seen = await until_status(ws, "error", within=30)
        record = await play(ws, max_lines=1)  # the show goes on
    assert error["code"] == "transcription_failed"
    assert "type them" in error["error"]
    assert not any(isinstance(m, dict) and m.get("status") in ("transcript", "verdict") for m in seen)
    assert record.lines
