"""The listen and replay pages in a real browser (Debian's Chromium): a second page opens a show's
listen link mid-show, hears it (levels measured at the page), sees the captions, the player's
break-in and its verdict, and the ending; then the replay plays with its captions in time. The
player is a scripted WebSocket client, in a thread of its own, playing in real time."""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from devtools.bench.browser import CHROMIUM, launch, open_page
from devtools.testing.apps import AppFactory
from devtools.testing.asgi_server import ThreadedServer
from devtools.testing.show_client import create_ready_mission, open_show, play, until_status

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def station_server(module_apps: AppFactory) -> ThreadedServer:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing (apt-get install chromium)")
    return module_apps.serve(module_apps.settings(show_seconds=150.0))


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = launch(playwright, None)
        yield browser
        browser.close()


class ScriptedPlayer(threading.Thread):
    """Plays a show over the game socket: lines until the listener is in, a typed proof sentence,
    two more lines, then gives up (a loss, so the end is quick and certain)."""

    def __init__(self, base_url: str, topic: str) -> None:
        super().__init__(name="scripted-player", daemon=True)
        self.base_url = base_url
        self.topic = topic
        self.mission: dict[str, Any] = {}
        self.proof = ""
        self.on_air = threading.Event()
        self.listener_in = threading.Event()
        self.verdict: dict[str, Any] | None = None
        self.ended: dict[str, Any] | None = None
        self.failure: BaseException | None = None

    def run(self) -> None:
        try:
            asyncio.run(self._play())
        except BaseException as exc:  # reported by the test
            self.failure = exc

    async def _play(self) -> None:
        self.mission = await create_ready_mission(self.base_url, topic=self.topic)
        self.proof = self.mission["generation_result"]["proof_sentences"][0]
        async with await open_show(self.base_url, self.mission["id"]) as ws:
            await play(ws, max_lines=1)
            self.on_air.set()
            await asyncio.to_thread(self.listener_in.wait, 60)
            await play(ws, max_lines=2)
            await ws.send(json.dumps({"action": "user_dialogue", "dialogue": self.proof}))
            self.verdict, _ = await until_status(ws, "verdict", within=60)
            await play(ws, max_lines=2)
            await ws.send(json.dumps({"action": "end_mission"}))
            self.ended, _ = await until_status(ws, "mission_end", within=30)


@pytest.mark.timeout(420)  # a real-time show, twice over on a loaded machine
@pytest.mark.parametrize("transport", ["webrtc", "websocket"])
def test_a_listener_opens_the_link_mid_show_and_then_replays_the_episode(
    station_server: ThreadedServer, browser: Browser, tmp_path: Path, transport: str
) -> None:
    base = station_server.base_url
    player = ScriptedPlayer(base, "stray dogs at the metro station")
    player.start()
    assert player.on_air.wait(60), player.failure
    with httpx.Client(base_url=base) as http:
        link = http.get(f"/api/v1/missions/{player.mission['id']}/listen").json()
    guarded = open_page(browser, base)
    page = guarded.page
    page.set_viewport_size({"width": 390, "height": 844})
    # The page listens over WebRTC, unless told to use the listen socket (its fallback).
    page.goto(base + link["page"] + ("" if transport == "webrtc" else "?transport=websocket"))
    page.get_by_role("button", name="Listen in").click()
    page.wait_for_function("() => window.listenStats.captions.length > 0", timeout=30_000)
    player.listener_in.set()
    # Heard: at least a second of audio above -40 dBFS, measured on what the page played.
    page.wait_for_function("() => window.listenStats.audibleFrames > 50", timeout=30_000)
    assert page.locator("#light").inner_text() == "ON AIR"
    assert page.evaluate("() => window.listenStats.transport") == transport
    # The player's script runs in real time (minutes on a loaded machine): wait on it, so that a
    # failure of its own is reported as itself; then the page has heard its break-in and its end.
    player.join(300)
    assert not player.is_alive(), "the scripted player did not finish its show in 5 minutes"
    assert player.failure is None, player.failure
    heard_all = "() => window.listenStats.verdicts.length > 0 && window.listenStats.ended !== null"
    try:
        page.wait_for_function(heard_all, timeout=30_000)
    except PlaywrightTimeoutError:
        # Once seen in CI (the verdict never reached a socket listener): say what the page had.
        seen = page.evaluate("() => ({...window.listenStats, captions: window.listenStats.captions.length})")
        raise AssertionError(f"the page missed the verdict or the end: {seen}") from None
    stats = page.evaluate("() => window.listenStats")
    assert {"text": player.proof, "source": "text"} in stats["callers"]
    assert player.verdict is not None and stats["verdicts"][0]["change"] == player.verdict["change"]
    assert player.ended is not None and stats["ended"]["score"] == player.ended["score"]
    assert "Score" in page.locator("#status").inner_text()
    assert page.locator("#caption").is_visible()
    page.screenshot(path=str(tmp_path / f"listen-phone-{transport}.png"))
    assert not guarded.blocked

    page.get_by_role("link", name="Replay this episode").click()
    page.wait_for_url("**/replay/**", timeout=30_000)  # the script loads with the new page
    page.wait_for_function("() => window.replayStats && window.replayStats.loaded", timeout=30_000)
    timeline = page.evaluate("() => window.replayStats.items")
    caller = next(item for item in timeline if item["kind"] == "interjection")
    # From just before the caller: the caption follows the audio through the break-in.
    page.evaluate(
        "(from) => { const a = document.getElementById('audio'); a.currentTime = from; a.play(); }",
        max(0.0, caller["start_seconds"] - 1.0),
    )
    page.wait_for_function(
        f"() => document.getElementById('audio').currentTime > {caller['start_seconds'] + 1.0}",
        timeout=30_000,
    )
    shown = page.evaluate("() => window.replayStats.shown")
    assert any(timeline[s["index"]]["kind"] == "interjection" for s in shown)
    for seen in shown:
        item = timeline[seen["index"]]
        following = timeline[seen["index"] + 1]["start_seconds"] if seen["index"] + 1 < len(timeline) else 1e9
        # Shown while its own audio plays (a frame of slack either side).
        assert item["start_seconds"] - 0.1 <= seen["audioTime"] < following + 0.1, (seen, item)
    assert "Caller" in page.locator("#caption").inner_text() or shown[-1]["index"] > timeline.index(caller)
    assert page.locator(".timeline .mark").count() == sum(1 for i in timeline if i["kind"] == "interjection")
    page.screenshot(path=str(tmp_path / f"replay-phone-{transport}.png"))
    assert not guarded.blocked
    page.context.close()
