"""A client that behaves exactly like the production front end (the Next.js app
``agnibhananda/radio_mirchi``), for compatibility tests.

What it copies, from that app's code:
- ``RegisterForm.tsx``: ``create_mission`` with topic ``"any"`` and the user's id, then the
  mission id read from ``_id`` (JavaScript stores a missing one as the string ``"undefined"``).
- ``StationPopup.tsx``: once the station window opens, poll ``mission_status`` every 0.8 s (the
  first poll 0.8 s after opening) until ``status == "stage2"``; an answer that is not 2xx ends
  in CONNECTION FAILED. Then ask its own Next route ``/api/mission/<id>`` (which reads MongoDB)
  for the speakers and ``initial_listeners``, and open the socket at the same time. Send nothing
  until a ``dialogue_end``; read ``awakened_listeners`` from any message that has it; break in
  with ``{"user_dialogue": text}``; close the socket (no code, no reason) as soon as
  ``awakened >= initial_listeners / 2``, or when its own 180 s timer (started 5 s after
  opening) runs out. Closing the window closes the socket the same way; opening it again polls
  for ``stage2`` again, and the counts it holds stay as they were (the component stays mounted).
- ``audioPlayer.ts``: wrap every binary frame in its own 44-byte WAV header (24 kHz, mono,
  16-bit), decode it on its own, schedule it right after the audio before it (or now, if that
  has finished: a gap), and send ``ready_for_next`` when a ``dialogue_end`` has come and all
  audio received has finished playing.

Playback is simulated against the clock: the client keeps the page's schedule, so it asks for
the next line exactly when the page would, and measures every silence between two frames.
With ``speed`` above 1 (a server on a clock that fast, ``RADIOMIRCHI_CLOCK_SPEED``) the page's
playback, its polling and its break-ins run that many times as fast too; its 180 s timer does
not (winning takes verdicts, which are judged in real time).
"""

from __future__ import annotations

import asyncio
import io
import json
import struct
import time
import wave
from collections.abc import Awaitable, Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
from bson import ObjectId
from bson.errors import InvalidId
from pymongo import AsyncMongoClient
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from radiomirchi.client import ws_url

# audioPlayer.ts: the AudioContext's rate, used for its WAV headers.
PAGE_SAMPLE_RATE = 24_000
# StationPopup.tsx: polling interval, the connecting animation, the mission timer, and the
# defaults it shows until its Next route answers.
POLL_SECONDS = 0.8
CONNECTING_SECONDS = 5.0
PAGE_TIMER_SECONDS = 180.0
DEFAULT_INITIAL_LISTENERS = 15_000
DEFAULT_AWAKENED_LISTENERS = 1236
# The front end's own database (lib/mongodb.ts) and the original backend's default MONGODB_DB.
FRONT_END_DATABASE = "radio_mirchi"

# What the front end's Next route /api/mission/<id> answers: (HTTP status, JSON body).
MissionPage = Callable[[str], Awaitable[tuple[int, dict[str, Any]]]]


