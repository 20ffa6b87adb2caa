"""The page in a real browser: Debian's Chromium under Playwright, for the browser tests and the
"browser" benchmark (click "Start broadcast" to the first show audio, WebRTC against the
listen-only ``gr.Audio`` stream, and the stalls each path has over 30 s of show).

The browser gets a fake microphone (a WAV file) and its audio unmuted; every request that does
not go to the app is aborted and recorded. Audio arriving is proven with ``getStats()``:
``inbound-rtp`` packets and bytes, read through a hook on ``window.RTCPeerConnection``.
"""

from __future__ import annotations

import asyncio
import re
import statistics
import tempfile
import time
import wave
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import numpy as np
from playwright.sync_api import Browser, Page, Playwright, Route, sync_playwright

from devtools.bench.app_process import AppProcess
from devtools.bench.stats import summarise_ms
from radiomirchi.schemas import Gender, Speaker, new_mission_id
from radiomirchi.speech.audio import WIRE_SAMPLE_RATE, bytes_to_int16, resample_int16
from radiomirchi.speech.tts.offline import OfflineTTS
from radiomirchi.ui import texts

CHROMIUM = Path("/usr/bin/chromium")
FAKE_MIC_RATE = 48_000
START_BUTTON = 'button[aria-label="start stream"]'
STOP_BUTTON = f'#rm-webrtc button:has-text("{texts.STOP_BROADCAST}")'
MIC_BUTTON = '#rm-webrtc button:has-text("Click to Access Microphone")'
# A WebRTC stall: this long with no new inbound packet (the show sends 50 a second, silence too).
STALL_WINDOW_SECONDS = 0.25
SHOW_SECONDS = 30.0
# A player's "waiting" shorter than this is no audible stall.
STALL_MIN_MS = 50

# Installed before any page script: records every RTCPeerConnection, the click on the WebRTC
# start button (and starts watching for its first inbound packet), and media element events.
PAGE_PROBE = """
(() => {
  if (window.__rm) return;
  const rm = window.__rm = {pcs: [], clickAt: null, firstPacketAt: null, media: [], clicks: []};
  const Native = window.RTCPeerConnection;
  if (Native) {
    const Hooked = function (...args) { const pc = new Native(...args); rm.pcs.push(pc); return pc; };
    Hooked.prototype = Native.prototype;
    Object.setPrototypeOf(Hooked, Native);
    window.RTCPeerConnection = Hooked;
  }
  rm.inbound = async () => {
    const total = {packets: 0, bytes: 0, energy: 0, concealmentEvents: 0, connections: rm.pcs.length,
                   states: rm.pcs.map(pc => pc.connectionState)};
    for (const pc of rm.pcs) {
      if (pc.connectionState === "closed") continue;
      const stats = await pc.getStats();
      stats.forEach(r => {
        if (r.type !== "inbound-rtp" || r.kind !== "audio") return;
        total.packets += r.packetsReceived || 0;
        total.bytes += r.bytesReceived || 0;
        total.energy += r.totalAudioEnergy || 0;
        total.concealmentEvents += r.concealmentEvents || 0;
      });
    }
    return total;
  };
  const watchFirstPacket = () => {
    const started = performance.now();
    const poll = async () => {
      const seen = await rm.inbound();
      if (seen.packets > 0) { rm.firstPacketAt = performance.now(); return; }
      if (performance.now() - started < 30000) setTimeout(poll, 10);
    };
    poll();
  };
  document.addEventListener("click", (event) => {
    const button = event.target instanceof Element ? event.target.closest("button") : null;
    if (!button) return;
    const holder = button.closest("[id]");
    const label = button.getAttribute("aria-label");
    rm.clicks.push({t: performance.now(), id: holder ? holder.id : "", label});
    if (button.getAttribute("aria-label") === "start stream" && rm.clickAt === null) {
      rm.clickAt = performance.now();
      watchFirstPacket();
    }
  }, true);
  for (const type of ["play", "playing", "waiting", "stalled", "ended"]) {
    document.addEventListener(type, (event) => {
      const el = event.target;
      if (!(el instanceof HTMLMediaElement)) return;
      const kind = el.srcObject ? "webrtc" : "stream";
      rm.media.push({type, t: performance.now(), kind, at: el.currentTime});
    }, true);
  }
})();
"""


def chromium_args(fake_mic: Path | None) -> list[str]:
    args = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--use-fake-ui-for-media-stream",
        "--use-fake-device-for-media-stream",
        "--autoplay-policy=no-user-gesture-required",
        # Real host candidates, not mDNS names: nothing on the LAN is asked to resolve them.
        "--disable-features=WebRtcHideLocalIpsWithMdns",
    ]
    if fake_mic is not None:
        args.append(f"--use-file-for-fake-audio-capture={fake_mic}")
    return args


def launch(playwright: Playwright, fake_mic: Path | None) -> Browser:
    return playwright.chromium.launch(
        executable_path=str(CHROMIUM),
        args=chromium_args(fake_mic),
        ignore_default_args=["--mute-audio"],
    )


