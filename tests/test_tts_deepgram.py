"""Deepgram Aura-2 via the real ``deepgram-sdk`` against a fake Deepgram; the fallback to offline voices."""

from __future__ import annotations

import asyncio
import logging
import random
import statistics
import time
import typing
from collections.abc import AsyncIterator, Iterator, Sequence
from dataclasses import dataclass, field

import pytest
from deepgram.speak.v1.audio.types import AudioGenerateRequestModel

from devtools.testing.fake_deepgram import (
    FakeDeepgram,
    Scene,
    fail_mid_stream,
    hang,
    rate_limited,
    server_error,
    slow_first_byte,
    speech_like_pcm,
)
from radiomirchi.config import Settings
from radiomirchi.schemas import Gender, MissionId, Speaker, new_mission_id
from radiomirchi.speech.audio import WIRE_SAMPLE_RATE, SampleAligner, pcm_seconds, seconds_to_bytes
from radiomirchi.speech.speaking_rate import WORDS_PER_SECOND
from radiomirchi.speech.tts import deepgram as deepgram_module
from radiomirchi.speech.tts.base import SpeechError, TextToSpeech, Voice
from radiomirchi.speech.tts.deepgram import AURA2_VOICES, DeepgramTTS
from radiomirchi.speech.tts.fallback import (
    BEFORE_FIRST_BYTE,
    MID_STREAM,
    TIMEOUT,
    FallbackTTS,
    remaining_text,
)
from radiomirchi.speech.tts.offline import OfflineTTS

API_KEY = "dg-test-key-0123456789abcdef-never-real"
LINE = (
    "Citizens, the new water tax is a gift from the Ministry of Plenty, and every family "
    "that pays it early will be thanked by name on this very station tomorrow morning."
)
MAX_SWITCH_GAP_SECONDS = 1.0
SPEAKERS = [
    Speaker(name="Anchor Ravi", gender=Gender.male, role="host", background="twenty years on air"),
    Speaker(name="Meera", gender=Gender.female, role="co-host", background="former ministry clerk"),
]


# --- fixtures and helpers ---


@pytest.fixture
def fake_deepgram() -> Iterator[FakeDeepgram]:
    fake = FakeDeepgram(api_key=API_KEY).start()
    yield fake
    fake.stop()


@pytest.fixture
async def deepgram(fake_deepgram: FakeDeepgram) -> AsyncIterator[DeepgramTTS]:
    tts = DeepgramTTS(API_KEY, base_url=fake_deepgram.base_url, timeout_seconds=5.0)
    yield tts
    await tts.aclose()


@pytest.fixture
async def offline() -> AsyncIterator[OfflineTTS]:
    tts = OfflineTTS()
    await tts.warm_up()
    yield tts
    await tts.aclose()


class Recording:
    """Wraps the fallback engine: what it was asked to say, and when it started."""

    def __init__(self, engine: TextToSpeech) -> None:
        self.engine = engine
        self.texts: list[str] = []
        self.active = False

    @property
    def name(self) -> str:
        return self.engine.name

    def cast_voices(self, speakers: Sequence[Speaker], mission_id: MissionId) -> dict[str, Voice]:
        return self.engine.cast_voices(speakers, mission_id)

    async def stream(self, text: str, voice: Voice) -> AsyncIterator[bytes]:
        self.active = True
        self.texts.append(text)
        async for chunk in self.engine.stream(text, voice):
            yield chunk

    async def aclose(self) -> None:
        await self.engine.aclose()


@dataclass
class Heard:
    """A consumer's view of one line: every chunk, when it came, and which engine spoke it."""

    chunks: list[tuple[float, bytes, bool]] = field(default_factory=list)

    @property
    def primary(self) -> bytes:
        return b"".join(chunk for _, chunk, fallback in self.chunks if not fallback)

    @property
    def fallback(self) -> bytes:
        return b"".join(chunk for _, chunk, fallback in self.chunks if fallback)

    @property
    def last_primary_at(self) -> float:
        return max((at for at, _, fallback in self.chunks if not fallback), default=0.0)

    @property
    def first_fallback_at(self) -> float:
        return min(at for at, _, fallback in self.chunks if fallback)


