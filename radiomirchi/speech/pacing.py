"""Pacing audio to real time, in one place: the WebSocket sink, the WebRTC track and the
listen-only stream all keep their audio a bounded lead ahead of a listener playing it live.

"Real time" is the show's clock (``radiomirchi.clock``): the wall clock when serving, a faster
one when a test plays a show at ten times its speed.
"""

from __future__ import annotations

from radiomirchi.clock import REAL_CLOCK, Clock

# Audio may run this far ahead of real time: enough to ride out jitter, little enough that an
# interruption silences the hosts at once and "what was heard" is close to "what was sent".
LEAD_SECONDS = 0.4


class RealTimeClock:
    """Tracks when a listener who plays everything sent, at the clock's speed, will be done.

    Audio that arrives after a gap starts from "now" (the listener heard silence meanwhile), so a
    stall never turns into a burst. Every figure is in show seconds.
    """

    def __init__(self, lead_seconds: float, clock: Clock = REAL_CLOCK) -> None:
        self._lead = lead_seconds
        self._clock = clock
        self._done_at = 0.0  # the clock's monotonic time at which everything sent has been played

    def ahead(self) -> float:
        """Seconds of sent audio the listener has not played yet."""
        return max(0.0, self._done_at - self._clock.monotonic())

    async def pace(self, seconds: float) -> None:
        """Wait until ``seconds`` more audio may go out without running past the lead; count it sent."""
        wait = self.ahead() - self._lead
        if wait > 0:
            await self._clock.sleep(wait)
        self._done_at = max(self._done_at, self._clock.monotonic()) + seconds

    def clear(self) -> float:
        """The listener's queue was dropped (a barge-in); returns how much unplayed audio that was."""
        dropped = self.ahead()
        self._done_at = min(self._done_at, self._clock.monotonic())
        return dropped

    async def played_out(self) -> None:
        """Return once everything sent so far has been played."""
        wait = self.ahead()
        if wait > 0:
            await self._clock.sleep(wait)
