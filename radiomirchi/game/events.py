"""Everything a show emits, as typed events. Transports turn them into their own form: the
WebSocket door into docs/PROTOCOL.md's JSON (``api/wire.py``), the page into captions and meters."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True, slots=True)
class HostInfo:
    name: str
    gender: str
    role: str
    voice: str


@dataclass(frozen=True, slots=True)
class Preparing:
    """The mission is still being written; the show starts when it is ready."""


@dataclass(frozen=True, slots=True)
class ShowLive:
    hosts: tuple[HostInfo, ...]
    seconds_left: float


@dataclass(frozen=True, slots=True)
class LineStarted:
    line_id: int
    speaker: str
    text: str
    voice: str


@dataclass(frozen=True, slots=True)
class LineEnded:
    line_id: int
    audio_seconds: float
    interrupted: bool = False


@dataclass(frozen=True, slots=True)
class LineInterrupted:
    line_id: int


@dataclass(frozen=True, slots=True)
class ListenersTick:
    awakened: int
    initial: int
    target: int
    seconds_left: float
    strikes: int


@dataclass(frozen=True, slots=True)
class Heard:
    """What the player's speech was transcribed as."""

    text: str


@dataclass(frozen=True, slots=True)
class VerdictGiven:
    change: float
    awakened: int
    reason: str
    strike: bool
    strikes: int
    target: int


@dataclass(frozen=True, slots=True)
class MissionEnded:
    result: Literal["won", "lost"]
    reason: str
    score: int
    awakened: int  # the meter's last reading, kept from the moment the show was decided


@dataclass(frozen=True, slots=True)
class Problem:
    """Something the player should know (a refused break-in, a failed transcription)."""

    message: str
    code: str


@dataclass(frozen=True, slots=True)
class CallerOnAir:
    """For listeners: the caller is heard on air (their own voice, or a typed break-in voiced in a
    caller's voice); the audio follows. ``text`` is empty for speech until it is transcribed."""

    text: str
    source: Literal["text", "voice"]
    voice: str


@dataclass(frozen=True, slots=True)
class CallerOffAir:
    audio_seconds: float


@dataclass(frozen=True, slots=True)
class OffAir:
    """For listeners: the player's connection went; the show goes on if they come back."""


ShowEvent = (
    Preparing
    | ShowLive
    | LineStarted
    | LineEnded
    | LineInterrupted
    | ListenersTick
    | Heard
    | VerdictGiven
    | MissionEnded
    | Problem
)
