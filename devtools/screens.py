"""Screenshots of the page in every state a player meets, at a desktop and a phone size, to look at.

    python -m devtools.screens [OUT_DIR]

Starts the app (``python app.py``, embedded defaults) and walks Chromium through: the landing
page, a mission ready, the show live, a typed break-in judged, and the ending. Each shot is the
viewport as the player sees it (not the whole page): what is in view is the point.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

from devtools.bench.app_process import AppProcess
from devtools.bench.browser import MIC_BUTTON, START_BUTTON, launch, open_page, write_fake_mic

SIZES = {"desktop": (1366, 900), "phone": (390, 844)}
TOPIC = "petrol ka daam phir badh gaya yaar"


def _shoot(page: Page, out: Path, size: str, state: str) -> None:
    # As a player lands on it: the top of the station (or of the page before there is one).
    top = "document.querySelector('#rm-stage:not(.hidden)') || document.body"
    page.evaluate(f"() => ({top}).scrollIntoView()")
    time.sleep(0.3)
    path = out / f"{size}-{state}.png"
    page.screenshot(path=str(path))
    print(path)


def _walk(page: Page, base_url: str, out: Path, size: str) -> None:
    page.goto(base_url + "/")
    page.locator("#rm-create").wait_for(state="visible")
    _shoot(page, out, size, "1-landing")
    page.locator("#rm-topic textarea, #rm-topic input").first.fill(TOPIC)
    page.locator("#rm-create").click()
    page.locator(MIC_BUTTON).wait_for(state="visible", timeout=60_000)
    time.sleep(1.0)
    _shoot(page, out, size, "2-ready")
    page.locator(MIC_BUTTON).click()
    page.locator(START_BUTTON).wait_for(state="visible", timeout=30_000)
    page.locator(START_BUTTON).click()
    page.wait_for_function("() => document.querySelectorAll('#rm-captions p').length >= 3", timeout=60_000)
    _shoot(page, out, size, "3-live")
    proof = page.locator("#rm-evidence li").first.inner_text()
    page.locator("#rm-say textarea, #rm-say input").first.fill(proof)
    page.locator("#rm-send").click()
    page.wait_for_function(
        "() => document.querySelector('#rm-captions .rm-verdict') !== null", timeout=60_000
    )
    time.sleep(3.0)
    _shoot(page, out, size, "4-verdict")
    page.locator("#rm-end").click()
    page.locator("#rm-result").get_by_text("Score").first.wait_for(state="visible", timeout=60_000)
    time.sleep(2.0)
    _shoot(page, out, size, "5-ended")
    page.get_by_role("tab", name="Leaderboard").click()
    page.locator("#rm-leaderboard table").wait_for(state="visible", timeout=30_000)
    page.evaluate("() => window.scrollTo(0, 0)")
    path = out / f"{size}-6-leaderboard.png"
    page.screenshot(path=str(path))
    print(path)


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    mic = write_fake_mic(Path(tempfile.mkdtemp()) / "silence.wav", None, lead_seconds=1, total_seconds=120)
    with AppProcess({"RADIOMIRCHI_DATA_DIR": tempfile.mkdtemp()}) as app, sync_playwright() as playwright:
        browser = launch(playwright, mic)
        try:
            for size, (width, height) in SIZES.items():
                guarded = open_page(browser, app.base_url)
                guarded.page.set_viewport_size({"width": width, "height": height})
                try:
                    _walk(guarded.page, app.base_url, out, size)
                except Exception:
                    _shoot(guarded.page, out, size, "failed")
                    raise
                finally:
                    guarded.page.context.close()
        finally:
            browser.close()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "artifacts/screens"))
