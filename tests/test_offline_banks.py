"""The offline writer's template banks (radiomirchi/writers/offline/banks/*.json) against their
schema: every placeholder is one the writer fills for that template, a host's line never carries a
number or a document (only the hidden facts do), and every hidden fact names the topic and
carries a number. Pure: reads the JSON files, writes nothing."""

from __future__ import annotations

import json
import re
import string
from collections.abc import Iterator
from pathlib import Path

import pytest

from radiomirchi.writers.offline import (
    caller_acts,
    dialogue_templates,
    interview,
    kinds,
    reply_templates,
    templates,
)

BANKS = Path(__file__).resolve().parent.parent / "radiomirchi" / "writers" / "offline" / "banks"

_GRAMMAR = {"subject", "Subject", "is", "was", "has", "s", "it", "It", "its"}
# What the show's voicing fills (offline/show.py): the station's fields, then a body's own.
_STATION_FIELDS = {*_GRAMMAR, "station", "institution", "expert", "listeners"}
_BODY_FIELDS = {*_STATION_FIELDS, "claim", "place", "other", "thing"}
_NUMBERS = {"amount", "small", "pct", "count", "weeks", "page", "day", "year", "code", "document"}
_PROOF_FIELDS = {*_GRAMMAR, *_NUMBERS, "institution", "place", "month", "official", "witness"}

# Per bank and top-level key: the placeholders its strings may hold (absent: none at all).
PLACEHOLDERS: dict[str, dict[str, set[str]]] = {
    "station": {
        "DOMAINS": {"letter", "n", "year"},
        "DEFAULT_DOMAIN": {"letter", "n", "year"},
        "ROLES_BY_SLOT": {"expert"},
        "BACKGROUNDS": {"years", "institution", "expert", "place"},
        # The host line of the briefing is formatted again with these two.
        "PERSONALITIES": {"institution", "place"},
        "SPEAKING_STYLES": {"institution", "place"},
        "TACTICS": {"institution", "place"},
        "STANCES": {"institution", "place"},
        "BRIEFING_HOST_TEMPLATE": {
            "name",
            "gender",
            "role",
            "personality",
            "style",
            "stance",
            "tactic_a",
            "tactic_b",
        },
        "BRIEFING_TEMPLATE": {
            "station_name",
            "show_format",
            "summary",
            "topic",
            "institution",
            "hosts",
            "proofs",
        },
    },
    "kinds": {
        "SUMMARY_TEMPLATES": {*_GRAMMAR, "institution", "claim", "support"},
        "PROOFS": _PROOF_FIELDS,
    },
    "show": {
        "GREETINGS": _BODY_FIELDS,
        "BEATS": _BODY_FIELDS,
        "MAIL_REACTIONS": _BODY_FIELDS,
        "DEFENSIVE": _BODY_FIELDS,
        "CLOSING_LINES": _BODY_FIELDS,
        # Openers are filled before the body's own fields are known.
        "OPENERS": _STATION_FIELDS,
    },
    "interview": {"PAIRS": _BODY_FIELDS},
    "replies": {
        key: _BODY_FIELDS
        for key in (
            "EVIDENCE_REACTIONS",
            "ACT_REACTIONS",
            "HOSTILE_TAGS",
            "QUESTION_FOCUS",
            "QUESTION_WORD_ANSWERS",
            "FOLLOWUPS",
            "FOLLOWUPS_RATTLED",
            "RETURNS",
        )
    },
}
# What the hosts say on air, word for word or through {claim}.
HOST_LINES: dict[str, tuple[str, ...]] = {
    "show": ("GREETINGS", "BEATS", "MAIL_REACTIONS", "DEFENSIVE", "OPENERS", "CLOSING_LINES"),
    "replies": tuple(PLACEHOLDERS["replies"]),
    "kinds": ("CLAIMS",),
    "interview": ("PAIRS",),
}


