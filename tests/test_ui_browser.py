"""The page in a real browser (Debian's Chromium, Playwright): create a mission and see the hosts
and the evidence; broadcast over WebRTC with audio proven by getStats(); break in with the fake
microphone speaking a proof sentence, see the transcript and the listeners rise; the listen-only
player; the fallback offered when WebRTC can't connect. No request may leave the app.

The app serves HTTP on 127.0.0.1 only; WebRTC media flows over the machine's own non-loopback
address (aiortc and Chromium skip loopback), with no ICE server on either side.
"""

from __future__ import annotations

import math
import os
import re
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from devtools.bench.browser import (
    CHROMIUM,
    START_BUTTON,
    create_mission,
    inbound,
    join_mission,
    launch,
    open_page,
    probe,
    write_fake_mic,
)
from devtools.testing.apps import AppFactory
from devtools.testing.asgi_server import ThreadedServer

pytestmark = [pytest.mark.browser, pytest.mark.slow]  # Chromium plays shows

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
MISSION_ID_PATTERN = re.compile(r"\b[0-9a-f]{24}\b")
# The fake microphone stays silent this long after the broadcast page asks for it.
MIC_LEAD_SECONDS = 8.0


@pytest.fixture(scope="module")
def chromium() -> Path:
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing (apt-get install chromium)"
        if IN_CI:
            pytest.fail(f"CI must run the browser tests, but {reason}")
        print(f"skipping the browser tests: {reason}")
        pytest.skip(reason)
    return CHROMIUM


# A fake microphone at a steady level; a show long enough for any browser test.
BROWSER_SETTINGS: dict[str, Any] = {"rtc_raw_mic": True, "show_seconds": 150.0}


@pytest.fixture(scope="module")
def app_server(chromium: Path, module_apps: AppFactory) -> ThreadedServer:
    return module_apps.serve(module_apps.settings(**BROWSER_SETTINGS))


def _wait_for_number(page: Page, selector: str, above: int, timeout: float) -> int:
    page.wait_for_function(
        f"""() => {{
            const el = document.querySelector({selector!r});
            return el && parseInt(el.textContent.replace(/,/g, ""), 10) > {above};
        }}""",
        timeout=timeout * 1000,
    )
    return int(page.locator(selector).inner_text().replace(",", ""))


def _echo_cancellation(page: Page) -> list[bool]:
    """What the browser applied to the microphone track it sends."""
    applied: list[bool] = page.evaluate(
        """() => window.__rm.pcs.flatMap(pc => pc.getSenders())
            .filter(sender => sender.track && sender.track.kind === "audio")
            .map(sender => sender.track.getSettings().echoCancellation)"""
    )
    return applied


def _plot_drawn(page: Page) -> bool:
    """The plot's canvas has lines on it (not only its title)."""
    inked: int = page.evaluate(
        """() => {
            const canvas = document.querySelector("#rm-plot canvas");
            if (!canvas) return 0;
            const pixels = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
            let inked = 0;
            for (let i = 0; i < pixels.length; i += 4) if (pixels[i + 3] > 0) inked++;
            return inked;
        }"""
    )
    return inked > 2000


def _create_through_the_page(browser: Browser, base_url: str) -> None:
    guarded = open_page(browser, base_url)
    page = guarded.page
    try:
        page.goto(base_url + "/")
        page.locator("#rm-topic textarea, #rm-topic input").first.fill("rail privatisation")
        page.locator("#rm-user textarea, #rm-user input").first.fill("page_player")
        page.locator("#rm-create").click()
        expect(page.locator("#rm-hosts")).to_be_visible(timeout=30_000)
        # The show's own listen link is offered; the mission's id is in it and nowhere in view.
        share = page.locator("#rm-share-link")
        expect(share).to_be_visible()
        found = MISSION_ID_PATTERN.search(share.get_attribute("href") or "")
        assert found, share.get_attribute("href")
        assert not MISSION_ID_PATTERN.search(page.locator("#rm-stage").inner_text()), "an id is shown"
        for internal in ("stage2", "idle", "preparing"):
            assert internal not in page.locator("#rm-stage").inner_text()
        expect(page.locator("#rm-setup")).to_be_hidden()  # the form makes way for the station
        mission = httpx.get(f"{base_url}/api/v1/mission_status/{found.group(0)}").json()
        assert mission["user_id"] == "page_player" and mission["status"] == "stage2"
        station = page.locator("#rm-station").inner_text()
        assert mission["generation_result"]["station_name"] in station
        hosts = page.locator("#rm-hosts").inner_text()
        for speaker in mission["generation_result"]["speakers"]:
            assert speaker["name"] in hosts and speaker["role"] in hosts
        evidence = page.locator("#rm-evidence").inner_text()
        for proof in mission["generation_result"]["proof_sentences"]:
            assert proof in evidence
        expect(page.locator("#rm-meter")).to_contain_text("READY")
        listen = httpx.get(f"{base_url}{share.get_attribute('href')}")
        assert listen.status_code == 200 and "text/html" in listen.headers["content-type"]
        assert not guarded.blocked, guarded.blocked
    finally:
        page.context.close()


