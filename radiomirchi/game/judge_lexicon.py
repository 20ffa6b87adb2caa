"""Words and phrases the offline judge listens for, and the reasons it gives, as data."""

from __future__ import annotations

from typing import Final

INSULTS: Final = frozenset(
    """
    idiot idiots stupid moron morons dumb clown clowns fool fools loser losers pathetic scum
    puppet puppets shut bastard bastards ugly disgusting traitor traitors hack hacks garbage trash
    fuck fucking shit bullshit crap damn
    """.split()
)

INJECTION_PATTERNS: Final = [
    r"\bignore (all |any |your |the |previous |prior )*(instructions|rules|prompts?)\b",
    r"\byou are now\b",
    r"\b(system|developer) (prompt|message|mode)\b",
    r"\bnew instructions\b",
    r"\bpretend (to be|you are)\b",
    r"\bread (out |aloud )?(the |your )?(evidence|proof|proofs|hidden facts|facts|briefing)\b",
    r"\bas an ai\b",
    r"\bdisregard\b",
    r"\bjailbreak\b",
    r"\bgive me (points|listeners)\b",
    r"\bset (the )?(listeners|awakened|score)\b",
]

APPEAL_WORDS: Final = frozenset(
    """
    listeners listen wake awake truth lie lies lying lied check verify ask yourselves question
    believe fooled deceived hiding hidden cover covered exposed proof evidence documents
    """.split()
)

CONTRADICTION_PHRASES: Final = [
    "not true",
    "that's a lie",
    "that is a lie",
    "that's false",
    "you just said",
    "you said",
    "actually",
    "in fact",
    "the real",
    "contradict",
    "wrong",
    "but the",
    "yet the",
    "how can",
]

REASONS: Final = {
    "evidence": "You cited {detail}: listeners are checking it.",
    "evidence_repeat": "You repeated a point already made ({detail}): it lands softer the second time.",
    "appeal": "A clear appeal to the listeners, but no hard evidence.",
    "contradiction": "You caught the hosts contradicting themselves.",
    "hostile": "Insults make you sound like the caller they warned about.",
    "hostile_evidence": "Good evidence ({detail}), but the insults cost you.",
    "injection": "The engineers laughed off your attempt to hijack the hosts.",
    "off_topic": "Off-topic: the listeners tuned you out.",
    "nonsense": "Nobody could make sense of that.",
    "spam": "You said that already: it sounds like spam now.",
}
