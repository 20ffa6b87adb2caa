"""What every dialogue writer shares: the checks its lines pass (the context it sees is the game's,
in ``game.writer_port``)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from radiomirchi.game.balance import MAX_BATCH_LINES as MAX_BATCH_LINES
from radiomirchi.game.balance import MAX_REPLY_LINES as MAX_REPLY_LINES
from radiomirchi.game.balance import MIN_BATCH_LINES as MIN_BATCH_LINES
from radiomirchi.game.leak_guard import reads_a_proof
from radiomirchi.game.writer_port import RECENT_ENTRIES as RECENT_ENTRIES
from radiomirchi.game.writer_port import SUMMARY_MAX_CHARS as SUMMARY_MAX_CHARS
from radiomirchi.game.writer_port import DialogueContext as DialogueContext
from radiomirchi.game.writer_port import build_context as build_context
from radiomirchi.schemas import (
    MAX_LINE_WORDS,
    DialogueLine,
    HostLineEntry,
    Speaker,
    TranscriptEntry,
)

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


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