def page_wav(pcm: bytes, sample_rate: int = PAGE_SAMPLE_RATE) -> bytes:
    """``AudioPlayer._createWavFile``: a 44-byte header, field by field as the page writes it."""
    channels, bits = 1, 16
    header = (
        b"RIFF"
        + struct.pack("<I", 36 + len(pcm))
        + b"WAVEfmt "
        + struct.pack("<IHHIIHH", 16, 1, channels, sample_rate, sample_rate * channels * bits // 8, 2, bits)
        + b"data"
        + struct.pack("<I", len(pcm))
    )
    return header + pcm


def decode_page_wav(data: bytes) -> int:
    """Decode one wrapped frame as ``decodeAudioData`` must: return its samples, or raise
    ``ValueError`` when the browser could not decode it into exactly the audio sent."""
    with wave.open(io.BytesIO(data), "rb") as wav:
        if (wav.getnchannels(), wav.getsampwidth(), wav.getframerate()) != (1, 2, PAGE_SAMPLE_RATE):
            raise ValueError("not 24 kHz mono 16-bit")
        samples = wav.getnframes()
        payload = wav.readframes(samples)
    if samples == 0:
        raise ValueError("an empty frame (decodeAudioData rejects it)")
    if len(payload) != len(data) - 44:
        raise ValueError(f"{len(data) - 44} bytes are not a whole number of 16-bit samples")
    return samples


@dataclass
class HeardFrame:
    arrived_at: float
    starts_at: float
    seconds: float
    gap: float  # silence before it, since the audio before it finished (0 when it queued behind)


class PagePlayer:
    """``AudioPlayer``'s schedule on the clock: frames back to back, ``ready_for_next`` when the
    line has ended and everything received has played."""

    def __init__(self, speed: float = 1.0) -> None:
        self.speed = speed
        self.frames: list[HeardFrame] = []
        self.decode_errors: list[str] = []
        self.next_start = 0.0
        self._dialogue_ended = False

    def add_chunk(self, pcm: bytes, now: float) -> None:
        try:
            samples = decode_page_wav(page_wav(pcm))
        except (ValueError, wave.Error, EOFError) as exc:
            self.decode_errors.append(str(exc))  # the page logs it and plays on
            return
        seconds = samples / PAGE_SAMPLE_RATE / self.speed
        starts_at = max(self.next_start, now)
        gap = starts_at - self.next_start if self.frames else 0.0
        self.frames.append(HeardFrame(now, starts_at, seconds, gap))
        self.next_start = starts_at + seconds

    def handle_dialogue_end(self, now: float) -> bool:
        """True if ``ready_for_next`` goes out now (nothing is left to play)."""
        if now >= self.next_start:
            return True
        self._dialogue_ended = True
        return False

    def wake_at(self) -> float | None:
        """When the last source ends and the page will send ``ready_for_next``."""
        return self.next_start if self._dialogue_ended else None

    def due(self, now: float) -> bool:
        if self._dialogue_ended and now >= self.next_start:
            self._dialogue_ended = False
            return True
        return False

    @property
    def played_seconds(self) -> float:
        """Wall-clock seconds of playback (the audio's own length divided by the speed)."""
        return sum(frame.seconds for frame in self.frames)


@dataclass
class Visit:
    """One opening of the station window."""

    opened_at: float
    polls: int = 0
    poll_statuses: list[str] = field(default_factory=list)
    connection_error: str | None = None
    page: dict[str, Any] | None = None
    socket_opened_at: float | None = None
    first_frame_at: float | None = None
    first_dialogue_end_at: float | None = None
    sent: list[tuple[float, dict[str, Any]]] = field(default_factory=list)
    messages: list[tuple[float, dict[str, Any]]] = field(default_factory=list)
    player: PagePlayer = field(default_factory=PagePlayer)
    initial_listeners: int = DEFAULT_INITIAL_LISTENERS
    awakened_listeners: int = DEFAULT_AWAKENED_LISTENERS
    won_popup: bool = False
    timed_out: bool = False
    closed_by_server: tuple[int | None, str] | None = None
    stalled: bool = False

    def with_status(self, status: str) -> list[dict[str, Any]]:
        return [message for _, message in self.messages if message.get("status") == status]

    @property
    def verdicts(self) -> list[dict[str, Any]]:
        return self.with_status("verdict")

    @property
    def line_ids(self) -> list[int]:
        return [int(message["line_id"]) for message in self.with_status("dialogue_end")]

    @property
    def gaps(self) -> list[float]:
        return [frame.gap for frame in self.player.frames[1:]]

    @property
    def sent_before_first_dialogue_end(self) -> list[dict[str, Any]]:
        end = self.first_dialogue_end_at
        return [message for at, message in self.sent if end is None or at < end]


async def next_route_from_mongodb(uri: str, mission_id: str) -> tuple[int, dict[str, Any]]:
    """The front end's ``app/api/mission/[missionId]/route.ts``, with pymongo: ``new
    ObjectId(id)`` (400 if it is not one), ``findOne`` in ``radio_mirchi.missions`` (404 if
    none), and ``speakers`` taken from the top level or else from ``generation_result``."""
    try:
        object_id = ObjectId(mission_id)
    except (InvalidId, TypeError):
        return 400, {"error": "Invalid Mission ID format"}
    client: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(uri, serverSelectionTimeoutMS=5000)
    try:
        mission = await client[FRONT_END_DATABASE]["missions"].find_one({"_id": object_id})
    finally:
        await client.close()
    if mission is None:
        return 404, {"error": "Mission not found"}
    speakers = mission.get("speakers") or (mission.get("generation_result") or {}).get("speakers") or []
    return 200, {**mission, "_id": str(mission["_id"]), "speakers": speakers}


def mongodb_mission_page(uri: str) -> MissionPage:
    async def page(mission_id: str) -> tuple[int, dict[str, Any]]:
        return await next_route_from_mongodb(uri, mission_id)

    return page


async def close_like_a_browser(connection: ClientConnection) -> None:
    """``WebSocket.close()`` with no arguments: a Close frame with no status code at all."""
    close: Callable[..., Awaitable[None]] = connection.close
    await close(code=None)


class FrontEndClient:
    """One loaded page: its StationPopup's state outlives each opening of the window."""

    def __init__(self, base_url: str, mission_page: MissionPage, *, speed: float = 1.0) -> None:
        self._base_url = base_url
        self._mission_page = mission_page
        self._speed = speed
        self.initial_listeners = DEFAULT_INITIAL_LISTENERS
        self.awakened_listeners = DEFAULT_AWAKENED_LISTENERS

    async def create_mission(self, user_id: str | None = None) -> str:
        """After registering: ``create_mission`` with topic "any"; the id is read from ``_id``."""
        user_id = user_id or str(ObjectId())  # the user's own Mongo _id, as RegisterForm sends it
        async with httpx.AsyncClient(base_url=self._base_url, timeout=30) as http:
            response = await http.post("/api/v1/create_mission", json={"topic": "any", "user_id": user_id})
        body = response.json()
        response.raise_for_status()
        mission_id = body.get("_id")
        return "undefined" if mission_id is None else str(mission_id)

    async def open_station(
        self,
        mission_id: str,
        *,
        interjections: Iterable[str] = (),
        break_in_every: float = 4.0,
        close_after_lines: int | None = None,
        silence_limit: float = 10.0,
        within: float = 240.0,
    ) -> Visit:
        """Open the station window and play until the page would close the socket.

        ``interjections``: what the player types, one every ``break_in_every`` seconds from the
        first ``dialogue_end`` on (the page shows no line boundaries, so a player just talks).
        ``close_after_lines``: the player closes the window after that many ``dialogue_end``s.
        ``silence_limit``: the test gives up (``stalled``) if the socket delivers no audio for that
        long (the page itself would wait forever).
        """
        visit = Visit(time.monotonic(), initial_listeners=self.initial_listeners)
        visit.player = PagePlayer(self._speed)
        visit.awakened_listeners = self.awakened_listeners
        try:
            async with asyncio.timeout(within):
                if not await self._poll_until_stage2(mission_id, visit):
                    return visit
                page_task = asyncio.create_task(self._load_page(mission_id, visit))
                try:
                    async with connect(ws_url(self._base_url, mission_id), max_size=2**22) as connection:
                        visit.socket_opened_at = time.monotonic()
                        show = _Show(connection, visit, iter(interjections), break_in_every / self._speed)
                        await show.run(close_after_lines, silence_limit)
                finally:
                    await page_task
        finally:
            self.initial_listeners, self.awakened_listeners = (
                visit.initial_listeners,
                visit.awakened_listeners,
            )
        return visit

    async def _poll_until_stage2(self, mission_id: str, visit: Visit) -> bool:
        async with httpx.AsyncClient(base_url=self._base_url, timeout=10) as http:
            while True:
                await asyncio.sleep(
                    POLL_SECONDS / self._speed
                )  # setInterval: the first poll comes after one period
                visit.polls += 1
                response = await http.get(f"/api/v1/mission_status/{mission_id}")
                if not response.is_success:
                    visit.connection_error = f"mission_status answered {response.status_code}"
                    return False
                status = str(response.json().get("status"))
                visit.poll_statuses.append(status)
                if status == "stage2":
                    return True

    async def _load_page(self, mission_id: str, visit: Visit) -> None:
        status, body = await self._mission_page(mission_id)
        if status != 200:
            visit.connection_error = f"/api/mission/{mission_id} answered {status}"
            return
        visit.page = body
        initial = (body.get("generation_result") or {}).get("initial_listeners")
        if initial:
            visit.initial_listeners = int(initial)


class _Show:
    """The socket half of StationPopup: messages in, ``ready_for_next`` and break-ins out."""

    def __init__(
        self, connection: ClientConnection, visit: Visit, interjections: Iterator[str], break_in_every: float
    ) -> None:
        self._connection = connection
        self._visit = visit
        self._interjections = interjections
        self._break_in_every = break_in_every
        self._break_in_at: float | None = None
        # The page's timer stays on the wall clock: the verdicts that win a show take real time.
        self._deadline = visit.opened_at + CONNECTING_SECONDS + PAGE_TIMER_SECONDS

    async def run(self, close_after_lines: int | None, silence_limit: float) -> None:
        visit = self._visit
        last_audio = time.monotonic()
        receive: asyncio.Task[Any] | None = None
        try:
            while True:
                now = time.monotonic()
                if self._won():
                    visit.won_popup = True
                    break
                if now >= self._deadline:
                    visit.timed_out = True
                    break
                if close_after_lines is not None and len(visit.line_ids) >= close_after_lines:
                    break
                if now - last_audio > silence_limit:
                    visit.stalled = True
                    break
                if visit.player.due(now):
                    await self._send({"action": "ready_for_next"})
                if self._break_in_at is not None and now >= self._break_in_at:
                    text = next(self._interjections, None)
                    self._break_in_at = None if text is None else now + self._break_in_every
                    if text is not None:
                        await self._send({"user_dialogue": text})
                receive = receive or asyncio.ensure_future(self._connection.recv())
                done, _ = await asyncio.wait(
                    {receive}, timeout=self._wait_seconds(now, last_audio, silence_limit)
                )
                if not done:
                    continue
                received, receive = receive, None
                try:
                    message = received.result()
                except ConnectionClosed as closed:
                    code = closed.rcvd.code if closed.rcvd else None
                    visit.closed_by_server = (code, closed.rcvd.reason if closed.rcvd else "")
                    return
                now = time.monotonic()
                if isinstance(message, bytes):
                    last_audio = now
                    self._on_audio(message, now)
                else:
                    await self._on_text(json.loads(message), now)
        finally:
            if receive is not None:
                receive.cancel()
        await close_like_a_browser(self._connection)

    def _wait_seconds(self, now: float, last_audio: float, silence_limit: float) -> float:
        wakes = [self._deadline, last_audio + silence_limit]
        if (ready_at := self._visit.player.wake_at()) is not None:
            wakes.append(ready_at)
        if self._break_in_at is not None:
            wakes.append(self._break_in_at)
        return max(0.0, min(wakes) - now)

    def _won(self) -> bool:
        visit = self._visit
        return visit.initial_listeners > 0 and visit.awakened_listeners >= visit.initial_listeners / 2

    def _on_audio(self, pcm: bytes, now: float) -> None:
        visit = self._visit
        visit.first_frame_at = visit.first_frame_at or now
        visit.player.add_chunk(pcm, now)

    async def _on_text(self, message: dict[str, Any], now: float) -> None:
        visit = self._visit
        visit.messages.append((now, message))
        if "awakened_listeners" in message:
            visit.awakened_listeners = int(message["awakened_listeners"])
        if message.get("status") == "dialogue_end":
            if visit.first_dialogue_end_at is None:
                visit.first_dialogue_end_at = now
                self._break_in_at = now + self._break_in_every
            if visit.player.handle_dialogue_end(now):
                await self._send({"action": "ready_for_next"})

    async def _send(self, message: dict[str, Any]) -> None:
        self._visit.sent.append((time.monotonic(), message))
        await self._connection.send(json.dumps(message))
