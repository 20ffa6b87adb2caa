"""The game's port for script writers: what a writer is asked (ScriptWriter), the briefing it
returns, and the bounded context of the show it sees. Writers (offline, Gemini ...) implement it;
the game only ever holds a writer through it, handed in by the composition root."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from radiomirchi.schemas import (
    DialogueBatch,
    InterjectionEntry,
    InterjectionTurn,
    MissionId,
    PropagandaMission,
    TranscriptEntry,
    Verdict,
    WrittenMission,
)

# The prompt sees this many recent entries; older ones live on only in the running summary.
RECENT_ENTRIES = 12
# The running summary the writer keeps is cut to this many characters.
SUMMARY_MAX_CHARS = 600


@dataclass(frozen=True)
class DialogueContext:
    """The bounded history a writer sees: recent entries, a running summary, and what to answer."""

    recent: Sequence[TranscriptEntry] = ()
    summary: str = ""
    batch_index: int = 0
    interjection: InterjectionEntry | None = None
    seconds_left: float | None = None
    rattled: bool = False
    closing: bool = False
    # Everything the caller said in the whole show, oldest first (the current break-in last).
    caller_said: tuple[str, ...] = ()
    # The judge's verdict kind on each of those, in the same order ("" where none is known): a
    # writer that reads the calls again reads them as it did when it answered them.
    caller_verdicts: tuple[str, ...] = ()
    # The share of the audience awake, 0..1: the hosts get more defensive as it grows.
    awakened_share: float = 0.0


def build_context(
    entries: Sequence[TranscriptEntry],
    *,
    summary: str,
    batch_index: int,
    interjection: InterjectionEntry | None = None,
    seconds_left: float | None = None,
    rattled: bool = False,
    closing: bool = False,
    caller_said: Sequence[str] = (),
    caller_verdicts: Sequence[str] = (),
    awakened_share: float = 0.0,
) -> DialogueContext:
    return DialogueContext(
        recent=tuple(entries[-RECENT_ENTRIES:]),
        summary=summary[-SUMMARY_MAX_CHARS:],
        batch_index=batch_index,
        interjection=interjection,
        seconds_left=seconds_left,
        rattled=rattled,
        closing=closing,
        caller_said=tuple(caller_said),
        caller_verdicts=tuple(caller_verdicts),
        awakened_share=awakened_share,
    )


@dataclass(frozen=True, slots=True)
class Briefing:
    """Stage 2's "Show & Character Briefing" and the writer that produced it."""

    text: str
    writer: str


class ScriptWriter(Protocol):
    """Invents a station from a topic (Stage 1) and writes its show briefing (Stage 2)."""

    @property
    def name(self) -> str: ...

    async def generate_initial_propaganda(self, topic: str, mission_id: MissionId) -> WrittenMission:
        """Stage 1. ``topic`` may be empty or ``"any"``: the writer then invents one.

        ``mission_id`` seeds procedural writers so that a mission replays the same way.
        """
        ...

    async def generate_unified_dialogue_prompt(self, mission: PropagandaMission) -> Briefing:
        """Stage 2: the briefing that steers every later dialogue batch."""
        ...

    async def generate_dialogue(self, mission: PropagandaMission, context: DialogueContext) -> DialogueBatch:
        """The show's next 3-6 lines (one flustered line when ``context.closing``), cleaned."""
        ...

    async def answer_interjection(
        self, mission: PropagandaMission, context: DialogueContext, verdict: Verdict
    ) -> InterjectionTurn:
        """Judge a break-in (``verdict`` is the offline judge's view) and write the hosts' reply.

        ``context.interjection`` holds the caller's words. An LLM may refine the verdict; it may not
        be more lenient than the offline judge on hostility or hijack attempts.
        """
        ...
