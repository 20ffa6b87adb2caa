"""Clients and processes going away mid-mission: the app restarted (gracefully, or killed) while a
player is mid-line, and the mission resumed from the store by the next app on the same SQLite file.

Also covered elsewhere: a disconnect mid-line then a reconnect resumes with no line repeated or
skipped (``test_game_socket.py::test_reconnecting_resumes_with_no_line_repeated_or_skipped``); a
second socket takes over and the first is closed 4409 (``test_a_second_socket_takes_over...``); a
disconnect stops all provider work within a second (``test_providers_live.py``).
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import json
import logging
from typing import Any

import httpx
import pytest
from pydantic import SecretStr
from websockets.asyncio.connection import Connection
from websockets.exceptions import ConnectionClosed

from devtools.bench.app_process import AppProcess
from devtools.testing.apps import AppFactory
from devtools.testing.asgi_server import ThreadedServer
from devtools.testing.fake_deepgram import FakeDeepgram
from devtools.testing.show_client import ShowRecord, create_ready_mission, open_show, play, until_status
from radiomirchi.config import Settings
from radiomirchi.server import create_app

pytestmark = pytest.mark.slow  # fault drills: shows cut by restarts, kills and lost clients


async def _into_a_line(ws: Connection, frames: int = 25) -> None:
    """Ask for the next line and return once a second of its audio has arrived (some of it heard)."""
    await ws.send(json.dumps({"action": "ready_for_next"}))
    got = 0
    async with asyncio.timeout(20):
        while got < frames:
            if isinstance(await ws.recv(), bytes):
                got += 1


async def _drain(ws: Connection) -> None:
    try:
        async with asyncio.timeout(10):
            while True:
                await ws.recv()
    except ConnectionClosed:
        return


async def _history(base_url: str, mission_id: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    async with httpx.AsyncClient(base_url=base_url, timeout=10) as http:
        mission = (await http.get(f"/api/v1/mission_status/{mission_id}")).json()
        entries = (await http.get(f"/api/v1/missions/{mission_id}/transcript")).json()
    return mission, entries


def _assert_contiguous(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    assert [entry["seq"] for entry in entries] == list(range(1, len(entries) + 1))
    lines = [entry for entry in entries if entry["kind"] == "line"]
    assert [entry["line_id"] for entry in lines] == list(range(len(lines)))
    texts = [entry["text"] for entry in lines]
    assert len(texts) == len(set(texts)), "a line was broadcast twice"
    return lines


async def test_an_app_restart_mid_line_resumes_the_mission_from_the_store(
    apps: AppFactory, settings: Settings
) -> None:
    with FakeDeepgram(chunk_interval_seconds=0.01, seconds_per_word=0.12) as deepgram:
        app_settings = settings.model_copy(
            update={
                "deepgram_api_key": SecretStr("dg-test-key-not-real"),
                "deepgram_base_url": deepgram.base_url,
                "show_seconds": 600.0,
            }
        )
        with apps.running(app_settings) as first:
            mission = await create_ready_mission(first.base_url)
            player = await open_show(first.base_url, mission["id"])
            before = await play(player, max_lines=2)
            await _into_a_line(player)
            # The app shuts down while the player is in the middle of line 2.
        await _drain(player)
        with apps.running(app_settings) as second:
            async with await open_show(second.base_url, mission["id"]) as ws:
                after = await play(ws, max_lines=2)
            await asyncio.sleep(0.3)
            stored, entries = await _history(second.base_url, mission["id"])
    assert [line.line_id for line in before.lines] == [0, 1]
    assert [line.line_id for line in after.lines] == [3, 4]
    lines = _assert_contiguous(entries)
    cut = lines[2]
    assert cut["interrupted"] is True and 0 < len(cut["heard_text"]) < len(cut["text"])
    assert stored["lines_broadcast"] == 5 and (stored["status"], stored["phase"]) == ("stage2", "live")


async def test_an_app_process_killed_mid_line_resumes_in_the_next_process(settings: Settings) -> None:
    """SIGKILL: no shutdown code runs, so the line being played is never recorded; the next
    process carries on from the last line that was, with no gap and no repeat."""
    with FakeDeepgram(chunk_interval_seconds=0.01, seconds_per_word=0.12) as deepgram:
        env = {
            "RADIOMIRCHI_DATA_DIR": str(settings.data_dir),
            "RADIOMIRCHI_SHOW_SECONDS": "600",
            "DEEPGRAM_API_KEY": "dg-test-key-not-real",
            "RADIOMIRCHI_DEEPGRAM_BASE_URL": deepgram.base_url,
        }
        with AppProcess(env) as first:
            mission = await create_ready_mission(first.base_url)
            player = await open_show(first.base_url, mission["id"])
            heard = await play(player, max_lines=2, within=60)
            await _into_a_line(player)
            first.kill()
            await _drain(player)
        with AppProcess(env) as second:
            async with await open_show(second.base_url, mission["id"]) as ws:
                heard_after: ShowRecord = await play(ws, max_lines=2, within=60)
            await asyncio.sleep(0.3)
            stored, entries = await _history(second.base_url, mission["id"])
    lines = _assert_contiguous(entries)
    assert [line.line_id for line in heard.lines + heard_after.lines] == [0, 1, 2, 3]
    assert [entry["text"] for entry in lines] == [line.text for line in heard.lines + heard_after.lines]
    assert stored["lines_broadcast"] == 4


async def _win_then_leave(base_url: str, mission: dict[str, Any], leave_after: float) -> dict[str, Any]:
    """Break in with the facts as written until the show is won; hang up ``leave_after`` s later."""
    proofs = mission["generation_result"]["proof_sentences"]
    async with await open_show(base_url, mission["id"]) as ws:
        await play(ws, max_lines=1)
        for turn in range(12):
            await ws.send(json.dumps({"action": "user_dialogue", "dialogue": proofs[turn % len(proofs)]}))
            verdict, _ = await until_status(ws, "verdict")
            if verdict["awakened_listeners"] >= verdict["target"]:
                # It listens to the hosts taking their defeat for a while, then hangs up.
                with contextlib.suppress(TimeoutError, ConnectionClosed):
                    async with asyncio.timeout(leave_after):
                        while True:
                            await ws.recv()
                return verdict
        raise AssertionError("the facts as written never won the show")


async def test_clients_leaving_just_after_a_winning_break_in_leave_no_task_behind(
    settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    """Every task of a show has an owner that stops it: a client hanging up while the hosts take
    their defeat leaves no task pending when the session is collected (asyncio logs each one as
    "Task was destroyed but it is pending!" at garbage collection)."""
    app = create_app(settings.model_copy(update={"show_seconds": 300.0}))
    leave_after = (0.0, 0.2, 0.5, 1.0, 2.0, 3.0)
    with caplog.at_level(logging.ERROR, logger="asyncio"), ThreadedServer(app, lifespan="on") as server:
        missions = [
            await create_ready_mission(server.base_url, user_id=f"leaver_{i}")
            for i in range(len(leave_after))
        ]
        verdicts = await asyncio.gather(
            *(
                _win_then_leave(server.base_url, m, after)
                for m, after in zip(missions, leave_after, strict=True)
            )
        )
        sessions = app.state.services.sessions
        async with asyncio.timeout(30):
            while True:
                if len(sessions) == 0:  # every show has stopped and let go of its seat
                    break
                await asyncio.sleep(0.05)
        await asyncio.sleep(0.5)  # the server's loop runs the last callbacks of the stopped shows
        gc.collect()
        async with httpx.AsyncClient(base_url=server.base_url, timeout=10) as http:
            stored = [(await http.get(f"/api/v1/mission_status/{m['id']}")).json() for m in missions]
        gc.collect()
    assert all(v["awakened_listeners"] >= v["target"] for v in verdicts)
    assert [s["status"] for s in stored] == ["won"] * len(missions)
    destroyed = [r.getMessage() for r in caplog.records if "destroyed but it is pending" in r.getMessage()]
    assert destroyed == []
