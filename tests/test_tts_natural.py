"""The natural voice tier (RADIOMIRCHI_VOICES=natural): Kokoro-82M for every host, with its real
model and voices (installed by `make natural-voices`, which `make test` runs first), no mocks."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import numpy as np
import pytest

from devtools.testing.intelligibility import Listener, word_error_rate
from radiomirchi.schemas import Gender, Speaker
from radiomirchi.speech.audio import WIRE_SAMPLE_RATE, bytes_to_int16
from radiomirchi.speech.pitch import median_f0
from radiomirchi.speech.tts import OfflineTTS, kokoro
from radiomirchi.speech.tts.kokoro import KOKORO_ENGINE
from radiomirchi.speech.tts.offline import NATURAL_TIER
from radiomirchi.speech.tts.pieces import split_for_streaming

pytestmark = pytest.mark.slow  # Kokoro-82M synthesises and Whisper listens (minutes on a busy machine)

MEASURE_TEXT = (
    "The ministry says the new water tax will make every family richer, and the rivers cleaner "
    "than ever before."
)
SENTENCES = (
    "Good evening, this is the evening news on your favourite station.",
    "The minister opened a new bridge over the river this morning.",
    "Stay with us after the break for the weather and the sports results.",
)
FEMALE_MIN_F0 = 165.0
MALE_MAX_F0 = 140.0
MAX_WORD_ERROR_RATE = 0.15


@pytest.fixture(scope="module")
def natural() -> Iterator[OfflineTTS]:
    assert kokoro.missing() is None, f"the natural tier is not installed: {kokoro.missing()}"
    tts = OfflineTTS(tier=NATURAL_TIER)
    asyncio.run(tts.warm_up())
    yield tts
    asyncio.run(tts.aclose())


def samples_of(pcm: bytes) -> np.ndarray:
    return bytes_to_int16(pcm).astype(np.float64) / 32768.0


def test_every_host_is_cast_a_kokoro_voice(natural: OfflineTTS) -> None:
    assert natural.tier == NATURAL_TIER
    assert natural.lookahead_lines >= 2  # Kokoro's slowest voice waits with one line ahead
    for gender in Gender:
        assert len(natural.voices(gender)) >= 4
    assert {voice.engine for voice in natural.voices()} == {KOKORO_ENGINE}
    speakers = [
        Speaker(name=f"Host {index}", gender=gender, role="host", background="-")
        for index, gender in enumerate([Gender.female, Gender.male, Gender.female, Gender.female])
    ]
    cast = natural.cast_voices(speakers, f"{42:024x}")
    assert cast == natural.cast_voices(speakers, f"{42:024x}")
    assert len({voice.id for voice in cast.values()}) == len(speakers)
    assert all(cast[s.name].gender == s.gender for s in speakers)


def test_kokoro_runs_on_one_thread(natural: OfflineTTS) -> None:
    options = kokoro.KOKORO_MODEL.get().session.get_session_options()
    assert options.intra_op_num_threads == 1 and options.inter_op_num_threads == 1


# Every voice speaks four sentences and Whisper hears three: minutes of CPU on a loaded machine.
# The timeout guards against a hang, not a speed (the voices' speed is `make bench` voices).
@pytest.mark.timeout(900)
def test_kokoro_voices_are_pitched_by_gender_and_understood(natural: OfflineTTS) -> None:
    async def measure() -> dict[str, tuple[float, list[str]]]:
        listener = Listener(cpu_threads=1)
        out = {}
        try:
            for voice in natural.voices():
                f0 = median_f0(samples_of(await natural.synthesize(MEASURE_TEXT, voice)), WIRE_SAMPLE_RATE)
                heard = [await listener.hear(await natural.synthesize(text, voice)) for text in SENTENCES]
                out[voice.id] = (f0, heard)
        finally:
            await listener.aclose()
        return out

    results = asyncio.run(measure())
    for voice in natural.voices():
        f0, heard = results[voice.id]
        if voice.gender == Gender.female:
            assert f0 >= FEMALE_MIN_F0, (voice.id, f0)
        else:
            assert f0 <= MALE_MAX_F0, (voice.id, f0)
        assert word_error_rate(SENTENCES, heard) <= MAX_WORD_ERROR_RATE, (voice.id, heard)


async def test_the_first_clause_streams_before_the_rest_is_synthesised(natural: OfflineTTS) -> None:
    text = "Good evening to all our loyal listeners, the ministry has good news. Stay tuned for more."
    pieces = split_for_streaming(text)
    assert len(pieces) == 3
    voice = natural.voices(Gender.female)[0]
    before = natural.syntheses_started
    chunks: list[bytes] = []
    async for chunk in natural.stream(text, voice):
        if not chunks:
            assert natural.syntheses_started - before <= 2
        chunks.append(chunk)
    assert len(chunks) == len(pieces)
    assert len(chunks[0]) < 0.5 * sum(map(len, chunks))