@dataclass
class GuardedPage:
    """A page that may only talk to the app; everything else is aborted and listed."""

    page: Page
    blocked: list[str] = field(default_factory=list)


def open_page(browser: Browser, base_url: str) -> GuardedPage:
    context = browser.new_context(permissions=["microphone"], viewport={"width": 1280, "height": 1000})
    context.add_init_script(PAGE_PROBE)
    page = context.new_page()
    guarded = GuardedPage(page)

    def block(route: Route) -> None:
        guarded.blocked.append(route.request.url)
        route.abort()

    # Matched in the browser's driver: requests to the app never wait on this (Python) process.
    origin = re.escape(f"{urlsplit(base_url).scheme}://{urlsplit(base_url).netloc}/")
    context.route(re.compile(f"^(?!{origin})(?!data:)(?!blob:)"), block)
    return guarded


def join_mission(page: Page, base_url: str, mission_id: str) -> None:
    """Load the page and join a mission by its id (the accordion under "Create mission")."""
    page.goto(base_url + "/")
    page.get_by_text("Join a mission by its id").click()
    page.locator("#rm-join-id textarea, #rm-join-id input").first.fill(mission_id)
    page.locator("#rm-join").click()
    # The component asks for the microphone first, then offers its start button.
    page.locator(MIC_BUTTON).wait_for(state="visible", timeout=30_000)
    page.locator(MIC_BUTTON).click()
    page.locator(START_BUTTON).wait_for(state="visible", timeout=30_000)


def inbound(page: Page) -> dict[str, Any]:
    result: dict[str, Any] = page.evaluate("window.__rm.inbound()")
    return result


def probe(page: Page, expression: str) -> Any:
    return page.evaluate(f"window.__rm.{expression}")


# --- the fake microphone ---


async def _speech_pcm(text: str) -> bytes:
    tts = OfflineTTS()
    try:
        voice = tts.cast_voices(
            [Speaker(name="Me", gender=Gender.male, role="caller", background="-")], new_mission_id()
        )["Me"]
        return await tts.synthesize(text, voice)
    finally:
        await tts.aclose()


def write_fake_mic(path: Path, text: str | None, *, lead_seconds: float, total_seconds: float) -> Path:
    """A 48 kHz mono WAV: ``lead_seconds`` of silence, ``text`` spoken by the offline TTS (if any),
    then silence up to ``total_seconds`` (Chromium loops the file; the tail keeps it from
    speaking again during a test)."""
    speech = np.zeros(0, dtype=np.int16)
    if text:
        pcm = asyncio.run(_speech_pcm(text))
        speech = resample_int16(bytes_to_int16(pcm), WIRE_SAMPLE_RATE, FAKE_MIC_RATE)
    lead = np.zeros(int(lead_seconds * FAKE_MIC_RATE), dtype=np.int16)
    tail = np.zeros(max(0, int(total_seconds * FAKE_MIC_RATE) - len(lead) - len(speech)), dtype=np.int16)
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(FAKE_MIC_RATE)
        wav.writeframes(np.concatenate([lead, speech, tail]).astype("<i2").tobytes())
    return path


# --- missions over REST ---


def create_mission(base_url: str, topic: str, user_id: str = "browser") -> dict[str, Any]:
    """A mission created through the API, returned once its show is prepared (stage2)."""
    with httpx.Client(base_url=base_url, timeout=30) as http:
        response = http.post("/api/v1/create_mission", json={"topic": topic, "user_id": user_id})
        response.raise_for_status()
        mission: dict[str, Any] = response.json()
        for _ in range(300):
            status = http.get(f"/api/v1/mission_status/{mission['id']}").json()["status"]
            if status == "stage2":
                return mission
            time.sleep(0.05)
    raise RuntimeError("the mission was not prepared in time")


# --- the benchmark ---


def wait_until_no_live_show(base_url: str, within: float = 15.0) -> None:
    """Runs must not overlap: wait until the server plays no show."""
    deadline = time.monotonic() + within
    while httpx.get(f"{base_url}/health", timeout=5).json()["providers"]["live_sessions"]:
        if time.monotonic() > deadline:
            raise RuntimeError("a show was still live after its page closed")
        time.sleep(0.1)


@dataclass
class PathRun:
    first_audio_seconds: float
    playing_seconds: float | None
    stalls: int
    stalled_seconds: float


