"""The page's show plumbing without a session: the playout's timing markers, the sink's routing
of session messages, the board's captions and counts, and what the page renders from them."""

from __future__ import annotations

import asyncio

import pytest

from radiomirchi.game import events
from radiomirchi.schemas import PropagandaMission, WrittenMission, new_mission_id
from radiomirchi.speech.audio import seconds_to_bytes
from radiomirchi.speech.pacing import LEAD_SECONDS
from radiomirchi.ui import render
from radiomirchi.ui.board import PageSink, ShowBoard, ShowBoards
from radiomirchi.ui.playout import Playout
from radiomirchi.writers.offline import write_mission


def test_markers_fire_when_playback_reaches_them() -> None:
    playout = Playout()
    fired: list[str] = []
    playout.mark(lambda: fired.append("now"))  # nothing pending: fires at once
    playout.push(b"\x01\x00" * 100)
    playout.mark(lambda: fired.append("after 100 samples"))
    assert fired == ["now"]
    assert playout.take(150) == b"\x01\x00" * 75
    assert fired == ["now"]
    assert playout.take_frame(100) == b"\x01\x00" * 25 + bytes(50)  # padded with silence
    assert fired == ["now", "after 100 samples"]


def test_a_flush_drops_unplayed_audio_and_fires_its_markers() -> None:
    playout = Playout()
    dropped: list[str] = []
    fired: list[str] = []
    playout.on_flush(lambda: dropped.append("downstream"))
    playout.push(bytes(4800))
    playout.mark(lambda: fired.append("line end"))
    playout.flush()
    assert playout.buffered_bytes == 0 and fired == ["line end"] and dropped == ["downstream"]
    assert playout.take_frame(10) == bytes(10)


async def test_take_chunk_waits_for_a_full_chunk_pads_on_timeout_and_ends() -> None:
    playout = Playout()

    async def trickle() -> None:
        for _ in range(4):
            await asyncio.sleep(0.02)
            playout.push(b"\x02\x00" * 25)

    feeder = asyncio.create_task(trickle())
    chunk = await playout.take_chunk(200, max_wait=2.0)
    await feeder
    assert chunk == b"\x02\x00" * 100
    assert await playout.take_chunk(100, max_wait=0.05) == bytes(100)  # nothing came: silence
    playout.push(b"\x03\x00")
    playout.finish()
    assert await playout.take_chunk(8, max_wait=1.0) == b"\x03\x00" + bytes(6)
    assert playout.drained
    assert await playout.take_chunk(8, max_wait=1.0) is None


async def test_the_sink_times_captions_to_playback_and_knows_what_was_heard() -> None:
    board = ShowBoard(new_mission_id())
    playout = Playout()
    sink = PageSink(board, playout)
    await sink.emit(events.ShowLive((events.HostInfo("Ann", "female", "host", "v"),), 120))
    await sink.emit(events.LineStarted(0, "Ann", "Good evening.", "v"))
    assert [c.text for c in board.captions] == ["Good evening."]  # nothing queued: it plays now
    await sink.play(bytes(9600))
    await sink.emit(events.LineEnded(0, 0.2))
    await sink.emit(events.LineStarted(1, "Bob", "Indeed.", "w"))
    await sink.play(bytes(4800))
    assert board.status == "live" and len(board.captions) == 1  # line 0 still playing
    assert sink.heard_seconds() == 0.0
    played_out = asyncio.ensure_future(sink.played_out())
    playout.take(9000)
    assert len(board.captions) == 1
    playout.take(600)
    assert [c.text for c in board.captions] == ["Good evening.", "Indeed."]
    playout.take(2400)
    assert sink.heard_seconds() == pytest.approx(0.05)
    await asyncio.sleep(0)
    assert not played_out.done()
    playout.take(2400)
    await asyncio.wait_for(played_out, 1.0)


async def test_play_waits_while_the_listener_is_more_than_the_lead_behind() -> None:
    playout = Playout()
    sink = PageSink(ShowBoard(new_mission_id()), playout)
    await sink.emit(events.LineStarted(0, "Ann", "A long line.", "v"))
    lead = seconds_to_bytes(LEAD_SECONDS)
    await sink.play(bytes(lead + 960))
    blocked = asyncio.ensure_future(sink.play(bytes(960)))
    await asyncio.sleep(0)
    assert not blocked.done() and playout.buffered_bytes == lead + 960
    playout.take(960)
    await asyncio.wait_for(blocked, 1.0)
    assert playout.buffered_bytes == lead + 960


