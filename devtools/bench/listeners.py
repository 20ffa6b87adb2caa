"""Listeners by link: one show played in real time by its player over the game socket, then many
listeners on its listen socket (``WS /api/v1/ws/{id}/listen``), then WebRTC listeners as well
(receive-only calls, as the listen page makes them: ``POST /api/v1/missions/{id}/listen/rtc``).

Reported: the app process's CPU and memory with the player alone and with the listeners, per
listener; what the listeners received (audio seconds, any dropped); and the player's own frames
(lateness past their playback time, and the wait for each new line) in both phases. The goal:
100 listeners leave the player's show unaffected, no new gap over 40 ms. The listeners are
clients in this process, on the same 2 cores as the app.
"""

from __future__ import annotations

import asyncio
import os
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import numpy as np
from aiortc import MediaStreamTrack, RTCConfiguration, RTCPeerConnection, RTCSessionDescription
from av import AudioFrame
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from devtools.bench.app_process import AppProcess
from devtools.bench.broadcast import create_missions
from devtools.bench.load import frame_lateness
from devtools.bench.stats import percentile
from devtools.testing.show_client import HeardLine, ShowRecord, open_show, play
from radiomirchi.client import ws_url
from radiomirchi.speech.audio import pcm_seconds

PHASE_SECONDS = 30.0
LISTENERS = 100
RTC_LISTENERS = 10
GAP_GOAL_SECONDS = 0.040
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime + stime


@dataclass
class Phase:
    started: float
    ended: float = 0.0
    cpu: float = 0.0
    rss: int = 0


@dataclass
class ListenerRecord:
    audio_seconds: float = 0.0
    messages: int = 0
    close_code: int | None = None
    errors: list[str] = field(default_factory=list)


async def _player(base_url: str, mission_id: str, record: ShowRecord, until: asyncio.Event) -> None:
    async with await open_show(base_url, mission_id) as ws:
        while not until.is_set():
            await play(ws, max_lines=len(record.lines) + 1, record=record, within=30)
            if record.mission_end is not None:
                return
            line = record.lines[-1]
            if line.first_frame_at is not None:  # the player hears it out in real time
                remaining = line.first_frame_at + line.seconds - time.monotonic()
                if remaining > 0:
                    await asyncio.sleep(remaining)


async def _listener(url: str, heard: ListenerRecord, until: asyncio.Event) -> None:
    try:
        async with connect(url, max_size=2**22) as ws:
            while not until.is_set():
                try:
                    async with asyncio.timeout(1.0):
                        message = await ws.recv()
                except TimeoutError:
                    continue
                if isinstance(message, bytes):
                    heard.audio_seconds += pcm_seconds(len(message))
                else:
                    heard.messages += 1
    except ConnectionClosed as closed:
        heard.close_code = closed.rcvd.code if closed.rcvd else None
    except Exception as exc:  # counted, not fatal: the figures say how many failed
        heard.errors.append(f"{type(exc).__name__}: {exc}")


@dataclass
class RtcRecord:
    audio_frames: int = 0
    messages: int = 0
    errors: list[str] = field(default_factory=list)


async def _rtc_listener(base_url: str, mission_id: str, heard: RtcRecord, until: asyncio.Event) -> None:
    """A receive-only call, as the listen page makes it: frames with sound are counted."""
    connection = RTCPeerConnection(RTCConfiguration(iceServers=[]))
    try:
        connection.addTransceiver("audio", direction="recvonly")
        channel = connection.createDataChannel("show")
        channel.on("message", lambda _message: setattr(heard, "messages", heard.messages + 1))
        track_ready: asyncio.Future[MediaStreamTrack] = asyncio.get_running_loop().create_future()

        def on_track(track: MediaStreamTrack) -> None:
            if not track_ready.done():
                track_ready.set_result(track)

        connection.on("track", on_track)
        await connection.setLocalDescription(await connection.createOffer())
        offer = connection.localDescription
        async with httpx.AsyncClient(base_url=base_url, timeout=30) as http:
            response = await http.post(
                f"/api/v1/missions/{mission_id}/listen/rtc", json={"sdp": offer.sdp, "type": offer.type}
            )
            response.raise_for_status()
        await connection.setRemoteDescription(RTCSessionDescription(**response.json()))
        track = await asyncio.wait_for(track_ready, 20)
        while not until.is_set():
            frame = await asyncio.wait_for(track.recv(), 5)
            if isinstance(frame, AudioFrame) and np.abs(frame.to_ndarray()).max() > 300:
                heard.audio_frames += 1
    except Exception as exc:  # counted: the figures say how many failed
        heard.errors.append(f"{type(exc).__name__}: {exc}")
    finally:
        await connection.close()


def _player_gaps(lines: list[HeardLine], start: float, end: float) -> list[float]:
    gaps: list[float] = []
    for number, line in enumerate(lines):
        if line.first_frame_at is None or not start <= line.first_frame_at < end:
            continue
        if number:
            gaps.append(line.first_frame_at - line.requested_at)
        gaps += frame_lateness(line)
    return gaps


def _gap_figures(gaps: list[float]) -> dict[str, Any]:
    if not gaps:
        return {"n": 0}
    return {
        "n": len(gaps),
        "p95_ms": round(percentile(gaps, 0.95) * 1000, 1),
        "max_ms": round(max(gaps) * 1000, 1),
        f"over_{GAP_GOAL_SECONDS * 1000:.0f}ms": sum(1 for gap in gaps if gap > GAP_GOAL_SECONDS),
    }


