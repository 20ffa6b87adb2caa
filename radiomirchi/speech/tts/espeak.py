"""eSpeak NG (library and data from the ``espeakng-loader`` wheel) through ctypes.

Kept available for anyone who asks for its voices by id, but no tier casts it by default any
more: a small Whisper model mishears about a quarter of its words (Pico: ~6%).
"""

from __future__ import annotations

import ctypes
import threading
from dataclasses import dataclass
from typing import Any

import numpy as np

from radiomirchi.schemas import Gender
from radiomirchi.shared_models import SharedModel
from radiomirchi.speech.audio import WIRE_SAMPLE_RATE, resample_float
from radiomirchi.speech.tts.base import SpeechError, Voice

ESPEAK_ENGINE = "espeak-ng"


@dataclass(frozen=True, slots=True)
class EspeakVariant:
    """A female eSpeak NG voice: ``voice`` is a name for espeak_SetVoiceByName (language+variant);
    ``rate`` is words per minute, ``pitch`` and ``pitch_range`` are eSpeak's 0-100 parameters."""

    key: str
    label: str
    voice: str
    rate: int
    pitch: int
    pitch_range: int


ESPEAK_VARIANTS: tuple[EspeakVariant, ...] = (
    EspeakVariant("steph2-alto", "eSpeak NG, warm alto (Steph)", "en-us+steph2", 160, 48, 60),
    EspeakVariant("steph", "eSpeak NG, soft (Steph, higher)", "en-us+steph", 165, 55, 60),
    EspeakVariant("f3", "eSpeak NG, clear (f3)", "en-us+f3", 160, 50, 60),
    EspeakVariant("annie", "eSpeak NG, lively (Annie)", "en-us+Annie", 165, 40, 60),
    EspeakVariant("f2-high", "eSpeak NG, bright soprano (f2)", "en-us+f2", 165, 82, 60),
)


def _voice(variant: EspeakVariant) -> Voice:
    return Voice(
        engine=ESPEAK_ENGINE, id=f"{ESPEAK_ENGINE}:{variant.key}", gender=Gender.female, label=variant.label
    )


class _EspeakLibrary:
    """The loaded, initialised library. eSpeak NG's state (voice, rate, pitch, the synthesis
    callback) is global to the process, so this object is too (``ESPEAK_NG``), and every synthesis
    holds its lock from choosing the voice to collecting the audio."""

    AUDIO_OUTPUT_SYNCHRONOUS = 2
    POS_CHARACTER = 1
    CHARS_UTF8 = 1
    PARAM_RATE = 1
    PARAM_VOLUME = 2
    PARAM_PITCH = 3
    PARAM_RANGE = 4
    SYNTH_CALLBACK = ctypes.CFUNCTYPE(
        ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p
    )

    def __init__(self) -> None:
        import espeakng_loader

        lib = ctypes.CDLL(espeakng_loader.get_library_path())
        lib.espeak_Initialize.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
        lib.espeak_Initialize.restype = ctypes.c_int
        lib.espeak_SetSynthCallback.argtypes = [self.SYNTH_CALLBACK]
        lib.espeak_SetSynthCallback.restype = None
        lib.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
        lib.espeak_SetVoiceByName.restype = ctypes.c_int
        lib.espeak_SetParameter.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int]
        lib.espeak_SetParameter.restype = ctypes.c_int
        lib.espeak_Synth.argtypes = [
            ctypes.c_void_p,
            ctypes.c_size_t,
            ctypes.c_uint,
            ctypes.c_int,
            ctypes.c_uint,
            ctypes.c_uint,
            ctypes.c_void_p,
            ctypes.c_void_p,
        ]
        lib.espeak_Synth.restype = ctypes.c_int
        data_path = espeakng_loader.get_data_path().encode()
        rate = lib.espeak_Initialize(self.AUDIO_OUTPUT_SYNCHRONOUS, 0, data_path, 0)
        if rate <= 0:
            raise SpeechError(f"eSpeak NG failed to initialise (returned {rate})")
        self.sample_rate: int = rate
        self._lock = threading.Lock()
        self._chunks: list[np.ndarray] = []
        self._callback = self.SYNTH_CALLBACK(self._on_audio)  # kept alive as long as the library
        lib.espeak_SetSynthCallback(self._callback)
        self._lib = lib

    def _on_audio(self, wav: Any, count: int, _events: Any) -> int:
        if count > 0 and wav:
            self._chunks.append(np.ctypeslib.as_array(wav, shape=(count,)).copy())
        return 0

    def speak(self, variant: EspeakVariant, text: str) -> list[np.ndarray]:
        """The int16 chunks of ``text`` in ``variant``'s voice, at ``sample_rate``."""
        encoded = text.encode("utf-8")
        lib = self._lib
        with self._lock:
            if lib.espeak_SetVoiceByName(variant.voice.encode()) != 0:
                raise SpeechError(f"eSpeak NG has no voice {variant.voice!r}")
            lib.espeak_SetParameter(self.PARAM_RATE, variant.rate, 0)
            lib.espeak_SetParameter(self.PARAM_PITCH, variant.pitch, 0)
            lib.espeak_SetParameter(self.PARAM_RANGE, variant.pitch_range, 0)
            lib.espeak_SetParameter(self.PARAM_VOLUME, 100, 0)
            self._chunks = []
            status = lib.espeak_Synth(
                encoded, len(encoded) + 1, 0, self.POS_CHARACTER, 0, self.CHARS_UTF8, None, None
            )
            chunks, self._chunks = self._chunks, []
        if status != 0:
            raise SpeechError(f"eSpeak NG synthesis failed (status {status})")
        return chunks


ESPEAK_NG = SharedModel("eSpeak NG", _EspeakLibrary)


class EspeakSynth:
    """eSpeak NG's female voices, spoken by the process's one library (``ESPEAK_NG``)."""

    def __init__(self) -> None:
        self._variants = {_voice(variant).id: variant for variant in ESPEAK_VARIANTS}

    @property
    def engine(self) -> str:
        return ESPEAK_ENGINE

    def voices(self) -> tuple[Voice, ...]:
        return tuple(_voice(variant) for variant in ESPEAK_VARIANTS)

    def load(self) -> None:
        ESPEAK_NG.get()

    def synthesize(self, voice_id: str, text: str) -> np.ndarray:
        variant = self._variants.get(voice_id)
        if variant is None:
            raise SpeechError(f"eSpeak NG has no voice {voice_id!r}")
        library = ESPEAK_NG.get()
        chunks = library.speak(variant, text)
        if not chunks:
            return np.zeros(0, dtype=np.float32)
        audio = np.concatenate(chunks).astype(np.float32) / 32768.0
        return resample_float(audio, library.sample_rate, WIRE_SAMPLE_RATE)
