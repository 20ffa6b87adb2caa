"""The Break-in control in a real browser with the microphone processing players have (echo
cancellation, noise suppression and auto gain on): the fake microphone speaks a proof sentence
while the hosts play; the player presses Break in as they begin, the hosts stop and stay silent,
Done sends the turn to be judged, and the transcript keeps the opening words.

Figures (how fast the hosts stop, end of speech to the reply) belong to ``devtools.bench``; this
asserts what happened: the press was taken, the hosts' audio energy stopped growing while the
player spoke, the words were heard, the verdict came back to the control.
"""

from __future__ import annotations

import re
import time
import wave
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from playwright.sync_api import Page, ViewportSize, expect, sync_playwright

from devtools.bench.browser import (
    CHROMIUM,
    START_BUTTON,
    create_mission,
    inbound,
    join_mission,
    launch,
    open_page,
    write_fake_mic,
)
from devtools.testing.apps import AppFactory
from devtools.testing.asgi_server import ThreadedServer
from radiomirchi.game.judge.lexicon import STOPWORDS

pytestmark = [pytest.mark.browser, pytest.mark.slow]

MIC_LEAD_SECONDS = 8.0
# The player presses this long before they begin to speak (a person presses, then talks).
PRESS_EARLY_SECONDS = 0.4


@pytest.fixture(scope="module")
def default_mic_server(module_apps: AppFactory) -> ThreadedServer:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing (apt-get install chromium)")
    return module_apps.serve(module_apps.settings(show_seconds=150.0, rtc_raw_mic=False))


def _speech_span(path: Path) -> tuple[float, float]:
    """Where the fake microphone's speech starts and ends, in seconds into the file."""
    with wave.open(str(path)) as wav:
        rate = wav.getframerate()
        samples = np.frombuffer(wav.readframes(wav.getnframes()), dtype="<i2")
    loud = np.flatnonzero(np.abs(samples) > 300)
    return loud[0] / rate, loud[-1] / rate


def _energy(page: Page) -> float:
    return float(inbound(page)["energy"])


# Whether the page's player of the hosts' audio is muted (one entry per audio element).
MUTED = "() => [...document.querySelectorAll('#rm-webrtc audio')].map(el => el.muted)"


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def test_press_break_in_with_echo_cancellation_on_and_keep_the_opening_words(
    default_mic_server: ThreadedServer, tmp_path: Path
) -> None:
    base = default_mic_server.base_url
    mission, proof = _mission_with_a_plain_proof(base, "press_player")
    fake_mic = write_fake_mic(tmp_path / "mic.wav", proof, lead_seconds=MIC_LEAD_SECONDS, total_seconds=90)
    speech_start, speech_end = _speech_span(fake_mic)
    with sync_playwright() as playwright:
        browser = launch(playwright, fake_mic)
        try:
            guarded = open_page(browser, base)
            page = guarded.page
            join_mission(page, base, mission["id"])
            page.locator(START_BUTTON).click()
            clicked = time.monotonic()  # the fake microphone starts with the call
            page.wait_for_function("window.__rm.firstPacketAt !== null", timeout=20_000)
            expect(page.locator("#rm-captions")).to_contain_text(":", timeout=15_000)
            wait = clicked + speech_start - PRESS_EARLY_SECONDS - time.monotonic()
            assert wait > 0, "the show took too long to start for the scripted press"
            time.sleep(wait)
            page.locator("#rm-breakin").click()
            muted_on_press = page.evaluate(MUTED)  # at once, before the server has even heard
            expect(page.locator("#rm-breakin-state")).to_contain_text("on air", timeout=5_000)
            time.sleep(0.5)  # the last frames in flight play out
            before = _energy(page)
            time.sleep(max(0.0, clicked + speech_end - time.monotonic()))
            during = _energy(page) - before
            time.sleep(0.5)
            page.locator("#rm-breakin-done").click()
            muted_after_done = page.evaluate(MUTED)
            expect(page.locator("#rm-breakin-state")).to_contain_text("pts", timeout=60_000)
            expect(page.locator("#rm-captions")).to_contain_text("You:", timeout=10_000)  # next refresh
            captions = page.locator("#rm-captions").inner_text()
            applied = page.evaluate(
                """() => window.__rm.pcs.flatMap(pc => pc.getSenders())
                    .filter(s => s.track && s.track.kind === "audio")
                    .map(s => s.track.getSettings().echoCancellation)"""
            )
            assert not guarded.blocked, guarded.blocked
            page.context.close()
        finally:
            browser.close()
    assert applied == [True]  # the browser's own echo canceller was on, as players have it
    # The page mutes the hosts the moment Break in is pressed, and lets them speak again at Done.
    assert muted_on_press == [True] and muted_after_done == [False], (muted_on_press, muted_after_done)
    # The hosts stayed silent while the player spoke (their energy barely grew).
    assert during < 0.01, during
    heard = _heard_with_its_opening(proof, captions)
    print(f"heard: {heard!r}; hosts energy while the player spoke: {during:.5f}")


def _sounds_like(said: str, heard: str) -> bool:
    """The word, or one the transcriber made of it: "show" in "creshow", "Lindqvist" as "Lindquist"."""
    return (
        said == heard
        or (len(said) >= 4 and said in heard)
        or SequenceMatcher(None, said, heard).ratio() >= 0.75
    )


