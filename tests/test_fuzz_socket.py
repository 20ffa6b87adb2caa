"""Fuzzing the game socket: Hypothesis sends malformed JSON, wrong types, unknown actions, audio
outside speech and valid actions in any order; frames over 1 MiB and floods of messages or
audio. Every bad frame gets an error reply (or, for a frame too big or a flood that goes on, a
close with 1009 or 1008), nothing crashes, the server stays healthy, and a second player's show
streams on undisturbed meanwhile.

Speech over 30 s being cut there is ``test_game_play.py::test_an_utterance_over_30_seconds_is_cut_there``.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import threading
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import hypothesis
import pytest
from hypothesis import HealthCheck, Phase
from hypothesis import strategies as st
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from devtools.testing.apps import AppFactory
from devtools.testing.asgi_server import ThreadedServer
from devtools.testing.fake_deepgram import FakeDeepgram
from devtools.testing.show_client import (
    Closed,
    ShowRecord,
    create_ready_mission,
    open_show,
    play,
    read_until_closed,
    until_status,
)
from radiomirchi.client import ws_url

pytestmark = pytest.mark.slow  # fuzzing: hundreds of missions

FUZZ_EXAMPLES = 200
ONE_MIB = 1024 * 1024
ACTIONS = ["ready_for_next", "user_dialogue", "start_speech", "stop_speech", "end_mission"]

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=8,
)
control_messages = st.fixed_dictionaries(
    {"action": st.sampled_from(ACTIONS) | json_values},
    optional={"dialogue": st.text(max_size=700) | json_values, "user_dialogue": json_values},
).map(json.dumps)
frames = st.one_of(
    st.text(max_size=200),  # mostly not JSON at all
    json_values.map(json.dumps),  # JSON, mostly not an object
    control_messages,  # objects with known and unknown actions, fields of any type
    st.binary(max_size=4096),  # microphone audio, in and out of speech
)


@pytest.fixture(scope="module")
def fuzz_server(module_apps: AppFactory) -> Iterator[ThreadedServer]:
    """Fake Deepgram voices (cheap, short lines) so that many sessions fit in little time. Shared
    by the module's tests: each plays missions of its own, and closes only its own sockets."""
    with FakeDeepgram(chunk_interval_seconds=0.01, seconds_per_word=0.12) as deepgram:
        fuzz_settings = module_apps.settings(
            deepgram=deepgram,
            show_seconds=900.0,
            create_missions_per_user_per_minute=10_000,
            create_missions_per_ip_per_minute=10_000,
        )
        with module_apps.running(fuzz_settings) as server:
            yield server


class Bystander(threading.Thread):
    """Another player, on their own event loop, listening to their show while the fuzzing runs."""

    def __init__(self, base_url: str, mission_id: str) -> None:
        super().__init__(name="bystander", daemon=True)
        self._base_url = base_url
        self._mission_id = mission_id
        self._stopping = threading.Event()
        self.record = ShowRecord()
        self.failure: BaseException | None = None
        self.playing = threading.Event()

    def run(self) -> None:
        try:
            asyncio.run(self._listen())
        except BaseException as exc:  # reported by the test
            self.failure = exc

    async def _listen(self) -> None:
        async with await open_show(self._base_url, self._mission_id) as ws:
            while not self._stopping.is_set() and self.record.mission_end is None:
                await play(ws, max_lines=len(self.record.lines) + 1, record=self.record, within=30)
                self.playing.set()

    def finish(self) -> ShowRecord:
        self._stopping.set()
        self.join(60)
        if self.failure is not None:
            raise self.failure
        return self.record


@pytest.fixture
def bystander(fuzz_server: ThreadedServer) -> Iterator[Bystander]:
    mission = asyncio.run(create_ready_mission(fuzz_server.base_url, user_id="bystander"))
    listener = Bystander(fuzz_server.base_url, mission["id"])
    listener.start()
    assert listener.playing.wait(30), "the bystander's show did not start"
    yield listener
    listener.finish()


async def _probe_after(base_url: str, sent: list[str | bytes]) -> dict[str, Any]:
    """Send the frames to a fresh mission's socket, then a probe; what came back, up to the probe's
    error reply (the socket is still serving) or the socket's close."""
    mission = await create_ready_mission(base_url, user_id="fuzzer")
    probe = f"probe-{uuid.uuid4().hex[:8]}"
    errors: list[dict[str, Any]] = []
    statuses: list[str] = []
    closed: Closed | None = None
    async with connect(ws_url(base_url, mission["id"]), max_size=2**22) as ws:
        for frame in sent:
            await ws.send(frame)
        await ws.send(json.dumps({"action": probe}))
        with contextlib.suppress(ConnectionClosed):
            async with asyncio.timeout(20):
                while not any(probe in error["error"] for error in errors):
                    message = await ws.recv()
                    if isinstance(message, str):
                        payload = json.loads(message)
                        if "error" in payload:
                            errors.append(payload)
                        statuses.append(str(payload.get("status", "")))
        if not any(probe in error["error"] for error in errors):
            closed = await read_until_closed(ws)
    return {"errors": errors, "statuses": statuses, "closed": closed}


