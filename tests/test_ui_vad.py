"""The speech detector on real audio: the Silero model shipped in faster-whisper, speech from the
offline voices, microphone frames at 48 kHz as the browser sends them."""

from __future__ import annotations

import numpy as np
import pytest

from radiomirchi.schemas import Gender, Speaker, new_mission_id
from radiomirchi.speech.audio import MIC_SAMPLE_RATE, WIRE_SAMPLE_RATE, bytes_to_int16, resample_int16
from radiomirchi.speech.tts.offline import OfflineTTS
from radiomirchi.ui.vad import MODEL_PATH, Decimator, SpeechDetector, SpeechEvent

RATE = 48_000
FRAME = 960


@pytest.fixture(scope="module")
def sentence() -> np.ndarray:
    import asyncio

    async def speak() -> bytes:
        tts = OfflineTTS()
        try:
            voice = tts.cast_voices(
                [Speaker(name="Me", gender=Gender.male, role="caller", background="-")], new_mission_id()
            )["Me"]
            return await tts.synthesize("The ministry paid four million to the dam builders in March.", voice)
        finally:
            await tts.aclose()

    return resample_int16(bytes_to_int16(asyncio.run(speak())), WIRE_SAMPLE_RATE, RATE)


def _feed(detector: SpeechDetector, samples: np.ndarray) -> list[tuple[float, SpeechEvent]]:
    """Events with the time (s into the stream) of the frame that produced them."""
    events = []
    for start in range(0, len(samples) - FRAME + 1, FRAME):
        for event in detector.feed(samples[start : start + FRAME].reshape(1, -1)):
            events.append((start / RATE, event))
    return events


def test_the_model_ships_in_a_package() -> None:
    assert MODEL_PATH.is_file() and MODEL_PATH.stat().st_size > 100_000


def test_speech_starts_stops_and_carries_the_utterance(sentence: np.ndarray) -> None:
    lead = np.zeros(RATE, dtype=np.int16)
    tail = np.zeros(RATE, dtype=np.int16)
    events = _feed(SpeechDetector(RATE), np.concatenate([lead, sentence, tail]))
    kinds = [e.kind for _, e in events]
    assert kinds[0] == "start" and kinds[-1] == "stop" and kinds.count("start") == 1, kinds
    assert events[-1][1].by_silence  # the player may still go on (game/reading_aloud.py)
    started_at = events[0][0]
    stopped_at = events[-1][0]
    speech_seconds = len(sentence) / RATE
    assert 0.9 <= started_at <= 1.4, started_at  # within ~0.4 s of the first word
    # The turn opens 0.6 s before the speech was found: a first word the browser's echo canceller
    # and noise suppressor softened is found late, and must not be lost.
    assert 0.55 <= len(events[0][1].pcm) / 2 / MIC_SAMPLE_RATE <= 0.65
    # Stopped by the pause after the sentence: about 0.6 s after it ends.
    assert 1 + speech_seconds <= stopped_at <= 1 + speech_seconds + 1.0, (stopped_at, speech_seconds)
    utterance = b"".join(e.pcm for _, e in events)
    heard_seconds = len(utterance) / 2 / MIC_SAMPLE_RATE
    # The utterance holds the whole sentence (with pre-roll before it and the pause after it).
    assert speech_seconds - 0.2 <= heard_seconds <= speech_seconds + 1.3, (heard_seconds, speech_seconds)


def test_a_pause_comes_before_the_stop_and_a_resumed_turn_says_so(sentence: np.ndarray) -> None:
    gap = np.zeros(int(0.35 * RATE), dtype=np.int16)  # a breath: a pause, not the turn's end
    tail = np.zeros(RATE, dtype=np.int16)
    events = _feed(SpeechDetector(RATE), np.concatenate([sentence, gap, sentence, tail]))
    kinds = [e.kind for _, e in events if e.kind != "audio"]
    assert kinds[0] == "start" and kinds[-2:] == ["pause", "stop"], kinds
    assert "resume" in kinds and kinds.index("pause") < kinds.index("resume"), kinds
    assert kinds.count("stop") == 1
    # The last pause covers all the speech: after it, until the stop, only silence is heard.
    last_pause = max(i for i, (_, e) in enumerate(events) if e.kind == "pause")
    after = b"".join(e.pcm for _, e in events[last_pause:])
    assert np.abs(bytes_to_int16(after)).max(initial=0) < 2000
    before = b"".join(e.pcm for _, e in events[:last_pause])
    assert len(before) / 2 / MIC_SAMPLE_RATE >= 2 * len(sentence) / RATE - 0.3
    pause_at = events[last_pause][0]
    stop_at = next(t for t, e in events if e.kind == "stop")
    assert 0.3 <= stop_at - pause_at <= 0.5, (pause_at, stop_at)  # time to transcribe early


