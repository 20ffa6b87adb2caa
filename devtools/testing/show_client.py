"""A scripted WebSocket client for tests and benchmarks: plays a show and records what it got."""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from dataclasses import dataclass, field
from typing import Any

import httpx
from websockets.asyncio.client import ClientConnection, connect
from websockets.asyncio.connection import Connection
from websockets.exceptions import ConnectionClosed, ConnectionClosedOK

from radiomirchi.client import ws_url
from radiomirchi.speech.audio import pcm_seconds


@dataclass
class HeardLine:
    line_id: int
    speaker: str
    text: str
    voice: str
    audio: bytearray = field(default_factory=bytearray)
    frame_sizes: list[int] = field(default_factory=list)
    requested_at: float = 0.0
    started_at: float = 0.0
    first_frame_at: float | None = None
    frame_times: list[float] = field(default_factory=list)
    end: dict[str, Any] = field(default_factory=dict)

    @property
    def seconds(self) -> float:
        return pcm_seconds(len(self.audio))


@dataclass
class ShowRecord:
    lines: list[HeardLine] = field(default_factory=list)
    messages: list[dict[str, Any]] = field(default_factory=list)
    ticks: list[tuple[float, dict[str, Any]]] = field(default_factory=list)
    mission_end: dict[str, Any] | None = None
    errors: list[dict[str, Any]] = field(default_factory=list)
    # The line being heard (between its dialogue_start and dialogue_end), across readers.
    current: HeardLine | None = None
    requested_at: float = field(default_factory=time.monotonic)

    def take(self, message: str | bytes) -> dict[str, Any] | None:
        """Record one message from the server; returns the JSON payload (None for audio)."""
        now = time.monotonic()
        if isinstance(message, bytes):
            if self.current is None:
                raise AssertionError("audio arrived outside a line")
            self.current.audio += message
            self.current.frame_sizes.append(len(message))
            self.current.frame_times.append(now)
            if self.current.first_frame_at is None:
                self.current.first_frame_at = now
            return None
        payload: dict[str, Any] = json.loads(message)
        self.messages.append(payload)
        if "awakened_listeners" in payload and "status" not in payload:
            self.ticks.append((now, payload))
        elif "error" in payload:
            self.errors.append(payload)
        elif payload.get("status") == "dialogue_start":
            self.current = HeardLine(
                payload["line_id"],
                payload["speaker"],
                payload["text"],
                payload.get("voice", ""),
                requested_at=self.requested_at,
                started_at=now,
            )
        elif payload.get("status") == "dialogue_end" and self.current is not None:
            self.current.end = payload
            self.lines.append(self.current)
            self.current = None
        elif payload.get("status") == "mission_end":
            self.mission_end = payload
        return payload


async def play(
    connection: Connection,
    *,
    max_lines: int | None = None,
    record: ShowRecord | None = None,
    within: float = 60.0,
) -> ShowRecord:
    """Send ready_for_next after each dialogue_end, at once, until the mission ends or max_lines."""
    record = record or ShowRecord()
    record.requested_at = time.monotonic()
    await _ask_for_next(connection)
    async with asyncio.timeout(within):
        async for message in connection:
            heard = len(record.lines)
            payload = record.take(message)
            if payload is None:
                continue
            if len(record.lines) > heard:  # a line ended
                if max_lines is not None and len(record.lines) >= max_lines:
                    return record
                record.requested_at = time.monotonic()
                await _ask_for_next(connection)
            elif payload.get("status") == "mission_end":
                return record
    return record


async def _ask_for_next(connection: Connection) -> None:
    """Ask for the next line. The show may have ended and closed meanwhile (a win's closing line
    and ``mission_end`` come unasked): what it sent before closing is still read after this."""
    with contextlib.suppress(ConnectionClosedOK):
        await connection.send(json.dumps({"action": "ready_for_next"}))


async def open_show(base_url: str, mission_id: str) -> ClientConnection:
    return await connect(ws_url(base_url, mission_id), max_size=2**22)


async def create_ready_mission(
    base_url: str,
    *,
    topic: str = "the new water tax",
    user_id: str = "tester",
    headers: dict[str, str] | None = None,
    within: float = 20.0,
) -> dict[str, Any]:
    """Create a mission over REST and wait until its show is prepared (stage2)."""
    async with httpx.AsyncClient(base_url=base_url, headers=headers, timeout=30) as http:
        response = await http.post("/api/v1/create_mission", json={"topic": topic, "user_id": user_id})
        response.raise_for_status()
        mission = dict(response.json())
        async with asyncio.timeout(within):
            while True:
                status = (await http.get(f"/api/v1/mission_status/{mission['id']}")).json()
                if status["status"] == "stage2":
                    return dict(status)
                if status["status"] == "failed":
                    raise RuntimeError(f"the mission failed: {status['failure_reason']}")
                await asyncio.sleep(0.05)


async def until_status(
    connection: Connection, status: str, *, within: float = 30.0, record: ShowRecord | None = None
) -> tuple[dict[str, Any], list[Any]]:
    """Read until a JSON message with that status (or "error" for an error reply); return it and
    everything read before it. With ``record``, the lines that play meanwhile are recorded too."""
    seen: list[Any] = []
    async with asyncio.timeout(within):
        while True:
            message = await connection.recv()
            if record is not None:
                record.take(message)
            if isinstance(message, bytes):
                seen.append(message)
                continue
            payload = json.loads(message)
            if payload.get("status") == status or (status == "error" and "error" in payload):
                return payload, seen
            seen.append(payload)


@dataclass
class Closed:
    """How the server ended a connection: its close code and reason (None: no close frame), and
    the error replies read on the way."""

    code: int | None
    reason: str
    errors: list[dict[str, Any]]


async def read_until_closed(connection: Connection, *, within: float = 10.0) -> Closed:
    """Read everything until the server closes the connection (TimeoutError if it does not)."""
    errors: list[dict[str, Any]] = []
    try:
        async with asyncio.timeout(within):
            while True:
                message = await connection.recv()
                if isinstance(message, str) and "error" in (payload := json.loads(message)):
                    errors.append(payload)
    except ConnectionClosed as closed:
        received = closed.rcvd
        return Closed(received.code if received else None, received.reason if received else "", errors)