def _heard_with_its_opening(proof: str, captions: str) -> str:
    """The player's caption, asserted to hold the whole turn: it opens where the sentence opens,
    ends where it ends, and holds most of its words."""
    heard = next(line for line in captions.splitlines() if line.startswith("You:"))
    said, got = _words(proof), _words(heard.removeprefix("You:"))
    content = [word for word in said if word not in STOPWORDS]
    # The turn opens before its first words: one of the first four words that carry meaning is among
    # the first eight heard, or heard as a word that sounds like it. The browser's echo canceller
    # softens the first syllables while the hosts still play (44-59 dB down in 2 of 8 turns, measured
    # in the fourteenth session), and on a loaded CI machine Whisper tiny then garbles or drops one or
    # two words ("Bank records show" as "our creshow"): how often is the benchmark's to measure,
    # `bench breakins` (9 or 10 of 10 openings per mode today); a test cannot hold a rate. A turn whose
    # capture began a second or more late opens further in ("532 million raised by ...") and fails.
    opening = [word for word in content if len(word) > 1 and word.isalpha()][:4]
    assert any(_sounds_like(said_word, heard_word) for said_word in opening for heard_word in got[:8]), (
        heard,
        proof,
    )
    # It ends where the sentence ends: one of its last three such words is among the last eight.
    assert set(content[-3:]) & set(got[-8:]), (heard, proof)
    # And most of the words that carry meaning were heard.
    assert len(set(content) & set(got)) >= 0.6 * len(set(content)), (heard, proof)
    return heard


def _plainly_opening(sentences: list[str]) -> str | None:
    """A proof sentence whose first three words are words, not a document code or a figure: the
    tests check that the turn kept its opening, and Whisper tiny garbles a code said first
    ("Internal memo K-7832, dated" heard "you in terms of mok 7 8 832" on CI) with or without it.
    How well codes are heard is the benchmark's, over every kind of proof sentence."""
    plain = [sentence for sentence in sentences if not re.search(r"\d", " ".join(sentence.split()[:3]))]
    return plain[0] if plain else None


def _mission_with_a_plain_proof(
    base: str, user_id: str, *, last_first: bool = False
) -> tuple[dict[str, Any], str]:
    """A mission on the water tax and its first plainly opening proof sentence. About one mission in
    75 has every proof opening with a code or figure (4 of 300 measured; a CI run met one), so the
    test takes the next mission: a plain opening is the test's condition, not the writer's promise."""
    for _ in range(8):
        mission = create_mission(base, "the new water tax", user_id)
        proofs = mission["generation_result"]["proof_sentences"]
        proof = _plainly_opening(proofs[::-1] if last_first else proofs)
        if proof is not None:
            return mission, proof
    raise AssertionError(f"eight missions in a row had no plainly opening proof sentence: {proofs}")


PHONE: ViewportSize = {"width": 390, "height": 844}


# Every 10 ms, on the page's clock: whether the page's player of the hosts is muted.
MUTE_LOG = """() => {
  window.__muteLog = [];
  setInterval(() => window.__muteLog.push([performance.now(),
    [...document.querySelectorAll('#rm-webrtc audio')].some(el => el.muted)]), 10);
}"""


def test_talking_over_the_hosts_mutes_them_in_the_page_and_keeps_the_opening_words(
    default_mic_server: ThreadedServer, tmp_path: Path
) -> None:
    base = default_mic_server.base_url
    mission, proof = _mission_with_a_plain_proof(base, "hands_free_player", last_first=True)
    fake_mic = write_fake_mic(tmp_path / "mic.wav", proof, lead_seconds=MIC_LEAD_SECONDS, total_seconds=90)
    with sync_playwright() as playwright:
        browser = launch(playwright, fake_mic)
        try:
            page = open_page(browser, base).page
            page.set_viewport_size(PHONE)  # hands-free is how a phone is played
            join_mission(page, base, mission["id"])
            page.locator(START_BUTTON).click()
            page.wait_for_function("window.__rm.firstPacketAt !== null", timeout=20_000)
            page.evaluate(MUTE_LOG)
            expect(page.locator(".rm-badge.rm-live")).to_be_visible(timeout=10_000)
            # On air, the page no longer tells the player to start the broadcast.
            expect(page.locator("#rm-ready")).to_be_hidden()
            # Every host's card is in view on the phone's screen, none off to the side.
            cards = page.locator(".rm-card").evaluate_all(
                "cards => cards.map(card => card.getBoundingClientRect().right)"
            )
            assert cards and max(cards) <= PHONE["width"], cards
            # The player talks over the hosts: the page mutes them, before the server has answered.
            page.wait_for_function("window.__muteLog.some(([, muted]) => muted)", timeout=30_000)
            expect(page.locator("#rm-captions")).to_contain_text("You:", timeout=60_000)
            # Quiet again: the hosts play (their answer) unmuted.
            page.wait_for_function(
                "(() => { const log = window.__muteLog; return log.length && !log[log.length - 1][1]; })()",
                timeout=10_000,
            )
            captions = page.locator("#rm-captions").inner_text()
            page.context.close()
        finally:
            browser.close()
    _heard_with_its_opening(proof, captions)
