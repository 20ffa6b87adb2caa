"""How intelligible a voice is: what Whisper tiny.en hears against what was said (word error rate).

Both sides are normalised the same way before they are compared: lower case, no punctuation,
numbers spelled out ("12,000" and "twelve thousand" are the same words), "%" read as "percent",
so a transcript is not charged for writing a number the way the script did not.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from radiomirchi.speech.audio import (
    MIC_SAMPLE_RATE,
    WIRE_SAMPLE_RATE,
    bytes_to_int16,
    int16_to_bytes,
    resample_int16,
)
from radiomirchi.speech.stt.whisper import WhisperSTT

_ONES = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen"
).split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
_SCALES = ((1_000_000_000, "billion"), (1_000_000, "million"), (1_000, "thousand"), (100, "hundred"))
_NUMBER_WORDS = frozenset(_ONES + _TENS[2:] + [name for _, name in _SCALES])
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_WORD = re.compile(r"[a-z0-9']+")
_BRITISH_OUR = re.compile(r"(?<=[a-z]{3})our(?=(?:s|ed|ing|ite|ites|able|ably|ful)?$)")
_OUR_KEPT = frozenset({"detour", "detours", "contour", "contours", "devour", "devours", "velour"})


def number_words(value: int) -> list[str]:
    """``value`` spelled out in English words (no "and"), e.g. 2024 -> two thousand twenty four."""
    if value < 20:
        return [_ONES[value]]
    if value < 100:
        tens, ones = divmod(value, 10)
        return [_TENS[tens]] + ([_ONES[ones]] if ones else [])
    for scale, name in _SCALES:
        if value >= scale:
            high, rest = divmod(value, scale)
            return number_words(high) + [name] + (number_words(rest) if rest else [])
    raise AssertionError("unreachable")


def _spell_number(match: re.Match[str]) -> str:
    whole, _, fraction = match.group(0).replace(",", "").partition(".")
    words = number_words(int(whole))
    if fraction:
        words += ["point", *(_ONES[int(digit)] for digit in fraction)]
    return f" {' '.join(words)} "


def _american(word: str) -> str:
    """British -our spelt -or (favourite, rumours): Whisper spells the American way."""
    return word if word in _OUR_KEPT else _BRITISH_OUR.sub("or", word)


# Contractions written out, as both the reference and the transcript are compared.
_CONTRACTIONS: Final = {
    "here's": "here is",
    "it's": "it is",
    "that's": "that is",
    "there's": "there is",
    "what's": "what is",
    "who's": "who is",
    "where's": "where is",
    "he's": "he is",
    "she's": "she is",
    "i'm": "i am",
    "you're": "you are",
    "we're": "we are",
    "they're": "they are",
    "isn't": "is not",
    "aren't": "are not",
    "wasn't": "was not",
    "don't": "do not",
    "doesn't": "does not",
    "didn't": "did not",
    "can't": "cannot",
    "won't": "will not",
    "i've": "i have",
    "we've": "we have",
    "they've": "they have",
    "i'll": "i will",
    "we'll": "we will",
}


def normalise(text: str) -> list[str]:
    """The words of ``text`` as they are compared: lower case, numbers spelled, no punctuation,
    American spelling of -our words, contractions written out ("here's" is "here is": a
    recogniser's choice of spelling, not a word misheard).

    British "one hundred and four" is read as "one hundred four": the "and" inside a number is
    dropped, on both sides.
    """
    text = text.replace("%", " percent ").replace("-", " ").replace("’", "'")
    text = _NUMBER.sub(_spell_number, text)
    words = [
        spelled
        for word in _WORD.findall(text.casefold())
        if word.strip("'")
        for spelled in _CONTRACTIONS.get(word.strip("'"), _american(word.strip("'"))).split()
    ]
    return [
        word
        for index, word in enumerate(words)
        if not (
            word == "and"
            and 0 < index < len(words) - 1
            and words[index - 1] in _NUMBER_WORDS
            and words[index + 1] in _NUMBER_WORDS
        )
    ]


def word_errors(reference: Sequence[str], hypothesis: Sequence[str]) -> int:
    """Substitutions + deletions + insertions that turn ``reference`` into ``hypothesis``."""
    previous = list(range(len(hypothesis) + 1))
    for index, word in enumerate(reference, start=1):
        current = [index]
        for column, heard in enumerate(hypothesis, start=1):
            current.append(
                min(previous[column] + 1, current[column - 1] + 1, previous[column - 1] + (word != heard))
            )
        previous = current
    return previous[-1]


def word_error_rate(references: Sequence[str], hypotheses: Sequence[str]) -> float:
    """Corpus WER: all errors over all reference words (lines weighted by their length)."""
    errors = words = 0
    for reference, hypothesis in zip(references, hypotheses, strict=True):
        said = normalise(reference)
        errors += word_errors(said, normalise(hypothesis))
        words += len(said)
    return errors / max(words, 1)


class Listener:
    """Whisper tiny.en on one thread (the project's bundled model), hearing wire-rate PCM."""

    def __init__(self, cpu_threads: int = 1) -> None:
        self._stt = WhisperSTT(cpu_threads=cpu_threads)

    async def hear(self, pcm: bytes, sample_rate: int = WIRE_SAMPLE_RATE) -> str:
        samples = resample_int16(bytes_to_int16(pcm), sample_rate, MIC_SAMPLE_RATE)
        return await self._stt.transcribe(int16_to_bytes(samples))

    async def aclose(self) -> None:
        await self._stt.aclose()
