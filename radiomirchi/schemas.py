"""Domain and API models.

The names and fields marked compat in ``docs/PROTOCOL.md`` (``Speaker``, ``PropagandaGenerationResult``,
``PropagandaMission``) are the contract with the production front end: add fields, never rename.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from enum import StrEnum
from typing import Annotated, Literal

from bson import ObjectId
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_serializer,
    field_validator,
    model_validator,
)

MIN_SPEAKERS = 2
MAX_SPEAKERS = 4
MIN_PROOF_SENTENCES = 3
MAX_PROOF_SENTENCES = 5
MAX_LINE_WORDS = 40
MIN_LISTENERS = 50_000
MAX_LISTENERS = 250_000
USER_ID_PATTERN = r"^[A-Za-z0-9_.@-]{1,64}$"
TOPIC_MAX_CHARS = 200


MISSION_ID_PATTERN = r"^[0-9a-f]{24}$"

# A mission's id: the 24 lowercase hex characters of a MongoDB ObjectId, because the production
# front end converts it with ``new ObjectId(id)`` and reads the mission from MongoDB by it. Every
# module names it by this alias, so its representation has one home.
MissionId = Annotated[str, StringConstraints(pattern=MISSION_ID_PATTERN)]


def new_mission_id() -> MissionId:
    return str(ObjectId())


def parse_mission_id(raw: object) -> MissionId | None:
    """A mission id from outside (a path, a form); None for anything that cannot be one.

    Hex digits in either case are the same ObjectId; the id is always given back in lowercase.
    """
    text = str(raw).strip().lower()
    return text if re.fullmatch(MISSION_ID_PATTERN, text) else None


def mission_seed(mission_id: MissionId) -> int:
    """The id as a number, to seed a mission's writer and voices: the same id, the same choices."""
    return int(mission_id, 16)


def utc_now() -> datetime:
    """Now, in UTC, to the millisecond: BSON dates keep no more, so both stores agree exactly."""
    now = datetime.now(UTC)
    return now.replace(microsecond=now.microsecond // 1000 * 1000)


class Gender(StrEnum):
    male = "male"
    female = "female"


class MissionStatus(StrEnum):
    stage1 = "stage1"
    stage2 = "stage2"
    live = "live"
    won = "won"
    lost = "lost"
    failed = "failed"

    @property
    def is_final(self) -> bool:
        return self in (MissionStatus.won, MissionStatus.lost, MissionStatus.failed)


NonEmptyText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class Speaker(BaseModel):
    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=60)]
    gender: Gender
    role: NonEmptyText
    background: NonEmptyText


class PropagandaGenerationResult(BaseModel):
    station_name: str = Field(default="Radio Mirchi", description="Extension: the station's name.")
    summary: NonEmptyText
    proof_sentences: list[NonEmptyText] = Field(
        min_length=MIN_PROOF_SENTENCES, max_length=MAX_PROOF_SENTENCES
    )
    speakers: list[Speaker] = Field(min_length=MIN_SPEAKERS, max_length=MAX_SPEAKERS)
    initial_listeners: int = Field(ge=MIN_LISTENERS, le=MAX_LISTENERS)
    awakened_listeners: int = Field(default=0, ge=0)

    @field_validator("speakers")
    @classmethod
    def _unique_speaker_names(cls, speakers: list[Speaker]) -> list[Speaker]:
        names = [speaker.name.casefold() for speaker in speakers]
        if len(set(names)) != len(names):
            raise ValueError("speaker names must be unique within a mission")
        return speakers

    @field_validator("proof_sentences")
    @classmethod
    def _unique_proof_sentences(cls, sentences: list[str]) -> list[str]:
        normalised = [re.sub(r"\W+", " ", sentence).strip().casefold() for sentence in sentences]
        if len(set(normalised)) != len(normalised):
            raise ValueError("proof sentences must all be different")
        return sentences

    @model_validator(mode="after")
    def _awakened_within_audience(self) -> PropagandaGenerationResult:
        if self.awakened_listeners > self.initial_listeners:
            raise ValueError("awakened_listeners cannot exceed initial_listeners")
        return self