async def _measure(app: AppProcess, phase: Phase) -> None:
    cpu_before = _cpu_seconds(app.pid)
    await asyncio.sleep(PHASE_SECONDS)
    phase.ended = time.monotonic()
    phase.cpu = (_cpu_seconds(app.pid) - cpu_before) / (phase.ended - phase.started)
    phase.rss = app.rss_bytes()


async def listeners(app: AppProcess, count: int) -> list[dict[str, Any]]:
    (mission,) = await create_missions(app.base_url, ["the stray dogs at the metro station"], at_once=1)
    until = asyncio.Event()
    record = ShowRecord()
    player = asyncio.create_task(_player(app.base_url, mission["id"], record, until))
    await asyncio.sleep(5.0)  # the show is on air and settled
    alone = Phase(time.monotonic())
    await _measure(app, alone)
    url = ws_url(app.base_url, mission["id"]) + "/listen"
    heard = [ListenerRecord() for _ in range(count)]
    joined_at = time.monotonic()
    tasks = [asyncio.create_task(_listener(url, h, until)) for h in heard]
    await asyncio.sleep(3.0)  # every listener is in
    with_listeners = Phase(time.monotonic())
    await _measure(app, with_listeners)
    rtc_heard = [RtcRecord() for _ in range(RTC_LISTENERS)]
    tasks += [asyncio.create_task(_rtc_listener(app.base_url, mission["id"], h, until)) for h in rtc_heard]
    await asyncio.sleep(5.0)  # every call is connected
    with_rtc = Phase(time.monotonic())
    await _measure(app, with_rtc)
    until.set()
    await asyncio.gather(player, *tasks)
    player_seconds = sum(
        line.seconds for line in record.lines if line.first_frame_at and line.first_frame_at > joined_at
    )
    received = [h.audio_seconds for h in heard]
    rows: list[dict[str, Any]] = [
        {
            "metric": "app process CPU (share of one core) and memory",
            "player_alone_cpu": round(alone.cpu, 3),
            f"with_{count}_listeners_cpu": round(with_listeners.cpu, 3),
            "cpu_per_listener": round((with_listeners.cpu - alone.cpu) / count, 5),
            "player_alone_rss_mb": round(alone.rss / 2**20, 1),
            f"with_{count}_listeners_rss_mb": round(with_listeners.rss / 2**20, 1),
            "rss_per_listener_kb": round((with_listeners.rss - alone.rss) / count / 1024, 1),
        },
        {
            "metric": f"and {RTC_LISTENERS} WebRTC listeners more",
            f"with_{count}_ws_and_{RTC_LISTENERS}_rtc_cpu": round(with_rtc.cpu, 3),
            "cpu_per_rtc_listener": round((with_rtc.cpu - with_listeners.cpu) / RTC_LISTENERS, 4),
            f"with_{count}_ws_and_{RTC_LISTENERS}_rtc_rss_mb": round(with_rtc.rss / 2**20, 1),
            "rss_per_rtc_listener_kb": round((with_rtc.rss - with_listeners.rss) / RTC_LISTENERS / 1024, 1),
            "rtc_listeners_hearing": sum(1 for h in rtc_heard if h.audio_frames > 0),
            "min_rtc_audible_s": round(min(h.audio_frames for h in rtc_heard) * 0.02, 1),
            "rtc_errors": "; ".join(e for h in rtc_heard for e in h.errors)[:200],
        },
        {
            "metric": f"what the {count} listeners received after joining",
            "player_heard_s": round(player_seconds, 1),
            "min_listener_s": round(min(received), 1),
            "median_listener_s": round(sorted(received)[len(received) // 2], 1),
            "dropped_or_closed": sum(1 for h in heard if h.close_code not in (None, 1000)),
            "errors": sum(len(h.errors) for h in heard),
        },
        {
            "metric": "player's gaps, alone (frame lateness and next-line waits)",
            **_gap_figures(_player_gaps(record.lines, alone.started, alone.ended)),
        },
        {
            "metric": f"player's gaps with {count} listeners",
            **_gap_figures(_player_gaps(record.lines, with_listeners.started, with_listeners.ended)),
            "goal": f"no new gap over {GAP_GOAL_SECONDS * 1000:.0f} ms",
        },
        {
            "metric": f"player's gaps with {count} WebSocket and {RTC_LISTENERS} WebRTC listeners",
            **_gap_figures(_player_gaps(record.lines, with_rtc.started, with_rtc.ended)),
            "goal": f"no new gap over {GAP_GOAL_SECONDS * 1000:.0f} ms",
        },
    ]
    return rows


def run(count: int = LISTENERS, mongodb_uri: str | None = None) -> list[dict[str, Any]]:
    del mongodb_uri  # SQLite
    with tempfile.TemporaryDirectory(prefix="rm-bench-") as data_dir:
        env = {
            "RADIOMIRCHI_DATA_DIR": data_dir,
            "RADIOMIRCHI_SHOW_SECONDS": "900",
            "RADIOMIRCHI_MAX_LISTENERS_PER_SHOW": str(count + 10),
            "RADIOMIRCHI_MAX_LISTENERS_PER_ADDRESS": str(count + 10),
        }
        with AppProcess(env) as app:
            return asyncio.run(listeners(app, count))
