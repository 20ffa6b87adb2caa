"""Long break-ins heard whole (radiomirchi/speech/stt/whisper.py): a turn over 30 seconds is heard in
stretches cut at its pauses."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

import numpy as np
import pytest

from devtools.testing.caller_voice import speak_as_caller
from devtools.testing.intelligibility import normalise
from devtools.testing.show_lines import offline_mission
from radiomirchi.game.vocabulary import spoken_vocabulary
from radiomirchi.schemas import Gender
from radiomirchi.speech.audio import MIC_SAMPLE_RATE
from radiomirchi.speech.stt import whisper
from radiomirchi.speech.stt.whisper import WhisperSTT

OPENING = "Bank records show nine hundred million went to a shell company in Lake Orsk."
CLOSING = "The hospital ward has been full since the eleventh of March, and nobody came."


@pytest.fixture(scope="module")
def stt() -> WhisperSTT:
    return WhisperSTT()


def _silence(seconds: float) -> np.ndarray:
    return np.zeros(int(seconds * MIC_SAMPLE_RATE), dtype=np.int16)


async def _spoken_turn() -> np.ndarray:
    opening = await speak_as_caller(OPENING, MIC_SAMPLE_RATE, Gender.male)
    closing = await speak_as_caller(CLOSING, MIC_SAMPLE_RATE, Gender.female)
    # A held turn: a wait before speaking and a pause between sentences, as players leave them.
    return np.concatenate([_silence(1.5), opening, _silence(1.0), closing, _silence(0.4)])


def test_a_turn_over_thirty_seconds_is_heard_whole(stt: WhisperSTT) -> None:
    """In one pass Whisper tiny lost most of a 40-second turn's middle: it is heard in stretches."""
    turn = asyncio.run(_spoken_turn())
    long_turn = np.concatenate([turn, _silence(2.0), turn, _silence(2.0), turn])
    assert len(long_turn) > 35 * MIC_SAMPLE_RATE
    names = spoken_vocabulary(offline_mission("the new water tax", 5))
    heard = asyncio.run(stt.transcribe(long_turn.tobytes(), names))
    assert normalise(heard).count("hospital") == 3, heard
    assert normalise(heard)[-3:] == ["and", "nobody", "came"], heard


class EndsEarly:
    """Whisper tiny's early end of text, on purpose: a clip over 6 s is heard as its first three
    words; a shorter one whole (by the real model)."""

    def __init__(self, real: object) -> None:
        self._real = real
        self.clips: list[float] = []

    def transcribe(self, audio: np.ndarray, **options: object) -> tuple[list[object], object]:
        self.clips.append(len(audio) / MIC_SAMPLE_RATE)
        segments, info = self._real.transcribe(audio, **options)  # type: ignore[attr-defined]
        segments = list(segments)
        if len(audio) > 6 * MIC_SAMPLE_RATE:
            first = " ".join(" ".join(segment.text for segment in segments).split()[:3])
            return [SimpleNamespace(text=first)], info
        return segments, info


def test_a_transcript_that_ends_after_its_first_words_is_heard_again_in_stretches(stt: WhisperSTT) -> None:
    turn = asyncio.run(_spoken_turn())
    early = EndsEarly(stt.model())
    heard = whisper._heard(early, turn.astype(np.float32) / 32768, (), "")
    assert len(early.clips) > 2 and max(early.clips[1:]) <= whisper.SHORT_STRETCH_SECONDS, early.clips
    assert "hospital" in normalise(heard) and normalise(heard)[-3:] == ["and", "nobody", "came"], heard


def test_a_short_answer_in_a_long_quiet_turn_is_not_heard_again(stt: WhisperSTT) -> None:
    said = asyncio.run(speak_as_caller("No.", MIC_SAMPLE_RATE, Gender.female))
    turn = np.concatenate([_silence(4.0), said, _silence(3.0)])
    early = EndsEarly(stt.model())
    whisper._heard(early, turn.astype(np.float32) / 32768, (), "")
    assert len(early.clips) == 1, early.clips
