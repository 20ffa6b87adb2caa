"""Whisper's window sized to the turn (radiomirchi/speech/stt/whisper.py): a break-in of a few
seconds is encoded as a few seconds plus a margin, not as 30 seconds of padding, and is still
heard to its last word."""

from __future__ import annotations

import asyncio
import functools

import numpy as np
import pytest

from devtools.testing.caller_voice import speak_as_caller
from devtools.testing.intelligibility import normalise, word_errors
from radiomirchi.schemas import Gender
from radiomirchi.speech.audio import MIC_SAMPLE_RATE
from radiomirchi.speech.stt.whisper import (
    FRAMES_PER_SECOND,
    PADDING_FRAMES_KEPT,
    WhisperSTT,
    turn_sized_frames,
)

WINDOW_FRAMES = 3000
OPENING = "Bank records show nine hundred million went to a shell company in Lake Orsk."
CLOSING = "The hospital ward has been full since the eleventh of March, and nobody came."


def _padded_window(seconds: float) -> np.ndarray:
    """Log-Mel-like frames for ``seconds`` of a clip, then faster-whisper's zero padding."""
    content = int(seconds * FRAMES_PER_SECOND)
    frames = np.zeros((80, WINDOW_FRAMES), dtype=np.float32)
    frames[:, :content] = np.random.default_rng(3).uniform(-0.5, 1.0, (80, content))
    return frames


def test_the_window_keeps_the_clip_and_two_seconds_of_padding_in_whole_seconds() -> None:
    assert turn_sized_frames(_padded_window(6.3)) == 900  # 630 + 200, rounded up to a second
    assert turn_sized_frames(_padded_window(6.3)[None]) == 900  # batched as the encoder gets it
    assert turn_sized_frames(_padded_window(29.0)) == WINDOW_FRAMES
    assert turn_sized_frames(_padded_window(30.0)) == WINDOW_FRAMES
    assert turn_sized_frames(np.zeros((80, WINDOW_FRAMES), np.float32)) == PADDING_FRAMES_KEPT


@pytest.fixture(scope="module")
def stt() -> WhisperSTT:
    return WhisperSTT()


def test_the_encoder_sees_the_turn_not_thirty_seconds(stt: WhisperSTT) -> None:
    model = stt.model()
    # The encoder halves the frames: 900 frames of window come out as 450 positions, not 1500.
    assert model.encode(_padded_window(6.3)).shape[1] == 450
    assert model.encode(_padded_window(29.5)).shape[1] == WINDOW_FRAMES // 2


def _silence(seconds: float) -> np.ndarray:
    return np.zeros(int(seconds * MIC_SAMPLE_RATE), dtype=np.int16)


async def _spoken_turn() -> np.ndarray:
    opening = await speak_as_caller(OPENING, MIC_SAMPLE_RATE, Gender.male)
    closing = await speak_as_caller(CLOSING, MIC_SAMPLE_RATE, Gender.female)
    # A held turn: a wait before speaking and a pause between sentences, as players leave them.
    return np.concatenate([_silence(1.5), opening, _silence(1.0), closing, _silence(0.4)])


def test_a_long_turn_is_heard_to_its_last_words_as_the_whole_window_hears_it(
    stt: WhisperSTT, monkeypatch: pytest.MonkeyPatch
) -> None:
    from faster_whisper import WhisperModel

    turn = asyncio.run(_spoken_turn())
    heard = asyncio.run(stt.transcribe(turn.tobytes()))
    model = stt.model()
    monkeypatch.setattr(model, "encode", functools.partial(WhisperModel.encode, model))
    heard_in_thirty_seconds = asyncio.run(stt.transcribe(turn.tobytes()))
    assert normalise(heard)[-3:] == ["and", "nobody", "came"], heard
    said = normalise(heard_in_thirty_seconds)
    assert word_errors(said, normalise(heard)) <= len(said) // 5, (heard, heard_in_thirty_seconds)
