"""Deepgram Nova-3 speech-to-text, prerecorded: one request per utterance on ``stop_speech``.

The utterance goes as a WAV (16 kHz mono), which carries its own sample rate: deepgram-sdk 7's
``transcribe_file`` has no ``sample_rate`` parameter for raw linear16.
"""

from __future__ import annotations

from collections.abc import Sequence

import httpx
from deepgram.core.api_error import ApiError

from radiomirchi.config import Settings
from radiomirchi.speech.audio import MIC_SAMPLE_RATE, wav_bytes
from radiomirchi.speech.stt.base import TranscriptionError
from radiomirchi.speech.tts.deepgram import deepgram_client

ENGINE_NAME = "deepgram-nova-3"
MODEL = "nova-3"


class DeepgramSTT:
    def __init__(self, api_key: str, *, base_url: str | None = None, timeout_seconds: float = 10.0) -> None:
        if not api_key:
            raise ValueError("DeepgramSTT needs DEEPGRAM_API_KEY")
        self._api_key = api_key
        self._http, self._client = deepgram_client(api_key, base_url, timeout_seconds)

    @classmethod
    def from_settings(cls, settings: Settings) -> DeepgramSTT:
        if settings.deepgram_api_key is None:
            raise ValueError("DeepgramSTT needs DEEPGRAM_API_KEY")
        return cls(
            settings.deepgram_api_key.get_secret_value(),
            base_url=settings.deepgram_base_url,
            timeout_seconds=settings.deepgram_timeout_seconds,
        )

    @property
    def name(self) -> str:
        return ENGINE_NAME

    async def warm_up(self) -> None:
        return None

    async def transcribe(self, pcm: bytes, vocabulary: Sequence[str] = (), *, context: str = "") -> str:
        # ``context`` is not used: the prerecorded API has no prompt, and each piece stands alone.
        try:
            response = await self._client.listen.v1.media.transcribe_file(
                request=wav_bytes(pcm, MIC_SAMPLE_RATE),
                model=MODEL,
                smart_format=True,
                language="en",
                # Nova-3's key-term prompting: the mission's names.
                keyterm=list(vocabulary) or None,
            )
        except ApiError as exc:
            raise TranscriptionError(self._redact(f"Deepgram STT answered HTTP {exc.status_code}")) from exc
        except httpx.HTTPError as exc:
            raise TranscriptionError(self._redact(f"Deepgram STT failed ({type(exc).__name__})")) from exc
        try:
            alternatives = response.results.channels[0].alternatives
            return str(alternatives[0].transcript or "").strip() if alternatives else ""
        except (AttributeError, IndexError, TypeError) as exc:
            raise TranscriptionError("Deepgram STT returned no transcript") from exc

    async def aclose(self) -> None:
        await self._http.aclose()

    def _redact(self, message: str) -> str:
        return message.replace(self._api_key, "***")
