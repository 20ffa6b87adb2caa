"""What goes on air: a host line played to the sink and recorded as heard, the listener count,
and the mission a show can start from."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from radiomirchi.game import events, timing
from radiomirchi.game.lookahead import PreparedLine
from radiomirchi.game.playability import playable, prepare_timed_out
from radiomirchi.game.preparation import wait_until_prepared
from radiomirchi.game.sink import ShowSink
from radiomirchi.game.state import ShowState
from radiomirchi.game.store_writer import StoreWriter
from radiomirchi.schemas import MissionId, PropagandaMission
from radiomirchi.speech.audio import WIRE_SAMPLE_RATE, pcm_seconds, seconds_to_bytes
from radiomirchi.speech.tts.base import SpeechError
from radiomirchi.store import MissionStore

log = logging.getLogger(__name__)


async def play_line(
    sink: ShowSink,
    prepared: PreparedLine,
    state: ShowState,
    store: StoreWriter,
    on_first_frame: Callable[[], None] | None = None,
) -> None:
    """Play one line; however it ends (played out, a break-in, a disconnect), store what was heard.
    ``on_first_frame``: called once its first audio has been handed to the sink."""
    line_id = state.next_line_id
    line = prepared.line
    await sink.emit(events.LineStarted(line_id, line.speaker, line.text, prepared.voice.label))
    sent = bytearray()
    interrupted = True
    try:
        async for frame in prepared.frames():
            await sink.play(frame)
            if on_first_frame is not None and not sent:
                on_first_frame()
            sent += frame
        interrupted = False
    except SpeechError as exc:
        # The show goes on: the line ends where its audio ended.
        log.error("Mission %s line %d could not be spoken: %s", state.mission.id, line_id, exc)
        interrupted = len(sent) > 0
    finally:
        heard = sink.heard_seconds() if interrupted else pcm_seconds(len(sent))
        heard_pcm = bytes(sent[: seconds_to_bytes(heard)]) if interrupted else bytes(sent)
        # Stored even when cancelled (a break-in, a disconnect): only what was heard counts.
        await asyncio.shield(_record(prepared, heard, heard_pcm, interrupted, state, store))
        if interrupted:
            await sink.emit(events.LineInterrupted(line_id))
            await sink.emit(events.LineEnded(line_id, heard, interrupted=True))
    if not interrupted:
        await sink.emit(events.LineEnded(line_id, heard))


async def _record(
    prepared: PreparedLine, heard: float, pcm: bytes, interrupted: bool, state: ShowState, store: StoreWriter
) -> None:
    recorded = state.record_line(
        prepared.line,
        prepared.writer,
        heard_seconds=heard,
        total_seconds=prepared.total_seconds,
        interrupted=interrupted,
    )
    await store.entry(recorded.entry, pcm, WIRE_SAMPLE_RATE)
    await store.progress(recorded.progress)


async def tick(
    sink: ShowSink, state: ShowState, playing: Callable[[], float], sleep: Callable[[float], Awaitable[None]]
) -> None:
    """The listener count, twice a second of show time (``sleep`` is the show clock's), for as
    long as the show runs."""
    while True:
        progress = state.progress
        await sink.emit(
            events.ListenersTick(
                progress.awakened_listeners,
                state.initial_listeners,
                state.target,
                max(0.0, state.seconds_left(playing())),
                progress.strikes,
            )
        )
        await sleep(timing.TICK_SECONDS)


async def playable_mission(store: MissionStore, mission_id: MissionId, sink: ShowSink) -> PropagandaMission:
    """The mission once it is ready to play (telling the sink while it is still being written);
    ``Unplayable`` if it cannot be played."""

    async def tell_preparing() -> None:
        await sink.emit(events.Preparing())

    try:
        mission = await wait_until_prepared(store, mission_id, on_wait=tell_preparing)
    except TimeoutError:
        raise prepare_timed_out() from None
    # Checked again as the show starts: the mission may have ended since the door let the client in.
    return playable(mission)
