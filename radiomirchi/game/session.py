"""One mission's live show: the loop that plays lines, takes break-ins and ends the show.

A transport (WebSocket, WebRTC, the listen-only stream) hands the session a ``ShowSink`` and
forwards the player's signals. The server speaks first: the first line starts as soon as the
show is live; each later line starts on ``ready_for_next`` or once the listener has played what
was sent, whichever comes first. A break-in (typed, or ``start_speech``) stops the current line
at once; the hosts answer it next.

The parts: ``ShowState`` (pure state), ``StoreWriter`` (write-behind persistence), ``turn``
(hear, judge, answer), ``ShowPipeline`` (lookahead). Every task is owned by one ``TaskSet``.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from typing import Literal

from radiomirchi.clock import REAL_CLOCK, Clock
from radiomirchi.config import Settings
from radiomirchi.game import balance, events, timing
from radiomirchi.game.admission import batch_on_air
from radiomirchi.game.broadcast import play_line, playable_mission, tick
from radiomirchi.game.caller import PLAYER_VOICE_LABEL, cast_caller, speech_on_air, voice_typed
from radiomirchi.game.judge.ruling import Judge
from radiomirchi.game.lookahead import Batch, PreparedLine, ShowPipeline
from radiomirchi.game.reading_aloud import stops_mid_sentence
from radiomirchi.game.relay import RelaySink, ShowRelay
from radiomirchi.game.running_transcript import RunningTranscript
from radiomirchi.game.sink import ShowSink
from radiomirchi.game.state import LEFT_REASON, TIME_REASON, Ending, ShowState
from radiomirchi.game.store_writer import StoreWriter
from radiomirchi.game.tasks import TaskSet, cancel_and_wait, first_of
from radiomirchi.game.turn import InterjectionRefused, TurnResult, clean_typed_text, hear, take_turn
from radiomirchi.game.turn_timer import TurnTimer
from radiomirchi.game.vocabulary import spoken_vocabulary
from radiomirchi.game.writer_port import ScriptWriter
from radiomirchi.schemas import DialogueLine, MissionId, MissionStatus
from radiomirchi.speech.audio import MIC_SAMPLE_RATE, WIRE_SAMPLE_RATE, pcm_seconds, seconds_to_bytes
from radiomirchi.speech.stt.base import SpeechToText
from radiomirchi.speech.tts.base import SpeechError, TextToSpeech, Voice
from radiomirchi.store import MissionStore

__all__ = ["GameSession", "InterjectionRefused", "SessionDeps"]

log = logging.getLogger(__name__)


@dataclass
class SessionDeps:
    store: MissionStore
    writer: ScriptWriter
    # Writes a batch again when the guards leave nothing of the writer's (the offline writer).
    backup_writer: ScriptWriter
    tts: TextToSpeech
    stt: SpeechToText
    settings: Settings
    judge: Judge
    # How many lines are voiced ahead of the one playing: 1, or more for a slow voice tier.
    lookahead_lines: int = 1
    # The show's clock (its speed is a setting): the listener ticks are timed on it.
    clock: Clock = REAL_CLOCK


@dataclass
class _OpenTurn:
    """A turn ended by a silence, open until it is answered: the player may go on."""

    pcm: bytes
    resumed: asyncio.Event = field(default_factory=asyncio.Event)


class GameSession:
    def __init__(
        self,
        mission_id: MissionId,
        deps: SessionDeps,
        *,
        speaks_first: bool = True,
        relay: ShowRelay | None = None,
    ) -> None:
        """``speaks_first=False``: the first line waits for ``ready_for_next`` too (a page whose
        audio path is still connecting). ``relay``: the show's listeners, who hear what the player
        hears and the caller too."""
        self.mission_id = mission_id
        self._relay = relay
        self._caller_voice: Voice | None = None
        self._speaks_first = speaks_first
        self._deps = deps
        self._tasks = TaskSet(f"mission-{mission_id}")
        self._turns = TaskSet(f"mission-{mission_id}-turns")
        self._ready = asyncio.Event()  # the client asked for the next line
        self._idle = asyncio.Event()  # clear while the player speaks or a turn is heard or judged
        self._idle.set()
        # Turns under way (from their first word, or a typed break-in, until answered): the show
        # waits for all of them. One turn's end must not set it going while the next is spoken.
        self._turns_under_way = 0
        self._wake = asyncio.Event()  # a break-in or an ending: the loop looks again
        self._leaving = asyncio.Event()
        self._one_turn_at_a_time = asyncio.Lock()
        self._speech: bytearray | None = None
        # The player's turn heard while they speak (piece by piece, at its pauses).
        self._running: RunningTranscript | None = None
        self._open_turn: _OpenTurn | None = None
        self._sink: ShowSink | None = None
        self._air: OnAir | None = None  # set once the show is live
        self._voices: dict[str, Voice] = {}
        # The mission's names, for the speech recogniser (game.vocabulary).
        self._vocabulary: tuple[str, ...] = ()
        self._page_sentences: tuple[str, ...] = ()
        self._line: asyncio.Task[None] | None = None
        # The latest break-in's stages, until its answer's first frame goes out.
        self._turn_timer: TurnTimer | None = None

    # --- signals from the transport ---

    def ready_for_next(self) -> None:
        self._ready.set()

    async def interject_text(self, text: str) -> None:
        """A typed break-in: stop the hosts, judge it, and let them answer."""
        text = clean_typed_text(text)
        self._require_live()
        if self._speech is not None:
            raise InterjectionRefused("Finish speaking (stop_speech) before typing.", "speaking")
        self._turn_begins()
        self._turn_timer = TurnTimer(str(self.mission_id), "text", self._deps.clock.monotonic)
        await self._barge_in()
        self._turns.spawn(self._turn_ends_after(self._answer(text, "text", None)), "interjection")

    async def start_speech(self) -> None:
        self._require_live()
        if self._speech is None:  # else the turn begun is begun again
            self._turn_begins()
        if self._running is not None:
            self._running.cancel()
        self._running = RunningTranscript(self._hear_piece, self._tasks)
        self._speech = bytearray()
        held, self._open_turn = self._open_turn, None
        if held is not None:  # the player goes on after a pause in mid-sentence: one turn
            self._speech += held.pcm
            held.resumed.set()
        await self._barge_in()

    def speech_audio(self, pcm: bytes) -> bool:
        """Microphone audio (PCM s16le mono 16 kHz); False when no speech was started."""
        if self._speech is None:
            return False
        room = seconds_to_bytes(balance.MAX_UTTERANCE_SECONDS, MIC_SAMPLE_RATE) - len(self._speech)
        self._speech += pcm[: max(0, room)]  # past the limit the utterance is cut: the rest is not heard
        return True

    def speech_paused(self) -> None:
        """The player fell silent: the turn may end here. What they said since the last piece
        heard is transcribed now, so that if the turn does end, the answer need not wait for it
        (no dead air); if they speak on, it is kept (game.running_transcript)."""
        if self._speech is not None and self._running is not None:
            self._running.paused(bytes(self._speech))

    def speech_resumed(self) -> None:
        """The player spoke again after a pause."""
        if self._running is not None:
            self._running.resumed()

    async def stop_speech(self, *, may_go_on: bool = False) -> None:
        """The turn is over. Whatever came after the last pause is not speech (a pause that the
        player broke would have been ``speech_resumed``), so the transcript started there stands for it.
        ``may_go_on``: the turn was ended by a silence, not by the player (a Done press, a client's
        own end of turn): speech that starts before it is answered continues it, and if its words
        stop in mid-sentence it waits a moment for that."""
        if self._speech is None:
            raise InterjectionRefused("stop_speech without start_speech.", "not_speaking")
        pcm = bytes(self._speech[: len(self._speech) - len(self._speech) % 2])
        self._speech = None
        running, self._running = self._running, None
        self._turn_timer = TurnTimer(str(self.mission_id), "voice", self._deps.clock.monotonic)
        held = None
        if may_go_on:
            held = self._open_turn = _OpenTurn(pcm)
        self._turns.spawn(self._turn_ends_after(self._hear_and_answer(pcm, running, held)), "utterance")

    async def end_mission(self) -> None:
        """The player gives up: that counts as lost, and is stored at once."""
        state = self._on_air().state
        await self._decide(state.finish(won=False, reason=LEFT_REASON, playing_seconds=self._playing()))
        await self._barge_in()

    # --- the show ---

    async def run(self, sink: ShowSink) -> None:
        """Play the mission until it ends; cancelling this stops all writer, TTS and STT work."""
        relay = self._relay
        if relay is not None:
            relay.sources += 1
            sink = RelaySink(sink, relay)
        self._sink = sink
        try:
            await self._start(sink)
            await self._show_loop(sink)
        finally:
            # Shielded: cancelled again while stopping, the (bounded) shutdown still completes.
            await asyncio.shield(self._shut_down())
            if relay is not None:
                relay.sources -= 1
                self._tell_listeners_off_air(relay)

    def _tell_listeners_off_air(self, relay: ShowRelay) -> None:
        """The player's connection is going: listeners hear the end if the show was decided (even
        if the player left before being told), else that it is off the air for now."""
        state = self._air.state if self._air is not None else None
        ending = state.ending if state is not None else None
        if state is not None and ending is not None and not relay.ended:
            outcome = ending.outcome
            awakened = state.progress.awakened_listeners
            relay.publish(events.MissionEnded(outcome.result, outcome.end_reason, outcome.score, awakened))
        elif ending is None and not relay.sources:
            relay.publish(events.OffAir())

    async def _shut_down(self) -> None:
        self._leaving.set()
        # A verdict being reached is stored before the show lets go.
        await self._turns.settle(timing.TURN_GRACE_SECONDS)
        await self._turns.cancel_all()
        await cancel_and_wait(self._line)
        if self._air is not None:
            await self._air.pipeline.aclose()
        await self._tasks.cancel_all()
        if self._air is not None:
            await self._air.store.close()

    async def _start(self, sink: ShowSink) -> None:
        mission = await playable_mission(self._deps.store, self.mission_id, sink)
        deps = self._deps
        store = StoreWriter(deps.store, mission.id, self._tasks)
        state = ShowState(
            mission,
            await deps.store.list_entries(mission.id),
            show_seconds=deps.settings.show_seconds,
            win_fraction=deps.settings.win_fraction,
        )
        self._voices = deps.tts.cast_voices(mission.generation_result.speakers, mission.id)
        self._caller_voice = cast_caller(deps.tts, mission.generation_result.speakers, mission.id)
        self._vocabulary = spoken_vocabulary(mission)
        self._page_sentences = tuple(mission.generation_result.proof_sentences)
        await deps.judge.warm_up(mission)  # its facts' meaning, before the first break-in
        await store.status(MissionStatus.live)
        hosts = tuple(
            events.HostInfo(s.name, s.gender.value, s.role, self._voices[s.name].label)
            for s in mission.generation_result.speakers
        )
        await sink.emit(events.ShowLive(hosts, state.seconds_left()))
        pipeline = ShowPipeline(
            self._write_batch, deps.tts, self._voices, self._tasks, depth=deps.lookahead_lines
        )
        self._air = OnAir(state, store, pipeline)
        pipeline.prime()
        self._tasks.spawn(tick(sink, state, self._playing, deps.clock.sleep), "ticks")

    async def _show_loop(self, sink: ShowSink) -> None:
        state, pipeline = self._on_air().state, self._on_air().pipeline
        first = self._speaks_first
        while True:
            await self._idle.wait()
            if state.ending is not None:
                await self._close_show(sink, state.ending)
                return
            if not first:
                await self._until_next_line_is_due(
                    sink, asked_only=not self._speaks_first and state.next_line_id == 0
                )
                if not self._idle.is_set() or state.ending is not None:
                    continue  # a break-in or an ending came meanwhile: deal with it first
            if state.seconds_left() <= 0:
                await self._decide(state.finish(won=False, reason=TIME_REASON))
                continue
            first = False
            line = self._line = asyncio.create_task(self._next_line(sink, pipeline), name="line")
            try:
                await asyncio.wait({line})  # a break-in cancels the line, not the loop
            finally:
                self._line = None
                await cancel_and_wait(line)  # the show is stopping: the line stores what was heard
            failure = None if line.cancelled() else line.exception()
            if failure is not None:
                # A failure, not a break-in: the show ends as any failure does, out of run().
                log.error("Mission %s: a line failed; the show ends", self.mission_id, exc_info=failure)
                raise failure

    async def _until_next_line_is_due(self, sink: ShowSink, *, asked_only: bool = False) -> None:
        self._wake.clear()
        if asked_only:
            await first_of(self._ready.wait(), self._wake.wait())
        else:
            await first_of(self._ready.wait(), self._wake.wait(), sink.played_out())

    async def _next_line(self, sink: ShowSink, pipeline: ShowPipeline) -> None:
        prepared = await pipeline.next_line()
        timer = self._turn_timer if self._idle.is_set() else None
        if timer is not None:  # the first line after a break-in is its answer
            self._turn_timer = None
            timer.mark("reply_voiced")
            timer.answered_in = prepared.voice.label
        await self._play_line(sink, prepared, on_first_frame=timer.finish if timer else None)

    async def _play_line(
        self, sink: ShowSink, prepared: PreparedLine, on_first_frame: Callable[[], None] | None = None
    ) -> None:
        self._ready.clear()  # a request made before this line started asked for this line
        await play_line(sink, prepared, self._on_air().state, self._on_air().store, on_first_frame)

    async def _close_show(self, sink: ShowSink, ending: Ending) -> None:
        """The outcome is stored already; a win gets the hosts' closing line, then the end is told."""
        if ending.closing_line:
            await self._play_closing_line(sink)
        outcome = ending.outcome
        awakened = self._on_air().state.progress.awakened_listeners
        await sink.emit(events.MissionEnded(outcome.result, outcome.end_reason, outcome.score, awakened))

    async def _play_closing_line(self, sink: ShowSink) -> None:
        state, pipeline = self._on_air().state, self._on_air().pipeline
        await pipeline.discard()
        # The player may hang up during this wait: first_of stops both waiters however it ends.
        await first_of(self._ready.wait(), sink.played_out(), limit_seconds=timing.CLOSING_WAIT_SECONDS)
        batch = await batch_on_air(
            self._deps.writer, self._deps.backup_writer, state, state.context(closing=True), self._voices
        )
        lines = batch.lines[:1]
        if lines:
            pipeline.inject(lines, batch.writer)
            await self._play_line(sink, await pipeline.next_line())

    async def _write_batch(self, queued: list[DialogueLine]) -> Batch:
        state = self._on_air().state
        context = state.context(queued=queued, playing_seconds=self._playing())
        batch = await batch_on_air(self._deps.writer, self._deps.backup_writer, state, context, self._voices)
        state.wrote_batch()
        await self._keep_summary(batch.summary)
        return Batch(lines=batch.lines, writer=batch.writer)

    # --- interjections ---

    async def _barge_in(self) -> None:
        """Stop the current line now and drop everything written or voiced on the old context."""
        if self._sink is not None:
            self._sink.clear()
        await cancel_and_wait(self._line)
        if self._air is not None:
            await self._air.pipeline.discard()
        self._wake.set()

    def _turn_begins(self) -> None:
        self._turns_under_way += 1
        self._idle.clear()

    async def _turn_ends_after(self, turn: Awaitable[None]) -> None:
        """Run a turn's hearing and answer; the show goes on once no turn is under way."""
        try:
            await turn
        finally:
            self._turns_under_way -= 1
            if not self._turns_under_way:
                self._idle.set()
            self._wake.set()

    async def _hear_and_answer(
        self, pcm: bytes, running: RunningTranscript | None = None, held: _OpenTurn | None = None
    ) -> None:
        sink = self._on_air().sink(self._sink)
        try:
            text = await self._hear(pcm, running)
            if held is not None and await self._player_went_on(held, text):
                return  # the turn carries on, with this audio at its head
            if self._relay is not None and len(self._relay):
                self._caller_to_listeners("", "voice", PLAYER_VOICE_LABEL, await speech_on_air(pcm))
            self._mark("transcript")
            await sink.emit(events.Heard(text))
            if not text.strip():
                raise InterjectionRefused("Nothing intelligible was heard.", "empty_utterance")
        except InterjectionRefused as refusal:
            if held is not None and held.resumed.is_set():
                return  # the player went on: the whole turn is heard again
            await sink.emit(events.Problem(str(refusal), refusal.code))
            return
        await self._answer(text, "voice", pcm)

    async def _player_went_on(self, held: _OpenTurn, text: str) -> bool:
        """A turn that a silence ended stays open while it is transcribed, and for a moment more if
        its words stop in mid-sentence: speech that starts meanwhile continues it
        (``start_speech`` takes up its audio)."""
        try:
            if not held.resumed.is_set() and stops_mid_sentence(text, self._page_sentences):
                grace = self._deps.clock.sleep(timing.MID_SENTENCE_GRACE_SECONDS)
                await first_of(held.resumed.wait(), grace)
        finally:
            if self._open_turn is held:
                self._open_turn = None
        return held.resumed.is_set()

    async def _hear(self, pcm: bytes, running: RunningTranscript | None = None) -> str:
        return await hear(
            self._deps.stt, pcm, str(self.mission_id), self._vocabulary, self._page_sentences, running
        )

    async def _hear_piece(self, pcm: bytes, context: str) -> str:
        """One piece of a turn, raw: the whole turn is mended from the page once it is heard."""
        return await self._deps.stt.transcribe(pcm, self._vocabulary, context=context)

    async def _answer(self, text: str, source: Literal["text", "voice"], pcm: bytes | None) -> None:
        typed: asyncio.Task[bytes | None] | None = None
        try:
            async with self._one_turn_at_a_time:
                state = self._on_air().state
                # A typed break-in is voiced while it is judged: listeners and the episode hear it.
                if source == "text":
                    typed = asyncio.create_task(self._voice_typed(text), name="typed-caller")
                result = await take_turn(
                    state,
                    text,
                    source,
                    audio_seconds=pcm_seconds(len(pcm), MIC_SAMPLE_RATE) if pcm else 0.0,
                    judge=self._deps.judge,
                    writer=self._deps.writer,
                    backup_writer=self._deps.backup_writer,
                    leaving=self._leaving,
                    hosts=self._voices,
                )
                self._mark("verdict")
                if typed is not None:
                    voiced = await typed
                    if voiced is not None:  # the episode has the caller's voice: the entry says how long
                        seconds = round(pcm_seconds(len(voiced)), 3)
                        entry = result.applied.entry.model_copy(update={"audio_seconds": seconds})
                        result = replace(result, applied=replace(result.applied, entry=entry))
                    await self._apply_turn(result, voiced, WIRE_SAMPLE_RATE)
                else:
                    await self._apply_turn(result, pcm, MIC_SAMPLE_RATE)
        finally:
            await cancel_and_wait(typed)

    async def _voice_typed(self, text: str) -> bytes | None:
        """A typed break-in in the caller's voice, sent to listeners; None if it cannot be voiced
        (the turn goes on without it)."""
        voice = self._caller_voice
        if voice is None:
            return None
        try:
            pcm = await voice_typed(self._deps.tts, voice, text)
        except SpeechError as exc:
            log.warning("Mission %s: a typed break-in could not be voiced: %s", self.mission_id, exc)
            return None
        self._caller_to_listeners(text, "text", voice.label, pcm)
        return pcm

    def _caller_to_listeners(
        self, text: str, source: Literal["text", "voice"], voice: str, pcm: bytes
    ) -> None:
        if self._relay is not None:
            self._relay.publish_call(text, source, voice, pcm)

    async def _apply_turn(self, result: TurnResult, pcm: bytes | None, sample_rate: int) -> None:
        """Store the verdict, its listener change and any outcome it decides, then tell the player."""
        store, sink = self._on_air().store, self._on_air().sink(self._sink)
        applied = result.applied
        await store.entry(applied.entry, pcm, sample_rate)
        await store.progress(applied.progress)
        self._mark("stored")
        entry = applied.entry
        # The verdict goes out before an ending it decides wakes the loop, which announces the
        # ending: a player is told of the third strike before the show ends on it.
        await sink.emit(
            events.VerdictGiven(
                entry.change,
                entry.awakened_listeners,
                entry.reason,
                entry.strike,
                applied.progress.strikes,
                applied.target,
            )
        )
        if applied.ending is not None:
            await self._decide(applied.ending)
        await self._keep_summary(result.summary)
        if result.replies:
            self._on_air().pipeline.inject(result.replies, result.writer)

    # --- helpers ---

    def _mark(self, stage: str) -> None:
        if self._turn_timer is not None:
            self._turn_timer.mark(stage)

    async def _decide(self, ending: Ending) -> None:
        """Store the outcome the moment it is decided (before any closing line), and wake the loop."""
        air = self._on_air()
        await air.store.outcome(ending.outcome, air.state.mission.user_id)
        self._wake.set()

    async def _keep_summary(self, summary: str) -> None:
        progress = self._on_air().state.keep_summary(summary)
        if progress is not None:
            await self._on_air().store.progress(progress)

    def _playing(self) -> float:
        """Seconds of the current line heard so far (0 between lines)."""
        return self._sink.heard_seconds() if self._sink is not None and self._line is not None else 0.0

    def _require_live(self) -> None:
        if self._air is None or self._sink is None or self._air.state.ending is not None:
            raise InterjectionRefused("The show is not live; wait for it to start.", "not_live")

    def _on_air(self) -> OnAir:
        if self._air is None:
            raise InterjectionRefused("The show has not started yet; wait for it to go live.", "not_live")
        return self._air


@dataclass(frozen=True)
class OnAir:
    """What a session has once its show is live."""

    state: ShowState
    store: StoreWriter
    pipeline: ShowPipeline

    @staticmethod
    def sink(sink: ShowSink | None) -> ShowSink:
        if sink is None:
            raise RuntimeError("the session is not running")
        return sink
