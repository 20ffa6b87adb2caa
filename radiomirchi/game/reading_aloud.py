"""The player reading a sentence off the mission's page aloud: a word the recogniser misheard is
mended, and a pause in the middle of the sentence is not taken for the end of the turn.

Players read the proof sentences aloud. Through the browser's echo canceller and noise
suppressor a word's first consonant is often lost or changed, and Whisper then writes a word that
sounds alike: "Court filings in Marrow Bay" came back "Port filings in Marrow Bay", "Bank records
show" as "Thank record show", "Internal memo" as "Internal MOMO" (docs/PERFORMANCE.md). When the
transcript runs along one of the page's sentences, a word that differs from the sentence's word in
that place by a letter or two is taken as the sentence's word, and a lost first word ("A
recording of…" heard "Recording of…", "Only 36% of the money…" heard "36% of the money…") is put
back. Under a strong reading (most of the sentence's words heard word for word), a short stretch
that sounds like the sentence's words there is taken as them even when the spelling is further
off: "Court filings" heard "Copernilings", "Internal memo" heard "General Memo".

Only near-misses inside a stretch that matches word for word are mended; numbers, negations and
short words never are, so a player who says a different figure or "did not" is heard as they said
it, and a paraphrase or a claim of the player's own is left alone.

A reader pauses for breath or at a long number (one default voice leaves 0.6 s inside "2,073",
which ended the turn in the browser benchmark and cut the sentence in two): when the words so far
run along a page sentence and stop with several of its words still to come, or end on a word no
sentence ends with ("and", "of", "the"), or are only a lead-in ("Listen to this."), the turn is
left open a little longer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from difflib import SequenceMatcher
from typing import Final

# At least this many words of the transcript must match the sentence word for word.
MIN_MATCHED_WORDS: Final = 4
# A mended word sits next to at least this many matching words.
MIN_CONTEXT_WORDS: Final = 2
# Words shorter than this are never mended: "not"/"now", "in"/"and" change meaning or are noise.
MIN_MENDED_LENGTH: Final = 4
MAX_LETTER_EDITS: Final = 2
# A sentence's lost first word is put back only before this many matching words (an article, or a
# word such as "Only" lost under the hosts; never a figure or a negation).
OPENING_CONTEXT_WORDS: Final = 4
# A strong reading: this share of the sentence's words heard word for word.
STRONG_READING_SHARE: Final = 0.6
# A stretch of at most this many words, either side, is mended as one under a strong reading...
MAX_STRETCH_WORDS: Final = 3
# ...when its letters are this alike (difflib's ratio: "copernilings"/"courtfilings" 0.75,
# "general"/"internal" 0.67; "anchor"/"bank" 0.4, "geneva"/"orsk" 0.0).
SOUND_ALIKE_RATIO: Final = 0.6
NEGATIONS: Final = frozenset(
    {"not", "no", "never", "nothing", "none", "nobody", "cannot", "neither", "nowhere"}
)

# A sentence read this far from its end is not over.
MIN_WORDS_TO_COME: Final = 3
# What reading a page sentence looks like: this share of the words are the sentence's, and the
# last this many in a row.
READ_SHARE: Final = 0.5
MIN_READ_RUN: Final = 3
# Words a finished sentence does not end with.
OPEN_ENDINGS: Final = frozenset(
    "a an the and or but because so that which who whose of in on at to for from with by about "
    "into than my our their his her its your".split()
)
# What a caller says before what they came to say.
LEAD_INS: Final = frozenset(
    {
        "listen",
        "listen to this",
        "listen to me",
        "hear this",
        "look",
        "so",
        "okay so",
        "ok so",
        "listeners",
        "everyone listening",
        "everybody listening",
        "here is the truth",
        "here's the truth",
        "here is the thing",
        "here's the thing",
        "you know what",
        "the truth is",
        "i have proof",
        "i have evidence",
        "suno",
        "sunno",
    }
)

_TOKEN = re.compile(r"\S+")
_EDGE = re.compile(r"^([^\w]*)(.*?)([^\w]*)$")


def mend_from_page(transcript: str, sentences: Sequence[str]) -> str:
    """``transcript`` with the near-misses against the best-matching page sentence mended. A
    caller's lead-in ("Listeners, ...") is kept as said and the reading after it mended: aligned
    with it, "Listeners, thank record show" had the lead-in and the misheard words in one stretch,
    too unlike "Bank records show" to mend (browser benchmark, run 35)."""
    heard = _TOKEN.findall(transcript)
    lead = _lead_in_length([_key(token) for token in heard])
    if 0 < lead < len(heard):
        reading = " ".join(heard[lead:])
        mended = _mended(reading, sentences)
        if mended != reading:
            if heard[lead][:1].islower():  # mid-sentence, as it was heard: "Listeners, bank records"
                mended = mended[:1].lower() + mended[1:]
            return " ".join([*heard[:lead], mended])
    return _mended(transcript, sentences)


def _lead_in_length(heard_keys: list[str]) -> int:
    """How many of the first words are a lead-in ("listeners", "listen to this"), the longest."""
    longest = min(max(len(lead_in.split()) for lead_in in LEAD_INS), len(heard_keys))
    sizes = range(longest, 0, -1)
    return next((size for size in sizes if " ".join(heard_keys[:size]) in LEAD_INS), 0)


def _mended(transcript: str, sentences: Sequence[str]) -> str:
    heard = _TOKEN.findall(transcript)
    heard_keys = [_key(token) for token in heard]
    aligned = _alignment(heard_keys, sentences)
    if aligned is None:
        return transcript
    page, matcher = aligned
    mended = list(heard)
    opening: list[str] = []  # the sentence's lost first word, put back in front
    codes = matcher.get_opcodes()
    strong = sum(block.size for block in matcher.get_matching_blocks()) >= STRONG_READING_SHARE * len(page)
    for index, (tag, i1, i2, j1, j2) in enumerate(codes):
        before = codes[index - 1] if index > 0 else None
        after = codes[index + 1] if index + 1 < len(codes) else None
        context = max(_equal_size(before), _equal_size(after))
        if tag == "replace" and i2 - i1 == j2 - j1 and context >= MIN_CONTEXT_WORDS:
            for i, j in zip(range(i1, i2), range(j1, j2), strict=True):
                if _near_miss(heard_keys[i], _key(page[j])):
                    mended[i] = _respell(heard[i], page[j])
        elif tag == "replace" and i2 - i1 == 1 and j2 - j1 == 2 and context >= MIN_CONTEXT_WORDS:
            # Two words heard as one: "A recording of" written "According of".
            joined = _key(page[j1]) + _key(page[j1 + 1])
            if _near_miss(heard_keys[i1], joined):
                mended[i1] = _respell(heard[i1], f"{_key_case(page[j1])} {_key_case(page[j1 + 1])}")
        elif (
            tag == "insert"
            and i1 == 0
            and j1 == 0
            and j2 == 1
            and _key(page[0]).isalpha()
            and _key(page[0]) not in NEGATIONS
            and _equal_size(after) >= OPENING_CONTEXT_WORDS  # so the page has a next word
        ):
            mended[0] = _respell(mended[0], page[1])
            opening = [_respell("", page[0])]
        if (
            tag == "replace"
            and strong
            and mended[i1:i2] == heard[i1:i2]
            and _sounds_alike(heard_keys[i1:i2], [_key(token) for token in page[j1:j2]])
        ):
            mended[i1:i2] = [_respell_stretch(heard[i1:i2], page[j1:j2])] + [""] * (i2 - i1 - 1)
    if not opening and mended == heard:
        return transcript
    return " ".join(word for word in opening + mended if word)


def stops_mid_sentence(transcript: str, sentences: Sequence[str]) -> bool:
    """Whether the words so far look cut off: a page sentence read up to a point with at least
    ``MIN_WORDS_TO_COME`` of its words still to come, or a last word no sentence ends with."""
    heard_keys = [_key(token) for token in _TOKEN.findall(transcript)]
    if not heard_keys:
        return False
    if heard_keys[-1] in OPEN_ENDINGS or transcript.rstrip().endswith((":", ",")):
        return True
    if " ".join(heard_keys) in LEAD_INS:  # "Listen to this." and a breath before the news
        return True
    aligned = _alignment(heard_keys, sentences)
    if aligned is None:
        return False
    page, matcher = aligned
    blocks = [block for block in matcher.get_matching_blocks() if block.size]
    last = blocks[-1]
    # Reading, not talking about the same things: most words are the sentence's, the last few in
    # a row, and they are what ends the turn.
    reading = sum(block.size for block in blocks) >= READ_SHARE * len(heard_keys)
    heard_to_the_end = last.size >= MIN_READ_RUN and last.a + last.size >= len(heard_keys) - 1
    return reading and heard_to_the_end and len(page) - (last.b + last.size) >= MIN_WORDS_TO_COME


def _alignment(
    heard_keys: list[str], sentences: Sequence[str]
) -> tuple[list[str], SequenceMatcher[str]] | None:
    """The page sentence the words run along best (at least ``MIN_MATCHED_WORDS`` word for word)."""
    best: tuple[int, list[str], SequenceMatcher[str]] | None = None
    for sentence in sentences:
        page = _TOKEN.findall(sentence)
        matcher = SequenceMatcher(None, heard_keys, [_key(token) for token in page], autojunk=False)
        matched = sum(block.size for block in matcher.get_matching_blocks())
        if matched >= MIN_MATCHED_WORDS and (best is None or matched > best[0]):
            best = (matched, page, matcher)
    return (best[1], best[2]) if best is not None else None


def _key(token: str) -> str:
    return _key_case(token).lower()


def _equal_size(code: tuple[str, int, int, int, int] | None) -> int:
    return code[2] - code[1] if code is not None and code[0] == "equal" else 0


def _near_miss(heard: str, page: str) -> bool:
    if heard == page or min(len(heard), len(page)) < MIN_MENDED_LENGTH:
        return False
    if not (heard.isalpha() and page.isalpha()) or {heard, page} & NEGATIONS:
        return False
    return _edits(heard, page) <= min(MAX_LETTER_EDITS, len(page) // 2)


def _sounds_alike(heard: list[str], page: list[str]) -> bool:
    """A short stretch heard for the page's words there: letters alike, no figure, no negation."""
    if not heard or not page or max(len(heard), len(page)) > MAX_STRETCH_WORDS:
        return False
    if not all(word.isalpha() and word not in NEGATIONS for word in heard + page):
        return False
    said, written = "".join(heard), "".join(page)
    if min(len(said), len(written)) < MIN_MENDED_LENGTH:
        return False
    return SequenceMatcher(None, said, written, autojunk=False).ratio() >= SOUND_ALIKE_RATIO


def _edits(a: str, b: str) -> int:
    """Levenshtein distance."""
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i]
        for j, y in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        previous = current
    return previous[-1]


def _respell(heard: str, page: str) -> str:
    """The page's word with the heard token's punctuation around it."""
    found = _EDGE.match(heard)
    lead, trail = (found.group(1), found.group(3)) if found else ("", "")
    return lead + _key_case(page) + trail


def _respell_stretch(heard: list[str], page: list[str]) -> str:
    """The page's words with the punctuation before the stretch and after it, as heard."""
    first, last = _EDGE.match(heard[0]), _EDGE.match(heard[-1])
    lead, trail = (first.group(1) if first else ""), (last.group(3) if last else "")
    return lead + " ".join(_key_case(token) for token in page) + trail


def _key_case(token: str) -> str:
    """The word without the punctuation around it, in its own case."""
    return _EDGE.sub(r"\2", token)
