"""Spoken break-ins in the browser players use (Chromium with its default audio processing: echo
cancellation, noise suppression and auto gain on), ten per mode:

- ``press``: the player presses Break in just before speaking and Done 0.3 s after (the page
  clicks Done itself, timed from the speech on its microphone track);
- ``hands-free``: the player just talks over the hosts.

The fake microphone (each mission's proof sentences, 24 s apart, as they stand and then after a
caller's opening words, each turn in another voice: the natural tier's where installed, which the
hosts never use, in turn with the default voices) is
tapped at the page, as is the hosts' incoming track: both levels every 5 ms on the page's own clock
(``performance.now()``), with the clicks. Reported per mode: press → hosts silent (and staying
silent 300 ms), speech onset → hosts silent, end of speech → reply audible, click → first show
audio, the transcript's first three words right, and the word error rate of what was heard.
"""

from __future__ import annotations

import re
import shutil
import statistics
import sys
import tempfile
import time
import wave
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx
import numpy as np
from playwright.sync_api import Page, sync_playwright

from devtools.bench.app_process import AppProcess
from devtools.bench.browser import (
    FAKE_MIC_RATE,
    START_BUTTON,
    create_mission,
    join_mission,
    launch,
    open_page,
    probe,
)
from devtools.testing.intelligibility import normalise, word_errors
from radiomirchi.schemas import Gender
from radiomirchi.speech.audio import WIRE_SAMPLE_RATE, bytes_to_int16, resample_int16
from radiomirchi.speech.tts.base import Voice
from radiomirchi.speech.tts.offline import OfflineTTS, resolve_tier

TURNS = 10
# What callers say before reading a proof sentence off the page, on a proof's second reading.
OPENERS = ("Listeners, ", "Listen to this. ", "Here is the truth: ", "Everyone listening, ")
LEAD_SECONDS = 8.0
TURN_SPACING_SECONDS = 24.0
PRESS_EARLY_SECONDS = 0.3
DONE_LATE_SECONDS = 0.3
LEVEL = 0.01  # -40 dBFS: above it, someone is audible
STAY_SILENT_SECONDS = 0.3
GOALS = {
    "press_to_silent": 0.150,
    "onset_to_silent": 0.400,
    "end_to_reply": 1.2,
    "click_to_audio": 0.800,
}

# Done, pressed by the page itself ``late`` seconds after the turn's speech ends on the microphone
# track (its onset there plus the sentence's length): a Playwright click lands 0.2-0.3 s after it
# is asked for (locating and checking the button), which the player would not wait.
DONE_AFTER_SPEECH = """({speech, late, level}) => {
  const rm = window.__rm;
  const armed = performance.now();
  let seen = rm.levels.length;
  const done = () => {
    const el = document.querySelector("#rm-breakin-done");
    (el.tagName === "BUTTON" ? el : el.querySelector("button")).click();
  };
  const timer = setInterval(() => {
    for (; seen < rm.levels.length; seen++) {
      const [at, , mic] = rm.levels[seen];
      if (at >= armed && mic >= level) {
        clearInterval(timer);
        setTimeout(done, Math.max(0, at + (speech + late) * 1000 - performance.now()));
        return;
      }
    }
  }, 5);
  return true;
}"""
# The page's Done lands within this of when it is due (the benchmark waits so long before going on).
DONE_WAIT_SECONDS = 1.0

# After the call is up: both tracks into one AudioContext, their levels every 5 ms.
LEVEL_PROBE = """() => {
  const rm = window.__rm;
  const pc = rm.pcs.find(p => p.connectionState === "connected") || rm.pcs[rm.pcs.length - 1];
  const incoming = pc.getReceivers().map(r => r.track).find(t => t && t.kind === "audio");
  const outgoing = pc.getSenders().map(s => s.track).find(t => t && t.kind === "audio");
  const context = new AudioContext();
  const tap = (track) => {
    const analyser = context.createAnalyser();
    analyser.fftSize = 256;
    context.createMediaStreamSource(new MediaStream([track])).connect(analyser);
    return analyser;
  };
  const taps = [tap(incoming), tap(outgoing)];
  const data = new Float32Array(256);
  const rms = (analyser) => {
    analyser.getFloatTimeDomainData(data);
    let sum = 0;
    for (const x of data) sum += x * x;
    return Math.sqrt(sum / data.length);
  };
  rm.levels = [];
  const muted = () => [...document.querySelectorAll("#rm-webrtc audio")].some((el) => el.muted) ? 1 : 0;
  setInterval(() => rm.levels.push([performance.now(), rms(taps[0]), rms(taps[1]), muted()]), 5);
  return true;
}"""