def test_create_a_mission_broadcast_over_webrtc_and_break_in_by_voice(
    app_server: ThreadedServer, tmp_path: Path
) -> None:
    base = app_server.base_url
    # The mission the microphone will talk about, made first: its proof sentence goes in the WAV.
    mission = create_mission(base, "the new water tax", "voice_player")
    proof = mission["generation_result"]["proof_sentences"][0]
    fake_mic = write_fake_mic(tmp_path / "mic.wav", proof, lead_seconds=MIC_LEAD_SECONDS, total_seconds=120)
    with sync_playwright() as playwright:
        browser = launch(playwright, fake_mic)
        try:
            _create_through_the_page(browser, base)
            guarded = open_page(browser, base)
            page = guarded.page
            join_mission(page, base, mission["id"])
            expect(page.locator("#rm-share-link")).to_have_attribute("href", f"/listen/{mission['id']}")
            page.locator(START_BUTTON).click()
            page.wait_for_function("window.__rm.firstPacketAt !== null", timeout=20_000)
            first_audio = (probe(page, "firstPacketAt") - probe(page, "clickAt")) / 1000
            expect(page.locator("#rm-captions")).to_contain_text(":", timeout=10_000)
            stats = inbound(page)
            assert stats["packets"] > 0 and stats["bytes"] > 0, stats
            assert _echo_cancellation(page) == [False]  # the test mode: a raw fake microphone
            # The fake microphone speaks the proof sentence: transcript, verdict, more listeners.
            expect(page.locator("#rm-captions")).to_contain_text("You:", timeout=60_000)
            expect(page.locator("#rm-captions")).to_contain_text("pts", timeout=60_000)
            awake = _wait_for_number(page, "#rm-awake", 0, timeout=10)
            captions = page.locator("#rm-captions").inner_text()
            heard = next(line for line in captions.splitlines() if line.startswith("You:"))
            assert len(set(heard.lower().split()) & set(proof.lower().split())) >= 5, heard
            later = inbound(page)
            assert _plot_drawn(page), "the listener plot stayed empty"
            assert later["packets"] > stats["packets"] and later["bytes"] > stats["bytes"]
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "ui-broadcast.png"), full_page=True)
            assert not guarded.blocked, guarded.blocked
            print(f"click to first WebRTC packet: {first_audio:.2f} s; awake listeners: {awake}")
            page.context.close()
        finally:
            browser.close()
    status = httpx.get(f"{base}/api/v1/mission_status/{mission['id']}").json()
    assert status["generation_result"]["awakened_listeners"] > 0
    entries = httpx.get(f"{base}/api/v1/missions/{mission['id']}/transcript").json()
    assert any(e["kind"] == "interjection" and e["source"] == "voice" for e in entries)


