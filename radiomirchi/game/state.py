"""A show's state, pure and typed: lines heard, interjections judged, listeners, strikes, time, ending.

No I/O and no clock: every change is a method that returns what changed, for the show loop to
store and announce. It can be driven by a unit test line by line.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from radiomirchi.game import balance, rules, writer_port
from radiomirchi.game.writer_port import DialogueContext, build_context
from radiomirchi.schemas import (
    DialogueLine,
    HostLineEntry,
    InterjectionEntry,
    PropagandaMission,
    ShowOutcome,
    ShowProgress,
    TranscriptEntry,
    Verdict,
)

WIN_REASON = "Half the audience is awake: the station lost control."
STRIKES_REASON = "Three strikes: the station cut your line."
TIME_REASON = "The broadcast ran out of time."
LEFT_REASON = "You left the broadcast."
# The same endings as a listener hears them: the player is "the caller" to them.
LISTENER_REASONS = {
    STRIKES_REASON: "Three strikes: the station cut the caller's line.",
    LEFT_REASON: "The caller left the broadcast.",
}


@dataclass(frozen=True, slots=True)
class Ending:
    """The show is decided. A win still gets the hosts' closing line before the end is announced."""

    outcome: ShowOutcome
    closing_line: bool


@dataclass(frozen=True, slots=True)
class LineRecorded:
    entry: HostLineEntry
    progress: ShowProgress


@dataclass(frozen=True, slots=True)
class VerdictApplied:
    entry: InterjectionEntry
    progress: ShowProgress
    target: int
    ending: Ending | None