async def listen(tts: TextToSpeech, text: str, voice: Voice, recording: Recording | None = None) -> Heard:
    heard = Heard()
    started = time.perf_counter()
    async for chunk in tts.stream(text, voice):
        heard.chunks.append(
            (time.perf_counter() - started, chunk, recording is not None and recording.active)
        )
    return heard


def fallback_tts(
    deepgram: DeepgramTTS, offline: OfflineTTS, settings: Settings
) -> tuple[FallbackTTS, Recording]:
    recording = Recording(offline)
    return FallbackTTS.from_settings(deepgram, recording, settings), recording


def voice(model: str = "aura-2-thalia-en", gender: Gender = Gender.female) -> Voice:
    return Voice(engine="deepgram-aura-2", id=model, gender=gender, label=model)


def all_even(heard: Heard) -> bool:
    return all(len(chunk) % 2 == 0 and chunk for _, chunk, _ in heard.chunks)


# --- Deepgram through the SDK ---


async def test_streams_24khz_pcm_realigned_as_it_arrives(
    fake_deepgram: FakeDeepgram, deepgram: DeepgramTTS, monkeypatch: pytest.MonkeyPatch
) -> None:
    fed: list[int] = []

    class SpyAligner(SampleAligner):
        def feed(self, chunk: bytes) -> bytes:
            fed.append(len(chunk))
            return super().feed(chunk)

    monkeypatch.setattr(deepgram_module, "SampleAligner", SpyAligner)
    fake_deepgram.chunk_interval_seconds = 0.02
    heard = await listen(deepgram, LINE, voice())

    expected = speech_like_pcm(LINE, WIRE_SAMPLE_RATE, female=True)
    assert heard.primary == expected  # nothing lost or shifted by the realignment
    assert pcm_seconds(len(expected)) == pytest.approx(0.35 * len(LINE.split()), abs=0.01)
    assert all_even(heard)
    assert any(size % 2 for size in fed), f"the fake's odd chunks did not reach the client: {fed[:8]}"
    assert len(heard.chunks) > 10
    # Streamed, not buffered: the first chunk long before the last.
    assert heard.chunks[0][0] < heard.chunks[-1][0] - 0.2


async def test_sends_model_linear16_raw_24khz(fake_deepgram: FakeDeepgram, deepgram: DeepgramTTS) -> None:
    await listen(deepgram, "Good evening.", voice("aura-2-orion-en", Gender.male))
    path, params, body = fake_deepgram.requests[-1]
    assert path == "/v1/speak"
    assert params == {
        "model": "aura-2-orion-en",
        "encoding": "linear16",
        "container": "none",
        "sample_rate": "24000",
    }
    assert body == {"text": "Good evening."}


async def test_cancelling_the_consumer_closes_the_request(
    fake_deepgram: FakeDeepgram, deepgram: DeepgramTTS
) -> None:
    fake_deepgram.chunk_interval_seconds = 0.05
    stream = deepgram.stream(LINE, voice())
    assert await anext(stream)
    await stream.aclose()  # type: ignore[attr-defined]
    await _until(lambda: fake_deepgram.disconnects == 1)


async def test_refuses_a_voice_of_another_engine(deepgram: DeepgramTTS) -> None:
    other = Voice(engine="piper", id="piper:joe", gender=Gender.male, label="Joe")
    with pytest.raises(SpeechError, match="cannot speak"):
        await listen(deepgram, "Hello.", other)


# --- casting ---


def _speakers(rng_seed: int, count: int) -> list[Speaker]:
    rng = random.Random(rng_seed)
    return [
        Speaker(name=f"Host {index}", gender=rng.choice(list(Gender)), role="host", background="radio")
        for index in range(count)
    ]


def test_voices_are_real_aura2_english_voices() -> None:
    known = set(typing.get_args(typing.get_args(AudioGenerateRequestModel)[0]))
    for gender, models in AURA2_VOICES.items():
        assert len(models) >= 4, gender
        for model in models:
            assert model in known and model.startswith("aura-2-") and model.endswith("-en")
    assert not set(AURA2_VOICES[Gender.male]) & set(AURA2_VOICES[Gender.female])