def caller_voices() -> list[Voice]:
    """The callers' voices, one a turn: the natural tier's (Kokoro, when installed: voices the hosts
    never use) in turn with the default ones, men and women alternating."""
    clear = OfflineTTS().voices()
    natural_tier = resolve_tier("natural")
    natural = OfflineTTS(tier=natural_tier).voices() if natural_tier == "natural" else []

    def by_gender(voices: list[Voice]) -> list[Voice]:
        men = [v for v in voices if v.gender is Gender.male]
        women = [v for v in voices if v.gender is Gender.female]
        return [voice for pair in zip(men, women, strict=False) for voice in pair]

    natural, clear = by_gender(natural), by_gender(clear)
    if not natural:
        return clear
    return [voice for pair in zip(natural, clear[1:] + clear[:1], strict=False) for voice in pair]


def turn_sentences(proofs: list[str], turns: int) -> list[str]:
    """Each proof sentence as it stands, then again after a caller's opening words."""
    said = []
    for index in range(turns):
        proof = proofs[index % len(proofs)]
        lap = index // len(proofs)
        if lap:
            opener = OPENERS[(index + lap) % len(OPENERS)]
            first = proof.split()[0]
            acronym = len(first) > 1 and first.isupper()
            proof = opener + (proof if acronym else proof[0].lower() + proof[1:])
        said.append(proof)
    return said


async def voiced_by_caller(text: str, voice: Voice) -> bytes:
    """``text`` in a caller's voice (24 kHz PCM), by the tier that voice belongs to."""
    tts = OfflineTTS(tier="natural" if voice.id.startswith("kokoro") else "clear")
    try:
        return await tts.synthesize(text, voice)
    finally:
        await tts.aclose()


def _write_mic(path: Path, sentences: list[str], voices: list[Voice]) -> list[tuple[float, float]]:
    """The fake microphone: each sentence at LEAD + i * SPACING, in the turn's voice; returns each
    one's (start, end)."""
    import asyncio

    total = LEAD_SECONDS + TURN_SPACING_SECONDS * len(sentences) + 10
    audio = np.zeros(int(total * FAKE_MIC_RATE), dtype=np.int16)
    spans = []
    for index, sentence in enumerate(sentences):
        pcm = asyncio.run(voiced_by_caller(sentence, voices[index % len(voices)]))
        speech = resample_int16(bytes_to_int16(pcm), WIRE_SAMPLE_RATE, FAKE_MIC_RATE)
        loud = np.flatnonzero(np.abs(speech) > 300)
        start = LEAD_SECONDS + TURN_SPACING_SECONDS * index
        at = int(start * FAKE_MIC_RATE)
        audio[at : at + len(speech)] = speech
        spans.append((start + loud[0] / FAKE_MIC_RATE, start + loud[-1] / FAKE_MIC_RATE))
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(FAKE_MIC_RATE)
        wav.writeframes(audio.astype("<i2").tobytes())
    return spans


def _silent_from(levels: np.ndarray, after: float) -> float | None:
    """The first time at or after ``after`` from which the hosts stay below LEVEL for a while."""
    times, incoming = levels[:, 0], levels[:, 1]
    window = int(STAY_SILENT_SECONDS / 0.005)
    for i in np.flatnonzero(times >= after):
        if np.all(incoming[i : i + window] < LEVEL):
            return float(times[i])
    return None