def test_silence_and_noise_are_not_speech() -> None:
    rng = np.random.default_rng(3)
    quiet = np.zeros(RATE * 2, dtype=np.int16)
    hiss = rng.normal(0, 500, RATE * 3).astype(np.int16)
    tone = (3000 * np.sin(2 * np.pi * 440 * np.arange(RATE * 2) / RATE)).astype(np.int16)
    assert _feed(SpeechDetector(RATE), np.concatenate([quiet, hiss, tone])) == []


def test_an_endless_talker_is_cut_at_the_limit(sentence: np.ndarray) -> None:
    events = _feed(SpeechDetector(RATE, max_seconds=2.0), np.concatenate([sentence, sentence]))
    stops = [t for t, e in events if e.kind == "stop"]
    assert stops and stops[0] <= 2.6, stops  # cut at 2 s of speech, though the talking goes on
    assert not next(e for _, e in events if e.kind == "stop").by_silence


def test_downsampling_keeps_speech_band_drops_aliases_and_ignores_chunk_edges() -> None:
    seconds = np.arange(RATE) / RATE
    tone = np.sin(2 * np.pi * 1000 * seconds).astype(np.float32)  # kept
    alias = np.sin(2 * np.pi * 15000 * seconds).astype(np.float32)  # would fold to 1 kHz
    whole = Decimator(3)(tone)
    chunked_decimator = Decimator(3)
    chunked = np.concatenate([chunked_decimator(tone[i : i + 961]) for i in range(0, RATE, 961)])
    assert len(whole) == len(chunked) == MIC_SAMPLE_RATE
    assert np.allclose(whole, chunked, atol=1e-5)
    assert 0.95 < np.sqrt(2 * np.mean(whole[100:] ** 2)) < 1.05
    assert np.sqrt(2 * np.mean(Decimator(3)(alias)[100:] ** 2)) < 0.01


def test_a_held_turn_opens_with_half_a_second_from_before_the_press_and_ends_at_the_release(
    sentence: np.ndarray,
) -> None:
    """The Break-in control: what the microphone heard just before the press is kept (a player
    begins as they press), and a long pause inside the turn does not end it."""
    detector = SpeechDetector(RATE)
    before = np.arange(RATE, dtype=np.int16) % 7  # faint noise the model takes for no speech
    assert not _feed(detector, before)
    detector.hold()
    pause = np.zeros(2 * RATE, dtype=np.int16)  # 2 s of silence: a pause would end a free turn
    held = _feed(detector, np.concatenate([sentence, pause]))
    assert held[0][1].kind == "start" and "stop" not in [e.kind for _, e in held]
    preroll = bytes_to_int16(held[0][1].pcm)
    assert 0.45 <= len(preroll) / MIC_SAMPLE_RATE <= 0.55
    assert np.abs(preroll).max() > 0  # what was heard before the press, not silence
    detector.release()
    ended = _feed(detector, np.zeros(FRAME, dtype=np.int16))
    assert [e.kind for _, e in ended] == ["audio", "stop"] and not detector.speaking
    assert not ended[-1][1].by_silence  # the player said Done: the turn is over
    spoken = sum(len(e.pcm) for _, e in held + ended) / 2 / MIC_SAMPLE_RATE
    assert spoken >= 0.5 + (len(sentence) + len(pause)) / RATE - 0.1


def test_holding_while_the_player_already_speaks_keeps_their_turn_going(sentence: np.ndarray) -> None:
    detector = SpeechDetector(RATE)
    events = _feed(detector, np.concatenate([np.zeros(RATE // 2, dtype=np.int16), sentence[:RATE]]))
    assert events[0][1].kind == "start" and detector.speaking
    detector.hold()
    later = _feed(detector, np.zeros(2 * RATE, dtype=np.int16))
    # No second start, no stop at the pause (which is only marked, for an early transcript).
    assert {e.kind for _, e in later} == {"audio", "pause"}
    detector.release()
    assert [e.kind for _, e in _feed(detector, np.zeros(FRAME, dtype=np.int16))] == ["audio", "stop"]
