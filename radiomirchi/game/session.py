"""One mission's live show: pacing, lookahead, interjections, listener ticks, time, persistence.

A transport (WebSocket, WebRTC) hands the session a ``ShowSink`` and forwards the client's
signals. The session sends exactly one line per ``ready_for_next``: ``dialogue_start``, the
line's PCM frames as they are synthesized, ``dialogue_end``. A break-in (typed, or
``start_speech``) stops the current line at once and the hosts answer it next.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Literal, Protocol

from radiomirchi.config import Settings
from radiomirchi.game import messages, rules
from radiomirchi.game.judge import judge_interjection, proof_handle
from radiomirchi.game.lookahead import Batch, PreparedLine, ShowPipeline
from radiomirchi.schemas import (
    DialogueLine,
    HostLineEntry,
    InterjectionEntry,
    MissionId,
    MissionStatus,
    PropagandaMission,
    TranscriptEntry,
)
from radiomirchi.speech.audio import MIC_SAMPLE_RATE, WIRE_SAMPLE_RATE, pcm_seconds, seconds_to_bytes
from radiomirchi.speech.stt.base import SpeechToText, TranscriptionError
from radiomirchi.speech.tts.base import SpeechError, TextToSpeech, Voice
from radiomirchi.store import DuplicateEntry, MissionStore, StoreUnavailable
from radiomirchi.writers import ScriptWriter
from radiomirchi.writers.dialogue import build_context
from radiomirchi.writers.offline import OfflineWriter, caller_point

log = logging.getLogger(__name__)

TICK_SECONDS = 0.5
# Audio may run this far ahead of real time: enough to ride out jitter, little enough that an
# interruption silences the hosts at once and "what was heard" is close to "what was sent".
LEAD_SECONDS = 0.4
PREPARE_POLL_SECONDS = 0.2
PREPARE_TIMEOUT_SECONDS = 120.0
MAX_UTTERANCE_SECONDS = 30.0
MAX_TEXT_CHARS = 500
# The hosts get rattled once this share of the audience is awake.
RATTLED_FRACTION = 0.3
# After a win, the closing line waits this long for the client's ready_for_next.
CLOSING_WAIT_SECONDS = 5.0
# While the store is down, the writes waiting for it are retried this often, off the show's path.
STORE_RETRY_SECONDS = 1.0


_OFFLINE_WRITER = OfflineWriter()


class ShowSink(Protocol):
    """Where the show goes: a WebSocket, a WebRTC track, a test harness."""

    async def send_json(self, message: dict[str, Any]) -> None: ...

    async def send_audio(self, pcm: bytes) -> None: ...


class SessionEnded(Exception):
    """The mission cannot be (or can no longer be) played in this session."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.code = code


