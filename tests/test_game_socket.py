"""The live broadcast over a real WebSocket, with the real offline voices (Piper and eSpeak NG).

The shows play at FAST_CLOCK times real time: what is sent, in what order, what is stored and
resumed does not depend on it. One test plays in real time and checks the pacing with bounds a
loaded machine keeps; how soon the first line comes is a figure of ``make bench`` (timing).
"""

from __future__ import annotations

import asyncio
import itertools
import json
from typing import Any

import httpx
import numpy as np
import pytest
from websockets.asyncio.client import connect
from websockets.asyncio.connection import Connection
from websockets.exceptions import ConnectionClosed

from devtools.testing.apps import AppFactory
from devtools.testing.asgi_server import ThreadedServer
from devtools.testing.show_client import ShowRecord, open_show, play
from radiomirchi.client import ws_url
from radiomirchi.config import Settings
from radiomirchi.schemas import HostLineEntry, new_mission_id
from radiomirchi.speech.audio import WIRE_SAMPLE_RATE, bytes_to_int16, pcm_seconds
from radiomirchi.speech.pacing import LEAD_SECONDS
from radiomirchi.store import SQLiteMissionStore
from tests.conftest import FAST_CLOCK

# The real-time test: the first audio within this long of ready_for_next (the goal, 1 s, is in
# the benchmark), and a line's audio never sent faster than a listener plays it, less the lead.
REAL_TIME_FIRST_AUDIO_SECONDS = 10.0

pytestmark = [pytest.mark.slow, pytest.mark.clock_speed(FAST_CLOCK)]  # every test here plays a show


@pytest.fixture(scope="module")
def show_settings(module_apps: AppFactory) -> Settings:
    return module_apps.settings(show_seconds=90.0)


@pytest.fixture(scope="module")
def show_server(module_apps: AppFactory, show_settings: Settings) -> ThreadedServer:
    """Shared by the module's tests: each plays a mission of its own."""
    return module_apps.serve(show_settings)


async def _create_mission(base_url: str, topic: str = "the new water tax") -> dict[str, Any]:
    async with httpx.AsyncClient(base_url=base_url) as http:
        response = await http.post("/api/v1/create_mission", json={"topic": topic, "user_id": "listener"})
        assert response.status_code == 201
        return dict(response.json())


@pytest.fixture
def real_time_server(apps: AppFactory) -> ThreadedServer:
    """An app of the test's own, on the clock its ``clock_speed(1)`` mark says: the real one."""
    return apps.serve(apps.settings(show_seconds=90.0))


@pytest.fixture
async def mission(show_server: ThreadedServer) -> dict[str, Any]:
    return await _create_mission(show_server.base_url)


def _rms(pcm: bytes) -> float:
    samples = bytes_to_int16(pcm).astype(np.float64)
    return float(np.sqrt(np.mean(samples**2))) if samples.size else 0.0


async def test_ten_lines_stream_as_audible_multi_voice_speech(
    show_server: ThreadedServer, mission: dict[str, Any]
) -> None:
    async with await open_show(show_server.base_url, mission["id"]) as ws:
        record = await play(ws, max_lines=10)
    lines = record.lines
    assert len(lines) == 10
    assert [line.line_id for line in lines] == list(range(10))
    speakers = {line.speaker for line in lines}
    assert len(speakers) >= 2
    voice_of: dict[str, str] = {}
    for line in lines:
        assert voice_of.setdefault(line.speaker, line.voice) == line.voice, "a speaker changed voice"
        assert line.end["line_id"] == line.line_id
        assert all(size % 2 == 0 for size in line.frame_sizes)
        # 20-100 ms frames; only a line's last frame may be shorter.
        assert all(960 <= size <= 4800 for size in line.frame_sizes[:-1])
        assert line.audio[:4] != b"RIFF"
        assert 0.8 < line.seconds < 20
        assert _rms(bytes(line.audio)) > 500, f"line {line.line_id} is near-silent"
        assert abs(line.end["audio_seconds"] - line.seconds) < 0.01
    assert len(set(voice_of.values())) == len(voice_of), "two speakers share a voice"


