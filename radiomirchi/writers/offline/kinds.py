"""The offline writer's kinds bank (``banks/kinds.json``): what each kind of story's mission says
(the kinds themselves, and how a topic is read as one, are the game's: ``game.topic_kinds``).

A kind decides the station's stance (a tax is fair, a disaster was minor and bravely handled) and
the shape of the hidden facts (a collapse has ignored warnings; an election has tallies and
turnout). Grammar fields filled by ``radiomirchi.writers.offline``: {subject} {Subject} {is} {was}
{has} {s} (a verb's "s" for a singular subject), plus the mission fields {institution} {place}
{document} {code} {amount} {small} {pct} {count} {weeks} {page} {day} {month} {year} {official}
{witness}. Every proof names {subject} and carries a number; generic proofs only use the subject
after a preposition, because a free-text topic may be any phrase at all.
"""

from __future__ import annotations

from typing import Final

from radiomirchi.game.topic_kinds import DENIED_KINDS as DENIED_KINDS
from radiomirchi.game.topic_kinds import DISASTER_KIND as DISASTER_KIND
from radiomirchi.game.topic_kinds import GENERIC_KIND as GENERIC_KIND
from radiomirchi.game.topic_kinds import SCANDAL_KIND as SCANDAL_KIND
from radiomirchi.writers.offline.bank import load_bank, pools

# Topics that open like a question or a clause are not noun phrases: "why the buses are late".
CLAUSE_STARTERS: Final = frozenset(
    "why how what whether who when where should is are can could do does did will would must".split()
)
QUESTION_WORDS: Final = frozenset("why how what whether who when where".split())

_BANK = load_bank("kinds")

# Predicates after "{is}": what the station says each kind of story is.
CLAIMS: Final = pools(_BANK["CLAIMS"], "CLAIMS")
# Per stance (a denied kind, or "boast"): what backs the official line.
SUPPORTS: Final = pools(_BANK["SUPPORTS"], "SUPPORTS")
# Per stance: the mission's summary, the official line in a sentence.
SUMMARY_TEMPLATES: Final = pools(_BANK["SUMMARY_TEMPLATES"], "SUMMARY_TEMPLATES")
# Per kind: the hidden facts a caller may use against the station.
PROOFS: Final = pools(_BANK["PROOFS"], "PROOFS")