class InterjectionRefused(Exception):
    """A break-in the session cannot take right now; the message says why."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass
class SessionDeps:
    store: MissionStore
    writer: ScriptWriter
    tts: TextToSpeech
    stt: SpeechToText
    settings: Settings


@dataclass(frozen=True)
class _Ending:
    won: bool
    reason: str
    closing_line: bool


class GameSession:
    def __init__(self, mission_id: MissionId, deps: SessionDeps) -> None:
        self.mission_id = mission_id
        self._deps = deps
        self._ready = asyncio.Event()
        self._idle = asyncio.Event()  # clear while an interjection is being heard or judged
        self._idle.set()
        self._mission: PropagandaMission | None = None
        self._entries: list[TranscriptEntry] = []
        self._voices: dict[str, Voice] = {}
        self._batches_written = 0
        self._current_line_seconds = 0.0
        self._line_task: asyncio.Task[None] | None = None
        self._line_started = False
        self._pipeline: ShowPipeline | None = None
        self._sink: ShowSink | None = None
        self._speech: bytearray | None = None
        self._interjections = asyncio.Lock()
        self._tasks: set[asyncio.Task[Any]] = set()
        self._ending: _Ending | None = None
        self._ended = asyncio.Event()  # set with _ending, to wake the show loop
        self._backlog: list[Callable[[], Awaitable[Any]]] = []
        self._writes = asyncio.Lock()  # one writer at a time keeps the backlog in order
        self._store_retry: asyncio.Task[None] | None = None
        self.finished = asyncio.Event()

    # --- signals from the transport ---

    def ready_for_next(self) -> None:
        self._ready.set()

    async def interject_text(self, text: str) -> None:
        """A typed break-in: stop the hosts, judge it, and let them answer."""
        text = " ".join(text.split())[:MAX_TEXT_CHARS]
        if not text:
            raise InterjectionRefused("An empty interjection has nothing to judge.", "empty_interjection")
        self._require_live()
        if self._speech is not None:
            raise InterjectionRefused("Finish speaking (stop_speech) before typing.", "speaking")
        self._idle.clear()
        await self._barge_in()
        self._spawn(self._judge_and_answer(text, "text", None))

    async def start_speech(self) -> None:
        self._require_live()
        self._idle.clear()
        self._speech = bytearray()
        await self._barge_in()

    def speech_audio(self, pcm: bytes) -> bool:
        """Microphone audio (PCM s16le mono 16 kHz); False when no speech was started."""
        if self._speech is None:
            return False
        room = seconds_to_bytes(MAX_UTTERANCE_SECONDS, MIC_SAMPLE_RATE) - len(self._speech)
        # Past 30 s the utterance is cut: the rest is not heard.
        self._speech += pcm[: max(0, room)]
        return True

    async def stop_speech(self) -> None:
        if self._speech is None:
            raise InterjectionRefused("stop_speech without start_speech.", "not_speaking")
        pcm = bytes(self._speech[: len(self._speech) - len(self._speech) % 2])
        self._speech = None
        self._spawn(self._transcribe_and_answer(pcm))

    async def end_mission(self) -> None:
        """The player gives up: that counts as lost."""
        self._end_with(_Ending(won=False, reason="You left the broadcast.", closing_line=False))
        await self._barge_in()

    # --- the show ---

    async def run(self, sink: ShowSink) -> None:
        """Play the mission until it ends; cancelling this stops all writer, TTS and STT work."""
        self._sink = sink
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
        self._pipeline = ShowPipeline(self._write_batch, self._deps.tts, self._voices)
        self._pipeline.prime()
        ticker = asyncio.create_task(self._tick(sink), name=f"ticks-{mission.id}")
        try:
            await self._show_loop(sink, self._pipeline)
        finally:
            ticker.cancel()
            for task in list(self._tasks):
                task.cancel()
            await asyncio.gather(ticker, *self._tasks, return_exceptions=True)
            await self._pipeline.aclose()
            if self._store_retry is not None:
                self._store_retry.cancel()
                await asyncio.gather(self._store_retry, return_exceptions=True)
                self._store_retry = None
            if self._backlog:
                await asyncio.shield(self._last_write_attempt())
            self.finished.set()

    async def _show_loop(self, sink: ShowSink, pipeline: ShowPipeline) -> None:
        while True:
            await self._idle.wait()
            ending = self._ending
            if ending is not None and not ending.closing_line:
                await self._end(sink, won=ending.won, reason=ending.reason)
                return
            if ending is not None:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._ready.wait(), CLOSING_WAIT_SECONDS)
                await self._play_closing_line(sink, pipeline)
                await self._end(sink, won=ending.won, reason=ending.reason)
                return
            await _first_of(self._ready, self._ended)
            if not self._idle.is_set() or self._ending is not None:
                continue  # a break-in arrived meanwhile: deal with it first
            self._ready.clear()
            if self._seconds_left() <= 0:
                await self._end(sink, won=False, reason="The broadcast ran out of time.")
                return
            self._line_started = False
            self._line_task = asyncio.create_task(self._next_line(sink, pipeline), name="line")
            try:
                await self._line_task
            except asyncio.CancelledError:
                current = asyncio.current_task()
                if current is not None and current.cancelling():
                    raise
                # Interrupted by a break-in. If the line had not started, the request still stands.
                if not self._line_started:
                    self._ready.set()
            finally:
                self._line_task = None

    async def _next_line(self, sink: ShowSink, pipeline: ShowPipeline) -> None:
        prepared = await pipeline.next_line()
        await self._broadcast_line(sink, prepared)

    async def _broadcast_line(self, sink: ShowSink, prepared: PreparedLine) -> None:
        mission = self._require_mission()
        line_id = mission.lines_broadcast
        self._line_started = True
        await sink.send_json(
            messages.dialogue_start(line_id, prepared.line.speaker, prepared.line.text, prepared.voice.label)
        )
        sent = bytearray()
        started = time.monotonic()
        interrupted = True
        try:
            async for frame in prepared.frames():
                ahead = pcm_seconds(len(sent)) - (time.monotonic() - started)
                if ahead > LEAD_SECONDS:
                    await asyncio.sleep(ahead - LEAD_SECONDS)
                await sink.send_audio(frame)
                sent += frame
                self._current_line_seconds = pcm_seconds(len(sent))
            interrupted = False
        except SpeechError as exc:
            # The show goes on: the line ends where its audio ended.
            log.error("Mission %s line %d could not be spoken: %s", mission.id, line_id, exc)
            interrupted = len(sent) > 0
        finally:
            seconds = pcm_seconds(len(sent))
            self._current_line_seconds = 0.0
            # Persist even when cancelled (a break-in or a disconnect): only what was sent was heard.
            await asyncio.shield(self._record_line(prepared, line_id, bytes(sent), interrupted))
            if interrupted and asyncio.current_task() is self._line_task:
                with contextlib.suppress(Exception):
                    await asyncio.shield(self._tell_interrupted(sink, line_id, seconds))
        if not interrupted:
            await sink.send_json(messages.dialogue_end(line_id, seconds))

    async def _tell_interrupted(self, sink: ShowSink, line_id: int, seconds: float) -> None:
        await sink.send_json(messages.interrupted(line_id))
        await sink.send_json(messages.dialogue_end(line_id, seconds, interrupted=True))

    async def _play_closing_line(self, sink: ShowSink, pipeline: ShowPipeline) -> None:
        await pipeline.discard()
        mission = self._require_mission()
        context = build_context(
            self._entries, summary=mission.show_summary, batch_index=self._batches_written, closing=True
        )
        batch = await self._deps.writer.generate_dialogue(mission, context)
        lines = [line for line in batch.lines if line.speaker in self._voices][:1]
        if not lines:
            return
        pipeline.inject(lines, batch.writer)
        self._line_started = False
        prepared = await pipeline.next_line()
        await self._broadcast_line(sink, prepared)

    async def _record_line(self, prepared: PreparedLine, line_id: int, pcm: bytes, interrupted: bool) -> None:
        mission = self._require_mission()
        seconds = pcm_seconds(len(pcm))
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
        if pcm:
            await self._persist(
                lambda: self._deps.store.append_audio(mission.id, entry.seq, pcm, WIRE_SAMPLE_RATE)
            )
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
            rattled=self._rattled(),
        )
        batch = await self._deps.writer.generate_dialogue(mission, context)
        self._batches_written += 1
        await self._keep_summary(batch.summary)
        return Batch(
            lines=[line for line in batch.lines if line.speaker in self._voices], writer=batch.writer
        )

    # --- interjections ---

    async def _barge_in(self) -> None:
        """Stop the current line now and drop everything written or voiced on the old context."""
        task = self._line_task
        if task is not None and not task.done():
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        if self._pipeline is not None:
            await self._pipeline.discard()

    async def _transcribe_and_answer(self, pcm: bytes) -> None:
        sink = self._require_sink()
        try:
            if pcm_seconds(len(pcm), MIC_SAMPLE_RATE) < 0.2:
                raise InterjectionRefused("No speech was received.", "empty_utterance")
            try:
                text = await self._deps.stt.transcribe(pcm)
            except TranscriptionError as exc:
                log.warning("Mission %s: no transcript: %s", self.mission_id, exc)
                raise InterjectionRefused(
                    "Your words could not be transcribed; please try again or type them.",
                    "transcription_failed",
                ) from exc
            await sink.send_json(messages.transcript(text))
            if not text.strip():
                raise InterjectionRefused("Nothing intelligible was heard.", "empty_utterance")
        except InterjectionRefused as refusal:
            await sink.send_json(messages.error(str(refusal), refusal.code))
            self._idle.set()
            return
        await self._judge_and_answer(text, "voice", pcm)

    async def _judge_and_answer(self, text: str, source: Literal["text", "voice"], pcm: bytes | None) -> None:
        sink = self._require_sink()
        try:
            async with self._interjections:
                await self._judge(sink, text, source, pcm)
        finally:
            self._idle.set()

    async def _judge(
        self, sink: ShowSink, text: str, source: Literal["text", "voice"], pcm: bytes | None
    ) -> None:
        mission = self._require_mission()
        result = mission.generation_result
        interjections = [e for e in self._entries if isinstance(e, InterjectionEntry)]
        offline_verdict = judge_interjection(
            text,
            mission,
            used_proofs=Counter(e.proof_index for e in interjections if e.proof_index is not None),
            previous_interjections=[e.text for e in interjections],
            recent_host_lines=[e.heard_text for e in self._entries[-6:] if isinstance(e, HostLineEntry)],
        )
        placeholder = InterjectionEntry(seq=self._next_seq(), source=source, text=text)
        point = caller_point(text)
        if offline_verdict.proof_index is not None:
            point = proof_handle(result.proof_sentences[offline_verdict.proof_index])
        context = build_context(
            self._entries,
            summary=mission.show_summary,
            batch_index=self._batches_written,
            interjection=placeholder,
            seconds_left=self._seconds_left(),
            rattled=self._rattled(),
            caller_point=point,
        )
        try:
            # The player is waiting in silence: a slow writer gives way to the offline one.
            turn = await asyncio.wait_for(
                self._deps.writer.answer_interjection(mission, context, offline_verdict),
                self._deps.settings.interjection_budget_seconds,
            )
        except TimeoutError:
            log.warning(
                "Mission %s: the writer took too long to answer; the offline writer answers", mission.id
            )
            turn = await _OFFLINE_WRITER.answer_interjection(mission, context, offline_verdict)
        self._batches_written += 1
        verdict = turn.verdict.model_copy(update={"change": rules.clamp_change(turn.verdict.change)})
        awakened = rules.apply_change(result.awakened_listeners, result.initial_listeners, verdict.change)
        strikes = mission.strikes + int(verdict.strike)
        entry = placeholder.model_copy(
            update={
                "audio_seconds": round(pcm_seconds(len(pcm), MIC_SAMPLE_RATE), 3) if pcm else 0.0,
                "change": verdict.change,
                "reason": verdict.reason,
                "strike": verdict.strike,
                "verdict_kind": verdict.kind,
                "proof_index": verdict.proof_index,
                "awakened_listeners": awakened,
            }
        )
        self._entries.append(entry)
        changes = {
            "generation_result": result.model_copy(update={"awakened_listeners": awakened}),
            "strikes": strikes,
        }
        self._mission = mission.model_copy(update=changes)
        await self._persist(lambda: self._deps.store.append_entry(mission.id, entry))
        if pcm:
            await self._persist(
                lambda: self._deps.store.append_audio(mission.id, entry.seq, pcm, MIC_SAMPLE_RATE)
            )
        await self._persist(lambda: self._deps.store.update_mission(mission.id, changes))
        await self._keep_summary(turn.batch.summary)
        target = rules.target_listeners(self._mission, self._deps.settings.win_fraction)
        await sink.send_json(
            messages.verdict(verdict.change, awakened, verdict.reason, verdict.strike, strikes, target)
        )
        if strikes >= rules.MAX_STRIKES:
            self._end_with(_Ending(False, "Three strikes: the station cut your line.", closing_line=False))
        elif awakened >= target:
            self._end_with(
                _Ending(True, "Half the audience is awake: the station lost control.", closing_line=True)
            )
        elif self._pipeline is not None:
            replies = [line for line in turn.batch.lines if line.speaker in self._voices]
            self._pipeline.inject(replies, turn.batch.writer)

    # --- helpers ---

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
        await self._persist(
            lambda: self._deps.store.record_result(mission.id, mission.user_id, final_score, won)
        )
        await sink.send_json(messages.mission_end(result, reason, final_score))

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

    async def _keep_summary(self, summary: str) -> None:
        if not summary:
            return
        mission = self._require_mission()
        self._mission = mission.model_copy(update={"show_summary": summary})
        await self._persist(lambda: self._deps.store.update_mission(mission.id, {"show_summary": summary}))

    def _end_with(self, ending: _Ending) -> None:
        self._ending = ending
        self._ended.set()

    def _rattled(self) -> bool:
        result = self._require_mission().generation_result
        return result.awakened_listeners >= RATTLED_FRACTION * result.initial_listeners

    def _spawn(self, work: Awaitable[None]) -> None:
        task = asyncio.ensure_future(work)
        self._tasks.add(task)
        task.add_done_callback(self._task_done)

    def _task_done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("Mission %s: an interjection failed", self.mission_id, exc_info=task.exception())
            self._idle.set()

    def _seconds_left(self) -> float:
        mission = self._require_mission()
        return self._deps.settings.show_seconds - mission.broadcast_seconds - self._current_line_seconds

    def _next_seq(self) -> int:
        return (self._entries[-1].seq + 1) if self._entries else 1

    def _require_mission(self) -> PropagandaMission:
        if self._mission is None:
            raise RuntimeError("the session has not loaded its mission yet")
        return self._mission

    def _require_live(self) -> None:
        if self._mission is None or self._sink is None:
            raise InterjectionRefused("The show has not started yet; wait for it to go live.", "not_live")

    def _require_sink(self) -> ShowSink:
        if self._sink is None:
            raise RuntimeError("the session is not running")
        return self._sink

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
        """Write now if the store is up. Otherwise keep it, in order, for a background task that
        retries the backlog until the store is back, so the show does not wait on a dead store."""
        self._backlog.append(write)
        if self._store_retry is not None:
            return  # the store is down: the retry task writes this in its turn
        async with self._writes:
            if self._store_retry is None and not await self._write_backlog():
                self._store_retry = asyncio.create_task(
                    self._retry_backlog(), name=f"store-retry-{self.mission_id}"
                )

    async def _write_backlog(self) -> bool:
        """Write the backlog in order; False (the rest kept) when the store is unavailable."""
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
                return False
            self._backlog.pop(0)
        return True

    async def _last_write_attempt(self) -> None:
        async with self._writes:
            if not await self._write_backlog():
                log.error(
                    "Mission %s: the show ended with the store still down; %d write(s) are lost",
                    self.mission_id,
                    len(self._backlog),
                )

    async def _retry_backlog(self) -> None:
        try:
            while True:
                await asyncio.sleep(STORE_RETRY_SECONDS)
                async with self._writes:
                    if await self._write_backlog():
                        log.info("Mission %s: the store is back; the backlog is written", self.mission_id)
                        return
        finally:
            if self._store_retry is asyncio.current_task():
                self._store_retry = None


async def _first_of(*events: asyncio.Event) -> None:
    """Wait until any of the events is set."""
    waiters = [asyncio.ensure_future(event.wait()) for event in events]
    try:
        await asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for waiter in waiters:
            waiter.cancel()
