"""One mission's world as the offline writer sees it: the topic read, its ministry, its places, and
the grammar every template is filled with."""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Sequence
from dataclasses import dataclass

from radiomirchi.game.leak_guard import hidden_details, leaks
from radiomirchi.game.topic_kinds import story_kind
from radiomirchi.writers.offline import templates as data
from radiomirchi.writers.topic_text import speakable_parts
from radiomirchi.writers.topics import TopicReading, read_topic, topic_keywords, topic_place

# Stances with claims of their own (banks/kinds.json CLAIMS): their family's would brag.
STANCE_CLAIMS = frozenset({"spin", "blame"})
# Where the hosts say things happen when every invented place is part of a hidden fact.
_FALLBACK_PLACE = "the capital"


@dataclass(frozen=True, slots=True)
class Station:
    """Everything the templates need to know about one mission's world."""

    reading: TopicReading
    domain: data.Domain
    places: list[str]
    # The place the topic names, if any (first of ``places``): the hosts come back to it.
    home: str | None = None

    @property
    def subject(self) -> str:
        return self.reading.subject

    @property
    def kind(self) -> str:
        """The coarse family of the story's kind: the key of the template banks."""
        return story_kind(self.reading.kind).family

    @property
    def stance(self) -> str:
        """How the station treats this kind of story (``game/story_kinds.json``)."""
        return story_kind(self.reading.kind).stance

    @property
    def claims_key(self) -> str:
        """Whose claims the hosts make: their stance's own (a defeat is spun, a strike blamed),
        else their family's."""
        return self.stance if self.stance in STANCE_CLAIMS else self.kind

    @property
    def story_kind(self) -> str:
        """The story's kind (``game/story_kinds.json``): a strike, an outage, a petty local matter ..."""
        return self.reading.kind


def read_station(topic: str, rng: random.Random, *, kind: str | None = None) -> Station:
    """``kind``: the story's kind as read when the mission was written (``PropagandaMission.story_kind``)."""
    reading = read_topic(topic)
    if kind is not None and kind != reading.kind:
        reading = dataclasses.replace(reading, kind=kind)
    domain = detect_domain(topic, reading.kind)
    places = [*domain["places"], *rng.sample(data.GENERIC_PLACES, k=3)]
    rng.shuffle(places)
    # The story may be one part of the topic and its place another ("Nipah scare: 2 deaths in
    # Kozhipuram"): the topic's place is the hosts' first, wherever it was named.
    named = reading.place or topic_place(" | ".join(speakable_parts(topic)))
    if named:
        # "the Halden Dam" beside "Halden" is the same spot under another name: keep the topic's.
        places = [named, *(place for place in places if named not in place)]
    return Station(reading=reading, domain=domain, places=places, home=named)


def detect_domain(topic: str, kind: str = "") -> data.Domain:
    """The domain whose key words the topic uses most, the story kind's own domain counting as one
    and winning a tie; the generic ministry when none match."""
    words = {word.casefold() for word in topic_keywords(topic)}
    own = data.KIND_DOMAINS.get(kind)
    best, best_hits = data.DEFAULT_DOMAIN, 0
    # The kind's own domain first, so that it keeps a tie.
    for name in sorted(data.DOMAINS, key=lambda name: name != own):
        domain = data.DOMAINS[name]
        hits = len(words & domain["keywords"]) + (name == own)
        if hits > best_hits:
            best, best_hits = domain, hits
    return best


def grammar(reading: TopicReading, *, short: bool = False) -> dict[str, str]:
    """Fields that agree with the subject: "bread prices are", "the water tax is". ``short``
    names it the way a host does the second time ("the tax")."""
    subject = (reading.short or reading.subject) if short else reading.subject
    plural = reading.plural
    return {
        "subject": subject,
        "Subject": subject[:1].upper() + subject[1:],
        "is": "are" if plural else "is",
        "was": "were" if plural else "was",
        "has": "have" if plural else "has",
        "s": "" if plural else "s",
        "it": "them" if plural else "it",
        "It": "They" if plural else "It",
        "its": "their" if plural else "its",
    }


def spoken_places(station: Station, proof_sentences: Sequence[str], public: Sequence[str]) -> list[str]:
    """Places the hosts may name: none that would give away a hidden fact (the topic's own may)."""
    secrets = hidden_details(proof_sentences, public=public)
    places = [place for place in station.places if not leaks(place, secrets)]
    if station.home in places and len(places) > 1:
        # Every other mention is the topic's own place: a story in Kozhipuram stays there, with the
        # rest of the country around it.
        others = [place for place in places if place != station.home]
        places = [spot for other in others for spot in (station.home, other)]
    return places or [_FALLBACK_PLACE]
