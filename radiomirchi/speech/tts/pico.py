"""SVOX Pico (``py-nanotts``: the engine and its en-US/en-GB female lingware in one small wheel,
Apache-2.0), varied into several female voices by language, pitch and speed.

Pico speaks at 16 kHz; its audio is resampled to the wire rate. At its default volume it clips,
so it is asked for half volume and levelled afterwards like every engine. Each call builds and
frees its own Pico system, so calls share no state and need no lock. The extension holds the GIL
while it runs, but briefly: about 4 ms per second of speech (RTF < 0.01) on a loaded core, and it
is only ever handed one clause or sentence at a time. Its output is not bit-exact from one call to
the next, even in one thread: an en-GB pause may differ by up to ~0.4 s with what it synthesised
before; the voice itself (pitch, timbre, the length of the speech) is the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from radiomirchi.schemas import Gender
from radiomirchi.shared_models import SharedModel
from radiomirchi.speech.audio import WIRE_SAMPLE_RATE, resample_float
from radiomirchi.speech.tts.base import SpeechError, Voice

if TYPE_CHECKING:
    from py_nanotts import NanoTTS

PICO_ENGINE = "pico"
PICO_SAMPLE_RATE = 16_000
# Pico's own volume (1.0 is its default): below its clipping point, with room to spare.
PICO_VOLUME = 0.5
# Pico reads these as markup (<pitch level=...>); a line's text must never steer the engine.
_MARKUP = str.maketrans({"<": " ", ">": " ", "&": " and "})


@dataclass(frozen=True, slots=True)
class PicoVariant:
    """A female Pico voice: ``language`` picks the lingware (en-US "lh0" or en-GB "kh0");
    ``pitch`` and ``speed`` are Pico's multipliers (1.0 is the speaker's own)."""

    key: str
    label: str
    language: str
    pitch: float
    speed: float


# Spread out in pitch (median F0 about 175, 190, 203, 214, 229 Hz on a neutral read) and
# alternating accents, so that any two hosts of a mission are told apart.
PICO_VARIANTS: tuple[PicoVariant, ...] = (
    PicoVariant("us-alto", "Pico US, warm alto", "en-US", 1.03, 0.97),
    PicoVariant("gb-mezzo", "Pico GB, measured mezzo", "en-GB", 1.08, 0.96),
    PicoVariant("us-bright", "Pico US, bright and brisk", "en-US", 1.20, 1.05),
    PicoVariant("gb-lively", "Pico GB, lively", "en-GB", 1.22, 1.02),
    PicoVariant("us-soprano", "Pico US, light soprano", "en-US", 1.36, 1.0),
)


def _voice(variant: PicoVariant) -> Voice:
    return Voice(
        engine=PICO_ENGINE, id=f"{PICO_ENGINE}:{variant.key}", gender=Gender.female, label=variant.label
    )


def _load_pico() -> NanoTTS:
    from py_nanotts import NanoTTS

    return NanoTTS()


# One engine for the process; each call builds and frees its own Pico system (see above), so every
# thread of every app may share it.
NANO_TTS = SharedModel("SVOX Pico", _load_pico)


class PicoSynth:
    def __init__(self) -> None:
        self._variants = {_voice(variant).id: variant for variant in PICO_VARIANTS}

    @property
    def engine(self) -> str:
        return PICO_ENGINE

    def voices(self) -> tuple[Voice, ...]:
        return tuple(_voice(variant) for variant in PICO_VARIANTS)

    def load(self) -> None:
        NANO_TTS.get()

    def synthesize(self, voice_id: str, text: str) -> np.ndarray:
        variant = self._variants.get(voice_id)
        if variant is None:
            raise SpeechError(f"Pico has no voice {voice_id!r}")
        try:
            pcm = NANO_TTS.get().speak(
                text.translate(_MARKUP),
                voice=variant.language,
                pitch=variant.pitch,
                speed=variant.speed,
                volume=PICO_VOLUME,
            )
        except (RuntimeError, ValueError) as error:
            raise SpeechError(f"Pico synthesis failed: {error}") from error
        samples = np.frombuffer(pcm[: len(pcm) - len(pcm) % 2], dtype="<i2").astype(np.float32) / 32768.0
        return resample_float(samples, PICO_SAMPLE_RATE, WIRE_SAMPLE_RATE)
