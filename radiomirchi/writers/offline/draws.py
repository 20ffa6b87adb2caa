"""How the offline show picks line bodies: each pool shuffled once per mission, then walked in order.

Shared by the regular batches (show.py) and the replies (reply_plan.py), so that both draw from a
pool the same way and a mission always replays the same show.
"""

from __future__ import annotations

import random
import re
import zlib
from dataclasses import dataclass

from radiomirchi.game.balance import RATTLED_FRACTION, UNEASY_FRACTION
from radiomirchi.game.writer_port import DialogueContext
from radiomirchi.writers.offline import dialogue_templates as show
from radiomirchi.writers.offline import kinds
from radiomirchi.writers.offline.station import STANCE_CLAIMS, Station

# Mixes a batch index into a seed (the golden-ratio constant spreads neighbouring indexes apart).
PHI = 0x9E3779B1
# The stance of a price rise, a fee, a ban or a camera: fair, necessary and temporary (its own
# bodies, where a beat has them, in place of the boasts).
JUSTIFY_STANCE = "justify"
# Keys of bodies every kind shares; a mission's order puts them after the kind's own bodies.
_SHARED_KEYS = frozenset({"any", "boast", JUSTIFY_STANCE})
_PLACEHOLDER = re.compile(r"\{[^}]*\}")


@dataclass(frozen=True, slots=True)
class Draw:
    """One planned line: its body template and the frame (pool and index) it came from."""

    body: str
    frame: str
    opener_ok: bool = True


def rattle_level(context: DialogueContext) -> int:
    """Graded by the share awake; a caller that only passes ``rattled`` gets the top level.

    0 calm, 1 uneasy, 2 rattled (thresholds balance.UNEASY_FRACTION, RATTLED_FRACTION)."""
    share = context.awakened_share
    if share >= RATTLED_FRACTION or (share == 0.0 and context.rattled):
        return 2
    return 1 if share >= UNEASY_FRACTION else 0


def batch_size(seed: int, index: int, low: int, high: int) -> int:
    """How many lines batch ``index`` has, between ``low`` and ``high``: fixed by the seed."""
    return random.Random(seed ^ 0xB47C ^ (index * PHI)).randint(low, high)


def pool(pools: dict[str, list[str]], station: Station) -> list[tuple[str, str]]:
    """The bodies that fit this station's kind: "any", then "boast" unless it is a story the
    station denies (a disaster, a scandal), spins, blames or justifies (its stance's own bodies
    then, where the beat has them) or a question nobody could brag about, then the kind's:
    the story kind's own bodies where the bank has them (an outage has no rescue crews or
    blankets), or those it shares with kinds like it (a metro or a school is a service that runs
    well), else its family's."""
    own = show.SHARED_POOL_OF_KIND.get(station.story_kind, station.story_kind)
    keys = ["any", own if own in pools else station.kind]
    # No bragging about a defeat or a strike: those are spun or blamed, never "better than ever";
    # nor about a price rise or a new fee, which are justified as fair and necessary, never toasted.
    brags = station.stance not in STANCE_CLAIMS and station.stance != JUSTIFY_STANCE
    if station.kind not in kinds.DENIED_KINDS and not station.reading.clause:
        if brags:
            keys.insert(1, "boast")
        elif station.stance in pools:
            keys.insert(1, station.stance)
    # A body that says the topic's own head noun would say it twice ("the damage from the damage").
    head = re.compile(rf"\b{re.escape(station.reading.short.split()[-1])}\b", re.IGNORECASE)
    return [
        (key, body)
        for key in keys
        for body in pools.get(key, [])
        if not head.search(_PLACEHOLDER.sub("", body))
    ]


def shuffled(seed: int, name: str, entries: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The mission's order of a pool: the kind's own bodies first, then the shared ones, so that
    shows on different topics sound different and the shared boilerplate comes last."""
    rng = random.Random(seed ^ zlib.crc32(name.encode()))
    own = [entry for entry in entries if entry[0] not in _SHARED_KEYS]
    shared = [entry for entry in entries if entry[0] in _SHARED_KEYS]
    rng.shuffle(own)
    rng.shuffle(shared)
    return _things_leading(own) + _things_leading(shared)


# Of every THING_RUN + 1 bodies drawn, THING_RUN name one of the story's things, while the pool has
# them: a show draws only the first part of most pools, and a line that names a thing (the
# landlords, the picket line) is about the subject where one that names the topic alone is not.
THING_RUN = 4


def _things_leading(entries: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """``entries`` in their order, but bodies with a ``{thing}`` drawn ``THING_RUN`` to one."""
    with_thing = [entry for entry in entries if "{thing}" in entry[1]]
    without = [entry for entry in entries if "{thing}" not in entry[1]]
    merged: list[tuple[str, str]] = []
    while with_thing or without:
        merged += with_thing[:THING_RUN] + without[:1]
        with_thing, without = with_thing[THING_RUN:], without[1:]
    return merged


def walk(
    seed: int,
    name: str,
    entries: list[tuple[str, str]],
    start: int,
    count: int,
    *,
    opener_ok: bool = True,
    wrap: bool = True,
) -> list[Draw]:
    """``count`` bodies from the mission's own order of ``entries``, from position ``start`` on;
    past its end, from the start again, or (``wrap=False``) none."""
    order = shuffled(seed, name, entries)
    draws = []
    for step in range(count):
        if not wrap and start + step >= len(order):
            break
        key, body = order[(start + step) % len(order)]
        frame = f"{name}/{key}/{entries.index((key, body))}"
        draws.append(Draw(body, frame, opener_ok and "?" not in body))
    return draws