async def test_a_barge_in_clears_unplayed_audio_and_the_line_is_marked_cut() -> None:
    board = ShowBoard(new_mission_id())
    playout = Playout()
    sink = PageSink(board, playout)
    await sink.emit(events.LineStarted(3, "Bob", "The tax is fair and", "v"))
    await sink.play(bytes(9600))
    playout.take(960)
    assert sink.clear() == pytest.approx(0.02)
    await sink.emit(events.LineInterrupted(3))
    assert playout.buffered_bytes == 0
    assert board.captions[-1].cut is True
    assert "cut off" in render.captions_html(board)


async def test_the_result_shows_after_the_closing_line_is_heard() -> None:
    board = ShowBoard(new_mission_id())
    playout = Playout()
    sink = PageSink(board, playout)
    await sink.play(bytes(960))
    await sink.emit(events.MissionEnded("won", "They lost control.", 91000, 90000))
    assert board.result is None and not playout.drained
    playout.take(960)
    assert board.result is not None and board.status == "over" and playout.drained


def test_the_meter_shows_the_missions_audience_before_the_start() -> None:
    mission = write_mission("the water tax", new_mission_id())
    board = ShowBoard(new_mission_id())
    board.preset(mission_from(mission), 70_000, 180.0)
    assert board.initial == mission.result.initial_listeners and board.target == 70_000
    assert "70,000" in render.meter_html(board) and "3:00" in render.meter_html(board)


def test_counts_verdicts_and_the_plot() -> None:
    board = ShowBoard(new_mission_id())
    board.apply(events.ListenersTick(0, 100_000, 50_000, 120.0, 0))
    board.apply(events.ListenersTick(0, 100_000, 50_000, 119.5, 0))  # unchanged, too soon: no point
    board.apply(events.VerdictGiven(12.0, 12_000, "Specific numbers.", False, 0, 50_000))
    board.apply(events.ListenersTick(12_000, 100_000, 50_000, 110.0, 1))
    assert (board.awakened, board.target, board.strikes) == (12_000, 50_000, 1)
    # A step at the verdict: the count held until then, and changed then.
    assert board.history == [(0.0, 0), (0.5, 0), (0.5, 12_000), (10.0, 12_000)]
    frame = render.plot_frame(board)
    assert frame is not None and set(frame["series"]) == {"awake", "target"}
    assert render.plot_frame(ShowBoard(new_mission_id())) is None  # never an empty frame
    meter = render.meter_html(board)
    assert "12,000" in meter and "50,000" in meter and "1:50" in meter
    assert "+12.0 pts" in render.captions_html(board)


def test_the_plot_never_runs_back_in_time() -> None:
    board = ShowBoard(new_mission_id())
    board.apply(events.ListenersTick(0, 100_000, 50_000, 150.0, 0))
    board.apply(events.ListenersTick(0, 100_000, 50_000, 127.0, 0))  # 23 s in
    board.apply(events.VerdictGiven(9.0, 9_000, "A claim they can check.", False, 0, 50_000))
    # A tick that trails the verdict (computed before it, delivered after): 18 s in.
    board.apply(events.ListenersTick(9_000, 100_000, 50_000, 132.0, 0))
    board.apply(events.VerdictGiven(-3.0, 6_000, "Name-calling.", True, 1, 50_000))
    board.apply(events.ListenersTick(6_000, 100_000, 50_000, 120.0, 1))
    times = [t for t, _ in board.history]
    assert times == sorted(times), board.history
    assert board.history[-1] == (30.0, 6_000)
    frame = render.plot_frame(board)
    assert frame is not None and list(frame[frame["series"] == "awake"]["seconds"]) == times


def test_what_players_write_is_escaped() -> None:
    board = ShowBoard(new_mission_id())
    board.typed("<script>alert(1)</script>")
    board.apply(events.Heard("<b>loud</b>"))
    page = render.captions_html(board)
    assert "<script>" not in page and "&lt;script&gt;" in page and "<b>loud" not in page


def mission_from(written: WrittenMission) -> PropagandaMission:
    return PropagandaMission(
        user_id="p", topic=written.topic, generation_result=written.result, writer=written.writer
    )


def test_boards_are_bounded_but_keep_live_ones() -> None:
    boards = ShowBoards(limit=2)
    first = boards.get(new_mission_id())
    first.session = object()  # type: ignore[assignment]
    for _ in range(3):
        boards.get(new_mission_id())
    assert len(boards) == 2 and boards.find(first.mission_id) is first
