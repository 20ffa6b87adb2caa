"""Listeners by link, over a real WebSocket against the real app: a listener who joins mid-show
hears the line on air and what follows, byte for byte as the player does, hears the caller's typed
break-in in a caller's voice, can change nothing, and is told the end; the token, the cap, a
finished show; and the replay's timeline with the caller in the episode."""

from __future__ import annotations

import asyncio
import io
import itertools
import json
import wave
from typing import Any

import httpx
import numpy as np
import pytest
from pydantic import SecretStr
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from devtools.testing.apps import AppFactory
from devtools.testing.asgi_server import ThreadedServer
from devtools.testing.caller_voice import speak_as_caller
from devtools.testing.show_client import (
    create_ready_mission,
    open_show,
    play,
    read_until_closed,
    until_status,
)
from radiomirchi.client import ws_url
from radiomirchi.schemas import new_mission_id
from radiomirchi.speech.audio import MIC_SAMPLE_RATE, WIRE_SAMPLE_RATE, bytes_to_int16, int16_to_bytes
from tests.conftest import FAST_CLOCK

pytestmark = [pytest.mark.slow, pytest.mark.clock_speed(FAST_CLOCK)]

OWNER_KEY = "owner-secret-1"
KEYS = f"alice:{OWNER_KEY}"


@pytest.fixture(scope="module")
def open_server(module_apps: AppFactory) -> ThreadedServer:
    return module_apps.serve(module_apps.settings(show_seconds=120.0, max_listeners_per_show=2))


@pytest.fixture(scope="module")
def keyed_server(module_apps: AppFactory) -> ThreadedServer:
    return module_apps.serve(module_apps.settings(show_seconds=120.0, api_keys=SecretStr(KEYS)))


def _listen_url(base_url: str, mission_id: str, token: str | None = None) -> str:
    url = ws_url(base_url, mission_id) + "/listen"
    return f"{url}?token={token}" if token else url


async def _listen(base_url: str, mission_id: str, token: str | None = None) -> ClientConnection:
    return await connect(_listen_url(base_url, mission_id, token), max_size=2**22)


def _rms(pcm: bytes) -> float:
    samples = bytes_to_int16(pcm).astype(np.float64)
    return float(np.sqrt(np.mean(samples**2))) if samples.size else 0.0


class Heard:
    """Everything a listener received, in order: JSON messages as dicts, audio as bytes."""

    def __init__(self) -> None:
        self.items: list[dict[str, Any] | bytes] = []

    def statuses(self) -> list[str]:
        return [
            m.get("status", "error" if "error" in m else "tick") for m in self.items if isinstance(m, dict)
        ]

    def audio_of(self, status_start: str, index: int = 0) -> bytes:
        """The audio after the ``index``-th message of ``status_start``, up to the next JSON message."""
        starts = [
            i for i, m in enumerate(self.items) if isinstance(m, dict) and m.get("status") == status_start
        ]
        pcm = bytearray()
        for item in self.items[starts[index] + 1 :]:
            if not isinstance(item, bytes):
                if item.get("status") in ("dialogue_end", "caller_end", "interrupted"):
                    break
                continue
            pcm += item
        return bytes(pcm)

    def first(self, status: str) -> dict[str, Any]:
        return next(m for m in self.items if isinstance(m, dict) and m.get("status") == status)


async def _record_listener(connection: ClientConnection, heard: Heard) -> None:
    try:
        async for message in connection:
            heard.items.append(message if isinstance(message, bytes) else json.loads(message))
    except ConnectionClosed:
        pass