class ShowState:
    def __init__(
        self,
        mission: PropagandaMission,
        entries: Sequence[TranscriptEntry],
        *,
        show_seconds: float,
        win_fraction: float,
    ) -> None:
        self.mission = mission
        self.entries: list[TranscriptEntry] = list(entries)
        self._show_seconds = show_seconds
        self._win_fraction = win_fraction
        self._progress = mission.progress()
        self.ending: Ending | None = None
        # Which batch the writer is on: it varies its beats by this.
        self.batches_written = sum(1 for e in self.entries if isinstance(e, HostLineEntry)) // (
            balance.MIN_BATCH_LINES + 1
        )

    # --- reading ---

    @property
    def progress(self) -> ShowProgress:
        return self._progress

    @property
    def initial_listeners(self) -> int:
        return self.mission.generation_result.initial_listeners

    @property
    def target(self) -> int:
        return rules.target_listeners(self.initial_listeners, self._win_fraction)

    @property
    def next_line_id(self) -> int:
        return self._progress.lines_broadcast

    def seconds_left(self, playing_seconds: float = 0.0) -> float:
        """Broadcast time left, counting the part of the current line already played."""
        return self._show_seconds - self._progress.broadcast_seconds - playing_seconds

    def awakened_share(self) -> float:
        return self._progress.awakened_listeners / self.initial_listeners

    def rattled(self) -> bool:
        return self.awakened_share() >= balance.RATTLED_FRACTION

    def interjections(self) -> list[InterjectionEntry]:
        return [e for e in self.entries if isinstance(e, InterjectionEntry)]

    def used_proofs(self) -> Counter[int]:
        return Counter(e.proof_index for e in self.interjections() if e.proof_index is not None)

    def caller_said(self, interjection: InterjectionEntry | None = None) -> list[str]:
        """Everything the caller has said in the show, oldest first (``interjection`` last)."""
        said = [e.text for e in self.interjections()]
        return [*said, interjection.text] if interjection is not None else said

    def caller_verdicts(self, interjection: InterjectionEntry | None = None) -> list[str]:
        """The verdict kind on each of ``caller_said``, in the same order."""
        kinds = [e.verdict_kind for e in self.interjections()]
        return [*kinds, interjection.verdict_kind] if interjection is not None else kinds

    def recent_host_lines(self, count: int = 6) -> list[str]:
        return [e.heard_text for e in self.entries[-count:] if isinstance(e, HostLineEntry)]

    def context(
        self,
        *,
        queued: Sequence[DialogueLine] = (),
        interjection: InterjectionEntry | None = None,
        closing: bool = False,
        playing_seconds: float = 0.0,
    ) -> DialogueContext:
        """What the writer sees; ``queued`` lines are written but not yet heard: treat them as said."""
        as_said = [
            HostLineEntry(
                seq=0, line_id=0, speaker=line.speaker, text=line.text, heard_text=line.text, audio_seconds=0
            )
            for line in queued
        ]
        return build_context(
            [*self.entries, *as_said],
            summary=self._progress.show_summary,
            batch_index=self.batches_written,
            interjection=interjection,
            seconds_left=None if closing else self.seconds_left(playing_seconds),
            rattled=self.rattled(),
            closing=closing,
            caller_said=self.caller_said(interjection),
            caller_verdicts=self.caller_verdicts(interjection),
            awakened_share=self.awakened_share(),
        )

    # --- changes ---

    def record_line(
        self,
        line: DialogueLine,
        writer: str,
        *,
        heard_seconds: float,
        total_seconds: float | None,
        interrupted: bool,
    ) -> LineRecorded:
        """A host line went out; ``heard_seconds`` is how much of it was played to the listener."""
        heard = rules.heard_text(line.text, heard_seconds, total_seconds) if interrupted else line.text
        entry = HostLineEntry(
            seq=self._next_seq(),
            line_id=self._progress.lines_broadcast,
            speaker=line.speaker,
            text=line.text,
            heard_text=heard,
            interrupted=interrupted,
            audio_seconds=round(heard_seconds, 3),
            writer=writer,
        )
        self.entries.append(entry)
        # Once the show is decided its score is kept: a line heard after that (the one the deciding
        # break-in cut, a closing line) no longer drifts the audience, so the meter ends at the score.
        awakened = self._progress.awakened_listeners
        if self.ending is None:
            awakened = rules.drift(awakened, self.initial_listeners)
        self._progress = self._progress.model_copy(
            update={
                "lines_broadcast": entry.line_id + 1,
                "broadcast_seconds": self._progress.broadcast_seconds + heard_seconds,
                "awakened_listeners": awakened,
            }
        )
        return LineRecorded(entry, self._progress)

    def new_interjection(self, text: str, source: Literal["text", "voice"]) -> InterjectionEntry:
        """The caller's words, not yet judged (what the writer sees while it answers)."""
        return InterjectionEntry(seq=self._next_seq(), source=source, text=text)

    def apply_verdict(
        self, interjection: InterjectionEntry, verdict: Verdict, *, audio_seconds: float
    ) -> VerdictApplied:
        """The judge ruled: move the audience, count a strike, and decide the show if it is decided."""
        change = rules.clamp_change(verdict.change)
        awakened = rules.apply_change(self._progress.awakened_listeners, self.initial_listeners, change)
        strikes = self._progress.strikes + int(verdict.strike)
        entry = interjection.model_copy(
            update={
                "seq": self._next_seq(),
                "audio_seconds": round(audio_seconds, 3),
                "change": change,
                "reason": verdict.reason,
                "strike": verdict.strike,
                "verdict_kind": verdict.kind,
                "proof_index": verdict.proof_index,
                "awakened_listeners": awakened,
            }
        )
        self.entries.append(entry)
        self.batches_written += 1
        self._progress = self._progress.model_copy(
            update={"awakened_listeners": awakened, "strikes": strikes}
        )
        ending = None
        if strikes >= balance.MAX_STRIKES:
            ending = self.finish(won=False, reason=STRIKES_REASON)
        elif awakened >= self.target:
            ending = self.finish(won=True, reason=WIN_REASON, closing_line=True)
        return VerdictApplied(entry, self._progress, self.target, ending)

    def wrote_batch(self) -> None:
        self.batches_written += 1

    def keep_summary(self, summary: str) -> ShowProgress | None:
        """The writer's new running summary; None when there is nothing new to keep."""
        summary = summary[-writer_port.SUMMARY_MAX_CHARS :]
        if not summary or summary == self._progress.show_summary:
            return None
        self._progress = self._progress.model_copy(update={"show_summary": summary})
        return self._progress

    def finish(
        self, *, won: bool, reason: str, closing_line: bool = False, playing_seconds: float = 0.0
    ) -> Ending:
        """Decide the show (the first decision stands) and score it now."""
        if self.ending is None:
            score = rules.score(self._progress.awakened_listeners, won, self.seconds_left(playing_seconds))
            outcome = ShowOutcome(result="won" if won else "lost", end_reason=reason, score=score)
            self.ending = Ending(outcome, closing_line)
        return self.ending

    def _next_seq(self) -> int:
        return (self.entries[-1].seq + 1) if self.entries else 1
