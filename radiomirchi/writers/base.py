"""The script-writer Protocol that every writer (offline, Gemini) fulfils."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from radiomirchi.schemas import (
    DialogueBatch,
    InterjectionTurn,
    MissionId,
    PropagandaMission,
    Verdict,
    WrittenMission,
)
from radiomirchi.writers.dialogue import DialogueContext


class WriterError(Exception):
    """A writer could not produce a valid result (after its own retries)."""


class WriterCoolingDown(WriterError):
    """The model is cooling down after a rate limit: no request was sent."""


class WriterMisconfigured(WriterError):
    """The provider refused the request itself (bad key, unknown model): the operator must act."""


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
