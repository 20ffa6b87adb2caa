"""Long break-ins heard whole (radiomirchi/speech/stt/whisper.py): a turn over 30 seconds is heard in
stretches cut at its pauses."""

from __future__ import annotations

import asyncio

import numpy as np
import pytest

from devtools.testing.caller_voice import speak_as_caller
from devtools.testing.intelligibility import normalise
from devtools.testing.show_lines import offline_mission
from radiomirchi.game.vocabulary import spoken_vocabulary
from radiomirchi.schemas import Gender
from radiomirchi.speech.audio import MIC_SAMPLE_RATE
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
