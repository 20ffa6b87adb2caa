"""The live show over WebRTC: fastrtc's ``AsyncStreamHandler`` driving a ``GameSession``.

One handler copy per browser connection. It plays the show continuously: show audio goes out
in 20 ms frames at real time (WebRTC does not pace ``emit``: unpaced, it would run far ahead into
an unbounded queue), and once a line has been played out the handler asks the session for the
next. The player's microphone (48 kHz frames) goes through a VAD: speech starting is a barge-in
(``start_speech``), its audio streams to the session at 16 kHz, and a pause ends it
(``stop_speech``); the transcript, the verdict and the hosts' answer follow as session messages.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any

import numpy as np
from fastrtc import AsyncStreamHandler, CloseStream

from radiomirchi.game.session import GameSession, InterjectionRefused
from radiomirchi.schemas import MissionId, parse_mission_id
from radiomirchi.services import Services
from radiomirchi.speech.audio import BYTES_PER_SAMPLE, WIRE_SAMPLE_RATE
from radiomirchi.speech.pacing import RealTimeClock
from radiomirchi.ui.board import ShowBoard, ShowBoards
from radiomirchi.ui.playout import Playout
from radiomirchi.ui.rtc_track_end import install as raise_when_tracks_end
from radiomirchi.ui.show import LiveShow, WarmShows
from radiomirchi.ui.vad import SpeechDetector, SpeechEvent

log = logging.getLogger(__name__)
# The show's track ends quietly at every close (fastrtc would hand aiortc a None to encode).
raise_when_tracks_end()

MIC_INPUT_RATE = 48_000
WEBRTC_FRAME_SECONDS = 0.02
WEBRTC_FRAME_BYTES = int(WIRE_SAMPLE_RATE * WEBRTC_FRAME_SECONDS) * BYTES_PER_SAMPLE
# emit() may run this far ahead of real time, so a frame is always ready when aiortc asks.
EMIT_LEAD_SECONDS = 0.04
# The page answers the handler's request for its inputs (the mission id) within this.
ARGS_TIMEOUT_SECONDS = 10.0
# An open page sends 50 microphone frames a second (silence when muted). A closed tab sends
# nothing and says nothing: aiortc would notice only after ~30 s. This long without a frame,
# the player is gone and the show stops, as the WebSocket's does on a disconnect.
MIC_GONE_SECONDS = 3.0
CLOSING_MESSAGE = "The broadcast is over."
NO_MISSION_MESSAGE = "Join a mission first."
TAKEN_OVER_MESSAGE = "The broadcast went on in another window or player."


class BroadcastHandler(AsyncStreamHandler):
    def __init__(self, services: Services, boards: ShowBoards, warm: WarmShows) -> None:
        super().__init__(
            expected_layout="mono", output_sample_rate=WIRE_SAMPLE_RATE, input_sample_rate=MIC_INPUT_RATE
        )
        self._services = services
        self._boards = boards
        self._warm = warm
        self._playout = Playout()
        # Set once start_up has chosen the show (and its playout) this call plays.
        self._attached = asyncio.Event()
        self._detector: SpeechDetector | None = None
        self._board: ShowBoard | None = None
        self._show: LiveShow | None = None
        self._task: asyncio.Task[None] | None = None
        self._watchdog: asyncio.Task[None] | None = None
        self._last_heard = 0.0
        self._clock = RealTimeClock(EMIT_LEAD_SECONDS, services.clock)
        self._closed = False

    def copy(self) -> BroadcastHandler:
        return BroadcastHandler(self._services, self._boards, self._warm)

    # --- fastrtc's hooks ---

    async def start_up(self) -> None:
        try:
            await self._attach()
        finally:
            self._playout.on_flush(self._drop_queued_frames)
            self._attached.set()

    async def _attach(self) -> None:
        try:
            async with asyncio.timeout(ARGS_TIMEOUT_SECONDS):
                await self.wait_for_args()  # type: ignore[no-untyped-call]
        except TimeoutError:
            log.warning("WebRTC connection without page inputs; closing it")
            self._playout.finish()
            return
        mission_id = _mission_id(self.latest_args)
        if mission_id is None:
            log.warning("WebRTC connection for no mission (%r); closing it", self.latest_args[-1:])
            self._playout.finish()
            return
        self._board = self._boards.get(mission_id)
        self._board.microphone = self
        warm = self._warm.claim(mission_id)
        if warm is not None:
            # Started at the click: its first line is voiced already.
            self._show, self._playout, self._task = warm.show, warm.playout, warm.task
        else:
            self._show = LiveShow(self._services, self._board, self._playout, "webrtc")
            self._task = asyncio.create_task(self._show.run(), name=f"webrtc-show-{mission_id}")
        self._show.play()
        self._last_heard = asyncio.get_running_loop().time()
        self._watchdog = asyncio.create_task(self._watch_microphone(), name=f"webrtc-mic-{mission_id}")

    async def emit(self) -> Any:
        """The next 20 ms of show (silence between lines), at real time; CloseStream at the end."""
        if not self._attached.is_set():
            await self._attached.wait()
        playout = self._playout
        if not playout.started.is_set():
            await playout.started.wait()
        if playout.drained:
            if self._closed:
                await self._services.clock.sleep(WEBRTC_FRAME_SECONDS)
                return None
            self._closed = True
            return CloseStream(self._closing_message())
        await self._clock.pace(WEBRTC_FRAME_SECONDS)
        if self._board is not None:
            self._board.first_audio()
        pcm = playout.take_frame(WEBRTC_FRAME_BYTES)
        return (WIRE_SAMPLE_RATE, np.frombuffer(pcm, dtype="<i2").reshape(1, -1))

    async def receive(self, frame: tuple[int, np.ndarray]) -> None:
        self._last_heard = asyncio.get_running_loop().time()
        board, show = self._board, self._show
        if board is None or show is None or board.status != "live":
            return
        events = await asyncio.to_thread(self._hear, frame)
        for event in events:
            await self._on_speech(event, board, show)

    async def shutdown(self) -> None:
        if self._board is not None and self._board.microphone is self:
            self._board.microphone = None
        for task in (self._watchdog, self._task):
            if task is not None and not task.done():
                task.cancel()
                with contextlib.suppress(BaseException):
                    await task
        self._detector = None

    # --- the Break-in control ---

    async def press(self) -> None:
        """The player takes the air: the hosts stop now, and the turn (with half a second from
        before the press) is theirs until ``release``. Raises ``InterjectionRefused`` off air."""
        board, show = self._board, self._show
        session = show.session if show is not None else None
        if board is None or session is None or board.status != "live":
            raise InterjectionRefused("The show is not on air yet.", "not_live")
        detector = self._detector
        if detector is None:
            raise InterjectionRefused("The microphone is not connected yet.", "no_microphone")
        if not detector.speaking:
            # The turn's audio starts with the detector's next frame.
            await self._take_the_air(session, board)
        detector.hold()

    async def release(self) -> None:
        if self._detector is not None:
            # Logged (with the log's own time) so the benchmark can time Done's way to the server.
            board = self._board
            log.info("Mission %s: Break-in released", board.mission_id if board is not None else "?")
            self._detector.release()

    # --- internals ---

    def _hear(self, frame: tuple[int, np.ndarray]) -> list[SpeechEvent]:
        """In a worker thread: the first frame makes the detector (the first in the process
        loads the VAD model), then every frame is fed to it."""
        detector = self._detector
        if detector is None:
            detector = self._detector = SpeechDetector(frame[0])
        return detector.feed(frame[1])

    async def _watch_microphone(self) -> None:
        # On the wall clock, not the show's: it times the browser's microphone frames, which
        # arrive in real time whatever the show's speed.
        loop = asyncio.get_running_loop()
        while self._task is not None and not self._task.done():
            await asyncio.sleep(min(1.0, MIC_GONE_SECONDS / 2))
            if loop.time() - self._last_heard > MIC_GONE_SECONDS:
                log.info("No microphone for %.0f s: the player left; stopping the show", MIC_GONE_SECONDS)
                self._task.cancel()
                return

    async def _take_the_air(self, session: GameSession, board: ShowBoard) -> None:
        """The player's turn begins (pressed or spoken): stop playing the hosts now, even the tail
        of a line the session had finished sending, before the session stops its line (which
        awaits the line's task), and again after, for anything pushed meanwhile."""
        if board.status == "live":
            self._playout.flush()
        await session.start_speech()
        self._playout.flush()
        board.set_speaking(True)

    async def _on_speech(self, event: SpeechEvent, board: ShowBoard, show: LiveShow) -> None:
        session = show.session
        if session is None:
            return
        if event.kind != "audio":  # the turn's shape, for reading a log beside the benchmark's
            log.debug(
                "Mission %s: speech %s%s", board.mission_id, event.kind, " (silence)" * event.by_silence
            )
        try:
            if event.kind == "start":
                await self._take_the_air(session, board)
                session.speech_audio(event.pcm)
            elif event.kind == "audio":
                session.speech_audio(event.pcm)
            elif event.kind == "pause":
                session.speech_paused()
            elif event.kind == "resume":
                session.speech_resumed()
            else:
                board.set_speaking(False)
                await session.stop_speech(may_go_on=event.by_silence)
        except InterjectionRefused as refusal:
            log.debug("Speech event %s refused: %s", event.kind, refusal)

    def _closing_message(self) -> str:
        """What the page's component shows when the stream closes."""
        board = self._board
        if board is None:
            return NO_MISSION_MESSAGE
        if board.result is not None:
            return CLOSING_MESSAGE
        return board.problem or TAKEN_OVER_MESSAGE

    def _drop_queued_frames(self) -> None:
        # A break-in: frames already handed to fastrtc would still play; drop them too.
        if self._clear_queue is not None:
            self._clear_queue()


def _mission_id(args: list[Any]) -> MissionId | None:
    """The page sends [webrtc value, mission id]; fastrtc may put a marker in front."""
    if not args:
        return None
    return parse_mission_id(args[-1])