async def test_a_late_listener_hears_what_the_player_hears_and_the_caller_and_the_end(
    open_server: ThreadedServer,
) -> None:
    base = open_server.base_url
    mission = await create_ready_mission(base, topic="the river poisoned by the tannery")
    proof = mission["generation_result"]["proof_sentences"][0]
    host_voices = set()
    async with await open_show(base, mission["id"]) as player:
        before = await play(player, max_lines=2)
        host_voices |= {line.voice for line in before.lines}
        listener = await _listen(base, mission["id"])
        heard = Heard()
        reading = asyncio.create_task(_record_listener(listener, heard))
        after = await play(player, max_lines=2)
        await player.send(json.dumps({"action": "user_dialogue", "dialogue": proof}))
        verdict, _ = await until_status(player, "verdict", within=60)
        reply = await play(player, max_lines=1)
        await player.send(json.dumps({"action": "end_mission"}))
        ended, _ = await until_status(player, "mission_end", within=30)
        async with asyncio.timeout(30):
            await reading
    assert listener.close_code == 1000
    statuses = heard.statuses()
    assert statuses[0] == "listening" and "live" in statuses[:3], statuses[:5]
    assert heard.first("listening")["station_name"] == mission["generation_result"]["station_name"]
    told = json.dumps([m for m in heard.items if isinstance(m, dict)])
    assert not [fact for fact in mission["generation_result"]["proof_sentences"][1:] if fact in told]
    # The lines the player heard after the listener joined, with the very same audio.
    listened_lines = [m for m in heard.items if isinstance(m, dict) and m.get("status") == "dialogue_start"]
    by_id = {m["line_id"]: i for i, m in enumerate(listened_lines)}
    for line in after.lines:
        assert line.line_id in by_id, (line.line_id, list(by_id))
        relayed = heard.audio_of("dialogue_start", by_id[line.line_id])
        if by_id[line.line_id] == 0:
            # The line on air when the listener joined: its audio from the join on (the server may
            # have begun it before the listener's socket was in).
            assert relayed and bytes(line.audio).endswith(relayed)
        else:
            assert relayed == bytes(line.audio)
    # The caller on air, in a voice unlike any host's, audible, before the verdict and the reply.
    caller = heard.first("caller_start")
    assert caller["text"] == proof and caller["source"] == "text"
    assert caller["voice"] not in host_voices | {line.voice for line in after.lines + reply.lines}
    assert _rms(heard.audio_of("caller_start")) > 300
    assert statuses.index("caller_start") < statuses.index("verdict")
    assert heard.first("verdict")["change"] == verdict["change"]
    assert reply.lines[0].line_id in by_id
    assert statuses[-1] == "mission_end" and heard.first("mission_end")["score"] == ended["score"]


async def test_a_listener_cannot_change_the_show(open_server: ThreadedServer) -> None:
    base = open_server.base_url
    mission = await create_ready_mission(base)
    proof = mission["generation_result"]["proof_sentences"][0]
    async with await open_show(base, mission["id"]) as player:
        await play(player, max_lines=1)
        async with await _listen(base, mission["id"]) as listener:
            await until_status(listener, "listening")
            for attempt in (
                json.dumps({"action": "user_dialogue", "dialogue": proof}),
                json.dumps({"user_dialogue": proof}),
                json.dumps({"action": "start_speech"}),
                bytes(3200),
                json.dumps({"action": "end_mission"}),
            ):
                await listener.send(attempt)
                error, _ = await until_status(listener, "error", within=10)
                assert error["code"] == "listen_only"
        record = await play(player, max_lines=2)  # the show went on, untouched
        assert len(record.lines) == 2 and record.mission_end is None
        assert not [m for m in record.messages if m.get("status") in ("verdict", "interrupted")]
    async with httpx.AsyncClient(base_url=base) as http:
        entries = (await http.get(f"/api/v1/missions/{mission['id']}/transcript")).json()
    assert all(entry["kind"] == "line" for entry in entries)


async def test_the_cap_on_listeners_an_unknown_show_and_a_finished_one(open_server: ThreadedServer) -> None:
    base = open_server.base_url
    unknown = await read_until_closed(await _listen(base, new_mission_id()))
    assert unknown.code == 4404
    mission = await create_ready_mission(base)
    first, second = await _listen(base, mission["id"]), await _listen(base, mission["id"])
    await until_status(first, "listening")
    await until_status(second, "listening")
    third = await read_until_closed(await _listen(base, mission["id"]))
    assert third.code == 1013 and "listeners" in third.reason
    await second.close()
    async with await open_show(base, mission["id"]) as player:
        await play(player, max_lines=1)
        await player.send(json.dumps({"action": "end_mission"}))
        await until_status(player, "mission_end")
    assert (await read_until_closed(first, within=20)).code == 1000
    async with await _listen(base, mission["id"]) as late:  # the show is over: its ending at once
        await until_status(late, "listening")
        ended, _ = await until_status(late, "mission_end")
        assert ended["result"] == "lost" and ended["reason"] == "The caller left the broadcast."
        assert (await read_until_closed(late)).code == 1000


async def test_with_keys_on_a_listen_link_carries_a_token_that_grants_listening_only(
    keyed_server: ThreadedServer,
) -> None:
    base = keyed_server.base_url
    owner = {"X-API-Key": OWNER_KEY}
    mission = await create_ready_mission(base, headers=owner)
    async with httpx.AsyncClient(base_url=base) as http:
        link = (await http.get(f"/api/v1/missions/{mission['id']}/listen", headers=owner)).json()
        assert (await http.get(f"/api/v1/missions/{mission['id']}/listen")).status_code == 401
        token = link["token"]
        assert token and link["page"] == f"/listen/{mission['id']}?token={token}"
        # The token is no API key: it cannot read the mission, play it, or create one.
        assert (
            await http.get(f"/api/v1/mission_status/{mission['id']}", params={"api_key": token})
        ).status_code == 401
        other = await create_ready_mission(base, headers=owner)
        timeline = await http.get(f"/api/v1/missions/{other['id']}/timeline", params={"token": token})
        assert timeline.status_code == 401  # a token is for its own mission only
        for odd in ("ünïcode-tøken", "\u0000", ""):  # refused plainly, never a server error
            answer = await http.get(f"/api/v1/missions/{mission['id']}/timeline", params={"token": odd})
            assert answer.status_code == 401, odd
        bad_offer = await http.post(
            f"/api/v1/missions/{mission['id']}/listen/rtc",
            params={"token": token},
            json={"sdp": "v=0 not an offer", "type": "offer"},
        )
        assert bad_offer.status_code == 422, bad_offer.text
        assert "not a usable offer" in bad_offer.json()["message"]
    played = await read_until_closed(await connect(ws_url(base, mission["id"]) + f"?api_key={token}"))
    assert played.code == 4401
    assert (await read_until_closed(await _listen(base, mission["id"]))).code == 4401
    assert (await read_until_closed(await _listen(base, mission["id"], "0" * 32))).code == 4401
    async with await _listen(base, mission["id"], token) as listener:
        hello, _ = await until_status(listener, "listening")
        assert hello["mission_id"] == mission["id"]


