"""Assembling a mission's episode: every clip as heard, in order, resampled to 24 kHz, one WAV; and
where each transcript entry sits in it (a replay's captions and verdict marks)."""

from __future__ import annotations

import asyncio

from radiomirchi.schemas import AudioClip, HostLineEntry, TimelineItem, TranscriptEntry
from radiomirchi.speech.audio import (
    WIRE_SAMPLE_RATE,
    bytes_to_int16,
    int16_to_bytes,
    resample_int16,
    wav_bytes,
)

# A breath between clips, so a cut-off line and the player's voice don't collide.
GAP_SECONDS = 0.15


def _assemble(clips: list[AudioClip]) -> bytes:
    silence = bytes(int(GAP_SECONDS * WIRE_SAMPLE_RATE) * 2)
    parts: list[bytes] = []
    for clip in clips:
        samples = bytes_to_int16(clip.pcm[: len(clip.pcm) - len(clip.pcm) % 2])
        parts.append(int16_to_bytes(resample_int16(samples, clip.sample_rate, WIRE_SAMPLE_RATE)))
        parts.append(silence)
    return wav_bytes(b"".join(parts), WIRE_SAMPLE_RATE)


async def assemble_episode(clips: list[AudioClip]) -> bytes:
    """CPU work (resampling minutes of audio), so it runs off the event loop."""
    return await asyncio.to_thread(_assemble, clips)


def episode_timeline(entries: list[TranscriptEntry], clips: list[AudioClip]) -> list[TimelineItem]:
    """Each entry with its start and end in the assembled episode (seconds), laid out as
    ``_assemble`` lays the clips: an entry without audio (a typed break-in no voice could speak)
    sits, zero seconds long, where it happened."""
    lengths = {clip.seq: _clip_seconds(clip) for clip in clips}
    items: list[TimelineItem] = []
    cursor = 0.0
    for entry in entries:
        length = lengths.get(entry.seq)
        start = cursor
        if length is not None:
            cursor += length + GAP_SECONDS
        end = start + (length or 0.0)
        if isinstance(entry, HostLineEntry):
            items.append(
                TimelineItem(
                    kind="line",
                    start_seconds=round(start, 3),
                    end_seconds=round(end, 3),
                    speaker=entry.speaker,
                    text=entry.heard_text or entry.text,
                    interrupted=entry.interrupted,
                )
            )
        else:
            items.append(
                TimelineItem(
                    kind="interjection",
                    start_seconds=round(start, 3),
                    end_seconds=round(end, 3),
                    speaker="Caller",
                    text=entry.text,
                    source=entry.source,
                    change=entry.change,
                    reason=entry.reason,
                    strike=entry.strike,
                    awakened_listeners=entry.awakened_listeners,
                )
            )
    return items


def episode_seconds(clips: list[AudioClip]) -> float:
    """How long the assembled episode plays: every clip at its own rate, and a gap after each."""
    return sum(_clip_seconds(clip) + GAP_SECONDS for clip in clips)


def _clip_seconds(clip: AudioClip) -> float:
    return (len(clip.pcm) // 2) / clip.sample_rate
