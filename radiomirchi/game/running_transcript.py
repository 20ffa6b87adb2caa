"""The player's turn heard while they speak, piece by piece at its pauses.

At each pause what was said since the last kept piece is transcribed at once (the *trial*). If
the turn ends at that pause, the trial stands for the rest of the turn and nothing is left to hear.
If the player speaks on, a trial of at least ``min_piece_bytes`` is kept as a piece (its words are
final: the audio before the pause does not change), a shorter one is dropped. When the turn ends
after more speech, only the audio since the last kept piece is transcribed, with the words before
it as the recogniser's context. Before, the whole turn was heard again at its end: a 14 s turn
took Whisper 0.45-0.6 s after the player stopped, and a transcript thrown away at each pause the
player spoke on from held the one recogniser thread while the next one waited.

A piece whose words end in a figure is heard again with what follows it: a reader pauses inside a
figure ("2019 / 244"), and a seam there mangled it ("2019-24", "981. 2-0-2-3") in the benchmark
of ``devtools.bench pieces``.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from radiomirchi.game import timing
from radiomirchi.game.tasks import TaskSet
from radiomirchi.speech.audio import MIC_SAMPLE_RATE, seconds_to_bytes
from radiomirchi.speech.stt.base import TranscriptionError

# pcm (s16le mono 16 kHz), the words said before it in the turn -> the words in it
Transcribe = Callable[[bytes, str], Awaitable[str]]

MIN_PIECE_BYTES = seconds_to_bytes(timing.MIN_PIECE_SECONDS, MIC_SAMPLE_RATE)
EARLY_TRANSCRIPT_MIN_BYTES = seconds_to_bytes(timing.EARLY_TRANSCRIPT_MIN_SECONDS, MIC_SAMPLE_RATE)


class RunningTranscript:
    def __init__(
        self, transcribe: Transcribe, tasks: TaskSet, *, min_piece_bytes: int = MIN_PIECE_BYTES
    ) -> None:
        self._transcribe = transcribe
        self._tasks = tasks
        self._min_piece_bytes = min_piece_bytes
        # Kept, in the order spoken: where each ends in the turn (the next one starts there).
        self._pieces: list[tuple[int, asyncio.Task[str]]] = []
        self._trial: tuple[int, asyncio.Task[str]] | None = None  # up to the latest pause

    @property
    def _covered(self) -> int:
        """Bytes of the turn the kept pieces cover."""
        return self._pieces[-1][0] if self._pieces else 0

    def paused(self, turn: bytes) -> None:
        """The player fell silent after ``turn`` (the audio so far): hear what is new in it. A pause
        after less speech than ``EARLY_TRANSCRIPT_MIN_SECONDS`` is not heard early: it is rarely the
        turn's end, and a transcript thrown away is CPU the other shows need."""
        if len(turn) < EARLY_TRANSCRIPT_MIN_BYTES:
            return
        self._drop_trial()
        self._reopen_a_figure()
        end = len(turn) - len(turn) % 2
        if end > self._covered:
            self._trial = (end, self._hear(turn[self._covered : end], "heard-piece"))

    def resumed(self) -> None:
        """The player spoke on after the pause: a long enough trial is kept as a piece."""
        if self._trial is None:
            return
        if self._trial[0] - self._covered < self._min_piece_bytes:
            self._drop_trial()
            return
        self._pieces.append(self._trial)
        self._trial = None

    async def text(self, turn: bytes) -> str:
        """The whole turn's words. A trial the player did not speak on from stands for the rest:
        what came after its pause was silence (the detector would have said ``resumed``)."""
        trial, self._trial = self._trial, None
        if self._pieces:
            await asyncio.wait({self._pieces[-1][1]})
        reopened = self._reopen_a_figure()
        if trial is not None and reopened:
            trial[1].cancel()  # heard again from the reopened piece's start, to the trial's end
        elif trial is not None:
            self._pieces.append(trial)
        end = trial[0] if trial is not None else len(turn) - len(turn) % 2
        if end > self._covered or not self._pieces:
            self._pieces.append((end, self._hear(turn[self._covered : end], "heard-rest")))
        tasks = [task for _, task in self._pieces]
        await asyncio.wait(tasks)
        if any(task.cancelled() for task in tasks):
            # Stopped by someone else (the show is ending): a failure to hear, never a turn left
            # waiting for its verdict.
            raise TranscriptionError("a piece of the turn was stopped before it was heard")
        return _joined([task.result() for task in tasks])

    def cancel(self) -> None:
        """The turn is heard another way (or not at all): stop what is still being heard."""
        self._drop_trial()
        for _, task in self._pieces:
            task.cancel()
        self._pieces = []

    def _hear(self, pcm: bytes, name: str) -> asyncio.Task[str]:
        return self._tasks.spawn(self._piece(pcm, [task for _, task in self._pieces]), name)

    def _reopen_a_figure(self) -> bool:
        """The last kept piece, if done and ending in a figure, is dropped: what it covered is heard
        again with what follows it."""
        last = self._pieces[-1][1] if self._pieces else None
        if last is None or not last.done() or last.cancelled() or last.exception() is not None:
            return False
        if not last.result().rstrip(" .,;:!?")[-1:].isdigit():
            return False
        self._pieces.pop()
        return True

    def _drop_trial(self) -> None:
        if self._trial is not None:
            self._trial[1].cancel()
            self._trial = None

    async def _piece(self, pcm: bytes, before: list[asyncio.Task[str]]) -> str:
        # One piece after another: each is heard with the words before it as context (and the
        # recogniser takes one at a time anyway).
        context = _joined([await piece for piece in before])
        return await self._transcribe(pcm, context)


def _joined(texts: list[str]) -> str:
    return " ".join(text.strip() for text in texts if text.strip())