class PropagandaMission(BaseModel):
    model_config = ConfigDict(use_enum_values=False)

    id: MissionId = Field(default_factory=new_mission_id)
    user_id: str
    topic: str
    # Read once, from the topic as typed: the kind of a story told in part of a topic depends on
    # the rest of it ("chemistry practicals next month and our school lab has nothing but ..." is
    # education; "chemistry practicals next month" alone is not), and the show is written from the
    # story alone. None on missions stored before it was kept: the story is read again.
    story_kind: str | None = None
    status: MissionStatus = MissionStatus.stage1
    generation_result: PropagandaGenerationResult
    dialogue_generator_prompt: str | None = None
    # Extensions: provenance, failures and the game's state.
    writer: str = Field(description="Which script writer produced Stage 1, e.g. 'offline'.")
    briefing_writer: str | None = Field(default=None, description="Which writer produced Stage 2.")
    failure_reason: str | None = None
    # The game's progress: its own typed fields, never inside the writer's generation_result.
    awakened_listeners: int = Field(default=0, ge=0, description="Listeners woken so far.")
    strikes: int = 0
    result: Literal["won", "lost"] | None = None
    end_reason: str | None = None
    score: int | None = None
    broadcast_seconds: float = Field(default=0.0, description="Seconds of show audio heard so far.")
    lines_broadcast: int = Field(default=0, description="Host lines broadcast so far; the next line_id.")
    show_summary: str = Field(default="", description="The running summary the dialogue writer keeps.")
    owner: str | None = Field(
        default=None, description="The API-key principal that created it; None when keys are off."
    )
    created_at: datetime = Field(default_factory=utc_now)
    updated_at: datetime = Field(default_factory=utc_now)

    @field_serializer("generation_result")
    def _mirror_awakened_for_compat(self, result: PropagandaGenerationResult) -> PropagandaGenerationResult:
        # The compat shape has the live count in generation_result too; the game's own field is
        # the one source, copied there on the way out (the stored document and every reply).
        return result.model_copy(update={"awakened_listeners": self.awakened_listeners})

    def progress(self) -> ShowProgress:
        return ShowProgress(
            awakened_listeners=self.awakened_listeners,
            strikes=self.strikes,
            broadcast_seconds=self.broadcast_seconds,
            lines_broadcast=self.lines_broadcast,
            show_summary=self.show_summary,
        )


class ShowProgress(BaseModel):
    """The part of a mission a live show changes as it goes (typed store updates)."""

    awakened_listeners: int = Field(ge=0)
    strikes: int = Field(ge=0)
    broadcast_seconds: float = Field(ge=0)
    lines_broadcast: int = Field(ge=0)
    show_summary: str


class ShowOutcome(BaseModel):
    """How a show ended: stored the moment it is decided."""

    result: Literal["won", "lost"]
    end_reason: str
    score: int

    @property
    def status(self) -> MissionStatus:
        return MissionStatus.won if self.result == "won" else MissionStatus.lost


class DialogueLine(BaseModel):
    """One line a writer proposes for a host."""

    speaker: str
    text: str


class DialogueBatch(BaseModel):
    """A writer's next 3-6 lines and its updated running summary of the show."""

    lines: list[DialogueLine]
    summary: str = ""
    writer: str = ""


class HostLineEntry(BaseModel):
    """A host line as broadcast: ``heard_text`` is what went out before any interruption."""

    kind: Literal["line"] = "line"
    seq: int
    line_id: int
    speaker: str
    text: str
    heard_text: str
    interrupted: bool = False
    audio_seconds: float
    writer: str = ""
    at: datetime = Field(default_factory=utc_now)


class Verdict(BaseModel):
    """The judge's ruling on one interjection (docs/GAME.md §4)."""

    change: float = Field(description="Percentage points of initial_listeners, in [-5, +20].")
    reason: str
    strike: bool = False
    kind: str = Field(default="", description="evidence, appeal, hostile, injection, off_topic, ...")
    proof_index: int | None = Field(default=None, description="The proof sentence it used, if any.")


class InterjectionTurn(BaseModel):
    """A verdict and the hosts' reply batch, produced together (the seed's DialogueTurn)."""

    verdict: Verdict
    batch: DialogueBatch


