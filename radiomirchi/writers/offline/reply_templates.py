"""The offline writer's reply bank (``banks/replies.json``): what the hosts say to each act of a
caller and each type of evidence.

A reply is a reaction to what the caller did (first line), then follow-ups that deflect in the
show's kind, then maybe a line back to the programme. The caller's own words are never pasted in:
a question's focus is named only by a label from ``QUESTION_FOCUS``, and only when the caller used
one of its words. Fields as in ``dialogue_templates`` ({other} {institution} {subject} ...).
"""

from __future__ import annotations

from typing import Final

from radiomirchi.writers.offline.bank import BankError, load_bank, pools, strings, word_set


def _question_focus(value: object) -> list[tuple[frozenset[str], list[str]]]:
    if not isinstance(value, list):
        raise BankError("QUESTION_FOCUS: expected a list")
    focus: list[tuple[frozenset[str], list[str]]] = []
    for index, item in enumerate(value):
        if not isinstance(item, dict):
            raise BankError(f"QUESTION_FOCUS[{index}]: expected an object")
        where = f"QUESTION_FOCUS[{index}]"
        focus.append(
            (word_set(item.get("words"), f"{where}.words"), strings(item.get("answers"), f"{where}.answers"))
        )
    return focus


_BANK = load_bank("replies")

# The first line of a reply to evidence, per type of evidence (a poll, an audit, a court ...);
# "dodge" holds all-purpose brush-offs, for a caller who keeps doing the same thing.
EVIDENCE_REACTIONS: Final = pools(_BANK["EVIDENCE_REACTIONS"], "EVIDENCE_REACTIONS")
# The first line of a reply to any other act of the caller's.
ACT_REACTIONS: Final = pools(_BANK["ACT_REACTIONS"], "ACT_REACTIONS")
HOSTILE_TAGS: Final = strings(_BANK["HOSTILE_TAGS"], "HOSTILE_TAGS")
# Words a question may be about, the label the hosts repeat back, and their evasive answers.
QUESTION_FOCUS: Final = _question_focus(_BANK["QUESTION_FOCUS"])
# When no focus word matches, the question word alone decides the dodge.
QUESTION_WORD_ANSWERS: Final = pools(_BANK["QUESTION_WORD_ANSWERS"], "QUESTION_WORD_ANSWERS")
# A yes-or-no question after something the state should have done ("is the isolation ward even
# ready?") is answered yes ("yes_no_good"): a flat "no" there would be the hosts owning up.
GOOD_STATE_WORDS: Final = word_set(_BANK["GOOD_STATE_WORDS"], "GOOD_STATE_WORDS")
# After the reaction: the hosts deflect and push on, per kind (and "any" for all).
FOLLOWUPS: Final = pools(_BANK["FOLLOWUPS"], "FOLLOWUPS")
FOLLOWUPS_RATTLED: Final = pools(_BANK["FOLLOWUPS_RATTLED"], "FOLLOWUPS_RATTLED")
# A line back to the programme after a reply.
RETURNS: Final = pools(_BANK["RETURNS"], "RETURNS")
