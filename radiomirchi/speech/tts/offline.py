"""Offline text-to-speech: the composer of the local engines, in two tiers.

* ``clear`` (the default): Piper's bundled "joe" voice for male hosts (``piper``), SVOX Pico for
  female hosts (``pico``). Both are clear to a small speech recogniser (Whisper tiny.en WER ~6%)
  and fast (RTF 0.04 and < 0.01 on one core).
* ``natural``: Kokoro-82M for every host (``kokoro``): more natural and as clear, but about 20x
  slower (RTF ~0.75 on one core). Installed separately (``make natural-voices``); when its files
  are missing the composer says so once and speaks the clear tier.

eSpeak NG (``espeak``) is still available by voice id but no tier casts it.

Nothing is downloaded: every model ships in a package. Each engine's model is loaded once per
process (``radiomirchi.shared_models``), by its first use, off the event loop; every synthesis runs
in a small set of worker threads that serve shows on air before shows that are starting
(``radiomirchi.speech.synthesis_queue``).

A line is streamed clause first (``pieces``): the first clause is synthesised alone and yielded
at once; the rest follows sentence by sentence, one piece always being synthesised ahead while
the previous one is consumed. Closing or cancelling the stream starts no further synthesis; at
most the one in-flight piece finishes in its thread.
"""

from __future__ import annotations

import asyncio
import logging
import random
import threading
import time
from collections.abc import AsyncGenerator, Callable, Sequence
from typing import Literal

import numpy as np

from radiomirchi.schemas import Gender, MissionId, Speaker, mission_seed
from radiomirchi.speech.synthesis_queue import PriorityWorkers, SynthesisLoad
from radiomirchi.speech.tts import kokoro
from radiomirchi.speech.tts.base import SpeechError, Voice
from radiomirchi.speech.tts.espeak import EspeakSynth
from radiomirchi.speech.tts.pico import PicoSynth
from radiomirchi.speech.tts.pieces import Piece, split_for_streaming
from radiomirchi.speech.tts.piper import PiperSynth
from radiomirchi.speech.tts.shaping import finish, silence
from radiomirchi.speech.tts.synth import Synthesizer

logger = logging.getLogger(__name__)

ENGINE_NAME = "offline"
VoiceTier = Literal["clear", "natural"]
CLEAR_TIER: VoiceTier = "clear"
NATURAL_TIER: VoiceTier = "natural"

# Lines each tier needs voiced ahead of the one playing so that no line waits: the voice benchmark
# (python -m devtools.bench voices) simulates it from per-line synthesis times on one loaded core.
# Clear voices at RTF <= 0.09 need one; Kokoro at RTF 0.27-0.61 needs two for its slowest voice.
LOOKAHEAD_LINES: dict[VoiceTier, int] = {CLEAR_TIER: 1, NATURAL_TIER: 2}

# The engines hold no model of their own (see shared_models), so one of each serves every instance.
PIPER = PiperSynth()
PICO = PicoSynth()
ESPEAK = EspeakSynth()
KOKORO = kokoro.KokoroSynth()

# Which engine speaks each gender in each tier.
_TIER_ENGINES: dict[VoiceTier, dict[Gender, Synthesizer]] = {
    CLEAR_TIER: {Gender.male: PIPER, Gender.female: PICO},
}


def _tier_engines(tier: VoiceTier) -> dict[Gender, Synthesizer]:
    if tier == NATURAL_TIER:
        return {Gender.male: KOKORO, Gender.female: KOKORO}
    return _TIER_ENGINES[tier]


def resolve_tier(requested: VoiceTier) -> VoiceTier:
    """The tier that will speak: ``natural`` only when its files are installed, else ``clear``."""
    if requested == NATURAL_TIER:
        problem = kokoro.missing()
        if problem is not None:
            logger.warning(
                "RADIOMIRCHI_VOICES=natural, but the natural voices are not installed (%s): "
                "speaking with the clear voices. Install them with `make natural-voices`.",
                problem,
            )
            return CLEAR_TIER
    return requested


class OfflineTTS:
    """Offline ``TextToSpeech``: the clear tier (Piper men, Pico women) or the natural tier (Kokoro).

    ``tier`` asks for a tier; ``self.tier`` is the one that speaks (see ``resolve_tier``).
    ``max_workers`` bounds the synthesis threads this instance uses (one onnxruntime thread each).
    ``syntheses_started`` counts pieces handed to an engine; ``syntheses_running`` those in flight.
    """

    def __init__(self, *, max_workers: int = 2, tier: VoiceTier = CLEAR_TIER) -> None:
        if max_workers < 1:
            raise ValueError("max_workers must be at least 1")
        self.tier = resolve_tier(tier)
        self._cast_engines = _tier_engines(self.tier)
        self._max_workers = max_workers
        self._executor: PriorityWorkers | None = None
        self._executor_lock = threading.Lock()
        self._counter_lock = threading.Lock()
        self.syntheses_started = 0
        self.syntheses_running = 0

    @property
    def name(self) -> str:
        return ENGINE_NAME

    @property
    def lookahead_lines(self) -> int:
        """How many lines the broadcast should voice ahead of the one playing with this tier."""
        return LOOKAHEAD_LINES[self.tier]

    # -- voices ---------------------------------------------------------------------------------

    def voices(self, gender: Gender | None = None) -> list[Voice]:
        """The voices this tier casts (optionally of one gender), in a fixed order."""
        engines = list(dict.fromkeys(self._cast_engines.values()))
        genders = [gender] if gender is not None else list(self._cast_engines)
        return [
            voice
            for engine in engines
            for voice in engine.voices()
            if voice.gender in genders and self._cast_engines[voice.gender] is engine
        ]

    def all_voices(self) -> list[Voice]:
        """Every voice this instance speaks, cast by its tier or not (eSpeak NG's, say)."""
        return [voice for engine in self._engines() for voice in engine.voices()]

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

    def _engines(self) -> list[Synthesizer]:
        """The clear tier's engines and eSpeak NG always; Kokoro when this instance is natural."""
        engines: list[Synthesizer] = [PIPER, PICO, ESPEAK]
        if self.tier == NATURAL_TIER:
            engines.append(KOKORO)
        return engines

    def _renderer(self, voice: Voice) -> Callable[[str], np.ndarray]:
        for engine in self._engines():
            if engine.engine == voice.engine and any(known.id == voice.id for known in engine.voices()):
                return lambda text: engine.synthesize(voice.id, text)
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
            return finish(render(piece.text))
        finally:
            with self._counter_lock:
                self.syntheses_running -= 1

    def _pool(self) -> PriorityWorkers:
        with self._executor_lock:
            if self._executor is None:
                self._executor = PriorityWorkers(self._max_workers, name="offline-tts")
            return self._executor

    def load(self) -> SynthesisLoad:
        """How busy the synthesis threads have been lately (the door's measure of headroom)."""
        return self._pool().load()

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
                    pcm = silence(piece.pause_before) + pcm
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
        """Load this tier's engines and run each once (off the event loop)."""
        loop = asyncio.get_running_loop()
        pool = self._pool()
        started = time.perf_counter()
        firsts = {
            engine.engine: (engine, self.voices(gender)[0]) for gender, engine in self._cast_engines.items()
        }
        await asyncio.gather(
            *(
                loop.run_in_executor(pool, engine.synthesize, voice.id, "Hello.")
                for engine, voice in firsts.values()
            )
        )
        logger.info("offline TTS (%s voices) warmed up in %.2f s", self.tier, time.perf_counter() - started)

    async def aclose(self) -> None:
        with self._executor_lock:
            executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=False, cancel_futures=True)
