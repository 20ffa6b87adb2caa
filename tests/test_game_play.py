"""The game itself over a real WebSocket: break-ins by text and voice, verdicts, barge-in, strikes,
winning, the leaderboard, the transcript and the episode."""

from __future__ import annotations

import asyncio
import io
import json
import random
import re
import time
import wave
from typing import Any

import httpx
import pytest
from websockets.asyncio.connection import Connection

from devtools.testing.apps import AppFactory
from devtools.testing.asgi_server import ThreadedServer
from devtools.testing.caller_voice import speak_as_caller
from devtools.testing.players import paraphrase
from devtools.testing.show_client import open_show, play
from radiomirchi.speech.audio import (
    MIC_SAMPLE_RATE,
    WIRE_SAMPLE_RATE,
    int16_to_bytes,
)
from radiomirchi.writers.offline.reply_templates import ACT_REACTIONS
from tests.conftest import FAST_CLOCK

# What is said, judged and stored does not depend on the speed: the shows play at FAST_CLOCK
# times real time, except the break-in test, which measures what a real-time listener heard.
pytestmark = [pytest.mark.slow, pytest.mark.clock_speed(FAST_CLOCK)]  # every test here plays a show


@pytest.fixture(scope="module")
def game_server(module_apps: AppFactory) -> ThreadedServer:
    """Shared by the module's tests: each plays a mission of its own, and the leaderboard tests
    use user names no other test plays as. One address and user create every mission here, so
    the limits on new missions are lifted."""
    # 150 s of show on the wall clock at any speed: a verdict takes real time to judge, and a show
    # that ran out meanwhile would end these games by time.
    return module_apps.serve(
        module_apps.settings(
            show_seconds=150.0 * FAST_CLOCK,
            create_missions_per_user_per_minute=0,
            create_missions_per_ip_per_minute=0,
        )
    )


@pytest.fixture
def real_time_server(apps: AppFactory) -> ThreadedServer:
    """An app of the test's own, on the clock its ``clock_speed(1)`` mark says: the real one."""
    return apps.serve(apps.settings(show_seconds=150.0))


async def _mission(base_url: str, user_id: str = "hacker") -> dict[str, Any]:
    async with httpx.AsyncClient(base_url=base_url) as http:
        response = await http.post(
            "/api/v1/create_mission", json={"topic": "the new water tax", "user_id": user_id}
        )
        return dict(response.json())


async def _until(ws: Connection, status: str, within: float = 30.0) -> tuple[dict[str, Any], list[Any]]:
    """Read until a JSON message with that status; return it and everything read before it."""
    seen: list[Any] = []
    async with asyncio.timeout(within):
        while True:
            message = await ws.recv()
            if isinstance(message, str):
                payload = json.loads(message)
                if payload.get("status") == status or (status == "error" and "error" in payload):
                    return payload, seen
                seen.append(payload)
            else:
                seen.append(message)


async def test_an_evidence_player_wins_and_lands_on_the_leaderboard(game_server: ThreadedServer) -> None:
    mission = await _mission(game_server.base_url, user_id="evidence_hero")
    proofs = mission["generation_result"]["proof_sentences"]
    rng = random.Random(5)
    verdicts: list[dict[str, Any]] = []
    replies: list[str] = []
    async with await open_show(game_server.base_url, mission["id"]) as ws:
        await play(ws, max_lines=1)
        end: dict[str, Any] | None = None
        for turn in range(8):
            dialogue = paraphrase(proofs[turn % len(proofs)], rng)
            await ws.send(json.dumps({"action": "user_dialogue", "dialogue": dialogue}))
            verdict, _ = await _until(ws, "verdict")
            verdicts.append(verdict)
            if verdict["awakened_listeners"] >= verdict["target"]:
                # One flustered closing line, then the end.
                closing = await play(ws, max_lines=1)
                end = closing.mission_end or (await _until(ws, "mission_end"))[0]
                break
            record = await play(ws, max_lines=1)
            replies.append(record.lines[0].text)
    assert end is not None, "the evidence player never won"
    assert verdicts[0]["change"] > 5 and verdicts[0]["reason"]
    assert verdicts[0]["awakened_listeners"] > 0
    assert end["result"] == "won"
    assert end["score"] >= verdicts[-1]["awakened_listeners"]
    async with httpx.AsyncClient(base_url=game_server.base_url) as http:
        stored = (await http.get(f"/api/v1/mission_status/{mission['id']}")).json()
        board = (await http.get("/api/v1/leaderboard")).json()
        transcript = (await http.get(f"/api/v1/missions/{mission['id']}/transcript")).json()
    assert stored["status"] == "won" and stored["score"] == end["score"]
    assert {
        "user_id": "evidence_hero",
        "best_score": end["score"],
        "missions_played": 1,
        "missions_won": 1,
        "best_mission_id": mission["id"],
        "replay_page": f"/replay/{mission['id']}",
    } in board
    kinds = [entry["kind"] for entry in transcript]
    assert kinds.count("interjection") == len(verdicts)
    assert [e["change"] for e in transcript if e["kind"] == "interjection"] == [v["change"] for v in verdicts]


