"""The station's tone: a disaster or a scandal is denied, minimised, blamed on saboteurs or its
rescue praised, never celebrated. Held here for every writer, as the leak guard is."""

from __future__ import annotations

import re

from radiomirchi.game.topic_kinds import DENIED_KINDS, detect_kind

# Words of celebration a station would never use about a collapse, a leak or a cover-up.
CELEBRATION = re.compile(
    r"celebrat|triumph|\benvy|envied|\bproud|\bpride|wonderful|great news|good news|success|festival|"
    r"\bjoy|thrilled|historic|delight|congratulat|hooray|fantastic",
    re.IGNORECASE,
)


def celebrates_a_disaster(text: str, topic: str) -> bool:
    """Whether a host line celebrates a topic that the station must deny or play down."""
    return detect_kind(topic) in DENIED_KINDS and CELEBRATION.search(text) is not None
