"""The four calls every LLM writer makes, apart from any vendor: what each asks and how its answer
is checked.

A writer sends ``system`` and ``prompt`` with ``schema`` as the shape to fill, and hands the
parsed reply to ``validate``, which returns the domain object or raises ``ValueError`` (or
``ValidationError``) when the reply breaks a rule; the writer counts that as a failed attempt.
Lines pass ``clean_batch`` (known hosts only, no proof read out); the game's admission gate checks
tone and secrets again for every writer.

Every call knows the story's kind and the station's stance on it (``game/story_kinds.json``), and a
show's batches follow the segments every writer shares (``game/show_segments.json``) in an order
of the show's own, with the hosts asking and answering each other.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from pydantic import BaseModel

from radiomirchi.game.show_segments import SEGMENTS, running_order, segment_for
from radiomirchi.game.story_things import story_things
from radiomirchi.game.topic_kinds import STORY_KINDS, StoryKind
from radiomirchi.schemas import (
    DialogueBatch,
    DialogueLine,
    InterjectionTurn,
    PropagandaGenerationResult,
    PropagandaMission,
    Verdict,
    mission_seed,
)
from radiomirchi.writers import prompts
from radiomirchi.writers.deadline import CallKind
from radiomirchi.writers.dialogue import MIN_BATCH_LINES, DialogueContext, clean_batch, describe_entry
from radiomirchi.writers.llm_schemas import LLMBriefing, LLMDialogue, LLMLine, LLMMission, LLMTurn
from radiomirchi.writers.story_kind import story_kind_of
from radiomirchi.writers.topic_text import speakable_parts
from radiomirchi.writers.topics import normalise_topic, story_of, wants_invented_topic

ReplyT = TypeVar("ReplyT", bound=BaseModel)
ResultT = TypeVar("ResultT")

MIN_REPLY_LINES = 2
MIN_BRIEFING_CHARS = 80


@dataclass(frozen=True)
class LLMCall(Generic[ReplyT, ResultT]):
    """One request to a model: its prompts, the shape it must fill, and the check of its answer."""

    kind: CallKind
    system: str
    prompt: str
    schema: type[ReplyT]
    validate: Callable[[ReplyT], ResultT]


class ValidatedMission(BaseModel):
    """A mission the model wrote, checked by the strict domain model; ``topic`` as the model gave it."""

    topic: str
    result: PropagandaGenerationResult


def asked_topic(topic: str) -> str:
    """The player's topic as the prompt states it; empty when the model should invent one."""
    return "" if wants_invented_topic(topic) else normalise_topic(topic)


async def story_for(topic: str) -> StoryKind:
    """What the prompts say about a topic's story: its kind (generic for a topic to invent)."""
    asked = asked_topic(topic)
    return await story_kind_of(story_of(asked), " ".join(speakable_parts(asked)))


async def mission_story(mission: PropagandaMission) -> StoryKind:
    """The mission's story kind as read when it was written; read again for a mission stored before
    the kind was kept."""
    if mission.story_kind in STORY_KINDS:
        return STORY_KINDS[mission.story_kind]
    return await story_for(mission.topic)


def story_note(story: StoryKind) -> str:
    return prompts.STORY_NOTE.format(about=story.about, stance=story.stance_note)


def mission_things(mission: PropagandaMission, story: StoryKind) -> tuple[str, ...]:
    """The things and people the hosts may name: the story's own event's and its kind's, read from
    the topic in English as the offline writer reads it (a Hinglish topic's "aag" is a fire)."""
    return story_things(story_of(mission.topic) or mission.topic, story.name)


def story_words(mission: PropagandaMission, story: StoryKind) -> str:
    return prompts.STORY_WORDS.format(words=", ".join(mission_things(mission, story)))


def mission_call(topic: str, story: StoryKind) -> LLMCall[LLMMission, ValidatedMission]:
    """``story``: the asked topic's kind (the generic kind when the model is to invent one)."""
    return LLMCall(
        kind=CallKind.mission,
        system=prompts.MISSION_SYSTEM,
        prompt=prompts.MISSION_USER.format(topic=asked_topic(topic) or "any", story=story_note(story)),
        schema=LLMMission,
        validate=mission_from_reply,
    )


def briefing_call(mission: PropagandaMission, story: StoryKind) -> LLMCall[LLMBriefing, str]:
    result = mission.generation_result
    hosts = "\n".join(
        prompts.HOST_LINE.format(name=s.name, gender=s.gender.value, role=s.role, background=s.background)
        for s in result.speakers
    )
    return LLMCall(
        kind=CallKind.briefing,
        system=prompts.BRIEFING_SYSTEM,
        prompt=prompts.BRIEFING_USER.format(
            station_name=result.station_name,
            topic=mission.topic,
            summary=result.summary,
            hosts=hosts,
            proofs="\n".join(f"- {p}" for p in result.proof_sentences),
            story=story_note(story),
            words=story_words(mission, story),
            segments="; ".join(
                f"{name}: {SEGMENTS.descriptions[name].format(words='the story')}"
                for name in running_order(mission_seed(mission.id))
            ),
        ),
        schema=LLMBriefing,
        validate=briefing_from_reply,
    )