async def test_the_hosts_answer_the_callers_point(game_server: ThreadedServer) -> None:
    mission = await _mission(game_server.base_url)
    async with await open_show(game_server.base_url, mission["id"]) as ws:
        await play(ws, max_lines=1)
        point = "Listeners, the water tax money went to the minister's cousins in Port Halden."
        await ws.send(json.dumps({"user_dialogue": point}))  # the seed's other shape
        await _until(ws, "verdict")
        record = await play(ws, max_lines=3)
    # The hosts answer the act (an appeal to the listeners) in their own words, never the caller's.
    first = record.lines[0].text
    assert any(re.fullmatch(_template_pattern(t), first) for t in ACT_REACTIONS["appeal"]), first
    words = re.findall(r"[a-z']+", point.lower())
    said = " ".join(re.findall(r"[a-z']+", " ".join(line.text.lower() for line in record.lines)))
    assert not any(" ".join(words[i : i + 4]) in said for i in range(len(words) - 3)), said


def _template_pattern(template: str) -> str:
    return ".+".join(re.escape(part) for part in re.split(r"\{\w+\}", template))


@pytest.mark.clock_speed(1)
async def test_a_break_in_stops_the_line_at_once_and_keeps_only_what_was_heard(
    real_time_server: ThreadedServer,
) -> None:
    game_server = real_time_server
    mission = await _mission(game_server.base_url)
    async with await open_show(game_server.base_url, mission["id"]) as ws:
        await play(ws, max_lines=1)
        await ws.send(json.dumps({"action": "ready_for_next"}))
        frames = 0
        first_frame_at = 0.0
        async with asyncio.timeout(10):
            while frames < 25:  # one second of the line
                if isinstance(await ws.recv(), bytes):
                    first_frame_at = first_frame_at or time.monotonic()
                    frames += 1
        sent_at = time.monotonic()
        appeal = "Wake up, listeners, check the facts about the water tax!"
        await ws.send(json.dumps({"action": "user_dialogue", "dialogue": appeal}))
        interrupted, before = await _until(ws, "interrupted")
        last_frame_at = time.monotonic() if before and isinstance(before[-1], bytes) else sent_at
        end, _ = await _until(ws, "dialogue_end")
        verdict, _ = await _until(ws, "verdict")
    assert last_frame_at - sent_at <= 0.05 + 0.05, "audio kept flowing after the break-in"
    assert end["interrupted"] is True and end["line_id"] == interrupted["line_id"] == 1
    async with httpx.AsyncClient(base_url=game_server.base_url) as http:
        transcript = (await http.get(f"/api/v1/missions/{mission['id']}/transcript")).json()
    cut = next(e for e in transcript if e["kind"] == "line" and e["line_id"] == 1)
    assert cut["interrupted"] is True
    assert 0 < len(cut["heard_text"]) < len(cut["text"])
    # Heard is what a listener playing in real time had played when the caller broke in: less than
    # the 1 s received (audio runs up to LEAD_SECONDS ahead), never more than the time it had.
    assert 0.3 <= cut["audio_seconds"] <= 1.0 + 0.05
    assert cut["audio_seconds"] <= sent_at - first_frame_at + 0.1
    assert verdict["change"] == 2.0


async def _spoken(text: str) -> bytes:
    """The sentence spoken by the offline TTS, as the microphone would send it (PCM16 16 kHz)."""
    return int16_to_bytes(await speak_as_caller(text, MIC_SAMPLE_RATE))


async def _speak(ws: Connection, pcm: bytes, chunk_seconds: float = 0.1) -> None:
    await ws.send(json.dumps({"action": "start_speech"}))
    step = int(MIC_SAMPLE_RATE * chunk_seconds) * 2
    for start in range(0, len(pcm), step):
        await ws.send(pcm[start : start + step])
    await ws.send(json.dumps({"action": "stop_speech"}))