def webrtc_run(browser: Browser, base_url: str, show_seconds: float = SHOW_SECONDS) -> PathRun:
    mission = create_mission(base_url, "the new water tax")
    guarded = open_page(browser, base_url)
    page = guarded.page
    try:
        join_mission(page, base_url, mission["id"])
        page.locator(START_BUTTON).click()
        page.wait_for_function("window.__rm.firstPacketAt !== null", timeout=30_000)
        first = (probe(page, "firstPacketAt") - probe(page, "clickAt")) / 1000
        stalls, stalled = 0, 0.0
        last_packets = inbound(page)["packets"]
        quiet_since: float | None = None
        deadline = time.monotonic() + show_seconds
        while time.monotonic() < deadline:
            page.wait_for_timeout(50)
            packets = inbound(page)["packets"]
            now = time.monotonic()
            if packets > last_packets:
                if quiet_since is not None and now - quiet_since >= STALL_WINDOW_SECONDS:
                    stalls += 1
                    stalled += now - quiet_since
                quiet_since = None
                last_packets = packets
            elif quiet_since is None:
                quiet_since = now
        page.locator(STOP_BUTTON).click()
        # The element "plays" the remote track from the moment it is attached, before any packet:
        # no playback time to report beside the first packet.
        return PathRun(first, None, stalls, round(stalled, 2))
    finally:
        page.context.close()
        wait_until_no_live_show(base_url)


def listen_only_run(browser: Browser, base_url: str, show_seconds: float = SHOW_SECONDS) -> PathRun:
    mission = create_mission(base_url, "the new water tax")
    guarded = open_page(browser, base_url)
    page = guarded.page
    try:
        join_mission(page, base_url, mission["id"])
        page.locator("#rm-listen").click()
        page.wait_for_function(
            "window.__rm.media.some(m => m.kind === 'stream' && m.type === 'playing')", timeout=60_000
        )
        clicked = next(c["t"] for c in probe(page, "clicks") if c["id"] == "rm-listen")
        segment = page.evaluate(
            """() => performance.getEntriesByType("resource")
                .filter(e => e.name.endsWith(".aac")).map(e => e.responseEnd)"""
        )
        page.wait_for_timeout(show_seconds * 1000)
        media = [m for m in probe(page, "media") if m["kind"] == "stream"]
        playing_at = next(m["t"] for m in media if m["type"] == "playing")
        # A stall lasts from "waiting" to the next "playing" (a zero-length one is not heard).
        stalls: list[float] = []
        now = page.evaluate("performance.now()")
        for wait in (m for m in media if m["type"] == "waiting" and m["t"] > playing_at):
            resumed = next((m["t"] for m in media if m["type"] == "playing" and m["t"] >= wait["t"]), now)
            if resumed - wait["t"] > STALL_MIN_MS:
                stalls.append((resumed - wait["t"]) / 1000)
        first = (min(segment) - clicked) / 1000 if segment else (playing_at - clicked) / 1000
        return PathRun(first, (playing_at - clicked) / 1000, len(stalls), round(sum(stalls), 2))
    finally:
        page.context.close()
        wait_until_no_live_show(base_url)


@contextmanager
def _browser(fake_mic: Path) -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = launch(playwright, fake_mic)
        try:
            yield browser
        finally:
            browser.close()


def _rows(name: str, runs: list[PathRun]) -> list[dict[str, Any]]:
    playing = [r.playing_seconds for r in runs if r.playing_seconds is not None]
    return [
        {
            "metric": f"{name}: click to first show audio in the browser",
            **summarise_ms([r.first_audio_seconds for r in runs]),
            "runs_s": [round(r.first_audio_seconds, 2) for r in runs],
        },
        *([{"metric": f"{name}: click to playback starting", **summarise_ms(playing)}] if playing else []),
        {
            "metric": f"{name}: stalls over {SHOW_SECONDS:.0f} s of show (per run)",
            "stalls": [r.stalls for r in runs],
            "stalled_s": [r.stalled_seconds for r in runs],
        },
    ]


def run(count: int = 5, mongodb_uri: str | None = None) -> list[dict[str, Any]]:
    del mongodb_uri  # storage is not on the audio path
    if not CHROMIUM.exists():
        raise RuntimeError(f"{CHROMIUM} is missing: apt-get install chromium")
    with tempfile.TemporaryDirectory(prefix="rm-bench-browser-") as folder:
        fake_mic = write_fake_mic(Path(folder) / "silence.wav", None, lead_seconds=1, total_seconds=60)
        env = {"RADIOMIRCHI_DATA_DIR": folder, "RADIOMIRCHI_SHOW_SECONDS": "900"}
        with AppProcess(env) as app, _browser(fake_mic) as browser:
            # One short run of each first: the first call in a process sets up codecs and models.
            webrtc_run(browser, app.base_url, show_seconds=3)
            listen_only_run(browser, app.base_url, show_seconds=3)
            webrtc: list[PathRun] = []
            listen: list[PathRun] = []
            for _ in range(count):
                webrtc.append(webrtc_run(browser, app.base_url))
                listen.append(listen_only_run(browser, app.base_url))
    rows = _rows("WebRTC", webrtc) + _rows("gr.Audio stream", listen)
    ratio = statistics.median(r.first_audio_seconds for r in listen) / statistics.median(
        r.first_audio_seconds for r in webrtc
    )
    rows.append({"metric": "first audio p50: gr.Audio stream / WebRTC", "ratio": round(ratio, 2)})
    return rows
