"""The kinds of story a topic can be (a disaster, a scandal, a tax ...), read from its words.

The station's tone depends on it: a disaster or a scandal is denied and minimised, never bragged
about. The game's tone guard holds every writer to that; the writers choose their stance by it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any, Final

_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’-]*")


@dataclass(frozen=True, slots=True)
class StoryKind:
    """One kind of story: how the station treats it, the coarser family whose bodies fit it, what it
    is about, and the things and people that belong to such a story (``words``, with articles)."""

    name: str
    stance: str
    family: str
    about: str
    words: tuple[str, ...] = ()

    @property
    def stance_note(self) -> str:
        """How the station treats such a story, in a sentence a writer (or a prompt) reads."""
        return STANCE_NOTES.get(self.stance, STANCE_NOTES["praise"])


def _read_taxonomy() -> dict[str, Any]:
    text = resources.files(__package__).joinpath("story_kinds.json").read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def _load_story_kinds() -> dict[str, StoryKind]:
    raw: dict[str, dict[str, Any]] = _read_taxonomy()["kinds"]
    return {
        name: StoryKind(name=name, **{**fields, "words": tuple(fields.get("words", ()))})
        for name, fields in raw.items()
    }


# How the station treats a story of each stance (``story_kinds.json``'s "stances").
STANCE_NOTES: Final[dict[str, str]] = {k: str(v) for k, v in _read_taxonomy()["stances"].items()}
# The taxonomy every writer shares (``story_kinds.json``): kinds, stances and families.
STORY_KINDS: Final = _load_story_kinds()


def story_kind(name: str) -> StoryKind:
    """The kind called ``name``; the generic kind for a name the taxonomy does not know."""
    return STORY_KINDS.get(name, STORY_KINDS["generic"])


GENERIC_KIND: Final = "generic"
DISASTER_KIND: Final = "disaster"
SCANDAL_KIND: Final = "scandal"
# Stories the station denies and minimises rather than brags about.
DENIED_KINDS: Final = frozenset({DISASTER_KIND, SCANDAL_KIND})
# Word -> weight: telling words ("collapse") outweigh vague ones ("new").
KIND_KEYWORDS: Final[dict[str, dict[str, float]]] = {
    "disaster": dict.fromkeys(
        "collapse collapsed collapses accident accidents explosion explosions blast fire fires flood "
        "flooding floods spill leak leaks crash crashed derailment disaster disasters catastrophe "
        "earthquake landslide poisoning contamination sinking sank wreck tragedy meltdown blackout "
        "outbreak cave-in stampede famine drought wildfire wildfires heatwave heatwaves storm storms "
        "hurricane cyclone typhoon tornado avalanche mudslide tsunami sinkhole pollution smog "
        "evacuation cyberattack cyberattacks ransomware malware hack hacked outage outages".split(),
        3.0,
    ),
    "scandal": dict.fromkeys(
        "scandal scandals corruption corrupt fraud bribe bribes bribery embezzlement cheating "
        "cover-up coverup kickback kickbacks affair rigging rigged theft smuggling nepotism "
        "laundering missing vanished stolen disappeared disappearance embezzled looted".split(),
        3.2,
    ),
    "election": dict.fromkeys(
        "election elections vote votes voting ballot ballots referendum poll polls turnout "
        "candidate candidates recount electoral plebiscite count".split(),
        2.5,
    ),
    "prices": dict.fromkeys(
        "price prices inflation cost costs expensive cheap shortage shortages rent rents fare fares "
        "tariff tariffs queue queues".split(),
        2.2,
    ),
    "tax": dict.fromkeys(
        "tax taxes levy levies duty duties fee fees toll tolls pension pensions subsidy subsidies "
        "budget reform austerity wage wages salary salaries privatisation privatization lottery "
        "cuts cut ration rations allowance benefits".split(),
        2.0,
    ),
    "ban": dict.fromkeys(
        "ban banned bans law laws curfew censorship shutdown licensing licence license rules rule "
        "restriction restrictions mandatory compulsory prohibition decree uniform permit permits "
        "surveillance registration crackdown blocking cancel cancels cancelled canceled cancellation "
        "scrapped postponed".split(),
        1.8,
    ),
    "health": dict.fromkeys(
        "health hospital hospitals vaccine vaccines vaccination clinic clinics medicine medicines "
        "doctor doctors nurses care patients epidemic disease treatment".split(),
        1.9,
    ),
    "event": dict.fromkeys(
        "festival parade games olympics summit anniversary celebration celebrations concert "
        "ceremony jubilee exhibition expo championship contest visit".split(),
        2.1,
    ),
    "project": dict.fromkeys(
        "dam bridge bridges pipeline railway rail metro tunnel airport port highway road roads "
        "tower towers plant reactor station stadium mission rollout programme program project "
        "canal wall meters meter grid app construction harvest housing mine factory".split(),
        1.5,
    ),
}


def detect_kind(topic: str) -> str:
    """The kind whose key words the topic uses, weighted by how telling they are; generic if none."""
    words = [word.casefold().strip("'’") for word in _WORD.findall(topic)]
    best, best_score = GENERIC_KIND, 0.0
    for kind, weighted in KIND_KEYWORDS.items():
        score = sum(weighted.get(word, 0.0) for word in words)
        if score > best_score:
            best, best_score = kind, score
    return best