async def test_the_replay_timeline_places_every_entry_in_the_episode_with_the_caller_heard(
    open_server: ThreadedServer,
) -> None:
    base = open_server.base_url
    mission = await create_ready_mission(base)
    proof = mission["generation_result"]["proof_sentences"][1]
    async with await open_show(base, mission["id"]) as player:
        await play(player, max_lines=2)
        await player.send(json.dumps({"action": "user_dialogue", "dialogue": proof}))
        await until_status(player, "verdict", within=60)
        await play(player, max_lines=1)
        await player.send(json.dumps({"action": "end_mission"}))
        await until_status(player, "mission_end")
    async with httpx.AsyncClient(base_url=base) as http:
        timeline = (await http.get(f"/api/v1/missions/{mission['id']}/timeline")).json()
        wav = await http.get(f"/api/v1/missions/{mission['id']}/replay.wav")
    items = timeline["items"]
    assert timeline["result"] == "lost" and timeline["hosts"]
    starts = [item["start_seconds"] for item in items]
    assert starts == sorted(starts) and all(i["end_seconds"] >= i["start_seconds"] for i in items)
    assert all(a["end_seconds"] <= b["start_seconds"] for a, b in itertools.pairwise(items))
    caller = next(item for item in items if item["kind"] == "interjection")
    assert caller["text"] == proof and caller["change"] > 0
    assert caller["end_seconds"] - caller["start_seconds"] > 1.0  # the typed break-in is voiced
    with wave.open(io.BytesIO(wav.content)) as episode:
        assert episode.getframerate() == WIRE_SAMPLE_RATE
        seconds = episode.getnframes() / WIRE_SAMPLE_RATE
    assert abs(seconds - timeline["episode_seconds"]) < 0.05
    samples = bytes_to_int16(wav.content[44:])
    at = slice(int(caller["start_seconds"] * WIRE_SAMPLE_RATE), int(caller["end_seconds"] * WIRE_SAMPLE_RATE))
    assert _rms(samples[at].tobytes()) > 300  # the caller's voice is where the timeline says


async def test_listeners_hear_the_players_own_voice_and_what_it_was_heard_as(
    open_server: ThreadedServer,
) -> None:
    base = open_server.base_url
    mission = await create_ready_mission(base)
    proof = mission["generation_result"]["proof_sentences"][0]
    speech = int16_to_bytes(await speak_as_caller(proof, MIC_SAMPLE_RATE))
    async with await open_show(base, mission["id"]) as player:
        await play(player, max_lines=1)
        listener = await _listen(base, mission["id"])
        await until_status(listener, "listening")
        heard = Heard()
        reading = asyncio.create_task(_record_listener(listener, heard))
        await player.send(json.dumps({"action": "start_speech"}))
        step = MIC_SAMPLE_RATE // 10 * 2
        for start in range(0, len(speech), step):
            await player.send(speech[start : start + step])
        await player.send(json.dumps({"action": "stop_speech"}))
        transcript, _ = await until_status(player, "transcript", within=60)
        await until_status(player, "verdict", within=60)
        await player.send(json.dumps({"action": "end_mission"}))
        await until_status(player, "mission_end", within=30)
        async with asyncio.timeout(30):
            await reading
    statuses = heard.statuses()
    caller = heard.first("caller_start")
    assert caller["source"] == "voice" and caller["text"] == ""
    relayed = heard.audio_of("caller_start")
    spoken_seconds = len(speech) / 2 / MIC_SAMPLE_RATE
    assert abs(len(relayed) / 2 / WIRE_SAMPLE_RATE - spoken_seconds) < 0.05  # all of it, at 24 kHz
    assert _rms(relayed) > 300
    assert heard.first("transcript")["text"] == transcript["text"]
    assert statuses.index("caller_start") < statuses.index("caller_end") < statuses.index("transcript")