def _first_above(levels: np.ndarray, column: int, after: float, before: float) -> float | None:
    times = levels[:, 0]
    hits = np.flatnonzero((times >= after) & (times < before) & (levels[:, column] >= LEVEL))
    return float(times[hits[0]]) if len(hits) else None


def _last_above(levels: np.ndarray, column: int, after: float, before: float) -> float | None:
    times = levels[:, 0]
    hits = np.flatnonzero((times >= after) & (times < before) & (levels[:, column] >= LEVEL))
    return float(times[hits[-1]]) if len(hits) else None


def _stage_medians(log: Path, mission_id: str) -> dict[str, float]:
    """The server's own stage marks for each spoken turn of the mission (its ``turn timings`` log
    lines, ms from the end of the turn), as medians: where the time from Done or silence to the
    first reply frame goes."""
    marks: dict[str, list[float]] = {}
    pattern = re.compile(rf"Mission {re.escape(mission_id)} turn timings \(voice(?:, [^)]*)?\): (.*)$")
    for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
        found = pattern.search(line)
        if found is None:
            continue
        for part in found.group(1).split(", "):
            stage, milliseconds, _ = part.rsplit(" ", 2)
            marks.setdefault(stage, []).append(float(milliseconds))
    return {stage: round(statistics.median(values)) for stage, values in marks.items()}


def _done_to_server(log: Path, mission_id: str, clicks: list[float]) -> float | None:
    """Done's way from the page to the server: each Done click (wall time, from the page's clock)
    to the next "Break-in released" line of the app's log (its own time stamp, same machine)."""
    released = []
    pattern = re.compile(rf"^(\S+ \S+) INFO \S+: Mission {re.escape(mission_id)}: Break-in released")
    for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
        found = pattern.match(line)
        if found:
            released.append(
                datetime.strptime(found.group(1), "%Y-%m-%d %H:%M:%S,%f").astimezone().timestamp()
            )
    delays = [
        min(at - click for at in released if at >= click - 0.05) * 1000
        for click in clicks
        if any(at >= click - 0.05 for at in released)
    ]
    return round(statistics.median(delays)) if delays else None


def _show_over(base: str, mission_id: str) -> bool:
    status = httpx.get(f"{base}/api/v1/mission_status/{mission_id}").json().get("status")
    return status in ("won", "lost")


