"""How well the offline writer reads the topics players type (issue 18 item 1), against the
hand-labelled sets in tests/data/topics_heldout.json and topics_tuning.json.

``python -m devtools.testing.topic_reading`` prints, per set, how many readings are right (the head
noun and its number, or an invented topic where nothing could be talked about) and how many
generated lines carry raw script, markup, emoji, code or an agreement error on the topic phrase.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from devtools.testing.show_lines import offline_mission
from devtools.testing.show_sim import run_show, varied_caller
from radiomirchi.writers import topics
from radiomirchi.writers.topic_text import word_lemmas
from radiomirchi.writers.topics import TopicReading, read_topic

DATA = Path(__file__).resolve().parents[2] / "tests" / "data"
SETS = ("topics_heldout", "topics_heldout2", "topics_tuning")

# What must never be spoken: another script, emoji or symbols, markup, code, injection text.
_FORBIDDEN = re.compile(
    r"[^\x20-\x7E’‘“”–—…]|[<>`{}\[\]|\\#*_~^=$@]|drop table|select \*|ignore (?:all )?previous|"
    r"system:|\bINST\b|alert\(|https?:|www\.|--|;\s*$",
    re.IGNORECASE,
)
# Words before the topic that make it an object, not the subject of the verb after it.
_GOVERNING = frozenset(
    "of about on for from with by into behind towards to in at like call calls up than over after "
    "around against affected linked fear fears blame blames support supports oppose opposes question "
    "love loves hate hates praise praises".split()
)
_SINGULAR_ONLY = frozenset("is was has does".split())
_PLURAL_ONLY = frozenset("are were have do".split())
_ADVERBS = frozenset("only still really always never even already just also".split())


@dataclass(frozen=True, slots=True)
class Labelled:
    topic: str
    subject: str
    heads: tuple[str, ...]
    plural: bool | None
    invent: bool


def load(name: str) -> list[Labelled]:
    entries = json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))["topics"]
    return [
        Labelled(
            topic=entry["topic"],
            subject=entry["subject"],
            heads=tuple(head.casefold() for head in entry["heads"]),
            plural=entry["plural"],
            invent=bool(entry.get("invent", False)),
        )
        for entry in entries
    ]


def head_of(reading: TopicReading) -> str:
    head = getattr(reading, "head", "")
    if head:
        return str(head).casefold()
    return topics._head_noun(reading.subject.split())  # the reader before it knew its head


def reading_is_right(entry: Labelled, reading: TopicReading) -> bool:
    if entry.invent:
        # Nothing the player typed may come back: no word of the topic in the subject.
        typed = {word.casefold() for word in re.findall(r"[A-Za-z]{4,}", entry.topic)}
        said = {word.casefold() for word in re.findall(r"[A-Za-z]{4,}", reading.subject)}
        return not typed & said
    plural_right = entry.plural is None or entry.plural == reading.plural
    return head_of(reading) in entry.heads and plural_right


def line_problems(text: str, reading: TopicReading) -> list[str]:
    """What is wrong with one spoken line: forbidden characters or text, or a verb that does not
    agree with the topic phrase where the topic is its subject."""
    problems = [f"forbidden {match.group(0)!r}" for match in _FORBIDDEN.finditer(text)]
    subject = reading.subject.casefold()
    lowered = text.casefold()
    for match in re.finditer(re.escape(subject), lowered):
        before = lowered[: match.start()].split()
        if before and before[-1].strip(",:;") in _GOVERNING:
            continue
        after = [word.strip(".,;:!?") for word in lowered[match.end() :].split()[:2]]
        if after and after[0] in _ADVERBS:
            after = after[1:]
        if not after:
            continue
        verb = after[0]
        if reading.plural and (verb in _SINGULAR_ONLY or _is_third_singular(verb)):
            problems.append(f"agreement: {reading.subject} {verb}")
        if not reading.plural and verb in _PLURAL_ONLY:
            problems.append(f"agreement: {reading.subject} {verb}")
    return problems


def _is_third_singular(word: str) -> bool:
    from lemminflect import getInflection

    lemmas = word_lemmas(word)
    if "VERB" not in lemmas or "NOUN" in lemmas or not word.endswith("s"):
        return False
    return word in getInflection(lemmas["VERB"][0], "VBZ")


def spoken_lines(topic: str, seed: int, lines: int = 40) -> tuple[TopicReading, list[str]]:
    """The mission's summary and facts, and ``lines`` heard lines with a caller breaking in."""
    mission = offline_mission(topic, seed)
    result = mission.generation_result
    show = run_show(mission, caller=varied_caller(seed), break_in_every=4, show_seconds=1e9, max_lines=lines)
    texts = [result.summary, *result.proof_sentences, *(heard.text for heard in show.heard)]
    return read_topic(mission.topic), texts


def score(name: str, seeds: range = range(3)) -> tuple[int, int, int, int, list[str]]:
    """Right readings, entries, lines with a problem, lines; and what went wrong."""
    entries = load(name)
    right = bad_lines = total_lines = 0
    notes: list[str] = []
    for entry in entries:
        reading: TopicReading | None = None
        for seed in seeds:
            reading, texts = spoken_lines(entry.topic, 0x70C + seed)
            for text in texts:
                total_lines += 1
                problems = line_problems(text, reading)
                if problems:
                    bad_lines += 1
                    notes.append(f"  line {problems[0]}: {text[:110]}")
        assert reading is not None
        if reading_is_right(entry, reading):
            right += 1
        else:
            notes.append(
                f"  WRONG {entry.topic[:60]!r} -> {reading.subject!r} "
                f"head={head_of(reading)!r} plural={reading.plural}"
            )
    return right, len(entries), bad_lines, total_lines, notes


def main(argv: list[str]) -> None:
    for name in argv or SETS:
        right, entries, bad, lines, notes = score(name)
        print(f"{name}: readings right {right}/{entries}; lines with a problem {bad}/{lines}")
        seen: set[str] = set()
        for note in notes:
            if note not in seen:
                seen.add(note)
                print(note)


if __name__ == "__main__":
    main(sys.argv[1:])
