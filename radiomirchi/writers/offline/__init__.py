"""The offline procedural writer: a station, its briefing and its show from templates, no network."""

from __future__ import annotations

from radiomirchi.writers.offline.writer import (
    OFFLINE_WRITER_NAME,
    OfflineWriter,
    invent_topic,
    write_briefing,
    write_dialogue,
    write_mission,
)

__all__ = [
    "OFFLINE_WRITER_NAME",
    "OfflineWriter",
    "invent_topic",
    "write_briefing",
    "write_dialogue",
    "write_mission",
]
