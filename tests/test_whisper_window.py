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
from devtools.testing.show_lines import offline_mission
from radiomirchi.game.vocabulary import spoken_vocabulary
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


def test_the_window_keeps_the_clip_and_five_seconds_of_padding_in_whole_seconds() -> None:
    assert turn_sized_frames(_padded_window(6.3)) == 1200  # 630 + 500, rounded up to a second
    assert turn_sized_frames(_padded_window(6.3)[None]) == 1200  # batched as the encoder gets it
    assert turn_sized_frames(_padded_window(26.0)) == WINDOW_FRAMES
    assert turn_sized_frames(_padded_window(30.0)) == WINDOW_FRAMES
    assert turn_sized_frames(np.zeros((80, WINDOW_FRAMES), np.float32)) == PADDING_FRAMES_KEPT


@pytest.fixture(scope="module")
def stt() -> WhisperSTT:
    return WhisperSTT()


def test_the_encoder_sees_the_turn_not_thirty_seconds(stt: WhisperSTT) -> None:
    model = stt.model()
    # The encoder halves the frames: 1200 frames of window come out as 600 positions, not 1500.
    assert model.encode(_padded_window(6.3)).shape[1] == 600
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


def test_a_sentence_said_twice_is_heard_twice_and_no_more(
    stt: WhisperSTT, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With a window cut close to the clip, Whisper can loop on a repeated phrase ("New Villa. New
    Villa. New Villa...", 12 s of decoding with 2 s of padding kept): the pass is bounded, and a
    loop is heard again in the full window. Here the margin is cut to 2 s to meet the loop."""
    import radiomirchi.speech.stt.whisper as whisper

    monkeypatch.setattr(whisper, "PADDING_FRAMES_KEPT", 2 * FRAMES_PER_SECOND)
    said = "The water tax money paid for the minister's new villa."
    once = asyncio.run(speak_as_caller(said, MIC_SAMPLE_RATE, Gender.male))
    heard = asyncio.run(stt.transcribe(np.concatenate([once, _silence(0.3), once]).tobytes()))
    assert len(normalise(heard)) <= 2 * len(normalise(said)) + 2, heard
    assert normalise(heard).count("water") == 2, heard


def test_a_long_turn_with_a_long_list_of_names_is_heard(stt: WhisperSTT) -> None:
    """The pass's token bound and the names' prompt share Whisper's 448 tokens (the bound is at its
    cap from 22 s of turn on)."""
    turn = asyncio.run(_spoken_turn())
    again = turn[int(1.5 * MIC_SAMPLE_RATE) :]  # without its wait before speaking: under 30 s in all
    long_turn = np.concatenate([turn, _silence(0.5), again])
    names = spoken_vocabulary(offline_mission("the new water tax", 5))
    heard = asyncio.run(stt.transcribe(long_turn.tobytes(), names))
    assert normalise(heard)[-3:] == ["and", "nobody", "came"], heard
    assert normalise(heard).count("hospital") == 2, heard
