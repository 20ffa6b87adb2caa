"""Hindi typed in Devanagari, read in the Latin spellings that word lists use.

Players type Hindi both ways: "paani kab aayega" and "पानी कब आएगा". The judge's glossary and the
caller reader's word lists are in Latin letters, so a Devanagari word is transliterated (anyascii)
and, where the list has the word, written as the list spells it. anyascii leaves out the inherent
vowel ("कब" is "kb"), so a listed word matches when it is the transliteration with vowels put
back: "kb" is "kab"; "bahr" (outside) is not "bharo" (fill), though both have the consonants b-h-r.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from anyascii import anyascii

_DEVANAGARI_WORD = re.compile(r"[\u0900-\u097F]+")
# The anusvara and chandrabindu as "n" (anyascii writes "m": "kahan" would be "kham").
_NASAL_MARKS = str.maketrans({"\u0902": "\u0928", "\u0901": "\u0928"})
_DANDA = "\u0964"


def consonant_skeleton(word: str) -> str:
    """A transliterated Hindi word by its consonants: "bijli", "bijalii" and "bjli" all read "bjl"."""
    folded = word.casefold().replace("'", "")
    folded = re.sub(r"m(?=[kgcjtdpb])", "n", folded).replace("ph", "f").replace("w", "v").replace("z", "j")
    skeleton = folded[:1] + re.sub(r"[aeiouy]", "", folded[1:])
    return re.sub(r"(.)\1+", r"\1", skeleton)


class Romaniser:
    """``known``: the Latin spellings to write words as; ``spelt``: transliterations whose letters
    differ from the list's spelling by more than left-out vowels ("jhuth" for "jhooth")."""

    def __init__(self, known: Iterable[str], spelt: Mapping[str, str] | None = None) -> None:
        self._spelt = dict(spelt or {})
        by_skeleton: dict[str, list[str]] = {}
        for word in sorted(set(known)):
            by_skeleton.setdefault(consonant_skeleton(word), []).append(word)
        self._by_skeleton = {skeleton: tuple(words) for skeleton, words in by_skeleton.items()}

    def __call__(self, text: str) -> str:
        """``text`` with its Devanagari words in Latin letters (the danda as a full stop)."""
        if _DEVANAGARI_WORD.search(text) is None:
            return text
        return _DEVANAGARI_WORD.sub(lambda found: self._word(found.group()), text.replace(_DANDA, "."))

    def _word(self, devanagari: str) -> str:
        # anyascii writes "c" for the "ch" of Hindi in Latin letters ("sach", "chamche").
        said = re.sub(r"c(?!h)", "ch", anyascii(devanagari.translate(_NASAL_MARKS)).lower())
        if said in self._spelt:
            return self._spelt[said]
        vowels_put_back = re.compile("".join(f"[aeiou]*{re.escape(letter)}" for letter in said) + "[aeiou]*")
        candidates = self._by_skeleton.get(consonant_skeleton(said), ())
        return next((word for word in candidates if vowels_put_back.fullmatch(word)), said)
