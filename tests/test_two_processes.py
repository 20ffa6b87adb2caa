"""Two app processes on one MongoDB-compatible server, as behind a load balancer: a mission made
through A is played through B, and after a disconnect it resumes through A, with one history;
a listener reaching the process that does not play the show is told so (4421), the other relays it.

The fleet shares its limits (``radiomirchi.fleet``): a second socket for a live mission through
the other process takes over (the first is closed 4409, the show resumes with no line repeated or
skipped), a process that dies frees its seats when their leases expire, the cap on live shows
counts both processes, a flood of new missions split across both is refused at the one limit,
and a model cooled down by one process is left alone by the other.

The processes run on the real clock (starting them takes most of the time here, and a takeover
or a disconnect mid-line races a fast show), except in the flood test: its rate windows are a
quarter of a minute of wall clock long there, so it waits seconds, not up to half a minute, for
a fresh one.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
import uuid
from collections.abc import Callable, Iterator

import httpx
import pytest
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from devtools.bench.app_process import AppProcess
from devtools.testing.fake_deepgram import FakeDeepgram
from devtools.testing.fake_gemini import FakeGemini, rate_limited
from devtools.testing.show_client import (
    ShowRecord,
    create_ready_mission,
    open_show,
    play,
    read_until_closed,
    until_status,
)
from radiomirchi.client import ws_url

pytestmark = [pytest.mark.mongo, pytest.mark.slow]  # two app processes play shows against one database

TwoApps = tuple[AppProcess, AppProcess]


@pytest.fixture
def start_two_apps(
    mongodb_server_uri: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Callable[[dict[str, str]], TwoApps]]:
    """Start A and B on one database; ``env`` adds settings to both (limits, providers)."""
    database = f"two_{uuid.uuid4().hex[:10]}"
    with (
        FakeDeepgram(chunk_interval_seconds=0.01, seconds_per_word=0.12) as deepgram,
        contextlib.ExitStack() as running,
    ):

        def start(env: dict[str, str]) -> TwoApps:
            apps = []
            for name in ("a", "b"):
                app_env = {
                    "MONGODB_URI": mongodb_server_uri,
                    "RADIOMIRCHI_MONGODB_DATABASE": database,
                    # Each process has its own data folder: nothing is shared but the database.
                    "RADIOMIRCHI_DATA_DIR": str(tmp_path_factory.mktemp(f"app-{name}")),
                    "RADIOMIRCHI_SHOW_SECONDS": "600",
                    "DEEPGRAM_API_KEY": "dg-test-key-not-real",
                    "RADIOMIRCHI_DEEPGRAM_BASE_URL": deepgram.base_url,
                    **env,
                }
                apps.append(running.enter_context(AppProcess(app_env)))
            return apps[0], apps[1]

        yield start


@pytest.fixture
def two_apps(start_two_apps: Callable[[dict[str, str]], TwoApps]) -> TwoApps:
    return start_two_apps({})


async def test_a_mission_made_on_a_plays_on_b_and_resumes_on_a(
    two_apps: tuple[AppProcess, AppProcess],
) -> None:
    a, b = two_apps
    mission = await create_ready_mission(a.base_url)
    async with await open_show(b.base_url, mission["id"]) as ws:
        on_b = await play(ws, max_lines=2)
        # Listeners are relayed by the process that plays the show: A says so, B relays it.
        misdirected = await read_until_closed(await connect(ws_url(a.base_url, mission["id"]) + "/listen"))
        assert misdirected.code == 4421 and "another server" in misdirected.reason
        listener = await connect(ws_url(b.base_url, mission["id"]) + "/listen")
        await until_status(listener, "listening")
        # Leave in the middle of the next line.
        await ws.send(json.dumps({"action": "ready_for_next"}))
        async with asyncio.timeout(20):
            while not isinstance(await ws.recv(), bytes):
                pass
        relayed, _ = await until_status(listener, "dialogue_start", within=20)
        assert relayed["line_id"] == 2
        await listener.close()
    async with httpx.AsyncClient(base_url=a.base_url, timeout=10) as http:
        async with asyncio.timeout(10):  # B records the line that was cut, as heard
            while True:
                status = (await http.get(f"/api/v1/mission_status/{mission['id']}")).json()
                if status["lines_broadcast"] == 3:
                    break
                await asyncio.sleep(0.1)
    async with await open_show(a.base_url, mission["id"]) as ws:
        on_a = await play(ws, max_lines=2)
    assert [line.line_id for line in on_b.lines] == [0, 1]
    assert [line.line_id for line in on_a.lines] == [3, 4]
    views = []
    for app in (a, b):
        async with httpx.AsyncClient(base_url=app.base_url, timeout=10) as http:
            status = (await http.get(f"/api/v1/mission_status/{mission['id']}")).json()
            entries = (await http.get(f"/api/v1/missions/{mission['id']}/transcript")).json()
        views.append((status["lines_broadcast"], entries))
    assert views[0] == views[1], "the two processes see different histories"
    lines_broadcast, entries = views[0]
    assert lines_broadcast == 5
    assert [entry["seq"] for entry in entries] == [1, 2, 3, 4, 5]
    assert [entry["line_id"] for entry in entries] == [0, 1, 2, 3, 4]
    assert entries[2]["interrupted"] is True
    heard = [line.text for line in on_b.lines] + [line.text for line in on_a.lines]
    assert [entries[i]["text"] for i in (0, 1, 3, 4)] == heard


async def _record_until_closed(
    connection: ClientConnection, record: ShowRecord, *, within: float
) -> int | None:
    """Keep recording what the server sends until it closes the connection; its close code."""
    try:
        async with asyncio.timeout(within):
            async for message in connection:
                record.take(message)
    except ConnectionClosed:
        pass
    return connection.close_code


async def _live_sessions(app: AppProcess) -> int:
    async with httpx.AsyncClient(base_url=app.base_url, timeout=10) as http:
        return int((await http.get("/health")).json()["providers"]["live_sessions"])


async def test_a_second_socket_through_the_other_process_takes_over_and_the_show_resumes(
    start_two_apps: Callable[[dict[str, str]], TwoApps],
) -> None:
    # One live show is the whole fleet's limit: taking the mission over must not count twice.
    a, b = start_two_apps({"RADIOMIRCHI_MAX_LIVE_SESSIONS": "1"})
    mission = await create_ready_mission(a.base_url)
    first = await open_show(a.base_url, mission["id"])
    on_a = await play(first, max_lines=2)  # the show goes on: a client that never asks still hears it
    asked = time.monotonic()
    async with await open_show(b.base_url, mission["id"]) as second:
        code = await _record_until_closed(first, on_a, within=30)
        closed_after = time.monotonic() - asked
        on_b = await play(second, max_lines=2, within=60)
        first_line_after = on_b.lines[0].started_at - asked
        assert (await _live_sessions(a), await _live_sessions(b)) == (0, 1)
    print(f"takeover: 4409 after {closed_after:.2f} s, the next line after {first_line_after:.2f} s")
    assert code == 4409
    assert closed_after < 15, "the first socket was not closed within a few seconds"
    async with httpx.AsyncClient(base_url=b.base_url, timeout=10) as http:
        async with asyncio.timeout(15):  # B records the line it was cut in, as heard
            while True:
                entries = (await http.get(f"/api/v1/missions/{mission['id']}/transcript")).json()
                if entries and entries[-1]["line_id"] >= on_b.lines[-1].line_id:
                    break
                await asyncio.sleep(0.1)
    ids = [entry["line_id"] for entry in entries]
    assert ids == list(range(len(ids))), f"a line was repeated or skipped: {ids}"
    heard_a = [line.line_id for line in on_a.lines]
    heard_b = [line.line_id for line in on_b.lines]
    assert heard_a[:2] == [0, 1] and heard_b == [heard_b[0], heard_b[0] + 1]
    # B goes on right after what A played: its last whole line, or the one it was cut in.
    between = list(range(heard_a[-1] + 1, heard_b[0]))
    assert len(between) <= 1 and all(entries[i]["interrupted"] for i in between)
    heard = {line.line_id: line.text for line in on_a.lines + on_b.lines}
    assert all(entries[i]["text"] == text for i, text in heard.items())


async def _admitted(app: AppProcess, mission_id: str) -> ClientConnection | None:
    """A socket for the mission if the door lets it in (the show goes live), else None (1013)."""
    connection = await open_show(app.base_url, mission_id)
    try:
        await until_status(connection, "live", within=20)
    except ConnectionClosed:
        assert connection.close_code == 1013
        return None
    return connection


async def test_the_live_cap_counts_both_processes_and_a_dead_process_frees_its_seats(
    start_two_apps: Callable[[dict[str, str]], TwoApps],
) -> None:
    lease_seconds = 3.0
    a, b = start_two_apps(
        {
            "RADIOMIRCHI_MAX_LIVE_SESSIONS": "1",
            "RADIOMIRCHI_FLEET_LEASE_SECONDS": str(lease_seconds),
            "RADIOMIRCHI_FLEET_LEASE_RENEW_SECONDS": "1",
        }
    )
    first, second = [await create_ready_mission(a.base_url, user_id=f"p{n}") for n in range(2)]
    on_a = await _admitted(a, first["id"])
    assert on_a is not None
    refused = await open_show(b.base_url, second["id"])
    closed = await read_until_closed(refused)
    assert closed.code == 1013 and "limit of 1 live shows" in closed.reason
    # A crashes with its show live: no shutdown code runs, its lease just stops being renewed.
    a.kill()
    died = time.monotonic()
    async with asyncio.timeout(lease_seconds + 30):
        while True:
            on_b = await _admitted(b, second["id"])
            if on_b is not None:
                break
            await asyncio.sleep(0.2)
    freed_after = time.monotonic() - died
    await on_b.close()
    print(f"a dead process's seat was free after {freed_after:.2f} s (lease {lease_seconds} s)")


# The flood test's clock: its one-minute windows last 15 s on the wall clock, long enough for the
# whole flood to arrive in one of them on a loaded machine.
FLOOD_CLOCK = 4.0


def _real_seconds_left_in_this_window(speed: float) -> float:
    """The fleet counts per minute of its clock (``ScaledClock.now``: the epoch times the speed)."""
    return (60.0 - (time.time() * speed) % 60.0) / speed


async def test_a_flood_of_new_missions_split_across_both_processes_is_refused_at_one_limit(
    start_two_apps: Callable[[dict[str, str]], TwoApps],
) -> None:
    a, b = start_two_apps(
        {
            "RADIOMIRCHI_CREATE_MISSIONS_PER_USER_PER_MINUTE": "4",
            "RADIOMIRCHI_CREATE_MISSIONS_PER_IP_PER_MINUTE": "10",
            "RADIOMIRCHI_CLOCK_SPEED": str(FLOOD_CLOCK),
        }
    )
    # The fleet counts per minute of its clock: start the flood early in one, so it is all in one
    # window (a wait of at most 10 s here).
    window = 60.0 / FLOOD_CLOCK
    if _real_seconds_left_in_this_window(FLOOD_CLOCK) < window * 2 / 3:
        await asyncio.sleep(_real_seconds_left_in_this_window(FLOOD_CLOCK) + 0.05)
    async with (
        httpx.AsyncClient(base_url=a.base_url, timeout=30) as on_a,
        httpx.AsyncClient(base_url=b.base_url, timeout=30) as on_b,
    ):

        async def create(n: int, user_id: str) -> httpx.Response:
            http = (on_a, on_b)[n % 2]
            return await http.post("/api/v1/create_mission", json={"topic": f"flood {n}", "user_id": user_id})

        flood = await asyncio.gather(*(create(n, "flooder") for n in range(10)))
        others = await asyncio.gather(*(create(n, f"other-{n}") for n in range(4)))
    codes = sorted(response.status_code for response in flood)
    # Per process, each would have let 4 through.
    assert codes == [201] * 4 + [429] * 6, codes
    for response in flood:
        if response.status_code == 429:
            assert "for one user" in response.json()["detail"]
            assert int(response.headers["Retry-After"]) >= 1
    # The address made 10 calls through the two processes: that is its limit for the minute.
    assert [response.status_code for response in others] == [429] * 4
    assert all("from one address" in response.json()["detail"] for response in others)


async def test_a_model_cooled_down_by_one_process_is_left_alone_by_the_other(
    start_two_apps: Callable[[dict[str, str]], TwoApps],
) -> None:
    with FakeGemini() as gemini:
        gemini.always = lambda: rate_limited(53.0)  # every call: a real per-minute 429, "53s"
        a, b = start_two_apps(
            {
                "GEMINI_API_KEY": "test-key-not-real",
                "RADIOMIRCHI_GEMINI_BASE_URL": gemini.base_url,
                "RADIOMIRCHI_GEMINI_BACKOFF_SECONDS": "0.01",
            }
        )
        made_on_a = await create_ready_mission(a.base_url)
        cooled = set(gemini.request_models)
        seen_by_a = gemini.request_count
        assert cooled, "A never asked Gemini"
        made_on_b = await create_ready_mission(b.base_url, user_id="someone-else")
        asked_by_b = gemini.request_models[seen_by_a:]
    assert made_on_a["writer"] == made_on_b["writer"] == "offline"
    assert not cooled & set(asked_by_b), f"B asked a model A had cooled down: {asked_by_b}"
