"""One mission's live show: pacing, lookahead, listener ticks, time, persistence.

A transport (WebSocket, WebRTC) hands the session a ``ShowSink`` and forwards the client's
signals (``ready_for_next``). The session sends exactly one line per signal: ``dialogue_start``,
the line's PCM frames as they are synthesized, ``dialogue_end``.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Protocol
from uuid import UUID

from radiomirchi.config import Settings
from radiomirchi.game import messages, rules
from radiomirchi.game.lookahead import Batch, PreparedLine, ShowPipeline
from radiomirchi.schemas import (
    DialogueLine,
    HostLineEntry,
    MissionStatus,
    PropagandaMission,
    TranscriptEntry,
)
from radiomirchi.speech.audio import pcm_seconds
from radiomirchi.speech.tts.base import SpeechError, TextToSpeech, Voice
from radiomirchi.store import DuplicateEntry, MissionStore, StoreUnavailable
from radiomirchi.writers import ScriptWriter
from radiomirchi.writers.dialogue import build_context

log = logging.getLogger(__name__)

TICK_SECONDS = 0.5
# Audio may run this far ahead of real time: enough to ride out jitter, little enough that an
# interruption silences the hosts at once and "what was heard" is close to "what was sent".
LEAD_SECONDS = 0.4
PREPARE_POLL_SECONDS = 0.2
PREPARE_TIMEOUT_SECONDS = 120.0


class ShowSink(Protocol):
    """Where the show goes: a WebSocket, a WebRTC track, a test harness."""

    async def send_json(self, message: dict[str, Any]) -> None: ...

    async def send_audio(self, pcm: bytes) -> None: ...


class SessionEnded(Exception):
    """The mission cannot be (or can no longer be) played in this session."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass
class SessionDeps:
    store: MissionStore
    writer: ScriptWriter
    tts: TextToSpeech
    settings: Settings


