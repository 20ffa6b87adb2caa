"""A writer that tries a primary (Gemini) and falls back to the offline writer for that call."""

from __future__ import annotations

import logging
from collections import Counter

from radiomirchi.schemas import (
    DialogueBatch,
    InterjectionTurn,
    MissionId,
    PropagandaMission,
    Verdict,
    WrittenMission,
)
from radiomirchi.writers.base import Briefing, ScriptWriter, WriterError
from radiomirchi.writers.dialogue import DialogueContext

log = logging.getLogger(__name__)


class FallbackWriter:
    def __init__(self, primary: ScriptWriter, fallback: ScriptWriter) -> None:
        self._primary = primary
        self._fallback = fallback
        self.fallbacks: Counter[str] = Counter()

    @property
    def name(self) -> str:
        return f"{self._primary.name} (fallback: {self._fallback.name})"

    async def generate_initial_propaganda(self, topic: str, mission_id: MissionId) -> WrittenMission:
        try:
            return await self._primary.generate_initial_propaganda(topic, mission_id)
        except WriterError as exc:
            self._note_fallback("mission", exc)
            return await self._fallback.generate_initial_propaganda(topic, mission_id)

    async def generate_unified_dialogue_prompt(self, mission: PropagandaMission) -> Briefing:
        try:
            return await self._primary.generate_unified_dialogue_prompt(mission)
        except WriterError as exc:
            self._note_fallback("briefing", exc)
            return await self._fallback.generate_unified_dialogue_prompt(mission)

    async def generate_dialogue(self, mission: PropagandaMission, context: DialogueContext) -> DialogueBatch:
        try:
            return await self._primary.generate_dialogue(mission, context)
        except WriterError as exc:
            self._note_fallback("dialogue", exc)
            return await self._fallback.generate_dialogue(mission, context)

    async def answer_interjection(
        self, mission: PropagandaMission, context: DialogueContext, verdict: Verdict
    ) -> InterjectionTurn:
        try:
            return await self._primary.answer_interjection(mission, context, verdict)
        except WriterError as exc:
            self._note_fallback("judge", exc)
            return await self._fallback.answer_interjection(mission, context, verdict)

    def _note_fallback(self, stage: str, exc: WriterError) -> None:
        self.fallbacks[stage] += 1
        log.warning(
            "%s failed for the %s; %s writes it instead: %s",
            self._primary.name,
            stage,
            self._fallback.name,
            exc,
        )