@pytest.mark.clock_speed(1)
async def test_in_real_time_the_first_line_comes_soon_and_audio_keeps_a_listener_s_pace(
    real_time_server: ThreadedServer,
) -> None:
    mission = await _create_mission(real_time_server.base_url)
    async with await open_show(real_time_server.base_url, mission["id"]) as ws:
        record = await play(ws, max_lines=2)
    first = record.lines[0]
    assert first.first_frame_at is not None
    assert first.requested_at <= first.started_at <= first.first_frame_at
    assert first.first_frame_at - first.requested_at < REAL_TIME_FIRST_AUDIO_SECONDS
    for line in record.lines:
        # Paced: the last frame goes out no sooner than the line's length, less the lead (and
        # its last frame, and a loaded machine's delivery delay), after the first; a burst would
        # send it all at once.
        sending = line.frame_times[-1] - line.frame_times[0]
        assert sending >= line.seconds - LEAD_SECONDS - pcm_seconds(line.frame_sizes[-1]) - 0.25, (
            sending,
            line.seconds,
        )


async def test_listener_ticks_arrive_at_least_once_a_second(
    show_server: ThreadedServer, mission: dict[str, Any]
) -> None:
    async with await open_show(show_server.base_url, mission["id"]) as ws:
        record = await play(ws, max_lines=3)
    times = [at for at, _ in record.ticks]
    assert len(times) >= 3
    assert max(b - a for a, b in itertools.pairwise(times)) <= 1.0
    tick = record.ticks[-1][1]
    assert tick["initial_listeners"] == mission["generation_result"]["initial_listeners"]
    assert tick["target"] == round(tick["initial_listeners"] * 0.5)
    assert 0 < tick["seconds_left"] <= 90
    assert tick["strikes"] == 0


@pytest.fixture(scope="module")
def short_show_settings(module_apps: AppFactory) -> Settings:
    return module_apps.settings(show_seconds=20.0)


@pytest.fixture(scope="module")
def short_show_server(module_apps: AppFactory, short_show_settings: Settings) -> ThreadedServer:
    return module_apps.serve(short_show_settings)


async def test_a_show_ends_lost_when_its_time_runs_out_and_is_persisted(
    short_show_server: ThreadedServer, short_show_settings: Settings
) -> None:
    show_server, show_settings = short_show_server, short_show_settings
    mission = await _create_mission(show_server.base_url)
    async with await open_show(show_server.base_url, mission["id"]) as ws:
        record = await play(ws, within=120)
        with pytest.raises(ConnectionClosed) as closed:
            await asyncio.wait_for(ws.recv(), 5)
    assert closed.value.rcvd is not None and closed.value.rcvd.code == 1000
    assert record.mission_end is not None
    assert record.mission_end["result"] == "lost"
    sent_seconds = sum(line.seconds for line in record.lines)
    assert sent_seconds >= show_settings.show_seconds
    assert sent_seconds - record.lines[-1].seconds < show_settings.show_seconds
    async with httpx.AsyncClient(base_url=show_server.base_url) as http:
        stored = (await http.get(f"/api/v1/mission_status/{mission['id']}")).json()
    assert stored["status"] == "lost"
    assert stored["result"] == "lost"
    assert stored["lines_broadcast"] == len(record.lines)
    assert stored["broadcast_seconds"] == pytest.approx(sent_seconds, abs=0.05)
    store = SQLiteMissionStore(show_settings.sqlite_path)
    await store.open()
    try:
        entries = await store.list_entries(mission["id"])
    finally:
        await store.close()
    assert [(e.line_id, e.text) for e in entries if isinstance(e, HostLineEntry)] == [
        (line.line_id, line.text) for line in record.lines
    ]
    # A finished mission cannot be played again.
    async with await open_show(show_server.base_url, mission["id"]) as ws:
        reply = json.loads(await ws.recv())
        assert reply["code"] == "mission_over"


@pytest.mark.parametrize(
    ("frame", "code"),
    [
        ("not json at all", "malformed_json"),
        ("[1, 2, 3]", "malformed_json"),
        ('{"action": "dance"}', "unknown_action"),
        ('{"action": 42}', "unknown_action"),
        (b"\x00\x01" * 100, "unexpected_audio"),
    ],
)
async def test_bad_frames_get_an_error_and_the_show_goes_on(
    show_server: ThreadedServer, mission: dict[str, Any], frame: str | bytes, code: str
) -> None:
    async with await open_show(show_server.base_url, mission["id"]) as ws:
        await ws.send(frame)
        record = ShowRecord()  # the show speaks first: what plays meanwhile is recorded
        async with asyncio.timeout(10):
            while not record.errors:
                record.take(await ws.recv())
        assert record.errors[0]["code"] == code
        heard = len(record.lines)
        await play(ws, max_lines=heard + 1, record=record)
    assert len(record.lines) == heard + 1


