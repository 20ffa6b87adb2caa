"""A fake Deepgram API on 127.0.0.1 that the real ``deepgram-sdk`` client reaches through its base URL.

``POST /v1/speak`` (Aura text-to-speech) streams a voiced buzz, ~0.35 s a word, as raw 16-bit PCM
at the requested ``sample_rate`` (or as a WAV file for ``container=wav``, Deepgram's default for
``linear16``), in chunks whose sizes are deliberately odd at times. ``POST /v1/listen`` (pre-recorded
speech-to-text) answers Deepgram's JSON shape with the transcript set by the test.

By default it answers like a fast, healthy Deepgram (no first-byte delay, ~50x real time), so that
tests are quick. ``FakeDeepgram.realistic()`` behaves like Aura-2 and Nova-3 seen from a nearby
region: the first audio byte after ~250 ms, then audio streamed near real time (2x), and a
transcript ~300 ms after the upload. Tests queue ``Scene``s to make the next requests fail in
specific ways: an error status before the first byte, a connection dropped mid stream, a slow
first byte, a hang.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import logging
import threading
import time
import uuid
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, NamedTuple

import numpy as np
from starlette.applications import Starlette
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import Receive, Scope, Send

from devtools.testing.asgi_server import ThreadedServer
from radiomirchi.speech.audio import BYTES_PER_SAMPLE, int16_to_bytes, wav_bytes

SECONDS_PER_WORD = 0.35
# Aura-2's time to first byte and streaming speed, Nova-3's pre-recorded turnaround (realistic()).
REALISTIC_TTFB_SECONDS = 0.25
REALISTIC_REALTIME_FACTOR = 2.0
REALISTIC_LISTEN_SECONDS = 0.3
DEFAULT_CHUNK_SIZES = (4801, 4800, 4799, 2401)  # mostly odd: a chunk may end mid-sample
FEMALE_NAMES = frozenset(
    "amalthea andromeda asteria athena aurora callista cora cordelia delia electra harmonia helena hera "
    "iris juno luna minerva ophelia pandora phoebe selene stella thalia theia vesta".split()
)


@dataclass
class Scene:
    """One scripted answer for the next request to an endpoint.

    ``status`` other than 200 answers that error (JSON body) before any audio. Otherwise audio
    starts after ``ttfb_seconds``; ``abort_after_bytes`` drops the connection once that many bytes
    are sent; ``hang_after_bytes`` stops sending (0: before the headers) for ``hang_seconds`` or
    until the client goes away. ``None`` fields take the fake's defaults.
    """

    status: int = 200
    error_body: dict[str, Any] | None = None
    headers: dict[str, str] = field(default_factory=dict)
    ttfb_seconds: float | None = None
    chunk_interval_seconds: float | None = None
    chunk_sizes: tuple[int, ...] | None = None
    abort_after_bytes: int | None = None
    hang_after_bytes: int | None = None
    hang_seconds: float = 30.0
    transcript: str | None = None


def server_error(code: int = 500) -> Scene:
    return Scene(
        status=code,
        error_body={"err_code": "INTERNAL_SERVER_ERROR", "err_msg": "Internal error.", "request_id": _rid()},
    )


def rate_limited() -> Scene:
    return Scene(
        status=429,
        error_body={
            "err_code": "TOO_MANY_REQUESTS",
            "err_msg": "Too many requests. Please try again later.",
            "request_id": _rid(),
        },
        headers={"retry-after": "1"},
    )


def fail_mid_stream(after_bytes: int = 9601) -> Scene:
    return Scene(abort_after_bytes=after_bytes)


def slow_first_byte(seconds: float) -> Scene:
    return Scene(ttfb_seconds=seconds)


def hang(after_bytes: int = 0, seconds: float = 30.0) -> Scene:
    return Scene(hang_after_bytes=after_bytes, hang_seconds=seconds)


class RecordedRequest(NamedTuple):
    """``body`` is the JSON body for ``/v1/speak`` and the raw audio bytes for ``/v1/listen``."""

    path: str
    params: dict[str, str]
    body: Any


class DeliberateAbort(Exception):
    """Raised inside the fake to drop a connection mid-response (uvicorn then closes the socket)."""


class _QuietDeliberateAborts(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.exc_info and isinstance(record.exc_info[1], DeliberateAbort))


class FakeDeepgram:
    def __init__(
        self,
        *,
        api_key: str | None = None,
        ttfb_seconds: float = 0.0,
        chunk_interval_seconds: float = 0.002,
        chunk_sizes: tuple[int, ...] = DEFAULT_CHUNK_SIZES,
        seconds_per_word: float = SECONDS_PER_WORD,
        realtime_factor: float | None = None,
        listen_seconds: float = 0.0,
    ) -> None:
        self.api_key = api_key  # when set, any other key gets Deepgram's 401
        # When set, audio streams at this multiple of real time (chunk_interval_seconds is ignored).
        self.realtime_factor = realtime_factor
        self.listen_seconds = listen_seconds  # from upload to transcript
        self.seconds_per_word = seconds_per_word  # shorter lines make show tests quicker
        self.ttfb_seconds = ttfb_seconds
        self.chunk_interval_seconds = chunk_interval_seconds
        self.chunk_sizes = chunk_sizes
        self.next_transcript = ""  # what /v1/listen hears, until changed
        self.scenes: deque[Scene] = deque()
        self.listen_scenes: deque[Scene] = deque()
        self.requests: list[RecordedRequest] = []
        self.request_times: list[float] = []  # time.perf_counter() on arrival
        self.aborted = 0  # connections dropped on purpose (mid-stream aborts)
        self.disconnects = 0  # streams the client left before their end
        self._lock = threading.Lock()
        self._filter = _QuietDeliberateAborts()
        app = Starlette(
            routes=[
                Route("/v1/speak", self._speak, methods=["POST"]),
                Route("/v1/listen", self._listen, methods=["POST"]),
            ]
        )
        self._server = ThreadedServer(app)

    @classmethod
    def realistic(cls, **options: Any) -> FakeDeepgram:
        """First byte after ~250 ms, audio near real time, a transcript ~300 ms after the upload."""
        defaults: dict[str, Any] = {
            "ttfb_seconds": REALISTIC_TTFB_SECONDS,
            "realtime_factor": REALISTIC_REALTIME_FACTOR,
            "listen_seconds": REALISTIC_LISTEN_SECONDS,
        }
        return cls(**{**defaults, **options})

    @property
    def base_url(self) -> str:
        return self._server.base_url

    @property
    def request_count(self) -> int:
        with self._lock:
            return len(self.requests)

    @property
    def speak_count(self) -> int:
        with self._lock:
            return sum(1 for request in self.requests if request.path == "/v1/speak")

    @property
    def listen_count(self) -> int:
        with self._lock:
            return sum(1 for request in self.requests if request.path == "/v1/listen")

    def queue(self, *scenes: Scene) -> None:
        """Script the next ``/v1/speak`` answers."""
        with self._lock:
            self.scenes.extend(scenes)

    def queue_listen(self, *scenes: Scene) -> None:
        """Script the next ``/v1/listen`` answers."""
        with self._lock:
            self.listen_scenes.extend(scenes)

    def start(self) -> FakeDeepgram:
        logging.getLogger("uvicorn.error").addFilter(self._filter)
        self._server.start()
        return self

    def stop(self) -> None:
        self._server.stop()
        logging.getLogger("uvicorn.error").removeFilter(self._filter)

    def __enter__(self) -> FakeDeepgram:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    # --- endpoints ---

    def _gone_before_reading(self) -> Response:
        """The client left while sending its request (the app cancelled a line): nothing to answer."""
        with self._lock:
            self.disconnects += 1
        return Response(status_code=499)

    async def _speak(self, request: Request) -> Response:
        arrived = time.perf_counter()
        try:
            raw = await request.body()
        except ClientDisconnect:
            return self._gone_before_reading()
        params = dict(request.query_params)
        try:
            body: Any = json.loads(raw)
        except ValueError:
            body = None
        with self._lock:
            self.requests.append(RecordedRequest(request.url.path, params, body))
            self.request_times.append(arrived)
            scene = self.scenes.popleft() if self.scenes else Scene()
        refused = self._refusal(request, scene)
        if refused is not None:
            return refused
        text = body.get("text") if isinstance(body, dict) else None
        if not isinstance(text, str) or not text.strip():
            return _error(400, "INVALID_TEXT", "Text must be a non-empty string.")
        encoding = params.get("encoding", "mp3")
        if encoding != "linear16":
            return _error(400, "UNSUPPORTED_ENCODING", f"The fake only speaks linear16, not {encoding}.")
        try:
            sample_rate = int(float(params.get("sample_rate", "24000")))
        except ValueError:
            return _error(400, "INVALID_QUERY_PARAMETER", "sample_rate must be a number.")
        model = params.get("model", "aura-2-thalia-en")
        pcm = speech_like_pcm(
            text, sample_rate, female=_is_female(model), seconds_per_word=self.seconds_per_word
        )
        container = params.get("container", "wav")
        audio = pcm if container == "none" else wav_bytes(pcm, sample_rate)
        media = f"audio/l16;rate={sample_rate};channels=1" if container == "none" else "audio/wav"
        return _AudioStream(
            self,
            audio,
            scene,
            arrived,
            bytes_per_second=sample_rate * BYTES_PER_SAMPLE,
            headers={
                "content-type": media,
                "dg-model-name": model,
                "dg-char-count": str(len(text)),
                "dg-request-id": _rid(),
                **scene.headers,
            },
        )

    async def _listen(self, request: Request) -> Response:
        arrived = time.perf_counter()
        try:
            audio = await request.body()
        except ClientDisconnect:
            return self._gone_before_reading()
        params = dict(request.query_params)
        with self._lock:
            self.requests.append(RecordedRequest(request.url.path, params, audio))
            self.request_times.append(arrived)
            scene = self.listen_scenes.popleft() if self.listen_scenes else Scene()
            transcript = scene.transcript if scene.transcript is not None else self.next_transcript
        refused = self._refusal(request, scene)
        if refused is not None:
            return refused
        wait = self.listen_seconds if scene.ttfb_seconds is None else scene.ttfb_seconds
        if wait:
            await asyncio.sleep(wait)
        if not audio:
            return _error(
                400, "Bad Request", "Bad Request: failed to process audio: corrupt or unsupported data"
            )
        if "encoding" in params and "sample_rate" not in params:
            return _error(400, "Bad Request", "sample_rate is required with encoding.")
        sample_rate = int(float(params.get("sample_rate", "16000")))
        duration = len(audio) / (BYTES_PER_SAMPLE * sample_rate)
        return JSONResponse(listen_payload(transcript, audio, duration, params.get("model", "base")))

    def _refusal(self, request: Request, scene: Scene) -> Response | None:
        if self.api_key is not None and request.headers.get("authorization") != f"Token {self.api_key}":
            return _error(401, "INVALID_AUTH", "Invalid credentials.")
        if scene.status != 200:
            body = scene.error_body or {
                "err_code": "ERROR",
                "err_msg": "Scripted error.",
                "request_id": _rid(),
            }
            return JSONResponse(body, status_code=scene.status, headers=scene.headers)
        return None


class _AudioStream(Response):
    """Streams ``audio`` per its scene, and notices when the client goes away."""

    def __init__(
        self,
        fake: FakeDeepgram,
        audio: bytes,
        scene: Scene,
        arrived: float,
        bytes_per_second: int,
        headers: dict[str, str],
    ) -> None:
        super().__init__(headers=headers)
        # Streamed with chunked transfer encoding, like Deepgram: no Content-Length.
        self.raw_headers = [(key, value) for key, value in self.raw_headers if key != b"content-length"]
        self._fake = fake
        self._audio = audio
        self._scene = scene
        self._arrived = arrived
        self._bytes_per_second = bytes_per_second

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        gone = asyncio.Event()

        async def watch() -> None:
            while True:
                message = await receive()
                if message["type"] == "http.disconnect":
                    gone.set()
                    return

        watcher = asyncio.create_task(watch())
        try:
            await self._send_audio(scope, receive, send, gone)
        finally:
            watcher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await watcher

    async def _send_audio(self, scope: Scope, receive: Receive, send: Send, gone: asyncio.Event) -> None:
        scene, fake = self._scene, self._fake
        ttfb = fake.ttfb_seconds if scene.ttfb_seconds is None else scene.ttfb_seconds
        interval = fake.chunk_interval_seconds
        if scene.chunk_interval_seconds is not None:
            interval = scene.chunk_interval_seconds
        sizes = scene.chunk_sizes or fake.chunk_sizes
        if scene.hang_after_bytes == 0:
            if not await _wait(gone, scene.hang_seconds):
                await _error(504, "GATEWAY_TIMEOUT", "The fake hung up.")(scope, receive, send)
                return
        elif ttfb:
            # Time to first byte counts from the request's arrival, synthesis included.
            await _wait(gone, max(0.0, ttfb - (time.perf_counter() - self._arrived)))
        if gone.is_set():
            with fake._lock:
                fake.disconnects += 1
            return
        await send({"type": "http.response.start", "status": self.status_code, "headers": self.raw_headers})
        sent = 0
        for chunk in _chunks(self._audio, sizes):
            if scene.abort_after_bytes is not None and sent + len(chunk) > scene.abort_after_bytes:
                chunk = chunk[: max(0, scene.abort_after_bytes - sent)]
                if chunk:
                    await send({"type": "http.response.body", "body": chunk, "more_body": True})
                with fake._lock:
                    fake.aborted += 1
                raise DeliberateAbort("the fake dropped the connection mid-stream")
            if scene.hang_after_bytes is not None and sent >= scene.hang_after_bytes:
                if await _wait(gone, scene.hang_seconds):
                    break
                raise DeliberateAbort("the fake hung, then dropped the connection")
            pause = interval
            if fake.realtime_factor and scene.chunk_interval_seconds is None:
                pause = len(chunk) / (self._bytes_per_second * fake.realtime_factor)
            if sent and pause and await _wait(gone, pause):
                break
            try:
                await send({"type": "http.response.body", "body": chunk, "more_body": True})
            except OSError:
                gone.set()
                break
            sent += len(chunk)
        if gone.is_set():
            with fake._lock:
                fake.disconnects += 1
            return
        await send({"type": "http.response.body", "body": b"", "more_body": False})


async def _wait(gone: asyncio.Event, seconds: float) -> bool:
    """Sleep ``seconds``, or less if the client goes away; True when it has gone."""
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(gone.wait(), seconds)
    return gone.is_set()


def _chunks(audio: bytes, sizes: tuple[int, ...]) -> Iterator[bytes]:
    offset, index = 0, 0
    while offset < len(audio):
        size = max(1, sizes[index % len(sizes)])
        yield audio[offset : offset + size]
        offset += size
        index += 1


def speech_like_pcm(
    text: str, sample_rate: int, *, female: bool = True, seconds_per_word: float = SECONDS_PER_WORD
) -> bytes:
    """A voiced buzz, one ~0.28 s syllable then a short gap per word: speech-like, not speech."""
    words = text.split()
    per_word = int(seconds_per_word * sample_rate)
    voiced = int(0.8 * per_word)
    t = np.arange(voiced) / sample_rate
    envelope = np.sin(np.pi * np.arange(voiced) / voiced) ** 0.5
    base_f0 = 210.0 if female else 120.0
    out = np.zeros(per_word * len(words), dtype=np.float32)
    for index, word in enumerate(words):
        f0 = base_f0 * (1.0 + 0.08 * ((len(word) + index) % 5 - 2) / 2)
        glide = f0 * (1.0 + 0.05 * t / t[-1]) if voiced > 1 else np.full_like(t, f0)
        phase = 2 * np.pi * np.cumsum(glide) / sample_rate
        buzz = sum(np.sin(harmonic * phase) / harmonic for harmonic in range(1, 8))
        start = index * per_word
        out[start : start + voiced] = 0.25 * envelope * buzz
    samples = np.clip(np.round(out * 32767.0), -32768, 32767).astype(np.int16)
    return int16_to_bytes(samples)


def listen_payload(transcript: str, audio: bytes, duration: float, model: str) -> dict[str, Any]:
    """Deepgram's pre-recorded response (``ListenV1Response``) for one channel."""
    words = transcript.split()
    step = duration / len(words) if words else 0.0
    model_id = str(uuid.uuid5(uuid.NAMESPACE_URL, f"fake-deepgram/{model}"))
    return {
        "metadata": {
            "transaction_key": "deprecated",
            "request_id": _rid(),
            "sha256": hashlib.sha256(audio).hexdigest(),
            "created": datetime.now(UTC).isoformat().replace("+00:00", "Z"),
            "duration": round(duration, 3),
            "channels": 1,
            "models": [model_id],
            "model_info": {model_id: {"name": f"general-{model}", "version": "2025-01-01.0", "arch": model}},
        },
        "results": {
            "channels": [
                {
                    "alternatives": [
                        {
                            "transcript": transcript,
                            "confidence": 0.9 if words else 0.0,
                            "words": [
                                {
                                    "word": word.strip(".,!?;:\"'").lower(),
                                    "start": round(index * step, 3),
                                    "end": round((index + 1) * step, 3),
                                    "confidence": 0.9,
                                    "punctuated_word": word,
                                }
                                for index, word in enumerate(words)
                            ],
                        }
                    ]
                }
            ]
        },
    }


def _is_female(model: str) -> bool:
    parts = model.split("-")
    return len(parts) < 3 or parts[-2] in FEMALE_NAMES


def _error(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse({"err_code": code, "err_msg": message, "request_id": _rid()}, status_code=status)


def _rid() -> str:
    return str(uuid.uuid4())
