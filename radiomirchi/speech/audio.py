"""PCM helpers shared by every engine and transport.

The wire format (docs/PROTOCOL.md) is raw PCM signed 16-bit little-endian, mono, 24 kHz, no header.
"""

from __future__ import annotations

import io
import wave

import numpy as np
import soxr

WIRE_SAMPLE_RATE = 24_000
MIC_SAMPLE_RATE = 16_000
BYTES_PER_SAMPLE = 2
# The show's audio goes out on the WebSocket in frames of 40 ms: inside the protocol's 20-100 ms,
# few enough messages to stay cheap. (The WebRTC track has its own: ui.webrtc.WEBRTC_FRAME_SECONDS.)
WEBSOCKET_FRAME_SECONDS = 0.040


def pcm_seconds(byte_count: int, sample_rate: int = WIRE_SAMPLE_RATE) -> float:
    return byte_count / (BYTES_PER_SAMPLE * sample_rate)


def seconds_to_bytes(seconds: float, sample_rate: int = WIRE_SAMPLE_RATE) -> int:
    return int(seconds * sample_rate) * BYTES_PER_SAMPLE


def resample_float(audio: np.ndarray, from_rate: float, to_rate: float) -> np.ndarray:
    """Resample mono float audio (high-quality soxr); returns float32. Rates may be fractional."""
    if audio.size == 0 or abs(from_rate - to_rate) < 1e-6:
        return audio.astype(np.float32, copy=False)
    return np.asarray(soxr.resample(audio, from_rate, to_rate, quality="HQ"), dtype=np.float32)


def resample_int16(samples: np.ndarray, from_rate: int, to_rate: int) -> np.ndarray:
    """Resample mono int16 samples (high-quality soxr); returns int16."""
    if from_rate == to_rate or samples.size == 0:
        return samples.astype(np.int16, copy=False)
    resampled = resample_float(samples.astype(np.float32) / 32768.0, from_rate, to_rate)
    return np.clip(np.round(resampled * 32767.0), -32768, 32767).astype(np.int16)


def int16_to_bytes(samples: np.ndarray) -> bytes:
    return samples.astype("<i2", copy=False).tobytes()


def bytes_to_int16(pcm: bytes) -> np.ndarray:
    return np.frombuffer(pcm, dtype="<i2")


class SampleAligner:
    """Re-joins a byte stream whose chunks may split a 16-bit sample, so every chunk out is even."""

    def __init__(self) -> None:
        self._carry = b""

    def feed(self, chunk: bytes) -> bytes:
        data = self._carry + chunk
        whole = len(data) - len(data) % BYTES_PER_SAMPLE
        self._carry = data[whole:]
        return data[:whole]

    @property
    def pending(self) -> int:
        return len(self._carry)


def wav_bytes(pcm: bytes, sample_rate: int = WIRE_SAMPLE_RATE) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(BYTES_PER_SAMPLE)
        wav.setframerate(sample_rate)
        wav.writeframes(pcm)
    return buffer.getvalue()
