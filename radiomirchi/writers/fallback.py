"""The one writer-fallback policy: the primary writer (Gemini or an OpenAI-compatible server)
answers a call unless it fails, misses that call's deadline, or its model is cooling down; then the
offline writer answers it.

Each call type has its deadline (``Settings``): creating a mission, writing the briefing, a
dialogue batch during a live show, and an interjection turn (``interjection_budget_seconds``),
where the player waits in silence. The deadline is enforced here and published to the primary
(``writers.deadline``), so that it never starts a retry or a 429's wait it cannot afford.
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from collections.abc import Awaitable, Callable, Mapping
from typing import TypeVar

from radiomirchi.config import Settings
from radiomirchi.game.writer_port import Briefing, DialogueContext, ScriptWriter
from radiomirchi.schemas import (
    DialogueBatch,
    InterjectionTurn,
    MissionId,
    PropagandaMission,
    Verdict,
    WrittenMission,
)
from radiomirchi.writers.base import WriterCoolingDown, WriterMisconfigured
from radiomirchi.writers.deadline import CallKind, call_deadline

log = logging.getLogger(__name__)

ResultT = TypeVar("ResultT")
# Announced once where they start (the cool-down, the provider's refusal): quiet per call.
_ANNOUNCED_ELSEWHERE = (WriterCoolingDown, WriterMisconfigured)


def deadlines_from(settings: Settings) -> dict[CallKind, float]:
    return {
        CallKind.mission: settings.mission_deadline_seconds,
        CallKind.briefing: settings.briefing_deadline_seconds,
        CallKind.dialogue: settings.dialogue_deadline_seconds,
        CallKind.judge: settings.interjection_budget_seconds,
    }


class FallbackWriter:
    def __init__(
        self,
        primary: ScriptWriter,
        fallback: ScriptWriter,
        deadlines: Mapping[CallKind, float] | None = None,
    ) -> None:
        self._primary = primary
        self._fallback = fallback
        self._deadlines = dict(deadlines or deadlines_from(Settings(_env_file=None)))
        # Per call type: "mission", "briefing", "dialogue", "judge" (what /health reports).
        self.fallbacks: Counter[str] = Counter()

    @property
    def name(self) -> str:
        return f"{self._primary.name} (fallback: {self._fallback.name})"

    def problems(self) -> list[str]:
        """What operators must fix in the primary (a bad key, an unknown model), secrets redacted."""
        problems = getattr(self._primary, "problems", None)
        return list(problems()) if callable(problems) else []

    async def generate_initial_propaganda(self, topic: str, mission_id: MissionId) -> WrittenMission:
        return await self._answer(
            CallKind.mission,
            lambda: self._primary.generate_initial_propaganda(topic, mission_id),
            lambda: self._fallback.generate_initial_propaganda(topic, mission_id),
        )

    async def generate_unified_dialogue_prompt(self, mission: PropagandaMission) -> Briefing:
        return await self._answer(
            CallKind.briefing,
            lambda: self._primary.generate_unified_dialogue_prompt(mission),
            lambda: self._fallback.generate_unified_dialogue_prompt(mission),
        )

    async def generate_dialogue(self, mission: PropagandaMission, context: DialogueContext) -> DialogueBatch:
        return await self._answer(
            CallKind.dialogue,
            lambda: self._primary.generate_dialogue(mission, context),
            lambda: self._fallback.generate_dialogue(mission, context),
        )

    async def answer_interjection(
        self, mission: PropagandaMission, context: DialogueContext, verdict: Verdict
    ) -> InterjectionTurn:
        return await self._answer(
            CallKind.judge,
            lambda: self._primary.answer_interjection(mission, context, verdict),
            lambda: self._fallback.answer_interjection(mission, context, verdict),
        )

    async def _answer(
        self,
        kind: CallKind,
        primary: Callable[[], Awaitable[ResultT]],
        fallback: Callable[[], Awaitable[ResultT]],
    ) -> ResultT:
        seconds = self._deadlines[kind]
        try:
            with call_deadline(seconds):
                async with asyncio.timeout(seconds):
                    return await primary()
        except TimeoutError:
            self._note_fallback(kind, f"no answer within its {seconds:g} s deadline")
        except _ANNOUNCED_ELSEWHERE as exc:
            self.fallbacks[kind.value] += 1
            log.debug("%s: the offline writer answers the %s (%s)", self._primary.name, kind, exc)
        except Exception as exc:  # whatever the primary raises, the show goes on
            self._note_fallback(kind, str(exc) or type(exc).__name__)
        return await fallback()

    def _note_fallback(self, kind: CallKind, reason: str) -> None:
        self.fallbacks[kind.value] += 1
        log.warning(
            "%s failed for the %s; %s writes it instead: %s",
            self._primary.name,
            kind,
            self._fallback.name,
            reason,
        )
