"""The offline writer's show bank (``banks/show.json``): line bodies per beat and kind, host
openers, closings.

A line is an optional opener in the host's style (fused into the same sentence) and a body. Bodies
are grouped per beat under "any" (fits every kind, the subject only after a preposition), "boast"
(every kind but a disaster: the station brags) and one key per kind. A show draws each body once.

Fields: {station} {subject} {Subject} {institution} {claim} {place} {other} (another host's first
name) {listeners} {expert} and grammar for the subject: {is} {was} {has} {s} {it} {It} {its}.
No body may carry a number, a document or a hidden fact: the hosts only push the official line.
"""

from __future__ import annotations

from typing import Final

from radiomirchi.writers.offline.bank import BankError, labels, load_bank, pools, strings, text

# The show cycles through these after the intro; a caller's break-in gets a reply instead. A beat's
# batch ends on a segue (the "segue" bodies): a batch of segues alone, five turns in a row, had
# opened a show before any story was told ("We leave the protesters there ... Shall we turn the
# page on the union bosses? ... That settles the question ...").
BEAT_CYCLE: Final = ["claim", "interview", "experts", "mail", "critics", "pep_talk"]
SEGUE_BEAT: Final = "segue"
# Which register each host slot speaks in: the anchor, the co-host, then the specialists.
STYLE_BY_SLOT: Final = ["anchor", "cohost", "specialist", "specialist"]

Pools = dict[str, list[str]]


def _beats(value: object) -> dict[str, Pools]:
    if not isinstance(value, dict):
        raise BankError("BEATS: expected an object")
    return {beat: pools(item, f"BEATS.{beat}") for beat, item in value.items()}


_BANK = load_bank("show")

# The first line of every show.
GREETINGS: Final = strings(_BANK["GREETINGS"], "GREETINGS")
# Per beat (intro, then BEAT_CYCLE), per key ("any", "boast", a kind): the bodies a show draws.
BEATS: Final = _beats(_BANK["BEATS"])
# What the hosts say between the letters of a mail segment, once one or two have been read.
MAIL_REACTIONS: Final = pools(_BANK["MAIL_REACTIONS"], "MAIL_REACTIONS")
# A rattled station slips these into its regular beats: a defence nobody asked for.
# Kinds that share bodies of their own, apart from their family's: a metro stuck in a tunnel and a
# school without teachers are services that run well, not building projects that finish early.
SHARED_POOL_OF_KIND: Final = labels(_BANK["SHARED_POOL_OF_KIND"], "SHARED_POOL_OF_KIND")
DEFENSIVE: Final = pools(_BANK["DEFENSIVE"], "DEFENSIVE")
# Fused in front of a body: "Honestly, Irina, ..." Each host speaks in their own register;
# "uneasy" and "rattled" are graded by how many listeners have woken up.
OPENERS: Final = pools(_BANK["OPENERS"], "OPENERS")
# Said once when the player wins: one flustered closing line.
CLOSING_LINES: Final = strings(_BANK["CLOSING_LINES"], "CLOSING_LINES")
SUMMARY_PREFIX: Final = text(_BANK["SUMMARY_PREFIX"], "SUMMARY_PREFIX")
# How the running summary notes a beat or a caller's act (never the caller's words).
SUMMARY_NOTES: Final = labels(_BANK["SUMMARY_NOTES"], "SUMMARY_NOTES")