class InterjectionEntry(BaseModel):
    """The player's break-in and its verdict."""

    kind: Literal["interjection"] = "interjection"
    seq: int
    source: Literal["text", "voice"]
    text: str
    audio_seconds: float = 0.0
    change: float = 0.0
    reason: str = ""
    strike: bool = False
    verdict_kind: str = ""
    proof_index: int | None = None
    awakened_listeners: int = 0
    at: datetime = Field(default_factory=utc_now)


TranscriptEntry = Annotated[HostLineEntry | InterjectionEntry, Field(discriminator="kind")]


class TimelineItem(BaseModel):
    """One transcript entry placed in the episode's audio: a replay's caption or verdict mark."""

    kind: Literal["line", "interjection"]
    start_seconds: float
    end_seconds: float
    speaker: str
    text: str = Field(description="What was heard: a host line cut by a break-in ends where it was cut.")
    interrupted: bool = False
    source: Literal["text", "voice"] | None = None
    change: float | None = Field(default=None, description="A break-in's verdict, in percentage points.")
    reason: str | None = None
    strike: bool | None = None
    awakened_listeners: int | None = None


class ReplayHost(BaseModel):
    name: str
    role: str


class Timeline(BaseModel):
    """A finished (or running) show for a replay: who was on, how it ended, and every entry in time."""

    mission_id: MissionId
    station_name: str
    topic: str
    hosts: list[ReplayHost]
    initial_listeners: int
    target_listeners: int = Field(description="Awake listeners needed to win.")
    awakened_listeners: int
    result: Literal["won", "lost"] | None
    end_reason: str | None
    score: int | None
    episode_seconds: float
    items: list[TimelineItem]


class ListenLink(BaseModel):
    """A live show's listen link, for its owner to share: the token grants listening only."""

    mission_id: MissionId
    token: str | None = Field(description="None when API keys are off: the link needs no token.")
    page: str = Field(description="The listen page's path, token included.")
    socket: str = Field(description="The listen socket's path, token included.")
    replay_page: str = Field(description="Where the episode can be replayed once the show is over.")


class AudioClip(BaseModel):
    seq: int
    sample_rate: int
    pcm: bytes


class LeaderboardRow(BaseModel):
    user_id: str
    best_score: int
    missions_played: int
    missions_won: int
    best_mission_id: MissionId | None = Field(default=None, description="The mission that scored best_score.")
    replay_page: str | None = Field(default=None, description="Where that mission's episode replays.")


class CreateMissionRequest(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"topic": "the new water tax", "user_id": "player_1"}]}
    )

    topic: Annotated[str, StringConstraints(strip_whitespace=True, max_length=TOPIC_MAX_CHARS)] | None = (
        Field(default=None, description="At most 200 characters; empty or 'any' invents one.")
    )
    user_id: Annotated[str, StringConstraints(pattern=USER_ID_PATTERN)] = Field(
        description="1-64 characters: letters, digits and _ . @ -"
    )


class WrittenMission(BaseModel):
    """What a writer returns for Stage 1: the resolved topic and the generated station."""

    topic: str
    result: PropagandaGenerationResult
    writer: str
    story_kind: str | None = None


class ProviderHealth(BaseModel):
    writer: str
    tts: str
    stt: str
    store: str
    live_sessions: int = 0
    voices_busy_share: float = Field(
        default=0.0, description="How busy the offline voices' threads were over the last 10 s (0..1)."
    )
    on_air_wait_seconds: float = Field(
        default=0.0, description="The longest a piece for a show on air waited for a voice thread (10 s)."
    )
    loop_lag_seconds: float = Field(
        default=0.0, description="How late the event loop woke a sleeper over 10 s (90th percentile)."
    )
    fallbacks: dict[str, int] = Field(
        default_factory=dict, description="How often each provider fell back since start-up."
    )


class HealthReport(BaseModel):
    status: str = Field(
        description="'ok', or 'degraded' when the store cannot be reached or a provider refuses requests."
    )
    version: str
    providers: ProviderHealth
    problems: list[str] = Field(default_factory=list)
