"""Lookahead: the next batch is written when the script runs low, and the next line (or the next
few, for a slow voice) is voiced while the current one plays. Bounded to ``depth`` prepared lines
and one batch in flight, so an interruption throws little away.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import deque
from collections.abc import AsyncIterator, Callable, Coroutine
from dataclasses import dataclass
from typing import Any

from radiomirchi.game.tasks import TaskSet
from radiomirchi.game.timing import LOW_WATER_LINES
from radiomirchi.schemas import DialogueLine
from radiomirchi.speech.audio import BYTES_PER_SAMPLE, WEBSOCKET_FRAME_SECONDS, WIRE_SAMPLE_RATE, pcm_seconds
from radiomirchi.speech.synthesis_queue import ShowUrgency, SynthesisUrgency, with_urgency
from radiomirchi.speech.tts.base import SpeechError, TextToSpeech, Voice

log = logging.getLogger(__name__)

FRAME_BYTES = int(WIRE_SAMPLE_RATE * WEBSOCKET_FRAME_SECONDS) * BYTES_PER_SAMPLE


class PreparedLine:
    """A line whose audio is being synthesized into a buffer, readable while it grows."""

    def __init__(
        self, line: DialogueLine, voice: Voice, tts: TextToSpeech, writer: str, tasks: TaskSet
    ) -> None:
        self.line = line
        self.voice = voice
        self.writer = writer
        self._chunks: list[bytes] = []
        self._complete = False
        self._failure: BaseException | None = None
        self._grew = asyncio.Event()
        self._when_audible: list[Callable[[], None]] = []
        self._task = tasks.spawn(self._synthesize(tts), f"tts:{line.speaker}")

    @property
    def complete(self) -> bool:
        return self._complete

    @property
    def total_seconds(self) -> float | None:
        """The line's full duration, once synthesis has finished."""
        return pcm_seconds(sum(map(len, self._chunks))) if self._complete else None

    @property
    def audible(self) -> bool:
        """The line has its first audio, or its synthesis is over."""
        return bool(self._chunks) or self._complete or self._failure is not None

    def when_audible(self, callback: Callable[[], None]) -> None:
        """Call ``callback`` once the line is ``audible`` (now, if it is)."""
        if self.audible:
            callback()
        else:
            self._when_audible.append(callback)

    async def frames(self) -> AsyncIterator[bytes]:
        """40 ms frames as soon as the audio exists; the last may be shorter. Raises on TTS failure."""
        index = 0
        pending = b""
        while True:
            while index < len(self._chunks):
                pending += self._chunks[index]
                index += 1
                while len(pending) >= FRAME_BYTES:
                    yield pending[:FRAME_BYTES]
                    pending = pending[FRAME_BYTES:]
            if self._failure is not None:
                raise SpeechError(str(self._failure)) from self._failure
            if self._complete:
                if pending:
                    yield pending
                return
            self._grew.clear()
            await self._grew.wait()

    def cancel(self) -> None:
        self._task.cancel()

    async def wait_cancelled(self) -> None:
        self._task.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await self._task

    async def _synthesize(self, tts: TextToSpeech) -> None:
        try:
            async for chunk in tts.stream(self.line.text, self.voice):
                if chunk:
                    self._chunks.append(chunk)
                    self._grew.set()
                    self._audible()
            self._complete = True
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            self._failure = exc
        finally:
            self._grew.set()
        self._audible()

    def _audible(self) -> None:
        callbacks, self._when_audible = self._when_audible, []
        for callback in callbacks:
            callback()


@dataclass
class Batch:
    lines: list[DialogueLine]
    writer: str


