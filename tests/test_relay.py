"""The relay that copies a show to its listeners: what a late listener starts with, that a slow
listener is dropped while the others and the show go on, and the end of the stream."""

from __future__ import annotations

import asyncio

import pytest

from radiomirchi.game import events
from radiomirchi.game.relay import CALLER_PIECE_BYTES, Listener, ListenersFull, Relayed, RelaySink, ShowRelay
from radiomirchi.schemas import new_mission_id
from radiomirchi.speech.audio import seconds_to_bytes

HOSTS = (events.HostInfo("Asha", "female", "anchor", "pico:en-GB"),)
FRAME = bytes(seconds_to_bytes(0.5))


class RecordingSink:
    """The player's side: what it was given."""

    def __init__(self) -> None:
        self.events: list[events.ShowEvent] = []
        self.frames: list[bytes] = []

    async def emit(self, event: events.ShowEvent) -> None:
        self.events.append(event)

    async def play(self, pcm: bytes) -> None:
        self.frames.append(pcm)

    def heard_seconds(self) -> float:
        return 0.0

    def clear(self) -> float:
        return 0.0

    async def played_out(self) -> None:
        return None


def _relay(max_listeners: int = 10, max_behind_seconds: float = 2.0) -> ShowRelay:
    return ShowRelay(new_mission_id(), max_listeners=max_listeners, max_behind_seconds=max_behind_seconds)


async def _drain(relay_items: object, count: int) -> list[Relayed]:
    got: list[Relayed] = []
    async with asyncio.timeout(2):
        async for item in relay_items:  # type: ignore[attr-defined]
            got.append(item)
            if len(got) == count:
                break
    return got


def _keep_reading(listener: Listener) -> tuple[list[Relayed], asyncio.Task[None]]:
    """A listener read as fast as it is fed: what it got so far, and the task reading it (done when
    its stream ends)."""
    kept: list[Relayed] = []

    async def read() -> None:
        async for item in listener.items():
            kept.append(item)

    return kept, asyncio.create_task(read())


async def test_a_late_listener_starts_with_the_hosts_the_meter_and_the_line_on_air() -> None:
    relay = _relay()
    sink = RelaySink(RecordingSink(), relay)
    live = events.ShowLive(HOSTS, 180.0)
    tick = events.ListenersTick(10, 1000, 500, 170.0, 0)
    first, second = (
        events.LineStarted(0, "Asha", "Good evening.", "v"),
        events.LineStarted(1, "Asha", "More.", "v"),
    )
    await sink.emit(live)
    await sink.emit(tick)
    await sink.emit(first)
    await sink.play(FRAME)
    await sink.emit(events.LineEnded(0, 0.5))
    await sink.emit(second)
    listener = relay.join()
    await sink.play(FRAME)
    got = await _drain(listener.items(), 4)
    assert got == [live, tick, second, FRAME]


async def test_a_listener_who_joins_or_comes_back_after_a_call_reads_the_last_call_and_its_verdict() -> None:
    # Seen in CI: a listener page that lost its WebRTC call came back over the socket just after
    # the break-in, and never learned of it.
    relay = _relay()
    sink = RelaySink(RecordingSink(), relay)
    live = events.ShowLive(HOSTS, 180.0)
    await sink.emit(live)
    call = events.CallerOnAir("The audit shows 680 million missing.", "text", "caller")
    off = events.CallerOffAir(3.2)
    verdict = events.VerdictGiven(12.0, 1200, "evidence: an audit", False, 0, 5000)
    answer = events.LineStarted(3, "Asha", "An audit? Every coin is accounted for.", "v")
    relay.publish(call)
    relay.publish(FRAME)
    relay.publish(off)
    await sink.emit(verdict)
    await sink.emit(answer)
    late = relay.join()
    assert await _drain(late.items(), 5) == [live, call, off, verdict, answer]
    # While a caller is on air, a late listener hears that call as it goes on, not the one before.
    caller_now = events.CallerOnAir("Listeners, check it yourselves.", "text", "caller")
    relay.publish(caller_now)
    assert await _drain(relay.join().items(), 2) == [live, caller_now]


async def test_the_player_gets_everything_and_listeners_all_but_the_players_own_problems() -> None:
    relay = _relay()
    player = RecordingSink()
    sink = RelaySink(player, relay)
    listener = relay.join()
    problem = events.Problem("Nothing intelligible was heard.", "empty_utterance")
    heard = events.Heard("the minister sold the dam")
    await sink.emit(problem)
    await sink.emit(heard)
    await sink.play(FRAME)
    assert player.events == [problem, heard] and player.frames == [FRAME]
    assert await _drain(listener.items(), 2) == [heard, FRAME]


async def test_a_listener_too_far_behind_is_dropped_and_the_others_keep_listening() -> None:
    relay = _relay(max_behind_seconds=2.0)
    sink = RelaySink(RecordingSink(), relay)
    slow, keeping_up = relay.join(), relay.join()
    kept, reader = _keep_reading(keeping_up)
    for _ in range(6):  # 3 s of audio: the slow listener never reads
        await sink.play(FRAME)
        await asyncio.sleep(0)
    assert slow.dropped and not keeping_up.dropped
    assert len(relay) == 1
    assert [item async for item in slow.items()] == []  # its stream ends at once
    await sink.emit(events.MissionEnded("won", "the listeners woke up", 900, 880))
    async with asyncio.timeout(2):
        await reader
    assert kept[:6] == [FRAME] * 6 and isinstance(kept[-1], events.MissionEnded)
    assert len(relay) == 0


async def test_a_callers_long_turn_reaches_a_listener_who_keeps_up_and_counts_only_once_it_is_heard() -> None:
    # Seen in CI: a typed proof sentence voiced in 15 s or more, handed on whole, dropped the listen
    # page that was reading as fast as it was fed (it missed the verdict and the end).
    relay = _relay(max_behind_seconds=2.0)
    sink = RelaySink(RecordingSink(), relay)
    keeping_up, slow = relay.join(), relay.join()
    kept, reader = _keep_reading(keeping_up)
    turn = bytes(seconds_to_bytes(6.0))  # three times the lag a listener is allowed
    relay.publish_call("The audit shows 680 million missing.", "text", "caller", turn)
    assert not keeping_up.dropped and not slow.dropped and len(relay) == 2
    verdict = events.VerdictGiven(12.0, 1200, "evidence: an audit", False, 0, 5000)
    await sink.emit(verdict)
    for _ in range(6):  # the hosts' answer, 3 s as the player hears it: the slow one never reads
        await sink.play(FRAME)
        await asyncio.sleep(0)
    assert slow.dropped and not keeping_up.dropped
    await sink.emit(events.MissionEnded("lost", "the broadcast ended", 100, 300))
    async with asyncio.timeout(2):
        await reader
    assert isinstance(kept[0], events.CallerOnAir)
    audio = [item for item in kept[1:] if isinstance(item, bytes)][: len(turn) // CALLER_PIECE_BYTES]
    assert b"".join(audio) == turn
    assert kept[1 + len(audio)] == events.CallerOffAir(6.0)
    assert kept[2 + len(audio)] == verdict and kept[-7:-1] == [FRAME] * 6


async def test_the_cap_on_listeners_and_a_listener_after_the_end() -> None:
    relay = _relay(max_listeners=1)
    relay.join()
    with pytest.raises(ListenersFull):
        relay.join()
    ended = events.MissionEnded("lost", "time ran out", 120, 120)
    relay.publish(ended)
    late = relay.join()  # the show is over: the ending, then the stream ends
    assert [item async for item in late.items()] == [ended]