@pytest.mark.parametrize("count", [2, 3, 4])
def test_casting_matches_gender_is_distinct_and_deterministic(count: int) -> None:
    tts = DeepgramTTS(API_KEY, base_url="http://127.0.0.1:9")
    used: set[str] = set()
    for seed in range(60):
        speakers = _speakers(seed * 10 + count, count)
        mission_id = f"{seed * 7919 + count:024x}"
        cast = tts.cast_voices(speakers, mission_id)
        assert list(cast) == [speaker.name for speaker in speakers]
        for speaker in speakers:
            chosen = cast[speaker.name]
            assert chosen.engine == "deepgram-aura-2"
            assert chosen.gender == speaker.gender
            assert chosen.id in AURA2_VOICES[speaker.gender]
            assert chosen.label and API_KEY not in chosen.label
        assert len({chosen.id for chosen in cast.values()}) == count
        assert tts.cast_voices(speakers, mission_id) == cast
        used.update(chosen.id for chosen in cast.values())
    assert len(used) >= 10  # missions differ: the id, not a fixed order, picks the voices


async def test_fallback_casting_pairs_each_voice_with_an_offline_voice(
    deepgram: DeepgramTTS, offline: OfflineTTS, settings: Settings
) -> None:
    tts, _ = fallback_tts(deepgram, offline, settings)
    mission_id = new_mission_id()
    cast = tts.cast_voices(SPEAKERS, mission_id)
    offline_cast = offline.cast_voices(SPEAKERS, mission_id)
    for speaker in SPEAKERS:
        chosen = cast[speaker.name]
        assert chosen.engine == "deepgram-aura-2" and chosen.gender == speaker.gender
        assert chosen.fallback == offline_cast[speaker.name]
    assert tts.cast_voices(SPEAKERS, mission_id) == cast


# --- failures end in the offline voice, with no long silence ---


async def _cast(tts: FallbackTTS) -> Voice:
    return tts.cast_voices(SPEAKERS, new_mission_id())["Meera"]


@pytest.mark.parametrize(
    "scene", [server_error(500), server_error(503), rate_limited()], ids=["500", "503", "429"]
)
async def test_failure_before_first_byte_speaks_the_whole_line_offline(
    scene: Scene,
    fake_deepgram: FakeDeepgram,
    deepgram: DeepgramTTS,
    offline: OfflineTTS,
    settings: Settings,
    caplog: pytest.LogCaptureFixture,
) -> None:
    tts, recording = fallback_tts(deepgram, offline, settings)
    fake_deepgram.queue(scene)
    with caplog.at_level(logging.WARNING):
        heard = await listen(tts, LINE, await _cast(tts), recording)
    assert heard.primary == b"" and len(heard.fallback) > seconds_to_bytes(2.0)
    assert recording.texts == [LINE]
    assert heard.first_fallback_at <= MAX_SWITCH_GAP_SECONDS
    assert all_even(heard)
    assert tts.fallbacks == {BEFORE_FIRST_BYTE: 1}
    assert fake_deepgram.speak_count == 1  # no SDK retries: the fallback is quicker
    assert str(scene.status) in caplog.text and API_KEY not in caplog.text


async def test_failure_mid_stream_speaks_only_the_rest_offline(
    fake_deepgram: FakeDeepgram, deepgram: DeepgramTTS, offline: OfflineTTS, settings: Settings
) -> None:
    tts, recording = fallback_tts(deepgram, offline, settings)
    fake_deepgram.queue(fail_mid_stream(after_bytes=seconds_to_bytes(3.0) + 1))
    heard = await listen(tts, LINE, await _cast(tts), recording)

    assert len(heard.primary) == seconds_to_bytes(3.0)  # the odd last byte was held back, not sent
    assert all_even(heard)
    assert heard.first_fallback_at - heard.last_primary_at <= MAX_SWITCH_GAP_SECONDS
    assert tts.fallbacks == {MID_STREAM: 1}
    [rest] = recording.texts
    words, rest_words = LINE.split(), rest.split()
    assert rest_words == words[-len(rest_words) :]  # a suffix, cut at a word boundary
    # 3 s at ~2.5 words/s: 7 words counted as spoken (the fake actually said ~8.6: a repeat, no gap).
    assert len(words) - len(rest_words) == 7


