"""The offline writer's station bank (``banks/station.json``): word pools and templates for the
station, its hosts, its documents and its briefing.

Kept apart from control flow so that tone and variety can be tuned without touching logic.
Places, people and documents are invented; nothing there refers to a real event.
Placeholders are ``str.format`` fields filled by ``radiomirchi.writers.offline.writer``: a role
may use {expert}; a background {years} {institution} {expert} {place}; a document {letter} {n}
{year}; a personality or tactic {institution} {place}; the briefings their own fields.
"""

from __future__ import annotations

from typing import Final, TypedDict

from radiomirchi.writers.offline.bank import (
    BankError,
    labels,
    lines,
    load_bank,
    string_lists,
    strings,
    text,
    word_set,
)


class Domain(TypedDict):
    keywords: frozenset[str]
    institution: str
    places: list[str]
    documents: list[str]
    expert: str


def _domain(value: object, where: str) -> Domain:
    if not isinstance(value, dict):
        raise BankError(f"{where}: expected an object")
    return Domain(
        keywords=word_set(value.get("keywords"), f"{where}.keywords"),
        institution=text(value.get("institution"), f"{where}.institution"),
        places=strings(value.get("places"), f"{where}.places"),
        documents=strings(value.get("documents"), f"{where}.documents"),
        expert=text(value.get("expert"), f"{where}.expert"),
    )


def _domains(value: object, where: str) -> dict[str, Domain]:
    if not isinstance(value, dict):
        raise BankError(f"{where}: expected an object")
    return {name: _domain(item, f"{where}.{name}") for name, item in value.items()}


_BANK = load_bank("station")

# What a topic is about, read from its words: the institution behind the station, its places,
# the documents a leak comes from, and the expert a host may be.
DOMAINS: Final[dict[str, Domain]] = _domains(_BANK["DOMAINS"], "DOMAINS")
DEFAULT_DOMAIN: Final[Domain] = _domain(_BANK["DEFAULT_DOMAIN"], "DEFAULT_DOMAIN")
# The domain of a story kind, where it has one (``KIND_DOMAINS`` in station.json).
KIND_DOMAINS: Final[dict[str, str]] = {
    kind: domain
    for kind, domain in labels(_BANK["KIND_DOMAINS"], "KIND_DOMAINS").items()
    if not kind.startswith("_")
}
if set(KIND_DOMAINS.values()) - set(DOMAINS):
    raise BankError(f"KIND_DOMAINS: unknown domains {sorted(set(KIND_DOMAINS.values()) - set(DOMAINS))}")
GENERIC_PLACES: Final = strings(_BANK["GENERIC_PLACES"], "GENERIC_PLACES")
# A place one lives in ("District 14", "the Kessel Valley estate"), by its last word; any other
# ("the Halden Dam", "Lindqvist Junction station") is a site that people live near.
AREA_WORDS: Final = word_set(_BANK["AREA_WORDS"], "AREA_WORDS")
# A named site, whatever its capitals: "St. Brannoc Hospital" is somewhere people live near.
SITE_WORDS: Final = word_set(_BANK["SITE_WORDS"], "SITE_WORDS")
STATION_PREFIXES: Final = strings(_BANK["STATION_PREFIXES"], "STATION_PREFIXES")
MALE_FIRST_NAMES: Final = strings(_BANK["MALE_FIRST_NAMES"], "MALE_FIRST_NAMES")
FEMALE_FIRST_NAMES: Final = strings(_BANK["FEMALE_FIRST_NAMES"], "FEMALE_FIRST_NAMES")
LAST_NAMES: Final = strings(_BANK["LAST_NAMES"], "LAST_NAMES")
# The first two slots are fixed so every show has an anchor and a co-host.
ROLES_BY_SLOT: Final = string_lists(_BANK["ROLES_BY_SLOT"], "ROLES_BY_SLOT")
BACKGROUNDS: Final = strings(_BANK["BACKGROUNDS"], "BACKGROUNDS")
PERSONALITIES: Final = strings(_BANK["PERSONALITIES"], "PERSONALITIES")
SPEAKING_STYLES: Final = strings(_BANK["SPEAKING_STYLES"], "SPEAKING_STYLES")
TACTICS: Final = strings(_BANK["TACTICS"], "TACTICS")
SHOW_FORMATS: Final = strings(_BANK["SHOW_FORMATS"], "SHOW_FORMATS")
# Pools for inventing a topic when the player asks for "any".
INVENTED_ADJECTIVES: Final = strings(_BANK["INVENTED_ADJECTIVES"], "INVENTED_ADJECTIVES")
INVENTED_POLICIES: Final = strings(_BANK["INVENTED_POLICIES"], "INVENTED_POLICIES")
INVENTED_SCOPES: Final = strings(_BANK["INVENTED_SCOPES"], "INVENTED_SCOPES")
MONTHS: Final = strings(_BANK["MONTHS"], "MONTHS")
DOCUMENT_LETTERS: Final = text(_BANK["DOCUMENT_LETTERS"], "DOCUMENT_LETTERS")
BRIEFING_TEMPLATE: Final = lines(_BANK["BRIEFING_TEMPLATE"], "BRIEFING_TEMPLATE")
BRIEFING_HOST_TEMPLATE: Final = text(_BANK["BRIEFING_HOST_TEMPLATE"], "BRIEFING_HOST_TEMPLATE")
STANCES: Final = strings(_BANK["STANCES"], "STANCES")
