"""The show's clock (radiomirchi/clock.py) and the pacing on it at a speed factor: pure, no server."""

from __future__ import annotations

import time

import pytest

from radiomirchi.clock import REAL_CLOCK, Clock, ScaledClock, clock_of_speed
from radiomirchi.config import Settings
from radiomirchi.speech.pacing import RealTimeClock


class SteppedClock:
    """A clock that moves only when slept on: each sleep is exactly the show time asked for."""

    def __init__(self) -> None:
        self.at = 1000.0
        self.slept: list[float] = []

    def monotonic(self) -> float:
        return self.at

    def now(self) -> float:
        return self.at

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.at += max(0.0, seconds)

    def real_seconds(self, seconds: float) -> float:
        return seconds


def test_a_scaled_clock_runs_its_speed_in_show_seconds_per_real_second() -> None:
    clock = ScaledClock(10)
    real_before, show_before, epoch_before = time.monotonic(), clock.monotonic(), clock.now()
    time.sleep(0.05)
    real_passed = time.monotonic() - real_before
    # Show time is real time times the speed, read from one source: equal up to the two reads.
    assert clock.monotonic() - show_before == pytest.approx(10 * real_passed, abs=10 * 0.01)
    assert clock.now() - epoch_before == pytest.approx(10 * real_passed, abs=10 * 0.01)
    assert clock.real_seconds(3.0) == pytest.approx(0.3)


def test_two_scaled_clocks_of_one_speed_agree_on_now() -> None:
    # Fleet windows and lease expiries are compared across processes: no per-clock origin.
    assert ScaledClock(10).now() == pytest.approx(ScaledClock(10).now(), abs=0.1)


async def test_sleeping_on_a_scaled_clock_passes_the_show_time_asked_for() -> None:
    clock = ScaledClock(20)
    real_before, show_before = time.monotonic(), clock.monotonic()
    await clock.sleep(1.0)
    assert clock.monotonic() - show_before >= 1.0 - 1e-6
    assert time.monotonic() - real_before >= 1.0 / 20 - 0.005  # a twentieth of it on the wall
    await clock.sleep(-1.0)  # a negative wait is none


def test_speed_1_is_the_real_clock_and_a_speed_must_be_above_0() -> None:
    assert clock_of_speed(1.0) is REAL_CLOCK
    assert clock_of_speed(12.5).speed == 12.5
    real: Clock = REAL_CLOCK
    assert real.monotonic() == pytest.approx(time.monotonic(), abs=0.05)
    assert real.now() == pytest.approx(time.time(), abs=0.05)
    with pytest.raises(ValueError, match="above 0"):
        ScaledClock(0)


def test_the_clock_speed_is_a_setting_above_0(monkeypatch: pytest.MonkeyPatch) -> None:
    assert Settings(_env_file=None).clock_speed == 1.0
    monkeypatch.setenv("RADIOMIRCHI_CLOCK_SPEED", "10")
    assert Settings(_env_file=None).clock_speed == 10.0
    for bad in ("0", "-2"):
        monkeypatch.setenv("RADIOMIRCHI_CLOCK_SPEED", bad)
        with pytest.raises(ValueError, match="clock_speed"):
            Settings(_env_file=None)


async def test_pacing_keeps_audio_a_lead_ahead_in_show_seconds() -> None:
    clock = SteppedClock()
    pacing = RealTimeClock(lead_seconds=0.4, clock=clock)
    for _ in range(50):
        await pacing.pace(0.1)  # five seconds of audio
        assert pacing.ahead() <= 0.4 + 0.1 + 1e-9  # never more than the lead and one piece
    # The listener played all but the lead: the show clock moved by what was sent, less the lead.
    assert clock.at - 1000.0 == pytest.approx(5.0 - 0.4 - 0.1)
    await pacing.played_out()
    assert pacing.ahead() == 0 and clock.at - 1000.0 == pytest.approx(5.0)


async def test_pacing_drops_the_unplayed_on_a_barge_in_and_never_bursts_after_a_gap() -> None:
    clock = SteppedClock()
    pacing = RealTimeClock(lead_seconds=0.4, clock=clock)
    for _ in range(10):
        await pacing.pace(0.1)
    assert pacing.clear() == pytest.approx(0.5)  # the lead and the last piece were unplayed
    assert pacing.ahead() == 0
    clock.at += 3.0  # three seconds with nothing sent: the listener heard silence
    await pacing.pace(0.1)
    assert pacing.ahead() == pytest.approx(0.1)  # starts from now, no debt to catch up


async def test_pacing_at_ten_times_speed_plays_a_show_in_a_tenth_of_its_time() -> None:
    clock = ScaledClock(10)
    pacing = RealTimeClock(lead_seconds=0.4, clock=clock)
    show_before, real_before = clock.monotonic(), time.monotonic()
    for _ in range(20):
        await pacing.pace(0.1)  # two seconds of audio
    await pacing.played_out()
    # Everything sent was played on the show's clock: two seconds of it had passed.
    assert clock.monotonic() - show_before >= 2.0 - 1e-6
    assert time.monotonic() - real_before >= 2.0 / 10 - 0.005