def _run_mode(app: AppProcess, mode: str, turns: int, folder: Path) -> dict[str, Any]:
    base = app.base_url
    mission = create_mission(base, "the new water tax", f"breakins_{mode}")
    proofs = mission["generation_result"]["proof_sentences"]
    sentences = turn_sentences(proofs, turns)
    voices = caller_voices()
    mic = folder / f"mic-{mode}.wav"
    spans = _write_mic(mic, sentences, voices)
    with sync_playwright() as playwright:
        browser = launch(playwright, mic)
        try:
            page = open_page(browser, base).page
            join_mission(page, base, mission["id"])
            page.locator(START_BUTTON).click()
            started = time.monotonic()
            started_wall = time.time()
            page.wait_for_function("window.__rm.firstPacketAt !== null", timeout=30_000)
            click_at = probe(page, "clickAt")
            first_audio = (probe(page, "firstPacketAt") - click_at) / 1000
            page.evaluate(LEVEL_PROBE)
            presses: list[tuple[float, float]] = []
            done_clicks: list[float] = []
            for start, end in spans:
                if mode == "press":
                    _at(started + start - PRESS_EARLY_SECONDS)
                    if _show_over(base, mission["id"]):
                        break  # won: no Break-in to press; the turns left are counted after the win
                    pressed = _page_now(page)
                    page.locator("#rm-breakin").click()
                    page.evaluate(
                        DONE_AFTER_SPEECH, {"speech": end - start, "late": DONE_LATE_SECONDS, "level": LEVEL}
                    )
                    _at(started + end + DONE_LATE_SECONDS + DONE_WAIT_SECONDS)
                    presses.append((pressed, _page_now(page)))  # the page's own records replace these
            _at(started + spans[-1][1] + 10)
            if mode == "press":
                # The press is when the button got the click (the page's own record), not when
                # Playwright was asked to click: its locating and checks are no part of the game.
                clicks = probe(page, "clicks")
                clicked = [c["t"] for c in clicks if c["id"] == "rm-breakin"]
                dones = [c["t"] for c in clicks if c["id"] == "rm-breakin-done"]
                if not len(clicked) == len(dones) == len(presses):
                    raise RuntimeError(
                        f"{len(presses)} turns, {len(clicked)} presses and {len(dones)} Dones recorded"
                    )
                presses = list(zip(clicked, dones, strict=True))
                origin = float(page.evaluate("performance.timeOrigin"))
                done_clicks = [(origin + done) / 1000 for done in dones]
            levels = np.array(page.evaluate("window.__rm.levels"), dtype=np.float64)
            levels[:, 0] = (levels[:, 0] - click_at) / 1000  # seconds since the click, page clock
            page.context.close()
        finally:
            browser.close()
    entries = httpx.get(f"{base}/api/v1/missions/{mission['id']}/transcript").json()
    voiced = [e for e in entries if e["kind"] == "interjection" and e["source"] == "voice"]
    heard, transcripts = _heard_per_turn(voiced, spans, started_wall)
    # Enough proofs read out wake half the audience: the show is won and ends, and turns spoken
    # after that have nobody to hear them (runs 14 and 18 lost their last turns so). Counted apart.
    after_the_win = 0
    status = httpx.get(f"{base}/api/v1/mission_status/{mission['id']}").json().get("status")
    if status == "won" and voiced:
        won_at = max(datetime.fromisoformat(e["at"]).timestamp() for e in voiced) - started_wall
        after_the_win = sum(1 for start, _ in spans if start > won_at + 1.0)
        played = len(spans) - after_the_win
        spans, sentences, heard = spans[:played], sentences[:played], heard[:played]
        presses = presses[:played]
    for index, (said, got) in enumerate(zip(sentences, heard, strict=False)):  # to read, beside the figures
        voice = voices[index % len(voices)].id
        print(f"[{mode}] said ({voice}):  {said}\n[{mode}] heard: {got}", file=sys.stderr)
    figures = _figures(mode, spans, presses, levels, first_audio, sentences, heard, click_at)
    figures["transcripts"] = transcripts  # more than turns: a turn was cut in two
    figures["turns_after_the_show_was_won"] = after_the_win
    figures["caller_voices"] = len({voice.id for voice in voices[: len(sentences)]})
    figures["server_stages_median_ms"] = _stage_medians(folder / "app.log", str(mission["id"]))
    if mode == "press":
        figures["done_click_to_server_median_ms"] = _done_to_server(
            folder / "app.log", str(mission["id"]), done_clicks
        )
    return figures


def _page_now(page: Page) -> float:
    return float(page.evaluate("performance.now()"))


def _at(moment: float) -> None:
    time.sleep(max(0.0, moment - time.monotonic()))


def _heard_per_turn(
    voiced: list[dict[str, Any]], spans: list[tuple[float, float]], started_wall: float
) -> tuple[list[str], int]:
    """What was heard in each turn (by when it was stored: a turn the server cut in two has both
    parts, joined), and how many transcripts there were."""
    heard = [""] * len(spans)
    for entry in voiced:
        at = datetime.fromisoformat(entry["at"]).timestamp() - started_wall
        turn = max((i for i, (start, _) in enumerate(spans) if start - 1.0 <= at), default=0)
        heard[turn] = f"{heard[turn]} {entry['text']}".strip()
    return heard, len(voiced)