def dialogue_call(
    mission: PropagandaMission, context: DialogueContext, writer: str, story: StoryKind
) -> LLMCall[LLMDialogue, DialogueBatch]:
    """The show's next batch (one flustered line when closing), signed by ``writer``."""
    minimum = 1 if context.closing else MIN_BATCH_LINES

    def validate(reply: LLMDialogue) -> DialogueBatch:
        lines = _clean(reply.lines, mission)
        if len(lines) < minimum:
            raise ValueError(f"only {len(lines)} usable lines of {len(reply.lines)}")
        return DialogueBatch(
            lines=lines[:1] if context.closing else lines, summary=reply.summary.strip(), writer=writer
        )

    return LLMCall(
        kind=CallKind.dialogue,
        system=dialogue_system(mission, story),
        prompt=dialogue_prompt(mission, context, dialogue_instruction(mission, context, story)),
        schema=LLMDialogue,
        validate=validate,
    )


def interjection_call(
    mission: PropagandaMission, context: DialogueContext, writer: str, story: StoryKind
) -> LLMCall[LLMTurn, InterjectionTurn]:
    """The ruling on a break-in and the hosts' answer to it, in one reply."""

    def validate(reply: LLMTurn) -> InterjectionTurn:
        lines = _clean(reply.lines, mission)
        if len(lines) < MIN_REPLY_LINES:
            raise ValueError(f"only {len(lines)} usable reply lines of {len(reply.lines)}")
        batch = DialogueBatch(lines=lines, summary=reply.summary.strip(), writer=writer)
        return InterjectionTurn(verdict=ruling(reply), batch=batch)

    instruction = f"{dialogue_instruction(mission, context, story)}\n\n{prompts.JUDGE_INSTRUCTION}"
    return LLMCall(
        kind=CallKind.judge,
        system=dialogue_system(mission, story),
        prompt=dialogue_prompt(mission, context, instruction),
        schema=LLMTurn,
        validate=validate,
    )


def dialogue_system(mission: PropagandaMission, story: StoryKind) -> str:
    return prompts.DIALOGUE_SYSTEM.format(
        briefing=mission.dialogue_generator_prompt or mission.generation_result.summary,
        story=story_note(story),
        words=story_words(mission, story),
    )


def dialogue_prompt(mission: PropagandaMission, context: DialogueContext, instruction: str) -> str:
    return prompts.DIALOGUE_USER.format(
        hosts=", ".join(speaker.name for speaker in mission.generation_result.speakers),
        summary=context.summary or "(the show has just begun)",
        recent="\n".join(describe_entry(entry) for entry in context.recent) or "(none yet)",
        instruction=instruction,
    )


def dialogue_instruction(mission: PropagandaMission, context: DialogueContext, story: StoryKind) -> str:
    count = random.randint(MIN_BATCH_LINES, 5)
    if context.closing:
        return prompts.DIALOGUE_CLOSING
    if context.interjection is not None:
        return prompts.DIALOGUE_ANSWER_CALLER.format(
            interjection=context.interjection.text.replace('"', "'"),
            count=count,
            mood=prompts.DIALOGUE_RATTLED if context.rattled else "",
        )
    if context.batch_index == 0:
        return prompts.DIALOGUE_OPEN.format(count=count, interplay=SEGMENTS.interplay)
    segment = SEGMENTS.descriptions[segment_for(mission_seed(mission.id), context.batch_index)]
    return prompts.DIALOGUE_CONTINUE.format(
        count=count,
        segment=segment.format(words=", ".join(mission_things(mission, story)[:3])),
        interplay=SEGMENTS.interplay,
    )


def ruling(reply: LLMTurn) -> Verdict:
    """The model's ruling as it gave it: untrusted, the game holds it to the offline judge."""
    if not math.isfinite(reply.awakened_listeners_change):
        raise ValueError("the change is not a number")
    reason = " ".join(reply.reason.split())[:240]
    return Verdict(change=reply.awakened_listeners_change, reason=reason, strike=reply.strike, kind="llm")


def mission_from_reply(reply: LLMMission) -> ValidatedMission:
    result = PropagandaGenerationResult.model_validate(
        {
            "station_name": reply.station_name.strip() or "Radio Mirchi",
            "summary": reply.summary,
            "proof_sentences": reply.proof_sentences,
            "speakers": [speaker.model_dump() for speaker in reply.speakers],
            "initial_listeners": reply.initial_listeners,
        }
    )
    return ValidatedMission(topic=reply.topic, result=result)


def briefing_from_reply(reply: LLMBriefing) -> str:
    text = reply.briefing.strip()
    if len(text) < MIN_BRIEFING_CHARS:
        raise ValueError("briefing is too short to steer a show")
    return text


def _clean(lines: list[LLMLine], mission: PropagandaMission) -> list[DialogueLine]:
    result = mission.generation_result
    return clean_batch(
        [DialogueLine(speaker=line.speaker, text=line.text) for line in lines],
        result.speakers,
        result.proof_sentences,
    )
