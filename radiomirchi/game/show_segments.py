"""The segments a show is made of (``show_segments.json``), shared by every writer, and each show's
running order: the segments in an order of its own, the same for the same mission."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from importlib import resources
from typing import Final


@dataclass(frozen=True, slots=True)
class Segments:
    descriptions: dict[str, str]
    interplay: str


def _load() -> Segments:
    raw = json.loads(resources.files(__package__).joinpath("show_segments.json").read_text(encoding="utf-8"))
    return Segments(descriptions=dict(raw["segments"]), interplay=raw["interplay"])


SEGMENTS: Final = _load()


def running_order(seed: int) -> list[str]:
    """The show's segments after its opening, shuffled by the show's seed (its mission's)."""
    order = list(SEGMENTS.descriptions)
    random.Random(seed ^ 0x5E6).shuffle(order)
    return order


def segment_for(seed: int, batch_index: int) -> str:
    """The segment a regular batch (``batch_index`` from 1) plays, in the show's running order."""
    order = running_order(seed)
    return order[(batch_index - 1) % len(order)]