async def test_slow_first_byte_within_the_timeout_is_waited_for(
    fake_deepgram: FakeDeepgram, deepgram: DeepgramTTS, offline: OfflineTTS, settings: Settings
) -> None:
    tts, recording = fallback_tts(deepgram, offline, settings)
    fake_deepgram.queue(slow_first_byte(0.6))
    heard = await listen(tts, LINE, await _cast(tts), recording)
    assert heard.chunks[0][0] >= 0.6
    assert heard.fallback == b"" and not tts.fallbacks
    assert heard.primary == speech_like_pcm(LINE, WIRE_SAMPLE_RATE, female=True)


@pytest.mark.parametrize("scene", [hang(after_bytes=0), slow_first_byte(5.0)], ids=["hang", "very-slow"])
async def test_no_first_byte_in_time_switches_to_offline(
    scene: Scene,
    fake_deepgram: FakeDeepgram,
    deepgram: DeepgramTTS,
    offline: OfflineTTS,
    settings: Settings,
) -> None:
    tts, recording = fallback_tts(deepgram, offline, settings)
    fake_deepgram.queue(scene)
    heard = await listen(tts, LINE, await _cast(tts), recording)
    timeout = settings.tts_first_byte_timeout_seconds
    assert heard.primary == b"" and recording.texts == [LINE]
    assert timeout <= heard.first_fallback_at <= timeout + MAX_SWITCH_GAP_SECONDS
    assert tts.fallbacks == {TIMEOUT: 1}
    await _until(lambda: fake_deepgram.disconnects == 1)  # the hung request was closed, not leaked


async def test_hang_mid_stream_switches_to_offline_for_the_rest(
    fake_deepgram: FakeDeepgram, deepgram: DeepgramTTS, offline: OfflineTTS, settings: Settings
) -> None:
    tts, recording = fallback_tts(deepgram, offline, settings)
    fake_deepgram.queue(hang(after_bytes=seconds_to_bytes(2.0)))
    heard = await listen(tts, LINE, await _cast(tts), recording)
    timeout = settings.tts_chunk_timeout_seconds
    assert len(heard.primary) >= seconds_to_bytes(2.0)
    added = heard.first_fallback_at - heard.last_primary_at - timeout
    assert 0 <= added <= MAX_SWITCH_GAP_SECONDS
    assert tts.fallbacks == {TIMEOUT: 1}
    [rest] = recording.texts
    assert LINE.endswith(rest) and len(rest) < len(LINE)
    await _until(lambda: fake_deepgram.disconnects == 1)