class GameSession:
    def __init__(self, mission_id: UUID, deps: SessionDeps) -> None:
        self.mission_id = mission_id
        self._deps = deps
        self._ready = asyncio.Event()
        self._mission: PropagandaMission | None = None
        self._entries: list[TranscriptEntry] = []
        self._voices: dict[str, Voice] = {}
        self._batches_written = 0
        self._current_line_seconds = 0.0
        self._backlog: list[Callable[[], Awaitable[Any]]] = []
        self.finished = asyncio.Event()

    # --- signals from the transport ---

    def ready_for_next(self) -> None:
        self._ready.set()

    # --- the show ---

    async def run(self, sink: ShowSink) -> None:
        """Play the mission until it ends; cancelling this stops all writer and TTS work."""
        mission = await self._wait_until_prepared(sink)
        self._entries = await self._deps.store.list_entries(mission.id)
        self._voices = self._deps.tts.cast_voices(mission.generation_result.speakers, mission.id)
        self._batches_written = sum(1 for e in self._entries if isinstance(e, HostLineEntry)) // 4
        mission = await self._update({"status": MissionStatus.live}) or mission
        await sink.send_json(
            messages.live(
                [
                    {
                        "name": s.name,
                        "gender": s.gender.value,
                        "role": s.role,
                        "voice": self._voices[s.name].label,
                    }
                    for s in mission.generation_result.speakers
                ],
                self._seconds_left(),
            )
        )
        pipeline = ShowPipeline(self._write_batch, self._deps.tts, self._voices)
        ticker = asyncio.create_task(self._tick(sink), name=f"ticks-{mission.id}")
        try:
            await self._show_loop(sink, pipeline)
        finally:
            ticker.cancel()
            await pipeline.aclose()
            with contextlib.suppress(asyncio.CancelledError):
                await ticker
            if self._backlog:
                await asyncio.shield(self._persist(_nothing))
            self.finished.set()

    async def _show_loop(self, sink: ShowSink, pipeline: ShowPipeline) -> None:
        while True:
            await self._ready.wait()
            self._ready.clear()
            if self._seconds_left() <= 0:
                await self._end(sink, won=False, reason="The broadcast ran out of time.")
                return
            prepared = await pipeline.next_line()
            await self._broadcast_line(sink, prepared)

    async def _broadcast_line(self, sink: ShowSink, prepared: PreparedLine) -> None:
        mission = self._require_mission()
        line_id = mission.lines_broadcast
        await sink.send_json(
            messages.dialogue_start(line_id, prepared.line.speaker, prepared.line.text, prepared.voice.label)
        )
        sent = 0
        started = time.monotonic()
        interrupted = True
        try:
            async for frame in prepared.frames():
                ahead = pcm_seconds(sent) - (time.monotonic() - started)
                if ahead > LEAD_SECONDS:
                    await asyncio.sleep(ahead - LEAD_SECONDS)
                await sink.send_audio(frame)
                sent += len(frame)
                self._current_line_seconds = pcm_seconds(sent)
            interrupted = False
        except SpeechError as exc:
            # The show goes on: the line ends where its audio ended.
            log.error("Mission %s line %d could not be spoken: %s", mission.id, line_id, exc)
            interrupted = sent > 0
        finally:
            seconds = pcm_seconds(sent)
            self._current_line_seconds = 0.0
            # Persist even when cancelled (a disconnect mid-line): only what was sent was heard.
            await asyncio.shield(self._record_line(prepared, line_id, seconds, interrupted))
        await sink.send_json(messages.dialogue_end(line_id, seconds))

    async def _record_line(
        self, prepared: PreparedLine, line_id: int, seconds: float, interrupted: bool
    ) -> None:
        mission = self._require_mission()
        text = prepared.line.text
        heard = rules.heard_text(text, seconds, prepared.total_seconds) if interrupted else text
        entry = HostLineEntry(
            seq=self._next_seq(),
            line_id=line_id,
            speaker=prepared.line.speaker,
            text=text,
            heard_text=heard,
            interrupted=interrupted,
            audio_seconds=round(seconds, 3),
            writer=prepared.writer,
        )
        self._entries.append(entry)
        result = mission.generation_result
        awakened = rules.drift(result.awakened_listeners, result.initial_listeners)
        changes = {
            "lines_broadcast": line_id + 1,
            "broadcast_seconds": mission.broadcast_seconds + seconds,
            "generation_result": result.model_copy(update={"awakened_listeners": awakened}),
        }
        self._mission = mission.model_copy(update=changes)
        await self._persist(lambda: self._deps.store.append_entry(mission.id, entry))
        await self._persist(lambda: self._deps.store.update_mission(mission.id, changes))

    async def _write_batch(self, queued: list[DialogueLine]) -> Batch:
        mission = self._require_mission()
        as_said = [
            HostLineEntry(
                seq=0, line_id=0, speaker=line.speaker, text=line.text, heard_text=line.text, audio_seconds=0
            )
            for line in queued
        ]
        context = build_context(
            [*self._entries, *as_said],
            summary=mission.show_summary,
            batch_index=self._batches_written,
            seconds_left=self._seconds_left(),
        )
        batch = await self._deps.writer.generate_dialogue(mission, context)
        self._batches_written += 1
        lines = [line for line in batch.lines if line.speaker in self._voices]
        if batch.summary:
            self._mission = self._require_mission().model_copy(update={"show_summary": batch.summary})
            await self._persist(
                lambda: self._deps.store.update_mission(mission.id, {"show_summary": batch.summary})
            )
        return Batch(lines=lines, writer=batch.writer)

    async def _tick(self, sink: ShowSink) -> None:
        while True:
            mission = self._require_mission()
            result = mission.generation_result
            await sink.send_json(
                messages.listeners_tick(
                    result.awakened_listeners,
                    result.initial_listeners,
                    rules.target_listeners(mission, self._deps.settings.win_fraction),
                    self._seconds_left(),
                    mission.strikes,
                )
            )
            await asyncio.sleep(TICK_SECONDS)

    async def _end(self, sink: ShowSink, *, won: bool, reason: str) -> None:
        mission = self._require_mission()
        awakened = mission.generation_result.awakened_listeners
        final_score = rules.score(awakened, won, self._seconds_left())
        result = "won" if won else "lost"
        changes = {
            "status": MissionStatus.won if won else MissionStatus.lost,
            "result": result,
            "end_reason": reason,
            "score": final_score,
        }
        self._mission = mission.model_copy(update=changes)
        await self._persist(lambda: self._deps.store.update_mission(mission.id, changes))
        await sink.send_json(messages.mission_end(result, reason, final_score))

    # --- helpers ---

    async def _wait_until_prepared(self, sink: ShowSink) -> PropagandaMission:
        deadline = time.monotonic() + PREPARE_TIMEOUT_SECONDS
        told = False
        while True:
            mission = await self._deps.store.get_mission(self.mission_id)
            if mission is None:
                raise SessionEnded("Mission not found", "not_found")
            if mission.status in (MissionStatus.won, MissionStatus.lost):
                raise SessionEnded(f"This mission is over: it was {mission.status.value}.", "mission_over")
            if mission.status is MissionStatus.failed:
                raise SessionEnded(
                    f"This mission could not be prepared: {mission.failure_reason}", "mission_failed"
                )
            if mission.status in (MissionStatus.stage2, MissionStatus.live):
                self._mission = mission
                return mission
            if not told:
                await sink.send_json(messages.preparing())
                told = True
            if time.monotonic() > deadline:
                raise SessionEnded("The mission took too long to prepare.", "prepare_timeout")
            await asyncio.sleep(PREPARE_POLL_SECONDS)

    def _seconds_left(self) -> float:
        mission = self._require_mission()
        return self._deps.settings.show_seconds - mission.broadcast_seconds - self._current_line_seconds

    def _next_seq(self) -> int:
        return (self._entries[-1].seq + 1) if self._entries else 1

    def _require_mission(self) -> PropagandaMission:
        if self._mission is None:
            raise RuntimeError("the session has not loaded its mission yet")
        return self._mission

    async def _update(self, changes: dict[str, Any]) -> PropagandaMission | None:
        mission = self._require_mission()
        self._mission = mission.model_copy(update=changes)
        try:
            return await self._deps.store.update_mission(mission.id, changes)
        except StoreUnavailable as exc:
            log.warning("Mission %s: update deferred, store unavailable: %s", mission.id, exc)
            self._backlog.append(lambda: self._deps.store.update_mission(mission.id, changes))
            return None

    async def _persist(self, write: Callable[[], Awaitable[Any]]) -> None:
        """Write now if the store is up; otherwise keep it, in order, and retry before the next write."""
        self._backlog.append(write)
        while self._backlog:
            try:
                await self._backlog[0]()
            except DuplicateEntry:
                pass  # an earlier attempt did land before its reply was lost
            except StoreUnavailable as exc:
                log.warning(
                    "Mission %s: %d write(s) waiting for the store: %s",
                    self.mission_id,
                    len(self._backlog),
                    exc,
                )
                return
            self._backlog.pop(0)


async def _nothing() -> None:
    """A no-op write: persisting it flushes whatever is still waiting in the backlog."""
