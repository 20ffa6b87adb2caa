"""The caller on air, for listeners and the episode: the player's speech as it was captured, or a
typed break-in spoken in a caller's voice (one unlike every host's, of the gender fewer hosts have)."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Sequence

from radiomirchi.schemas import Gender, MissionId, Speaker
from radiomirchi.speech.audio import (
    MIC_SAMPLE_RATE,
    WIRE_SAMPLE_RATE,
    bytes_to_int16,
    int16_to_bytes,
    resample_int16,
)
from radiomirchi.speech.tts.base import SpeechError, TextToSpeech, Voice

# Not a name a writer gives a host: the cast is keyed by name.
_CALLER_NAME = "The caller on the line"
# The label the player's own voice gets in a listener's caption.
PLAYER_VOICE_LABEL = "the player's own voice"


def cast_caller(tts: TextToSpeech, hosts: Sequence[Speaker], mission_id: MissionId) -> Voice | None:
    """A voice for typed break-ins, distinct from the hosts'; None when the engine has none left."""
    genders = Counter(host.gender for host in hosts)
    gender = min((Gender.female, Gender.male), key=lambda g: genders[g])
    caller = Speaker(name=_CALLER_NAME, gender=gender, role="caller", background="a listener on the line")
    try:
        return tts.cast_voices([*hosts, caller], mission_id).get(_CALLER_NAME)
    except SpeechError:
        return None


async def voice_typed(tts: TextToSpeech, voice: Voice, text: str) -> bytes:
    """``text`` spoken in ``voice`` (PCM s16le mono 24 kHz). Raises ``SpeechError``."""
    pcm = bytearray()
    async for chunk in tts.stream(text, voice):
        pcm += chunk
    return bytes(pcm)


async def speech_on_air(pcm: bytes) -> bytes:
    """The player's microphone audio (16 kHz) at the show's rate, resampled off the event loop."""

    def resample() -> bytes:
        samples = bytes_to_int16(pcm[: len(pcm) - len(pcm) % 2])
        return int16_to_bytes(resample_int16(samples, MIC_SAMPLE_RATE, WIRE_SAMPLE_RATE))

    return await asyncio.to_thread(resample)
