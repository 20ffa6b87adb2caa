"""The shapes the LLM must fill (``response_schema``), kept loose on purpose.

Gemini's schema dialect supports few constraints, so ranges, counts and uniqueness are checked
afterwards by the strict domain models in ``radiomirchi.schemas``.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from radiomirchi.game.balance import CHANGE_MAX_POINTS, CHANGE_MIN_POINTS


class LLMSpeaker(BaseModel):
    name: str = Field(description="Full name of the host, unique within the show.")
    gender: str = Field(description="Exactly 'male' or 'female'.")
    role: str = Field(description="The host's role on the show, e.g. 'Lead anchor'.")
    background: str = Field(description="One sentence of backstory.")


class LLMMission(BaseModel):
    topic: str = Field(description="The topic of the broadcast, as a short noun phrase.")
    station_name: str = Field(description="The radio station's name and frequency.")
    summary: str = Field(description="The official narrative, 2-3 persuasive sentences.")
    proof_sentences: list[str] = Field(
        description="3-5 specific, checkable-sounding facts that contradict the narrative."
    )
    speakers: list[LLMSpeaker] = Field(description="2-4 hosts.")
    initial_listeners: int = Field(description="Audience size between 50000 and 250000.")


class LLMLine(BaseModel):
    speaker: str = Field(description="Exactly one of the hosts' names.")
    text: str = Field(description="What the host says aloud, at most 40 words, no stage directions.")


class LLMDialogue(BaseModel):
    lines: list[LLMLine] = Field(description="The next lines of the show, in order.")
    summary: str = Field(description="The running summary of the whole show so far, at most 80 words.")


class LLMTurn(BaseModel):
    """The seed's DialogueTurn: the judge's ruling on a break-in and the hosts' answer to it."""

    awakened_listeners_change: float = Field(
        description=(
            "Percentage points of the audience the caller woke up "
            f"({CHANGE_MIN_POINTS:+.0f} to {CHANGE_MAX_POINTS:+.0f})."
        )
    )
    reason: str = Field(description="One short sentence for the caller: why the listeners reacted so.")
    strike: bool = Field(description="True if the caller was hostile or off-topic.")
    lines: list[LLMLine] = Field(description="The hosts' next 2-5 lines, answering the caller in character.")
    summary: str = Field(description="The running summary of the whole show so far, at most 80 words.")


class LLMBriefing(BaseModel):
    briefing: str = Field(description="The full Show & Character Briefing, plain text.")
