"""Assembling a mission's episode: every clip as heard, in order, resampled to 24 kHz, one WAV."""

from __future__ import annotations

import asyncio

from radiomirchi.schemas import AudioClip
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
