"""Amounts as people say them: "2,497", "almost half", "four and a half thousand", "over 800 million".

A fact's amounts are its quantities (families, tonnes, percentages, money, weeks). The day of a
date, a year, a page number and a document code are not amounts: a caller who repeats "page 4"
has not told anyone how much.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from radiomirchi.game import balance

_TOKEN = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?%?|[a-z]+(?:'[a-z]+)?|%")
_CODE = re.compile(r"\b[A-Za-z]{1,3}-\d+\b|\b\d+/\d{4}\b")
_UNITS = {
    word: value
    for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen".split()
    )
}
_TENS = {
    word: 10 * (index + 2)
    for index, word in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())
}
_WORD_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9}
_SCALES = {**_WORD_SCALES, "k": 1e3, "bn": 1e9, "m": 1e6}
_FRACTIONS = {
    "half": 0.5,
    "halves": 0.5,
    "third": 1 / 3,
    "thirds": 1 / 3,
    "quarter": 0.25,
    "quarters": 0.25,
    "fifth": 0.2,
    "fifths": 0.2,
    "tenth": 0.1,
    "tenths": 0.1,
}
_MONTHS = frozenset(
    "january february march april may june july august september october november december".split()
)
_PAGE_WORDS = frozenset(
    {"page", "pages", "p", "pp", "no", "number", "checkpoint", "pad", "hangar", "monitor"}
)
_YEAR_WORDS = frozenset({"in", "since", "by", "until", "from", "of", "year", "early", "late"})
_IN_WEEKS = {"month": 4.35, "months": 4.35}
_PERCENT_WORDS = frozenset({"percent", "per", "%"})


@dataclass(frozen=True)
class Amount:
    value: float  # the whole amount: 389 million is 389e6
    said: float  # the number as said, before any "thousand"/"million": 389
    percent: bool
    # A share said with its two counts ("3,100 out of 58,000"): the counts, which a fact may give
    # instead of the share ("3,100 of the 58,000 families").
    counts: tuple[float, ...] = ()


def _is_year(value: float, text: str, before: str, following: str) -> bool:
    """ "in 2019", "2019 that": a year; "2000 families": a count."""
    if not (1900 <= value <= 2100 and "," not in text and value.is_integer()):
        return False
    return before in _YEAR_WORDS or not following.endswith("s")


def amounts(text: str) -> list[Amount]:
    """The amounts in ``text`` (digits or words), without dates, years, pages and codes."""
    tokens = _TOKEN.findall(_CODE.sub(" ", text.lower()).replace("-", " "))
    found: list[Amount] = []
    index = 0
    while index < len(tokens):
        amount, end = _read_amount(tokens, index)
        if amount is None:
            index += 1
            continue
        before = tokens[index - 1] if index > 0 else ""
        following = tokens[end] if end < len(tokens) else ""
        raw = tokens[index]
        date_like = before in _MONTHS or following in _MONTHS
        trivial = amount.value < 2 and not amount.percent  # "one day after", "a"
        if not (
            trivial
            or date_like
            or before in _PAGE_WORDS
            or (_is_year(amount.value, raw, before, following) and not amount.percent)
        ):
            found.append(amount)
        index = end
    return found


def _read_amount(tokens: list[str], start: int) -> tuple[Amount | None, int]:
    """Reads one amount starting at ``tokens[start]``; returns it and the index after it."""
    number = _read_number(tokens, start)
    if number is None or (tokens[number[2] : number[2] + 1] and tokens[number[2]] in _FRACTIONS):
        return _read_fraction(tokens, start)
    value, said, end = number
    percent = tokens[end - 1].endswith("%")
    if end < len(tokens) and tokens[end] in _SCALES and value == said:  # "2.5 million", "389m"
        value *= _SCALES[tokens[end]]
        end += 1
    if end < len(tokens) and tokens[end] in _IN_WEEKS:  # "three months" for "13 weeks"
        value *= _IN_WEEKS[tokens[end]]
        said = value
    if end < len(tokens) and tokens[end] in _PERCENT_WORDS:
        percent = True
        end += 2 if tokens[end] == "per" and end + 1 < len(tokens) and tokens[end + 1] == "cent" else 1
    elif end + 2 < len(tokens) and tokens[end] in {"in", "out"}:  # "four in ten", "one out of three"
        whole = _read_number(tokens, end + (2 if tokens[end] == "out" else 1))
        if whole and whole[0]:
            share = 100 * value / whole[0]
            return Amount(share, share, True, counts=(value, whole[0])), whole[2]
    return Amount(value, said, percent), end


def _read_fraction(tokens: list[str], start: int) -> tuple[Amount | None, int]:
    """ "half", "a third", "two thirds", "three quarters" of something: a share, in percent."""
    count = 1.0
    word = tokens[start]
    if word in {"a", "one"} | _UNITS.keys() and start + 1 < len(tokens) and tokens[start + 1] in _FRACTIONS:
        count = _UNITS.get(word, 1)
        start, word = start + 1, tokens[start + 1]
    if word not in _FRACTIONS:
        return None, start + 1
    share = count * _FRACTIONS[word]
    if (
        tokens[start + 1 : start + 2] in (["a"], ["an"])
        and tokens[start + 2 : start + 3]
        and tokens[start + 2] in _SCALES
    ):
        value = share * _SCALES[tokens[start + 2]]  # "half a million"
        return Amount(value, share, False), start + 3
    return Amount(100 * share, 100 * share, True), start + 1


def _read_number(tokens: list[str], start: int) -> tuple[float, float, int] | None:
    """A number in digits or words: (its value, the value before its last scale word, end)."""
    token = tokens[start]
    if token[0].isdigit():
        value = float(token.rstrip("%").replace(",", ""))
        return value, value, start + 1
    total = current = 0.0
    last_scale = 1.0
    index = start
    while index < len(tokens):
        word = tokens[index]
        following = tokens[index + 1 : index + 3]
        seen = index > start
        if word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word == "hundred" and seen:
            current = max(current, 1) * 100
        elif word in _WORD_SCALES and seen:
            last_scale = _WORD_SCALES[word]
            total += max(current, 1) * last_scale
            current = 0
        elif word == "and" and seen and following == ["a", "half"]:
            current += 0.5
            index += 3
            continue
        elif word == "and" and seen and following[:1] and (following[0] in _UNITS or following[0] in _TENS):
            pass  # "two hundred and fifty"
        elif word == "a" and not seen and following[:1] and following[0] in {"hundred", *_WORD_SCALES}:
            current = 1
        else:
            break
        index += 1
    if index == start:
        return None
    value = total + current
    said = value / last_scale if current == 0 and last_scale > 1 else value
    return value, said, index


def _close(a: float, b: float) -> bool:
    return b != 0 and abs(a - b) / abs(b) <= balance.AMOUNT_TOLERANCE


def agree(said: Amount, fact: Amount) -> bool:
    """Whether a caller's amount is, roughly, the fact's (a share, or one of the counts it was
    said with)."""
    if any(agree(Amount(count, count, False), fact) for count in said.counts):
        return True
    if said.percent or fact.percent:
        return (
            said.percent == fact.percent and abs(said.value - fact.value) <= balance.PERCENT_TOLERANCE_POINTS
        )
    # "almost 400" for "389 million" still names the amount.
    return _close(said.value, fact.value) or (said.value == said.said and _close(said.said, fact.said))


def codes(text: str) -> set[str]:
    """Document codes such as "G-974" or "38/2023", folded for comparison."""
    return {code.lower().replace("-", "") for code in _CODE.findall(text)}
