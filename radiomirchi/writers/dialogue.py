"""What every dialogue writer shares: the bounded context it sees and the checks its lines pass."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from radiomirchi.game.balance import MAX_BATCH_LINES as MAX_BATCH_LINES
from radiomirchi.game.balance import MAX_REPLY_LINES as MAX_REPLY_LINES
from radiomirchi.game.balance import MIN_BATCH_LINES as MIN_BATCH_LINES
from radiomirchi.game.balance import SUMMARY_MAX_CHARS as SUMMARY_MAX_CHARS
from radiomirchi.game.leak_guard import reads_a_proof
from radiomirchi.schemas import (
    MAX_LINE_WORDS,
    DialogueLine,
    HostLineEntry,
    InterjectionEntry,
    Speaker,
    TranscriptEntry,
)

# The prompt sees this many recent entries; older ones live on only in the running summary.
RECENT_ENTRIES = 12
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


@dataclass(frozen=True)
class DialogueContext:
    """The bounded history a writer sees: recent entries, a running summary, and what to answer."""

    recent: Sequence[TranscriptEntry] = ()
    summary: str = ""
    batch_index: int = 0
    interjection: InterjectionEntry | None = None
    seconds_left: float | None = None
    rattled: bool = False
    closing: bool = False
    # Everything the caller said in the whole show, oldest first (the current break-in last).
    caller_said: tuple[str, ...] = ()
    # The share of the audience awake, 0..1: the hosts get more defensive as it grows.
    awakened_share: float = 0.0


def build_context(
    entries: Sequence[TranscriptEntry],
    *,
    summary: str,
    batch_index: int,
    interjection: InterjectionEntry | None = None,
    seconds_left: float | None = None,
    rattled: bool = False,
    closing: bool = False,
    caller_said: Sequence[str] = (),
    awakened_share: float = 0.0,
) -> DialogueContext:
    return DialogueContext(
        recent=tuple(entries[-RECENT_ENTRIES:]),
        summary=summary[-SUMMARY_MAX_CHARS:],
        batch_index=batch_index,
        interjection=interjection,
        seconds_left=seconds_left,
        rattled=rattled,
        closing=closing,
        caller_said=tuple(caller_said),
        awakened_share=awakened_share,
    )


def clean_batch(
    lines: Sequence[DialogueLine], speakers: Sequence[Speaker], proof_sentences: Sequence[str]
) -> list[DialogueLine]:
    """Keep lines by known hosts, cut over-long ones at a sentence boundary, drop any that read a proof."""
    by_name = {speaker.name.casefold(): speaker.name for speaker in speakers}
    by_first_name = {speaker.name.split()[0].casefold(): speaker.name for speaker in speakers}
    cleaned: list[DialogueLine] = []
    for line in lines:
        key = line.speaker.strip().casefold()
        name = by_name.get(key) or by_first_name.get(key)
        text = cut_to_length(" ".join(line.text.split()))
        if name is None or not text or states_a_proof(text, proof_sentences):
            continue
        cleaned.append(DialogueLine(speaker=name, text=text))
    return cleaned[:MAX_BATCH_LINES]


def cut_to_length(text: str, max_words: int = MAX_LINE_WORDS) -> str:
    """Whole sentences up to ``max_words``; a single over-long sentence is cut at a word and closed."""
    if len(text.split()) <= max_words:
        return text
    kept: list[str] = []
    for sentence in _SENTENCE_END.split(text):
        if len(" ".join([*kept, sentence]).split()) > max_words:
            break
        kept.append(sentence)
    if kept:
        return " ".join(kept)
    return " ".join(text.split()[:max_words]).rstrip(",;:-") + "."


def states_a_proof(text: str, proof_sentences: Sequence[str]) -> bool:
    return reads_a_proof(text, proof_sentences)


def describe_entry(entry: TranscriptEntry) -> str:
    if isinstance(entry, HostLineEntry):
        cut = " [cut off]" if entry.interrupted else ""
        return f"{entry.speaker}: {entry.heard_text}{cut}"
    return f"CALLER (breaking in): {entry.text}"