class ShowPipeline:
    """Hands out prepared lines one by one, keeping the next line voiced and the script topped up."""

    def __init__(
        self,
        write_batch: Callable[[list[DialogueLine]], Coroutine[Any, Any, Batch]],
        tts: TextToSpeech,
        voices: dict[str, Voice],
        tasks: TaskSet,
        *,
        depth: int = 1,
    ) -> None:
        """``depth``: how many lines are voiced ahead of the one playing (a slow voice needs more)."""
        self._tasks = tasks
        self._write_batch = write_batch
        self._tts = tts
        self._voices = voices
        self._depth = max(1, depth)
        self._script: deque[tuple[DialogueLine, str]] = deque()
        self._ahead: deque[PreparedLine] = deque()
        self._handed_out: PreparedLine | None = None
        self._batch_task: asyncio.Task[Batch] | None = None
        # Speech for this show waits behind shows on air until its first line is handed out.
        self._urgency = ShowUrgency()

    async def next_line(self) -> PreparedLine:
        while not self._ahead and not self._script:
            await self._top_up(wait=True)
        line = self._ahead.popleft() if self._ahead else self._prepare(*self._script.popleft())
        self._urgency.value = SynthesisUrgency.ON_AIR
        self._handed_out = line
        # The next line is voiced once this one can be heard: started together, the two share the
        # voice threads (and the cores) and this one's first audio came 0.1-0.4 s later (the hosts'
        # answer to a break-in above all: its first line has nothing voiced ahead of it).
        line.when_audible(self._refill)
        return line

    def prime(self) -> None:
        """Start writing and voicing the first line before anyone asks for it."""
        self._refill()

    def queued_lines(self) -> list[DialogueLine]:
        """Written but not yet broadcast, in order: the writer must treat them as already said."""
        return [prepared.line for prepared in self._ahead] + [line for line, _ in self._script]

    def inject(self, lines: list[DialogueLine], writer: str) -> None:
        """Put lines at the front of the script (the hosts' reply) and start voicing the first."""
        self._script.extendleft((line, writer) for line in reversed(lines))
        self._refill()

    async def discard(self) -> None:
        """Throw away everything ahead (after an interruption, its context is stale)."""
        self._script.clear()
        self._handed_out = None  # interrupted: what comes next is voiced at once
        while self._ahead:
            await self._ahead.popleft().wait_cancelled()
        if self._batch_task is not None:
            self._batch_task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._batch_task
            self._batch_task = None

    async def aclose(self) -> None:
        await self.discard()

    def _voice_ahead(self) -> None:
        if self._handed_out is not None and not self._handed_out.audible:
            return  # voiced once it is (next_line asked to be told)
        while len(self._ahead) < self._depth and self._script:
            self._ahead.append(self._prepare(*self._script.popleft()))

    def _refill(self) -> None:
        self._voice_ahead()
        if len(self._script) < LOW_WATER_LINES and self._batch_task is None:
            self._batch_task = self._tasks.spawn(self._write_batch(self.queued_lines()), "write-batch")
            self._batch_task.add_done_callback(self._on_batch_written)

    def _on_batch_written(self, task: asyncio.Task[Batch]) -> None:
        if task is not self._batch_task or task.cancelled():
            return
        self._batch_task = None
        if task.exception() is not None:
            return  # the task set that owns the task has logged it
        batch = task.result()
        self._script.extend((line, batch.writer) for line in batch.lines)
        self._voice_ahead()

    async def _top_up(self, *, wait: bool) -> None:
        if self._batch_task is None:
            self._batch_task = self._tasks.spawn(self._write_batch(self.queued_lines()), "write-batch")
            self._batch_task.add_done_callback(self._on_batch_written)
        if wait:
            task = self._batch_task
            with contextlib.suppress(Exception):
                await asyncio.shield(task)
            # Let the done-callback run before the caller looks at the script again.
            await asyncio.sleep(0)
            if task.done() and not task.cancelled() and task.exception() is not None:
                raise task.exception()  # type: ignore[misc]

    def _prepare(self, line: DialogueLine, writer: str) -> PreparedLine:
        return with_urgency(
            self._urgency,
            lambda: PreparedLine(line, self._voices[line.speaker], self._tts, writer, self._tasks),
        )
