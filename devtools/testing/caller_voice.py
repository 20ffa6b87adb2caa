"""The player's voice for tests and benchmarks: a sentence spoken by the offline TTS."""

from __future__ import annotations

import numpy as np

from radiomirchi.schemas import Gender, Speaker, new_mission_id
from radiomirchi.speech.audio import WIRE_SAMPLE_RATE, bytes_to_int16, resample_int16
from radiomirchi.speech.tts.offline import OfflineTTS


async def speak_as_caller(text: str, sample_rate: int, gender: Gender = Gender.male) -> np.ndarray:
    """``text`` in an offline voice, as int16 samples at ``sample_rate`` (a microphone's rate)."""
    tts = OfflineTTS()
    caller = Speaker(name="Caller", gender=gender, role="caller", background="-")
    try:
        pcm = await tts.synthesize(text, tts.cast_voices([caller], new_mission_id())["Caller"])
    finally:
        await tts.aclose()
    return resample_int16(bytes_to_int16(pcm), WIRE_SAMPLE_RATE, sample_rate)