def bank(name: str) -> dict[str, object]:
    data = json.loads((BANKS / f"{name}.json").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def texts(value: object, where: str) -> Iterator[tuple[str, str]]:
    """Every string in ``value`` (object keys aside), with where it sits."""
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from texts(item, f"{where}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from texts(item, f"{where}[{index}]")


def placeholder_faults(text: str, allowed: set[str]) -> list[str]:
    """What is wrong with ``text``'s ``str.format`` fields: unknown names, or any format spec."""
    faults: list[str] = []
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError as exc:
        return [f"unparsable: {exc}"]
    for _, field, spec, conversion in parsed:
        if field is None:
            continue
        if field not in allowed:
            faults.append(f"unknown placeholder {{{field}}}")
        if spec or conversion:
            faults.append(f"format spec on {{{field}}}")
    return faults


def _document_names() -> list[str]:
    """The fixed words of every document title a leak may come from ("Water Quality Annex")."""
    names: list[str] = []
    for domain in [*templates.DOMAINS.values(), templates.DEFAULT_DOMAIN]:
        for document in domain["documents"]:
            plain = re.sub(r"\{[^}]*\}", " ", document)
            plain = " ".join(word for word in plain.split() if word.isalpha() and len(word) > 1)
            if plain:
                names.append(plain.casefold())
    return names


def host_line_faults(text: str) -> list[str]:
    faults = []
    if re.search(r"\d", text):
        faults.append("a number")
    for name in _document_names():
        if name in text.casefold():
            faults.append(f"a document ({name})")
    return faults


@pytest.mark.parametrize("name", sorted(PLACEHOLDERS))
def test_every_placeholder_is_one_the_writer_fills(name: str) -> None:
    allowed_by_key = PLACEHOLDERS[name]
    faults = [
        f"{where}: {fault}"
        for key, value in bank(name).items()
        for where, text in texts(value, key)
        for fault in placeholder_faults(text, allowed_by_key.get(key, set()))
    ]
    assert faults == []


@pytest.mark.parametrize("name", sorted(HOST_LINES))
def test_no_host_line_carries_a_number_or_a_document(name: str) -> None:
    data = bank(name)
    faults = [
        f"{where}: {fault}"
        for key in HOST_LINES[name]
        for where, text in texts(data[key], key)
        for fault in host_line_faults(text)
    ]
    assert faults == []


def test_every_hidden_fact_names_the_topic_and_carries_a_number() -> None:
    for kind, proofs in kinds.PROOFS.items():
        for proof in proofs:
            fields = {field for _, field, _, _ in string.Formatter().parse(proof) if field}
            assert fields & {"subject", "Subject"}, (kind, proof)
            assert fields & _NUMBERS, (kind, proof)


def test_the_checks_catch_a_bad_template() -> None:
    assert placeholder_faults("The {institution} says {subject} {is} fine.", _BODY_FIELDS) == []
    assert placeholder_faults("Read {document}, {other}.", _BODY_FIELDS) == ["unknown placeholder {document}"]
    assert placeholder_faults("{listeners:,} listeners", _BODY_FIELDS) == ["format spec on {listeners}"]
    assert placeholder_faults("An open { brace", _BODY_FIELDS) != []
    assert host_line_faults("Nothing to see here, {other}.") == []
    assert host_line_faults("Only 4,647 homes were lost.") == ["a number"]
    document = templates.DOMAINS["water"]["documents"][0].split("{")[0].strip()
    assert host_line_faults(f"Nobody has read the {document}, {{other}}.")[0].startswith("a document")


def test_the_modules_serve_every_key_of_their_bank() -> None:
    served = {
        "station": templates,
        "kinds": kinds,
        "show": dialogue_templates,
        "replies": reply_templates,
        "interview": interview,
        "caller_words": caller_acts,
    }
    assert sorted(path.stem for path in BANKS.glob("*.json")) == sorted(served)
    for name, module in served.items():
        assert all(hasattr(module, key) for key in bank(name)), name
