"""The app's long-lived parts, chosen from settings, opened at start-up and closed at shutdown."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field

from radiomirchi.clock import REAL_CLOCK, Clock, clock_of_speed
from radiomirchi.config import Settings
from radiomirchi.door import ShowDoor
from radiomirchi.fleet import Fleet, build_fleet
from radiomirchi.game.judge.offline import OfflineJudge
from radiomirchi.game.judge.ruling import Judge
from radiomirchi.game.registry import SessionRegistry
from radiomirchi.game.session import SessionDeps
from radiomirchi.game.writer_port import ScriptWriter
from radiomirchi.headroom import HeadroomGauge, LoopLag
from radiomirchi.meaning.onnx_minilm import build_encoder
from radiomirchi.missions import MissionService
from radiomirchi.schemas import ProviderHealth
from radiomirchi.speech.stt.base import SpeechToText
from radiomirchi.speech.stt.factory import build_stt
from radiomirchi.speech.stt.fallback import FallbackSTT
from radiomirchi.speech.tts.base import TextToSpeech
from radiomirchi.speech.tts.factory import build_tts
from radiomirchi.speech.tts.fallback import FallbackTTS
from radiomirchi.speech.tts.offline import OfflineTTS
from radiomirchi.store import MissionStore, StoreUnavailable, build_store
from radiomirchi.writers import FallbackWriter, OfflineWriter, build_writer, story_kind, topic_parse

log = logging.getLogger(__name__)


@dataclass
class Services:
    settings: Settings
    store: MissionStore
    writer: ScriptWriter
    missions: MissionService
    tts: TextToSpeech
    offline_tts: OfflineTTS
    stt: SpeechToText
    sessions: SessionRegistry
    judge: Judge
    fleet: Fleet | None = None
    # Rewrites what the guards leave empty of another writer's: procedural, so it never fails.
    backup_writer: ScriptWriter = field(default_factory=OfflineWriter)
    # The show's clock (the settings' speed): the sinks pace audio on it.
    clock: Clock = REAL_CLOCK
    door: ShowDoor = field(init=False)
    _stt_warm_up: asyncio.Task[None] | None = field(default=None, init=False)

    @classmethod
    def from_settings(cls, settings: Settings) -> Services:
        store = build_store(settings)
        sessions = SessionRegistry()
        clock = clock_of_speed(settings.clock_speed)
        # With MongoDB the limits, seats and cool-downs are the fleet's, else this process's.
        fleet = build_fleet(settings, sessions, clock)
        writer = build_writer(settings, cooldowns=None if fleet is None else fleet.cooldowns)
        tts, offline_tts = build_tts(settings)
        return cls(
            settings=settings,
            store=store,
            writer=writer,
            missions=MissionService(store, writer),
            tts=tts,
            offline_tts=offline_tts,
            stt=build_stt(settings),
            sessions=sessions,
            judge=Judge(OfflineJudge(build_encoder(settings))),
            fleet=fleet,
            clock=clock,
        )

    def __post_init__(self) -> None:
        self.loop_lag = LoopLag()
        # Behind a network voice the offline voices only fill in: their load is not the show's.
        voices = self.offline_tts.load if self.tts is self.offline_tts else None
        self.headroom = HeadroomGauge(voices, self.loop_lag)
        self._loop_lag_watch: asyncio.Task[None] | None = None
        self.door = ShowDoor(
            self.settings,
            self.missions,
            self.sessions,
            self.session_deps,
            self.fleet,
            clock=self.clock,
            headroom=self.headroom,
        )

    def session_deps(self) -> SessionDeps:
        return SessionDeps(
            store=self.store,
            writer=self.writer,
            backup_writer=self.backup_writer,
            tts=self.tts,
            stt=self.stt,
            settings=self.settings,
            judge=self.judge,
            # Behind Deepgram the offline voices are the clear tier (one line ahead is enough).
            lookahead_lines=self.offline_tts.lookahead_lines if self.tts is self.offline_tts else 1,
            clock=self.clock,
        )

    async def start(self) -> None:
        await self.store.open()
        self._loop_lag_watch = asyncio.create_task(self.loop_lag.watch(), name="loop-lag")
        # Load the offline voices and the judge's model now, so the first show is not slowed by them.
        await self.offline_tts.warm_up()
        await self.judge.warm_up()
        await asyncio.to_thread(story_kind.warm_up)
        await asyncio.to_thread(topic_parse.warm_up)
        # Whisper loads in the background: start-up stays quick, and the first utterance waits for it.
        self._stt_warm_up = asyncio.create_task(self.stt.warm_up(), name="stt-warm-up")
        try:
            resumed = await self.missions.resume_unprepared()
        except StoreUnavailable as exc:
            # Serve anyway (503s until the store is back); those missions resume on the next start.
            resumed = 0
            log.warning("Could not look for missions left in stage1: %s", exc)
        if resumed:
            log.info("Resumed Stage 2 for %d mission(s) left in stage1", resumed)
        log.info("Providers: writer=%s store=%s", self.writer.name, self.store.name)

    async def stop(self) -> None:
        if self._loop_lag_watch is not None:
            self._loop_lag_watch.cancel()
            await asyncio.gather(self._loop_lag_watch, return_exceptions=True)
        await self.sessions.aclose()
        self.door.relays.close()  # every listener's stream ends; their sockets close
        await self.missions.aclose()
        if self._stt_warm_up is not None:
            self._stt_warm_up.cancel()
            await asyncio.gather(self._stt_warm_up, return_exceptions=True)
        await self.stt.aclose()
        await self.tts.aclose()  # a fallback engine closes the offline engine behind it too
        await self.store.close()
        if self.fleet is not None:
            await self.fleet.aclose()

    def provider_health(self) -> ProviderHealth:
        fallbacks = {
            f"writer.{stage}": count
            for stage, count in (
                self.writer.fallbacks if isinstance(self.writer, FallbackWriter) else {}
            ).items()
        }
        if isinstance(self.tts, FallbackTTS):
            fallbacks.update(self.tts.fallbacks)
        if isinstance(self.stt, FallbackSTT):
            fallbacks.update(self.stt.fallbacks)
        headroom = self.headroom.read()
        return ProviderHealth(
            voices_busy_share=round(headroom.voices_busy_share, 3),
            on_air_wait_seconds=round(headroom.on_air_wait, 3),
            loop_lag_seconds=round(headroom.loop_lag, 3),
            writer=self.writer.name,
            tts=self.tts.name,
            stt=self.stt.name,
            store=self.store.name,
            live_sessions=len(self.sessions),
            fallbacks=fallbacks,
        )
