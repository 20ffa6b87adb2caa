"""The core's small parts with no server: lookahead, the registry, the real-time clock, the task set."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator

import pytest

from devtools.testing.memory_show import WORD_SECONDS, ToneTTS
from radiomirchi.game import rules
from radiomirchi.game.lookahead import Batch, ShowPipeline
from radiomirchi.game.registry import RegistryFull, SessionRegistry
from radiomirchi.game.tasks import TaskSet
from radiomirchi.schemas import DialogueLine, Gender, Speaker, new_mission_id
from radiomirchi.speech.audio import pcm_seconds
from radiomirchi.speech.pacing import RealTimeClock
from radiomirchi.speech.tts.base import Voice

HOSTS = [
    Speaker(name="Ann", gender=Gender.female, role="anchor", background="b"),
    Speaker(name="Bob", gender=Gender.male, role="analyst", background="b"),
]


def _pipeline(
    tasks: TaskSet, written: list[list[DialogueLine]], depth: int = 1, tts: ToneTTS | None = None
) -> ShowPipeline:
    tts = tts or ToneTTS()
    counter = iter(range(1000))

    async def write_batch(queued: list[DialogueLine]) -> Batch:
        n = next(counter)
        lines = [DialogueLine(speaker=HOSTS[i % 2].name, text=f"batch {n} line {i}") for i in range(3)]
        written.append(list(queued))
        return Batch(lines=lines, writer="test")

    return ShowPipeline(write_batch, tts, tts.cast_voices(HOSTS, new_mission_id()), tasks, depth=depth)


async def test_lookahead_keeps_the_script_topped_up_and_voices_the_next_line() -> None:
    tasks = TaskSet("lookahead-test")
    queued_when_written: list[list[DialogueLine]] = []
    pipeline = _pipeline(tasks, queued_when_written)
    pipeline.prime()
    texts = []
    for _ in range(7):
        line = await pipeline.next_line()
        audio = b"".join([frame async for frame in line.frames()])
        assert pcm_seconds(len(audio)) == pytest.approx(len(line.line.text.split()) * WORD_SECONDS, abs=0.01)
        texts.append(line.line.text)
    assert texts[:4] == ["batch 0 line 0", "batch 0 line 1", "batch 0 line 2", "batch 1 line 0"]
    # A batch is written while lines remain, and it sees them as already said.
    assert any(queued for queued in queued_when_written[1:])
    await pipeline.aclose()
    await tasks.cancel_all()
    assert len(tasks) == 0


@pytest.mark.parametrize("depth", [1, 2])
async def test_a_slow_voice_tier_gets_more_lines_voiced_ahead(depth: int) -> None:
    tasks = TaskSet("lookahead-test")
    tts = ToneTTS()
    pipeline = _pipeline(tasks, [], depth=depth, tts=tts)
    pipeline.prime()
    first = await pipeline.next_line()
    await asyncio.sleep(0)  # the lines voiced ahead have started their synthesis
    assert tts.spoken[0] == first.line.text
    assert len(tts.spoken) == 1 + depth  # the one playing, and ``depth`` ahead of it
    await pipeline.aclose()
    await tasks.cancel_all()


class HeldTTS(ToneTTS):
    """A voice whose first audio for a line comes only when the test lets it."""

    def __init__(self) -> None:
        super().__init__()
        self.first_audio = asyncio.Event()

    async def stream(self, text: str, voice: Voice) -> AsyncIterator[bytes]:
        self.spoken.append(text)
        await self.first_audio.wait()
        async for chunk in ToneTTS().stream(text, voice):
            yield chunk


async def test_the_next_line_is_voiced_only_once_the_line_handed_out_can_be_heard() -> None:
    """Voiced together, two lines share the voice threads and the first one's audio comes later:
    the hosts' answer to a break-in waited 0.1-0.4 s for it in the browser benchmark."""
    tasks = TaskSet("lookahead-test")
    tts = HeldTTS()
    pipeline = _pipeline(tasks, [], tts=tts)
    pipeline.inject(
        [DialogueLine(speaker="Bob", text="about that caller"), DialogueLine(speaker="Ann", text="and then")],
        "reply",
    )
    line = await pipeline.next_line()
    for _ in range(5):
        await asyncio.sleep(0)
    assert tts.spoken == ["about that caller"]  # only the line handed out is being voiced
    tts.first_audio.set()
    frames = line.frames()
    await anext(frames)
    for _ in range(5):
        await asyncio.sleep(0)
    assert tts.spoken == ["about that caller", "and then"]  # now the next one
    await frames.aclose()  # type: ignore[attr-defined]
    await pipeline.aclose()
    await tasks.cancel_all()


async def test_a_reply_goes_first_and_discard_drops_everything_ahead() -> None:
    tasks = TaskSet("lookahead-test")
    pipeline = _pipeline(tasks, [])
    pipeline.prime()
    await pipeline.next_line()
    await pipeline.discard()
    pipeline.inject([DialogueLine(speaker="Bob", text="about that caller")], "reply")
    line = await pipeline.next_line()
    assert (line.line.text, line.writer) == ("about that caller", "reply")
    await pipeline.aclose()
    await tasks.cancel_all()


async def test_the_registry_evicts_the_older_holder_and_caps_live_missions() -> None:
    registry = SessionRegistry()
    evicted: list[str] = []

    async def evict_first() -> None:
        evicted.append("first")

    async with registry.seat(f"{1:024x}", evict_first, max_sessions=1):
        with pytest.raises(RegistryFull):
            async with registry.seat(f"{2:024x}", evict_first, max_sessions=1):
                pass
        async with registry.seat(f"{1:024x}", evict_first, max_sessions=1):  # a takeover
            assert evicted == ["first"] and len(registry) == 1
        assert len(registry) == 0  # the newer holder left; the evicted one holds nothing
    assert len(registry) == 0


async def test_the_clock_keeps_audio_a_lead_ahead_and_never_bursts_after_a_gap() -> None:
    clock = RealTimeClock(lead_seconds=0.1)
    started = time.monotonic()
    for _ in range(10):
        await clock.pace(0.05)  # half a second of audio
    elapsed = time.monotonic() - started
    assert elapsed >= 0.5 - 0.1 - 0.05 - 0.01  # never more than the lead (and one piece) ahead
    assert clock.ahead() <= 0.1 + 0.05 + 0.02
    assert clock.clear() > 0 and clock.ahead() == 0
    await asyncio.sleep(0.05)
    await clock.pace(0.05)
    assert 0 < clock.ahead() <= 0.05 + 0.001  # the gap was silence, not a debt to catch up


async def test_a_task_set_stops_everything_it_owns() -> None:
    tasks = TaskSet("owner")
    never = asyncio.Event()
    for i in range(3):
        tasks.spawn(never.wait(), f"waiter-{i}")
    assert len(tasks) == 3
    await tasks.cancel_all()
    assert len(tasks) == 0


def test_rules_arithmetic() -> None:
    assert rules.target_listeners(100_001, 0.5) == 50_001
    assert rules.apply_change(0, 100_000, 12.5) == 12_500
    assert rules.apply_change(99_000, 100_000, 20) == 100_000
    assert rules.heard_text("one two three four", 1.0, 2.0) == "one two"
    assert rules.score(10, True, 2.0) == 10 + 2 * 250 and rules.score(10, False, 99) == 10
