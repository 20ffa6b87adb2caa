"""When each stage of a break-in was reached, from the end of the player's turn to the first frame
of the hosts' answer, logged once per turn (``turn timings``): where dead air comes from.

Stages: ``end_of_turn`` (``stop_speech``, or the typed text arriving), ``transcript``, ``verdict``,
``stored``, ``reply_voiced`` (the answer's first line is ready to play), ``first_frame`` (its first
audio handed to the transport), and the voice the answer opens in. Times are on the show's clock,
handed in.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

log = logging.getLogger(__name__)


class TurnTimer:
    def __init__(self, mission_label: str, source: str, monotonic: Callable[[], float]) -> None:
        self._label = mission_label
        self._source = source
        self._monotonic = monotonic
        self._start = monotonic()
        self.marks: dict[str, float] = {"end_of_turn": 0.0}
        # The voice the answer opens in: an engine's first clause takes 10-250 ms to synthesise.
        self.answered_in = ""

    def mark(self, stage: str) -> None:
        self.marks.setdefault(stage, self._monotonic() - self._start)

    def finish(self) -> None:
        """The answer's first frame went out: log every stage, in milliseconds from the end of turn."""
        self.mark("first_frame")
        stages = ", ".join(f"{stage} {seconds * 1000:.0f} ms" for stage, seconds in self.marks.items())
        source = f"{self._source}, answered in {self.answered_in}" if self.answered_in else self._source
        log.info("Mission %s turn timings (%s): %s", self._label, source, stages)
