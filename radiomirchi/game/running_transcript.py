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

from radiomirchi.game.tasks import TaskSet
from radiomirchi.speech.stt.base import TranscriptionError

# pcm (s16le mono 16 kHz), the words said before it in the turn -> the words in it
Transcribe = Callable[[bytes, str], Awaitable[str]]


class RunningTranscript:
    def __init__(self, transcribe: Transcribe, tasks: TaskSet, *, min_piece_bytes: int) -> None:
        self._transcribe = transcribe
        self._tasks = tasks
        self._min_piece_bytes = min_piece_bytes
        self._pieces: list[asyncio.Task[str]] = []  # kept, in the order spoken
        self._starts: list[int] = []  # where each kept piece starts in the turn
        self._covered = 0  # bytes of the turn the kept pieces cover
        self._trial: tuple[int, asyncio.Task[str]] | None = None  # up to the latest pause

    def paused(self, turn: bytes) -> None:
        """The player fell silent after ``turn`` (the audio so far): hear what is new in it."""
        self._drop_trial()
        if self._pieces and self._pieces[-1].done():
            self._reopen_a_figure()
        end = len(turn) - len(turn) % 2
        if end > self._covered:
            task = self._tasks.spawn(
                self._piece(turn[self._covered : end], list(self._pieces)), "heard-piece"
            )
            self._trial = (end, task)

    def resumed(self) -> None:
        """The player spoke on after the pause: a long enough trial is kept as a piece."""
        if self._trial is None:
            return
        end, task = self._trial
        if end - self._covered < self._min_piece_bytes:
            self._drop_trial()
            return
        self._trial = None
        self._pieces.append(task)
        self._starts.append(self._covered)
        self._covered = end

    async def text(self, turn: bytes) -> str:
        """The whole turn's words. A trial the player did not speak on from stands for the rest:
        what came after its pause was silence (the detector would have said ``resumed``)."""
        end = len(turn) - len(turn) % 2
        if self._trial is not None:
            end, trial = self._trial
            self._trial = None
            if self._pieces:
                await asyncio.wait({self._pieces[-1]})
            if self._reopen_a_figure():
                trial.cancel()  # heard again from the reopened piece's start
            else:
                self._pieces.append(trial)
                self._covered = end
        elif self._pieces:
            await asyncio.wait({self._pieces[-1]})
            self._reopen_a_figure()
        if end > self._covered or not self._pieces:
            rest = turn[self._covered : end]
            self._pieces.append(self._tasks.spawn(self._piece(rest, list(self._pieces)), "heard-rest"))
        await asyncio.wait(self._pieces)
        if any(piece.cancelled() for piece in self._pieces):
            # Stopped by someone else (the show is ending): a failure to hear, never a turn left
            # waiting for its verdict.
            raise TranscriptionError("a piece of the turn was stopped before it was heard")
        return _joined([piece.result() for piece in self._pieces])

    def _reopen_a_figure(self) -> bool:
        """The last kept piece, if done and ending in a figure, is dropped: what it covered is heard
        again with what follows it."""
        last = self._pieces[-1] if self._pieces else None
        if last is None or not last.done() or last.cancelled() or last.exception() is not None:
            return False
        if not last.result().rstrip(" .,;:!?")[-1:].isdigit():
            return False
        self._pieces.pop()
        self._covered = self._starts.pop()
        return True

    def cancel(self) -> None:
        """The turn is heard another way (or not at all): stop what is still being heard."""
        self._drop_trial()
        for piece in self._pieces:
            piece.cancel()
        self._pieces = []
        self._starts = []

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