def test_listen_only_plays_the_show_and_takes_typed_break_ins(
    app_server: ThreadedServer, tmp_path: Path
) -> None:
    base = app_server.base_url
    mission = create_mission(base, "the curfew in the capital", "listener")
    silent = write_fake_mic(tmp_path / "silence.wav", None, lead_seconds=1, total_seconds=30)
    with sync_playwright() as playwright:
        browser = launch(playwright, silent)
        try:
            guarded = open_page(browser, base)
            page = guarded.page
            join_mission(page, base, mission["id"])
            page.locator("#rm-listen").click()
            page.wait_for_function(
                "window.__rm.media.some(m => m.kind === 'stream' && m.type === 'playing')", timeout=30_000
            )
            segments = page.evaluate(
                """() => performance.getEntriesByType("resource")
                    .filter(e => e.name.endsWith(".aac")).map(e => e.encodedBodySize)"""
            )
            assert segments and max(segments) > 1000, segments
            expect(page.locator("#rm-captions")).to_contain_text(":", timeout=10_000)
            proof = mission["generation_result"]["proof_sentences"][1]
            say = page.locator("#rm-say textarea, #rm-say input").first
            say.fill(f"Listeners, listen: {proof}")
            say.press("Enter")
            expect(page.locator("#rm-captions")).to_contain_text("You (typed):", timeout=10_000)
            expect(page.locator("#rm-captions")).to_contain_text("pts", timeout=30_000)
            awake = _wait_for_number(page, "#rm-awake", 0, timeout=10)
            # One clear ending: the result and a score that is the meter's reading, the replay,
            # and no control left that would no longer act.
            page.locator("#rm-end").click()
            expect(page.locator("#rm-result")).to_be_visible(timeout=30_000)
            expect(page.locator("#rm-result")).to_contain_text("Off air")
            assert int(page.locator("#rm-score").inner_text().replace(",", "")) == awake
            for control in ("#rm-console", "#rm-end", "#rm-share"):
                expect(page.locator(control)).to_be_hidden()
            replay = page.locator("#rm-replay-link").get_attribute("href")
            assert replay == f"/replay/{mission['id']}"
            assert httpx.get(f"{base}{replay}").status_code == 200
            expect(page.locator(".toast-body")).to_have_count(0)  # no warning beside the ending
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "ui-listen-only.png"), full_page=True)
            assert not guarded.blocked, guarded.blocked
            page.context.close()
        finally:
            browser.close()


def test_the_listen_only_player_is_offered_when_webrtc_cannot_connect(
    tmp_path: Path, chromium: Path, apps: AppFactory
) -> None:
    # Relay-only ICE with no relay: the browser has no candidate, so the call never connects.
    no_route = '{"iceServers": [], "iceTransportPolicy": "relay"}'
    unreachable = apps.settings(**{**BROWSER_SETTINGS, "rtc_ice_servers": no_route, "rtc_raw_mic": False})
    with apps.running(unreachable) as server:
        mission = create_mission(server.base_url, "rail privatisation", "stranded")
        silent = write_fake_mic(tmp_path / "silence.wav", None, lead_seconds=1, total_seconds=30)
        with sync_playwright() as playwright:
            browser = launch(playwright, silent)
            try:
                guarded = open_page(browser, server.base_url)
                page = guarded.page
                join_mission(page, server.base_url, mission["id"])
                expect(page.locator("#rm-offer")).to_be_hidden()
                page.locator(START_BUTTON).click()
                expect(page.locator("#rm-offer")).to_be_visible(timeout=20_000)
                expect(page.locator("#rm-offer")).to_contain_text("Listen only")
                assert inbound(page)["packets"] == 0
                assert _echo_cancellation(page) == [True]  # a player's microphone keeps it on
                page.locator("#rm-listen").click()
                page.wait_for_function(
                    "window.__rm.media.some(m => m.kind === 'stream' && m.type === 'playing')", timeout=30_000
                )
                expect(page.locator("#rm-offer")).to_be_hidden(timeout=5_000)
                page.context.close()
            finally:
                browser.close()


def test_before_the_start_the_page_shows_the_audience_and_explains_an_early_break_in(
    app_server: ThreadedServer, tmp_path: Path
) -> None:
    base = app_server.base_url
    mission = create_mission(base, "the price of bread", "early_bird")
    initial = mission["generation_result"]["initial_listeners"]
    silent = write_fake_mic(tmp_path / "silence.wav", None, lead_seconds=1, total_seconds=10)
    with sync_playwright() as playwright:
        browser = launch(playwright, silent)
        try:
            guarded = open_page(browser, base)
            page = guarded.page
            join_mission(page, base, mission["id"])
            meter = page.locator("#rm-meter")
            expect(meter).to_contain_text(f"{initial:,} listening")
            expect(page.locator("#rm-target")).to_have_text(f"{math.ceil(initial * 0.5):,}")
            expect(page.locator("#rm-time-left")).to_have_text("2:30")  # the test server's 150 s
            for panel in ("#rm-meter", "#rm-captions"):  # Gradio's queue text stays out of them
                assert not re.search(r"processing|queue|\d+\.\d+s", page.locator(panel).inner_text()), panel
            page.locator("#rm-say textarea, #rm-say input").first.fill("Where did the bread money go?")
            page.locator("#rm-send").click()
            expect(page.locator("#rm-say-note")).to_contain_text("has not started yet", timeout=10_000)
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "ui-before-start.png"), full_page=True)
            assert not guarded.blocked, guarded.blocked
            page.context.close()
        finally:
            browser.close()
