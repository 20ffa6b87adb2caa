"""Hearing the player: when speech starts and stops in the microphone stream.

The model is the Silero VAD (v6) ONNX file that ships inside faster-whisper; nothing is
downloaded. ``SpeechDetector`` turns microphone frames (any rate) into speech events with 16 kHz
PCM: ``start`` (with a little audio from before the onset, so the first word is not clipped),
``audio`` while the player speaks, ``pause`` when they fall silent (the turn may end here: its
transcription can start), ``resume`` if they speak again before it ends, ``stop`` at its end.
It is CPU work: create a detector (its first creation in the process loads the model) and run
``feed`` in a worker thread.

The Break-in control holds the detector (``hold``/``release``, from any thread): from the next
frame the turn is the player's whatever the model says, opening with ``held_preroll_seconds`` of
what the microphone heard before the press, and it ends at the release, not at a pause.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import faster_whisper
import numpy as np
import onnxruntime

from radiomirchi.shared_models import SharedModel
from radiomirchi.speech.audio import MIC_SAMPLE_RATE

MODEL_PATH = Path(faster_whisper.__file__).parent / "assets" / "silero_vad_v6.onnx"
WINDOW_SAMPLES = 512  # 32 ms at 16 kHz: the window the model is trained on
CONTEXT_SAMPLES = 64  # the tail of the previous window the model sees with each new one
WINDOW_SECONDS = WINDOW_SAMPLES / MIC_SAMPLE_RATE


def _load_vad() -> onnxruntime.InferenceSession:
    options = onnxruntime.SessionOptions()
    options.inter_op_num_threads = 1
    options.intra_op_num_threads = 1
    options.log_severity_level = 4
    return onnxruntime.InferenceSession(
        str(MODEL_PATH), providers=["CPUExecutionProvider"], sess_options=options
    )


# One session for every detector of every app: onnxruntime's ``run`` may be called from several
# threads at once, and the recurrent state (h, c, context) is each detector's own, passed in.
SILERO_VAD = SharedModel("Silero VAD v6", _load_vad)


class SileroVAD:
    """Speech probability of each 32 ms window of a 16 kHz stream (the model keeps state)."""

    def __init__(self) -> None:
        self._session = SILERO_VAD.get()
        self._h = np.zeros((1, 1, 128), dtype=np.float32)
        self._c = np.zeros((1, 1, 128), dtype=np.float32)
        self._context = np.zeros(CONTEXT_SAMPLES, dtype=np.float32)

    def probability(self, window: np.ndarray) -> float:
        """``window``: 512 float32 samples in [-1, 1]."""
        batch = np.concatenate([self._context, window]).reshape(1, -1)
        probs, self._h, self._c = self._session.run(None, {"input": batch, "h": self._h, "c": self._c})
        self._context = window[-CONTEXT_SAMPLES:]
        return float(np.asarray(probs).reshape(-1)[-1])


class Decimator:
    """Streaming integer-factor downsampling (e.g. the browser's 48 kHz to 16 kHz): a windowed-sinc
    low-pass below the new Nyquist frequency, then every ``factor``-th sample; state carries over
    between chunks, so chunk edges leave no trace."""

    def __init__(self, factor: int, taps_per_phase: int = 32) -> None:
        self._factor = factor
        length = taps_per_phase * factor + 1
        t = np.arange(length) - (length - 1) / 2
        cutoff = 0.45 / factor  # in cycles per input sample: 7.2 kHz for 48 kHz -> 16 kHz
        taps = 2 * cutoff * np.sinc(2 * cutoff * t) * np.hamming(length)
        self._taps = (taps / taps.sum()).astype(np.float32)
        self._history = np.zeros(length - 1, dtype=np.float32)
        self._consumed = 0

    def __call__(self, audio: np.ndarray) -> np.ndarray:
        if self._factor == 1:
            return audio
        padded = np.concatenate([self._history, audio])
        filtered = np.convolve(padded, self._taps, mode="valid")
        self._history = padded[len(padded) - len(self._history) :]
        first = -self._consumed % self._factor
        self._consumed += len(audio)
        return filtered[first :: self._factor]


@dataclass(frozen=True)
class SpeechEvent:
    kind: Literal["start", "audio", "pause", "resume", "stop"]
    pcm: bytes = b""  # PCM s16le mono 16 kHz
    by_silence: bool = False  # a stop: the turn ended at a silence (not a release or the length limit)


class SpeechDetector:
    """Speech start and stop with hysteresis: a start needs ``start_seconds`` of speech above
    ``threshold``; a stop needs ``stop_seconds`` below ``release``.

    ``preroll_seconds``: through the browser's echo canceller and noise suppressor, with the hosts
    playing, a turn's first syllable comes out soft and the start is found 0.15-0.3 s into the
    speech or later (the turns the browser test recorded); with 0.3 s of pre-roll, 2 of 8
    hands-free runs lost their first words ("Bank records show" heard "Show"), with 0.6 s none of
    20 did (some first words still come back misheard). The leading silence costs Whisper nothing."""

    def __init__(
        self,
        input_rate: int,
        *,
        threshold: float = 0.5,
        release: float = 0.35,
        start_seconds: float = 0.096,
        stop_seconds: float = 0.6,
        pause_seconds: float = 0.2,
        preroll_seconds: float = 0.6,
        held_preroll_seconds: float = 0.5,
        max_seconds: float = 30.0,
    ) -> None:
        if input_rate % MIC_SAMPLE_RATE:
            raise ValueError(f"the microphone rate must be a multiple of {MIC_SAMPLE_RATE} Hz")
        self._vad = SileroVAD()
        self._downsample = Decimator(input_rate // MIC_SAMPLE_RATE)
        self._threshold = threshold
        self._release = release
        self._start_windows = max(1, round(start_seconds / WINDOW_SECONDS))
        self._stop_windows = max(1, round(stop_seconds / WINDOW_SECONDS))
        self._pause_windows = max(1, round(pause_seconds / WINDOW_SECONDS))
        self._paused = False
        self._max_windows = round(max_seconds / WINDOW_SECONDS)
        self._pending = np.zeros(0, dtype=np.float32)
        self._preroll_windows = max(self._start_windows, round(preroll_seconds / WINDOW_SECONDS))
        self._held_windows = round(held_preroll_seconds / WINDOW_SECONDS)
        self._recent: deque[np.ndarray] = deque(maxlen=max(self._preroll_windows, self._held_windows))
        self._voiced = 0
        self._silent = 0
        self._spoken_windows = 0
        self.speaking = False
        self.held = False
        # Requests from the Break-in control, taken at the next frame (plain flags: set from the
        # event loop, read in the worker thread that feeds).
        self._hold_requested = False
        self._release_requested = False

    def hold(self) -> None:
        """The player pressed Break in: the turn is theirs from the next frame until ``release``."""
        self._release_requested = False
        self._hold_requested = True

    def release(self) -> None:
        """The player let go: the turn ends after the next frame's audio."""
        self._release_requested = True

    def feed(self, samples: np.ndarray) -> list[SpeechEvent]:
        """Microphone samples (int16, mono, at ``input_rate``) in; speech events out."""
        audio = self._downsample(samples.reshape(-1).astype(np.float32) / 32768.0)
        self._pending = np.concatenate([self._pending, audio])
        events: list[SpeechEvent] = []
        speech: list[np.ndarray] = []
        if self._hold_requested:
            self._hold_requested = False
            self.held = True
            if not self.speaking:  # the turn opens with what was heard just before the press
                self.speaking = True
                self._silent = 0
                before = list(self._recent)[-self._held_windows :]
                self._spoken_windows = len(before)
                events.append(SpeechEvent("start", _pcm(before)))
                self._recent.clear()
        while len(self._pending) >= WINDOW_SAMPLES:
            window = self._pending[:WINDOW_SAMPLES]
            self._pending = self._pending[WINDOW_SAMPLES:]
            probability = self._vad.probability(window)
            if not self.speaking:
                self._recent.append(window)
                self._voiced = self._voiced + 1 if probability >= self._threshold else 0
                if self._voiced >= self._start_windows:
                    self.speaking = True
                    self._silent = 0
                    onset = list(self._recent)[-self._preroll_windows :]
                    self._spoken_windows = len(onset)
                    events.append(SpeechEvent("start", _pcm(onset)))
                    self._recent.clear()
                continue
            speech.append(window)
            self._spoken_windows += 1
            self._silent = self._silent + 1 if probability < self._release else 0
            if self._paused != (self._silent >= self._pause_windows):
                # The audio so far goes first: a pause covers exactly what was said before it.
                self._paused = not self._paused
                mark = SpeechEvent("pause" if self._paused else "resume")
                events += [SpeechEvent("audio", _pcm(speech)), mark]
                speech = []
            paused = self._silent >= self._stop_windows and not self.held
            if paused or self._spoken_windows >= self._max_windows:
                events += self._end_turn(speech, by_silence=paused)
                speech = []
        if self._release_requested:
            self._release_requested = False
            if self.held:
                events += self._end_turn(speech)
                speech = []
        if speech:
            events.append(SpeechEvent("audio", _pcm(speech)))
        return events

    def _end_turn(self, speech: list[np.ndarray], *, by_silence: bool = False) -> list[SpeechEvent]:
        self.speaking = False
        self._paused = False
        self.held = False
        self._voiced = 0
        return [SpeechEvent("audio", _pcm(speech)), SpeechEvent("stop", by_silence=by_silence)]


def _pcm(windows: list[np.ndarray]) -> bytes:
    if not windows:
        return b""
    audio = np.concatenate(windows)
    return np.clip(np.round(audio * 32767.0), -32768, 32767).astype("<i2").tobytes()