def test_fuzzed_frames_get_error_replies_and_disturb_no_one(
    fuzz_server: ThreadedServer, bystander: Bystander, caplog: pytest.LogCaptureFixture
) -> None:
    seen_codes: set[str] = set()
    uvicorn_logger = logging.getLogger("uvicorn")
    uvicorn_logger.addHandler(caplog.handler)

    @hypothesis.given(sent=st.lists(frames, max_size=20))
    @hypothesis.example(sent=["[" * 100_000, '{"action": ' * 50_000, '{"action": 1e999999}'])
    @hypothesis.example(sent=[json.dumps({"action": "user_dialogue", "dialogue": "x" * 900_000})])
    @hypothesis.example(
        sent=['{"action": "start_speech"}', b"\x01", b"\x00" * 4095, '{"action": "stop_speech"}']
    )
    @hypothesis.settings(
        max_examples=FUZZ_EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def exercise(sent: list[str | bytes]) -> None:
        outcome = asyncio.run(_probe_after(fuzz_server.base_url, sent))
        codes = {error["code"] for error in outcome["errors"]}
        assert "internal_error" not in codes, outcome
        if outcome["closed"] is not None:  # only a mission that ended may close, and normally
            assert "mission_end" in outcome["statuses"], outcome
            assert outcome["closed"].code == 1000, outcome
        seen_codes.update(codes)

    try:
        exercise()
    finally:
        uvicorn_logger.removeHandler(caplog.handler)
    crashes = [f"{r.name}: {r.getMessage()}" for r in caplog.records if r.levelno >= logging.ERROR]
    assert not crashes, crashes
    record = bystander.finish()
    # The fuzzer met the protocol's refusals, not only its own probe.
    assert seen_codes >= {"malformed_json", "unknown_action", "unexpected_audio"}, seen_codes
    assert not record.errors, record.errors
    assert len(record.lines) >= 5, "the bystander's show stopped"
    gaps = [line.first_frame_at - line.requested_at for line in record.lines if line.first_frame_at]
    assert max(gaps) < 1.0, f"the bystander's show fell silent for {max(gaps):.2f} s"
    health = httpx.get(f"{fuzz_server.base_url}/health").json()
    assert health["status"] == "ok"


@pytest.mark.parametrize("frame", [b"\x00" * (ONE_MIB + 2), "x" * (ONE_MIB + 1)], ids=["binary", "text"])
async def test_a_frame_over_1_mib_is_closed_with_1009(
    fuzz_server: ThreadedServer, frame: str | bytes
) -> None:
    mission = await create_ready_mission(fuzz_server.base_url)
    async with connect(ws_url(fuzz_server.base_url, mission["id"]), max_size=2**22) as ws:
        await until_status(ws, "live")
        await ws.send(frame)
        closed = await read_until_closed(ws)
    assert closed.code == 1009
    async with await open_show(fuzz_server.base_url, mission["id"]) as ws:  # the mission plays on
        assert (await play(ws, max_lines=1)).lines


async def test_a_frame_of_exactly_1_mib_is_accepted(fuzz_server: ThreadedServer) -> None:
    mission = await create_ready_mission(fuzz_server.base_url)
    async with await open_show(fuzz_server.base_url, mission["id"]) as ws:
        await until_status(ws, "live")
        await ws.send(json.dumps({"action": "start_speech"}))
        await ws.send(b"\x01\x00" * (ONE_MIB // 2))
        await ws.send(json.dumps({"action": "stop_speech"}))
        error, _ = await until_status(ws, "error", within=30)
    assert error["code"] == "empty_utterance"  # heard (the fake transcribes nothing), not refused


async def test_a_flood_of_messages_is_rate_limited_then_closed_with_1008(fuzz_server: ThreadedServer) -> None:
    mission = await create_ready_mission(fuzz_server.base_url)
    async with connect(ws_url(fuzz_server.base_url, mission["id"])) as ws:
        await until_status(ws, "live")
        replies = asyncio.create_task(read_until_closed(ws, within=30))
        with contextlib.suppress(ConnectionClosed):
            async with asyncio.timeout(15):
                while True:  # about a thousand messages a second, until the server hangs up
                    await ws.send(json.dumps({"action": "flood"}))
                    await asyncio.sleep(0.001)
        closed = await replies
    assert closed.code == 1008 and closed.reason == "too many messages"
    codes = [error["code"] for error in closed.errors]
    assert "rate_limited" in codes
    # Answered within its budget (a burst of 40 and a few seconds' refill), not message for message.
    assert codes.count("unknown_action") <= 40 + 20 * 5, codes.count("unknown_action")
    async with httpx.AsyncClient(base_url=fuzz_server.base_url) as http:
        health = (await http.get("/health")).json()
    assert health["status"] == "ok"


async def test_an_audio_flood_is_rate_limited_and_the_show_goes_on(fuzz_server: ThreadedServer) -> None:
    mission = await create_ready_mission(fuzz_server.base_url)
    async with await open_show(fuzz_server.base_url, mission["id"]) as ws:
        await until_status(ws, "live")
        await ws.send(json.dumps({"action": "start_speech"}))
        for _ in range(60):  # 60 x 32 KB: about 60 s of microphone audio at once
            await ws.send(b"\x10\x00" * 16_000)
        await ws.send(json.dumps({"action": "stop_speech"}))
        limited, _ = await until_status(ws, "error", within=10)
        assert limited["code"] == "rate_limited"
        await asyncio.sleep(1.0)  # let the budget refill a little
        record = await play(ws, max_lines=1)
    assert record.lines, "the connection did not survive a short audio flood"
