"""Speak with a primary engine (Deepgram) and let a fallback engine (offline) finish any line it drops.

Every speaker gets the primary's voice plus, in ``Voice.fallback``, the fallback engine's voice for
the same speaker. A line that fails before its first byte is spoken whole by the fallback voice; a
line that fails mid-stream is finished by it from about where the primary stopped (the words already
spoken are estimated from the audio sent, cut at a word boundary, erring towards repeating a word
rather than skipping one). A primary that goes quiet counts as failed after ``first_byte_timeout``
(no audio yet) or ``chunk_timeout`` (between chunks), and the fallback starts at once.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections import Counter
from collections.abc import AsyncIterator, Sequence
from dataclasses import replace

from radiomirchi.config import Settings
from radiomirchi.schemas import MissionId, Speaker
from radiomirchi.speech.audio import pcm_seconds
from radiomirchi.speech.speaking_rate import WORDS_PER_SECOND
from radiomirchi.speech.tts.base import SpeechError, TextToSpeech, Voice

log = logging.getLogger(__name__)

BEFORE_FIRST_BYTE = "tts.before_first_byte"
MID_STREAM = "tts.mid_stream"
TIMEOUT = "tts.timeout"
_WORD = re.compile(r"\S+")


def remaining_text(text: str, spoken_seconds: float, words_per_second: float = WORDS_PER_SECOND) -> str:
    """What is left of ``text`` after ``spoken_seconds`` of speech, from a word's start."""
    done = int(spoken_seconds * words_per_second)
    words = list(_WORD.finditer(text))
    if done <= 0:
        return text.strip()
    if done >= len(words):
        return ""
    return text[words[done].start() :].strip()


class FallbackTTS:
    def __init__(
        self,
        primary: TextToSpeech,
        fallback: TextToSpeech,
        *,
        first_byte_timeout_seconds: float = 2.0,
        chunk_timeout_seconds: float = 1.0,
        words_per_second: float = WORDS_PER_SECOND,
    ) -> None:
        self._primary = primary
        self._fallback = fallback
        self._first_byte_timeout = first_byte_timeout_seconds
        self._chunk_timeout = chunk_timeout_seconds
        self._words_per_second = words_per_second
        self.fallbacks: Counter[str] = Counter()

    @classmethod
    def from_settings(cls, primary: TextToSpeech, fallback: TextToSpeech, settings: Settings) -> FallbackTTS:
        return cls(
            primary,
            fallback,
            first_byte_timeout_seconds=settings.tts_first_byte_timeout_seconds,
            chunk_timeout_seconds=settings.tts_chunk_timeout_seconds,
        )

    @property
    def name(self) -> str:
        return f"{self._primary.name} (fallback: {self._fallback.name})"

    @property
    def primary(self) -> TextToSpeech:
        return self._primary

    @property
    def fallback(self) -> TextToSpeech:
        return self._fallback

    def cast_voices(self, speakers: Sequence[Speaker], mission_id: MissionId) -> dict[str, Voice]:
        voices = self._primary.cast_voices(speakers, mission_id)
        backups = self._fallback.cast_voices(speakers, mission_id)
        return {name: replace(voice, fallback=backups[name]) for name, voice in voices.items()}

    async def stream(self, text: str, voice: Voice) -> AsyncIterator[bytes]:
        backup = voice.fallback
        if backup is None:
            # Not cast here: a fallback engine's own voice, or a primary voice with nothing behind it.
            engine = self._primary if voice.engine == self._primary.name else self._fallback
            async for chunk in engine.stream(text, voice):
                yield chunk
            return
        sent = 0
        reason = ""
        problem = ""
        primary = self._primary.stream(text, voice)
        try:
            while True:
                wait = self._chunk_timeout if sent else self._first_byte_timeout
                try:
                    async with asyncio.timeout(wait):
                        chunk = await anext(primary)
                except StopAsyncIteration:
                    if sent or not text.strip():
                        return
                    reason, problem = BEFORE_FIRST_BYTE, "the line ended without audio"
                    break
                except TimeoutError:
                    reason, problem = TIMEOUT, f"no audio for {wait:g} s"
                    break
                except Exception as exc:
                    reason = MID_STREAM if sent else BEFORE_FIRST_BYTE
                    problem = str(exc) or type(exc).__name__
                    break
                if chunk:
                    sent += len(chunk)
                    yield chunk
        finally:
            await _aclose(primary)
        spoken = pcm_seconds(sent)
        rest = remaining_text(text, spoken, self._words_per_second) if sent else text
        self.fallbacks[reason] += 1
        log.warning(
            "%s failed for %s after %.2f s of audio (%s: %s); %s speaks the %d remaining characters",
            self._primary.name,
            voice.label,
            spoken,
            reason,
            problem,
            backup.label,
            len(rest),
        )
        if not rest:
            return
        try:
            async for chunk in self._fallback.stream(rest, backup):
                yield chunk
        except SpeechError:
            raise
        except Exception as exc:
            raise SpeechError(f"the fallback voice failed too: {exc}") from exc

    async def aclose(self) -> None:
        try:
            await self._primary.aclose()
        finally:
            await self._fallback.aclose()


async def _aclose(iterator: AsyncIterator[bytes]) -> None:
    close = getattr(iterator, "aclose", None)
    if close is not None:
        await close()