async def _until(condition: typing.Callable[[], bool], seconds: float = 3.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        await asyncio.sleep(0.01)


# --- errors never show the key ---


async def test_errors_are_speech_errors_without_the_key(fake_deepgram: FakeDeepgram) -> None:
    messages: list[str] = []

    async def failure(tts: DeepgramTTS) -> SpeechError:
        with pytest.raises(SpeechError) as caught:
            await listen(tts, LINE, voice())
        error = caught.value
        messages.extend([str(error), repr(error), str(error.__cause__), repr(error.__cause__)])
        return error

    good = DeepgramTTS(API_KEY, base_url=fake_deepgram.base_url, timeout_seconds=0.3)
    wrong = DeepgramTTS(API_KEY[::-1], base_url=fake_deepgram.base_url)
    closed = DeepgramTTS(API_KEY, base_url="http://127.0.0.1:9", timeout_seconds=1.0)
    try:
        assert "401" in str(await failure(wrong)) and "Invalid credentials" in messages[0]
        fake_deepgram.queue(server_error(500))
        assert "HTTP 500" in str(await failure(good))
        fake_deepgram.queue(rate_limited())
        assert "HTTP 429" in str(await failure(good))
        fake_deepgram.queue(fail_mid_stream(4801))
        assert "connection" in str(await failure(good))
        fake_deepgram.queue(hang(after_bytes=0))
        assert "timed out" in str(await failure(good))
        assert "connection failed" in str(await failure(closed))
    finally:
        for tts in (good, wrong, closed):
            await tts.aclose()
    for message in messages:
        assert API_KEY not in message and API_KEY[::-1] not in message


class Silent(Recording):
    """An engine that answers every line with no audio at all."""

    async def stream(self, text: str, voice: Voice) -> AsyncIterator[bytes]:
        self.texts.append(text)
        nothing: tuple[bytes, ...] = ()
        for chunk in nothing:
            yield chunk


async def test_a_line_without_audio_is_spoken_offline(offline: OfflineTTS, settings: Settings) -> None:
    silent = Silent(DeepgramTTS(API_KEY, base_url="http://127.0.0.1:9"))
    recording = Recording(offline)
    tts = FallbackTTS.from_settings(silent, recording, settings)
    heard = await listen(tts, LINE, tts.cast_voices(SPEAKERS, new_mission_id())["Meera"], recording)
    assert silent.texts == [LINE] and recording.texts == [LINE] and heard.fallback
    assert tts.fallbacks == {BEFORE_FIRST_BYTE: 1}
    await tts.aclose()


def test_remaining_text_cuts_at_word_boundaries() -> None:
    text = "one two  three, four five six seven"
    word = 1 / WORDS_PER_SECOND  # the speaking rate the game assumes everywhere
    assert remaining_text(text, 0.0) == text
    assert remaining_text(text, word * 0.98) == text
    assert remaining_text(text, word * 1.02) == "two  three, four five six seven"
    assert remaining_text(text, word * 3.02) == "four five six seven"
    assert remaining_text(text, 60.0) == ""


# --- latency the Deepgram path adds ---


@pytest.mark.slow
async def test_added_latency_of_the_deepgram_path(fake_deepgram: FakeDeepgram, deepgram: DeepgramTTS) -> None:
    """Time to first chunk minus the fake's TTFB: the SDK, httpx and loopback HTTP. Its goal (p50
    <= 5 ms, 15 ms on a loaded machine) is a figure of `make bench` (timing); here: every line's
    first chunk came, never before the fake's first byte."""
    ttfb = 0.1
    fake_deepgram.ttfb_seconds = ttfb
    added: list[float] = []
    for index in range(22):
        started = time.perf_counter()
        first: float | None = None
        async for _ in deepgram.stream(f"Line {index} of the evening news.", voice()):
            first = first or time.perf_counter() - started
        assert first is not None
        if index >= 2:  # the first requests open the connection
            added.append(first - ttfb)
    p50 = statistics.median(added)
    print(f"\nDeepgram path added latency: p50 {p50 * 1000:.2f} ms, max {max(added) * 1000:.2f} ms")
    assert len(added) == 20 and min(added) >= -0.005  # the first chunk waited for the first byte


# --- a realistic Aura-2: a first-byte delay, then audio near real time ---


@pytest.mark.slow
async def test_a_realistic_aura_answers_after_its_first_byte_delay_and_streams_near_real_time() -> None:
    with FakeDeepgram.realistic(api_key=API_KEY) as fake:
        tts = DeepgramTTS(API_KEY, base_url=fake.base_url, timeout_seconds=5.0)
        try:
            voice = tts.cast_voices(SPEAKERS, new_mission_id())["Meera"]
            started = time.perf_counter()
            first_at: float | None = None
            audio = bytearray()
            async for chunk in tts.stream(LINE, voice):
                if first_at is None:
                    first_at = time.perf_counter() - started
                audio.extend(chunk)
            total = time.perf_counter() - started
        finally:
            await tts.aclose()
    assert first_at is not None
    spoken = pcm_seconds(len(audio))
    assert first_at >= fake.ttfb_seconds, f"first byte after {first_at * 1000:.0f} ms"
    assert fake.realtime_factor is not None
    # Streamed at ~2x real time: not the fast default fake, and never slower than real time.
    streaming = total - first_at
    assert spoken / fake.realtime_factor * 0.8 <= streaming <= spoken, (spoken, streaming)
