"""What every offline engine's audio goes through before the wire: silence trimmed to a short
lead-in and tail, levelled to one loudness (so voices from different engines match), faded in and
out over a few milliseconds (a piece that starts on breath noise would otherwise click against
the silence before it), 16-bit PCM."""

from __future__ import annotations

import numpy as np

from radiomirchi.speech.audio import BYTES_PER_SAMPLE, WIRE_SAMPLE_RATE

LEAD_SILENCE_SECONDS = 0.03
TRAIL_SILENCE_SECONDS = 0.04
TARGET_RMS = 0.1  # active speech level, about -20 dBFS
PEAK_LIMIT = 0.95
FADE_SECONDS = 0.008


def frame_rms(audio: np.ndarray, frame: int) -> np.ndarray:
    usable = audio.size - audio.size % frame
    if usable == 0:
        return np.zeros(0)
    blocks = audio[:usable].astype(np.float64).reshape(-1, frame)
    return np.asarray(np.sqrt(np.mean(blocks**2, axis=1)))


def trim_silence(
    audio: np.ndarray,
    rate: int = WIRE_SAMPLE_RATE,
    lead: float = LEAD_SILENCE_SECONDS,
    trail: float = TRAIL_SILENCE_SECONDS,
) -> np.ndarray:
    """Cut leading and trailing silence, keeping ``lead``/``trail`` seconds around the speech."""
    frame = max(1, rate // 100)
    rms = frame_rms(audio, frame)
    if rms.size == 0:
        return audio
    threshold = max(3e-4, 0.02 * float(rms.max()))
    loud = np.nonzero(rms > threshold)[0]
    if loud.size == 0:
        return audio[:0]
    start = max(0, int(loud[0]) * frame - int(lead * rate))
    end = min(audio.size, (int(loud[-1]) + 1) * frame + int(trail * rate))
    return audio[start:end]


def level(audio: np.ndarray, rate: int = WIRE_SAMPLE_RATE) -> np.ndarray:
    """Scale to an active-speech RMS of TARGET_RMS, never letting a peak pass PEAK_LIMIT."""
    rms = frame_rms(audio, max(1, rate // 50))
    peak = float(np.max(np.abs(audio))) if audio.size else 0.0
    if rms.size == 0 or peak <= 1e-6:
        return audio
    active = rms[rms > 0.01 * float(rms.max())]
    active_rms = float(np.sqrt(np.mean(active**2)))
    gain = min(TARGET_RMS / max(active_rms, 1e-6), PEAK_LIMIT / peak)
    return (audio * gain).astype(np.float32)


def fade(audio: np.ndarray, seconds: float = FADE_SECONDS, rate: int = WIRE_SAMPLE_RATE) -> np.ndarray:
    """Raised-cosine fade-in and fade-out of ``seconds`` at the two ends."""
    length = min(int(seconds * rate), audio.size // 2)
    if length < 2:
        return audio
    ramp = (0.5 - 0.5 * np.cos(np.linspace(0.0, np.pi, length))).astype(np.float32)
    faded = audio.astype(np.float32, copy=True)
    faded[:length] *= ramp
    faded[-length:] *= ramp[::-1]
    return faded


def to_pcm(audio: np.ndarray) -> bytes:
    samples = np.clip(np.round(audio * 32767.0), -32768, 32767).astype("<i2")
    return samples.tobytes()


def silence(seconds: float) -> bytes:
    return bytes(int(seconds * WIRE_SAMPLE_RATE) * BYTES_PER_SAMPLE)


def finish(audio: np.ndarray) -> bytes:
    """One synthesised piece as it goes on the wire: trimmed, levelled, faded, PCM s16le."""
    return to_pcm(fade(level(trim_silence(audio))))