async def test_a_voice_interjection_is_transcribed_shown_judged_and_answered(
    game_server: ThreadedServer,
) -> None:
    mission = await _mission(game_server.base_url)
    proof = mission["generation_result"]["proof_sentences"][0]
    speech = await _spoken(proof)
    async with await open_show(game_server.base_url, mission["id"]) as ws:
        await play(ws, max_lines=1)
        await _speak(ws, speech)
        transcript, _ = await _until(ws, "transcript", within=60)
        verdict, _ = await _until(ws, "verdict", within=60)
        record = await play(ws, max_lines=1)
    heard = set(transcript["text"].lower().split())
    assert len(heard & set(proof.lower().split())) >= 5, transcript["text"]
    assert verdict["change"] > 5, verdict
    assert record.lines, "the hosts did not answer"
    async with httpx.AsyncClient(base_url=game_server.base_url) as http:
        entries = (await http.get(f"/api/v1/missions/{mission['id']}/transcript")).json()
        wav = await http.get(f"/api/v1/missions/{mission['id']}/episode.wav")
    voice = next(e for e in entries if e["kind"] == "interjection")
    assert voice["source"] == "voice" and voice["audio_seconds"] > 2
    assert wav.headers["content-type"] == "audio/wav"
    with wave.open(io.BytesIO(wav.content)) as episode:
        assert episode.getframerate() == WIRE_SAMPLE_RATE
        seconds = episode.getnframes() / WIRE_SAMPLE_RATE
    heard_seconds = sum(e["audio_seconds"] for e in entries)
    assert heard_seconds <= seconds <= heard_seconds + 0.15 * len(entries) + 0.1


async def test_an_empty_utterance_gets_an_error_and_no_verdict(game_server: ThreadedServer) -> None:
    mission = await _mission(game_server.base_url)
    async with await open_show(game_server.base_url, mission["id"]) as ws:
        await play(ws, max_lines=1)
        await _speak(ws, bytes(MIC_SAMPLE_RATE * 2))  # one second of silence
        error, seen = await _until(ws, "error", within=30)
        assert error["code"] == "empty_utterance"
        assert not any(isinstance(m, dict) and m.get("status") == "verdict" for m in seen)
        record = await play(ws, max_lines=1)  # the show goes on
    assert record.lines


async def test_an_utterance_over_30_seconds_is_cut_there(game_server: ThreadedServer) -> None:
    mission = await _mission(game_server.base_url)
    sentence = await _spoken("Listeners, the water tax money went to the minister's friends. ")
    repeats = int(32 * MIC_SAMPLE_RATE * 2 / len(sentence)) + 1
    async with await open_show(game_server.base_url, mission["id"]) as ws:
        await play(ws, max_lines=1)
        await _speak(ws, sentence * repeats, chunk_seconds=1.0)
        await _until(ws, "verdict", within=90)
    async with httpx.AsyncClient(base_url=game_server.base_url) as http:
        entries = (await http.get(f"/api/v1/missions/{mission['id']}/transcript")).json()
    spoken = next(e for e in entries if e["kind"] == "interjection")
    assert spoken["source"] == "voice"
    assert spoken["audio_seconds"] == 30.0, "the utterance was not cut at 30 s"


async def test_three_strikes_cut_the_line(game_server: ThreadedServer) -> None:
    mission = await _mission(game_server.base_url, user_id="troll")
    insults = ["You idiots!", "Shut up, clowns.", "My cat is orange and I like pizza."]
    async with await open_show(game_server.base_url, mission["id"]) as ws:
        await play(ws, max_lines=1)
        for insult in insults:
            await ws.send(json.dumps({"action": "user_dialogue", "dialogue": insult}))
            verdict, _ = await _until(ws, "verdict")
            assert verdict["strike"] is True and verdict["change"] < 0
        end, _ = await _until(ws, "mission_end")
    assert end["result"] == "lost" and "strike" in end["reason"].lower()
    assert end["score"] == 0


async def test_ending_the_mission_counts_as_lost(game_server: ThreadedServer) -> None:
    mission = await _mission(game_server.base_url, user_id="quitter")
    async with await open_show(game_server.base_url, mission["id"]) as ws:
        await play(ws, max_lines=1)
        await ws.send(json.dumps({"action": "end_mission"}))
        end, _ = await _until(ws, "mission_end")
    assert end["result"] == "lost"
    async with httpx.AsyncClient(base_url=game_server.base_url) as http:
        board = (await http.get("/api/v1/leaderboard", params={"limit": 5})).json()
    quitter = {"user_id": "quitter", "best_score": 0, "missions_played": 1, "missions_won": 0}
    assert any(quitter.items() <= row.items() for row in board), board


@pytest.mark.parametrize(
    "frame",
    [
        '{"action": "user_dialogue", "dialogue": "   "}',
        '{"action": "stop_speech"}',
        '{"action": "user_dialogue", "dialogue": 5}',
    ],
)
async def test_refused_interjections_get_an_error_and_change_nothing(
    game_server: ThreadedServer, frame: str
) -> None:
    mission = await _mission(game_server.base_url)
    async with await open_show(game_server.base_url, mission["id"]) as ws:
        await ws.send(frame)
        error, seen = await _until(ws, "error")
        assert error["code"] in ("empty_interjection", "not_speaking", "bad_message")
        record = await play(ws, max_lines=1)
    assert record.lines and not any(isinstance(m, dict) and m.get("status") == "verdict" for m in seen)
