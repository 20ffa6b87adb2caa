"""Two app processes on one MongoDB-compatible server, as behind a load balancer: a mission made
through A is played through B, and after a disconnect it resumes through A, with one history.

The one-socket-per-mission rule and the cap on live shows hold per process (see
``radiomirchi/game/registry.py``); a load balancer should keep a mission's socket on one process.
"""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import Iterator

import httpx
import pytest

from devtools.bench.app_process import AppProcess
from devtools.testing.fake_deepgram import FakeDeepgram
from devtools.testing.show_client import create_ready_mission, open_show, play

pytestmark = pytest.mark.mongo


@pytest.fixture
def two_apps(
    mongodb_server_uri: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[AppProcess, AppProcess]]:
    database = f"two_{uuid.uuid4().hex[:10]}"
    with FakeDeepgram(chunk_interval_seconds=0.01, seconds_per_word=0.12) as deepgram:
        apps = []
        for name in ("a", "b"):
            env = {
                "MONGODB_URI": mongodb_server_uri,
                "RADIOMIRCHI_MONGODB_DATABASE": database,
                # Each process has its own data folder: nothing is shared but the database.
                "RADIOMIRCHI_DATA_DIR": str(tmp_path_factory.mktemp(f"app-{name}")),
                "RADIOMIRCHI_SHOW_SECONDS": "600",
                "DEEPGRAM_API_KEY": "dg-test-key-not-real",
                "RADIOMIRCHI_DEEPGRAM_BASE_URL": deepgram.base_url,
            }
            apps.append(AppProcess(env))
        with apps[0], apps[1]:
            yield apps[0], apps[1]


async def test_a_mission_made_on_a_plays_on_b_and_resumes_on_a(
    two_apps: tuple[AppProcess, AppProcess],
) -> None:
    a, b = two_apps
    mission = await create_ready_mission(a.base_url)
    async with await open_show(b.base_url, mission["id"]) as ws:
        on_b = await play(ws, max_lines=2)
        # Leave in the middle of the next line.
        await ws.send(json.dumps({"action": "ready_for_next"}))
        async with asyncio.timeout(20):
            while not isinstance(await ws.recv(), bytes):
                pass
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
