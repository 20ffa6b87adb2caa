"""Deepgram Aura-2 text-to-speech, through ``deepgram-sdk``'s async client (REST, streamed).

One request per line: ``POST /v1/speak?model=aura-2-…-en&encoding=linear16&container=none&
sample_rate=24000`` with ``{"text": …}``. The SDK yields the response body as it arrives (httpx
``aiter_bytes``); a chunk boundary may split a 16-bit sample, so chunks are realigned before they
go out. Any failure (HTTP status, timeout, dropped connection) becomes a ``SpeechError`` whose
message never contains the API key.
"""

from __future__ import annotations

import logging
import random
from collections.abc import AsyncIterator, Callable, Mapping, Sequence

import httpx
from deepgram import AsyncDeepgramClient, DeepgramClientEnvironment
from deepgram.core.api_error import ApiError

from radiomirchi.config import Settings
from radiomirchi.schemas import Gender, MissionId, Speaker, mission_seed
from radiomirchi.speech.audio import WIRE_SAMPLE_RATE, SampleAligner
from radiomirchi.speech.tts.base import SpeechError, Voice

log = logging.getLogger(__name__)

ENGINE_NAME = "deepgram-aura-2"

# Aura-2 English voices (all in the SDK's ``AudioGenerateRequestModel``), by the gender Deepgram
# lists for each. A mission has at most four speakers, so seven a gender is plenty.
AURA2_VOICES: Mapping[Gender, tuple[str, ...]] = {
    Gender.female: (
        "aura-2-thalia-en",
        "aura-2-andromeda-en",
        "aura-2-helena-en",
        "aura-2-asteria-en",
        "aura-2-luna-en",
        "aura-2-athena-en",
        "aura-2-hera-en",
    ),
    Gender.male: (
        "aura-2-apollo-en",
        "aura-2-arcas-en",
        "aura-2-aries-en",
        "aura-2-atlas-en",
        "aura-2-orion-en",
        "aura-2-zeus-en",
        "aura-2-hermes-en",
    ),
}
ENCODING = "linear16"
CONTAINER = "none"
_ERROR_DETAIL_CHARS = 200


def voice_label(model: str) -> str:
    """``aura-2-thalia-en`` -> ``Thalia (Aura-2)``."""
    parts = model.split("-")
    name = parts[2] if len(parts) >= 4 else model
    return f"{name.capitalize()} (Aura-2)"


def cast_from_pools(
    engine: str,
    pools: Mapping[Gender, Sequence[str]],
    speakers: Sequence[Speaker],
    mission_id: MissionId,
    label: Callable[[str], str] = voice_label,
) -> dict[str, Voice]:
    """Deal each speaker a distinct voice of their gender, in an order fixed by the mission id."""
    rng = random.Random(mission_seed(mission_id))
    # Shuffle every pool in a fixed order, so one gender's deal does not depend on the other's.
    shuffled = {gender: rng.sample(list(pools[gender]), len(pools[gender])) for gender in Gender}
    voices: dict[str, Voice] = {}
    for speaker in speakers:
        pool = shuffled[speaker.gender]
        if not pool:
            raise SpeechError(f"{engine} has too few {speaker.gender.value} voices for this mission")
        voice_id = pool.pop(0)
        voices[speaker.name] = Voice(engine=engine, id=voice_id, gender=speaker.gender, label=label(voice_id))
    return voices


class DeepgramTTS:
    """Aura-2 voices over Deepgram's streaming REST endpoint."""

    def __init__(
        self,
        api_key: str,
        *,
        base_url: str | None = None,
        timeout_seconds: float = 10.0,
        sample_rate: int = WIRE_SAMPLE_RATE,
    ) -> None:
        if not api_key:
            raise ValueError("DeepgramTTS needs DEEPGRAM_API_KEY")
        self._api_key = api_key
        self._sample_rate = sample_rate
        self._http, self._client = deepgram_client(api_key, base_url, timeout_seconds)

    @classmethod
    def from_settings(cls, settings: Settings) -> DeepgramTTS:
        if settings.deepgram_api_key is None:
            raise ValueError("DeepgramTTS needs DEEPGRAM_API_KEY")
        return cls(
            settings.deepgram_api_key.get_secret_value(),
            base_url=settings.deepgram_base_url,
            timeout_seconds=settings.deepgram_timeout_seconds,
        )

    @property
    def name(self) -> str:
        return ENGINE_NAME

    def cast_voices(self, speakers: Sequence[Speaker], mission_id: MissionId) -> dict[str, Voice]:
        return cast_from_pools(self.name, AURA2_VOICES, speakers, mission_id)

    async def stream(self, text: str, voice: Voice) -> AsyncIterator[bytes]:
        if voice.engine != self.name:
            raise SpeechError(f"{self.name} cannot speak with a {voice.engine} voice")
        if not text.strip():
            return
        aligner = SampleAligner()
        chunks: AsyncIterator[bytes] = self._client.speak.v1.audio.generate(
            text=text,
            model=voice.id,
            encoding=ENCODING,
            container=CONTAINER,
            sample_rate=self._sample_rate,
        )
        try:
            async for chunk in chunks:
                whole = aligner.feed(chunk)
                if whole:
                    yield whole
        except ApiError as exc:
            raise SpeechError(self._redact(_describe_api_error(exc))) from exc
        except httpx.TimeoutException as exc:
            raise SpeechError(self._redact(f"Deepgram TTS timed out ({type(exc).__name__})")) from exc
        except httpx.HTTPError as exc:
            raise SpeechError(
                self._redact(f"Deepgram TTS connection failed ({type(exc).__name__}: {exc})")
            ) from exc
        finally:
            await _aclose(chunks)
        if aligner.pending:
            log.debug("Deepgram sent an odd number of bytes; dropped the final half sample")

    async def aclose(self) -> None:
        await self._http.aclose()

    def _redact(self, message: str) -> str:
        return message.replace(self._api_key, "***")


def deepgram_client(
    api_key: str, base_url: str | None, timeout_seconds: float
) -> tuple[httpx.AsyncClient, AsyncDeepgramClient]:
    """An SDK client on our own httpx client, so that aclose() can close its connections.

    The SDK's retries are off: a retry costs more time than falling back to the offline engine.
    """
    http = httpx.AsyncClient(timeout=httpx.Timeout(timeout_seconds), follow_redirects=True)
    client = AsyncDeepgramClient(
        api_key=api_key,
        environment=deepgram_environment(base_url),
        timeout=timeout_seconds,
        max_retries=0,
        httpx_client=http,
    )
    return http, client


def deepgram_environment(base_url: str | None) -> DeepgramClientEnvironment:
    """Deepgram's own endpoints, or every endpoint at ``base_url`` (a proxy or a test server)."""
    if not base_url:
        return DeepgramClientEnvironment.PRODUCTION
    http = base_url.rstrip("/")
    websocket = "ws" + http.removeprefix("http") if http.startswith("http") else http
    return DeepgramClientEnvironment(base=http, production=websocket, agent=websocket, agent_rest=http)


def _describe_api_error(exc: ApiError) -> str:
    body = exc.body
    detail = ""
    if isinstance(body, dict):
        detail = str(body.get("err_msg") or body.get("message") or body.get("err_code") or "")
    elif body:
        detail = str(body)
    detail = " ".join(detail.split())[:_ERROR_DETAIL_CHARS]
    return f"Deepgram TTS answered HTTP {exc.status_code}" + (f": {detail}" if detail else "")


async def _aclose(iterator: AsyncIterator[bytes]) -> None:
    close = getattr(iterator, "aclose", None)
    if close is not None:
        await close()