@pytest.mark.parametrize("mission_id", ["not-a-uuid", pytest.param(new_mission_id(), id="unknown-object-id")])
async def test_unknown_missions_are_closed_with_4404(show_server: ThreadedServer, mission_id: str) -> None:
    async with connect(ws_url(show_server.base_url, mission_id)) as ws:
        with pytest.raises(ConnectionClosed) as closed:
            await asyncio.wait_for(ws.recv(), 5)
    assert closed.value.rcvd is not None and closed.value.rcvd.code == 4404


# On the real clock: at ten times the speed a line lasts a fraction of a second, and the show may
# finish it and begin the next before the server sees the client leave "in the middle" of it.
@pytest.mark.clock_speed(1)
async def test_reconnecting_resumes_with_no_line_repeated_or_skipped(
    real_time_server: ThreadedServer,
) -> None:
    show_server = real_time_server
    mission = await _create_mission(show_server.base_url)
    async with await open_show(show_server.base_url, mission["id"]) as ws:
        first = await play(ws, max_lines=3)
    # A disconnect in the middle of a line: the part sent is stored as heard, and flagged.
    async with await open_show(show_server.base_url, mission["id"]) as ws:
        await ws.send(json.dumps({"action": "ready_for_next"}))
        async with asyncio.timeout(10):
            while not isinstance(await ws.recv(), bytes):
                pass
    async with await open_show(show_server.base_url, mission["id"]) as ws:
        second = await play(ws, max_lines=3)
    assert [line.line_id for line in first.lines] == [0, 1, 2]
    assert [line.line_id for line in second.lines] == [4, 5, 6]
    seen = [line.text for line in first.lines + second.lines]
    assert len(seen) == len(set(seen)), "a line was repeated"
    async with httpx.AsyncClient(base_url=show_server.base_url) as http:
        stored = (await http.get(f"/api/v1/mission_status/{mission['id']}")).json()
    assert stored["lines_broadcast"] == 7


async def test_a_second_socket_takes_over_and_the_first_is_closed_4409(
    show_server: ThreadedServer, mission: dict[str, Any]
) -> None:
    first = await open_show(show_server.base_url, mission["id"])
    await play(first, max_lines=1)
    async with await open_show(show_server.base_url, mission["id"]) as second:
        with pytest.raises(ConnectionClosed) as closed:
            await _drain_until_closed(first)
        assert closed.value.rcvd is not None and closed.value.rcvd.code == 4409
        record = await play(second, max_lines=1)
    assert record.lines[0].line_id == 1


async def test_a_seed_protocol_client_plays_a_whole_show(short_show_server: ThreadedServer) -> None:
    """Only what the seed plan's front end knows: ready_for_next after each dialogue_end, and every
    binary frame is PCM16 24 kHz it wraps in a WAV header."""
    import io
    import wave

    show_server = short_show_server
    mission = await _create_mission(show_server.base_url)
    played_frames = 0  # counted whole: a sum of float seconds can fall a hair short of an exact 20 s
    ends = 0
    async with await open_show(show_server.base_url, mission["id"]) as ws:
        await ws.send(json.dumps({"action": "ready_for_next"}))
        async with asyncio.timeout(120):
            async for message in ws:
                if isinstance(message, bytes):
                    buffer = io.BytesIO()
                    with wave.open(buffer, "wb") as wav:
                        wav.setnchannels(1)
                        wav.setsampwidth(2)
                        wav.setframerate(WIRE_SAMPLE_RATE)
                        wav.writeframes(message)
                    buffer.seek(0)
                    with wave.open(buffer) as wav:
                        assert wav.getframerate() == WIRE_SAMPLE_RATE
                        played_frames += wav.getnframes()
                    continue
                payload = json.loads(message)
                if payload.get("status") == "dialogue_end":
                    ends += 1
                    await ws.send(json.dumps({"action": "ready_for_next"}))
                if payload.get("status") == "mission_end":
                    break
    assert ends >= 3
    assert played_frames >= 20 * WIRE_SAMPLE_RATE


async def _drain_until_closed(ws: Connection) -> None:
    async with asyncio.timeout(5):
        while True:
            await ws.recv()