def _figures(
    mode: str,
    spans: list[tuple[float, float]],
    presses: list[tuple[float, float]],
    levels: np.ndarray,
    first_audio: float,
    sentences: list[str],
    heard: list[str],
    click_at: float,
) -> dict[str, Any]:
    to_silent: list[float] = []
    to_muted: list[float] = []
    to_reply: list[float] = []
    done_to_reply: list[float] = []
    for index, (start, end) in enumerate(spans):
        if mode == "press":
            pressed = (presses[index][0] - click_at) / 1000
            silent = _silent_from(levels, pressed)
            if silent is not None:
                to_silent.append(silent - pressed)
            muted = _first_above(levels, 3, pressed - 0.05, pressed + 2.0)  # the page's own mute
            if muted is not None:
                to_muted.append(max(0.0, muted - pressed))
        else:
            onset = _first_above(levels, 2, start - 0.5, end)
            silent = _silent_from(levels, onset) if onset is not None else None
            if onset is not None and silent is not None:
                to_silent.append(silent - onset)
            if onset is not None:  # the page's own player muted (ui/duck.py): what the player hears
                muted = _first_above(levels, 3, onset - 0.2, end)
                if muted is not None:
                    to_muted.append(muted - onset)
        spoke_until = _last_above(levels, 2, start, end + 1.0)
        if spoke_until is not None:
            reply = _first_above(levels, 1, spoke_until, spoke_until + TURN_SPACING_SECONDS / 2)
            if reply is not None:
                to_reply.append(reply - spoke_until)
                if mode == "press":
                    done_to_reply.append(reply - (presses[index][1] - click_at) / 1000)
    said = [normalise(s) for s in sentences]
    got = [normalise(h) for h in heard]
    errors = sum(word_errors(s, g) for s, g in zip(said, got, strict=False))
    missing = sum(len(s) for s in said[len(got) :])
    first_three = sum(1 for s, g in zip(said, got, strict=False) if s[:3] == g[:3])
    silent_key = "press_to_silent" if mode == "press" else "onset_to_silent"
    return {
        "mode": mode,
        "turns": len(spans),
        "transcripts": len(heard),
        "first_three_words_right": f"{first_three}/{len(spans)}",
        "wer": round((errors + missing) / max(1, sum(len(s) for s in said)), 3),
        f"{silent_key}_median_s": _median(to_silent),
        f"{silent_key}_max_s": round(max(to_silent), 3) if to_silent else None,
        "end_to_reply_median_s": _median(to_reply),
        # What the player hears: the page mutes its own player at the press or on likely speech.
        f"{silent_key.removesuffix('_to_silent')}_to_page_muted_median_s": _median(to_muted),
        "page_muted_turns": len(to_muted),
        "end_to_reply_max_s": round(max(to_reply), 3) if to_reply else None,
        **({"done_to_reply_median_s": _median(done_to_reply)} if mode == "press" else {}),
        "click_to_first_audio_s": round(first_audio, 3),
        "goals": (
            f"silent ≤ {GOALS[silent_key]} s, reply ≤ {GOALS['end_to_reply']} s, first three 9/10, WER ≤ 0.15"
        ),
    }


def _median(values: list[float]) -> float | None:
    return round(statistics.median(values), 3) if values else None


def run(count: int = TURNS, mongodb_uri: str | None = None) -> list[dict[str, Any]]:
    del mongodb_uri
    with tempfile.TemporaryDirectory(prefix="rm-bench-") as data_dir:
        env = {
            "RADIOMIRCHI_DATA_DIR": data_dir,
            "RADIOMIRCHI_SHOW_SECONDS": "900",
            "RADIOMIRCHI_WIN_FRACTION": "1.0",  # ten facts must not end the show early
            "RADIOMIRCHI_RTC_RAW_MIC": "0",  # the browser's processing on, as players have it
            "RADIOMIRCHI_LOG_LEVEL": "info",  # the turn timings
        }
        folder = Path(data_dir)
        try:
            with AppProcess(env, log_path=folder / "app.log") as app:
                return [_run_mode(app, mode, count, folder) for mode in ("press", "hands-free")]
        finally:
            # The run's folder goes with it: the server's log is kept, to read beside the figures.
            kept = Path(tempfile.gettempdir()) / "rm-bench-breakins-app.log"
            shutil.copyfile(folder / "app.log", kept)
            print(f"the server's log is kept in {kept}", file=sys.stderr)
