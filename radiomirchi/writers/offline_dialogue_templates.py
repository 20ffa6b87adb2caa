"""The offline writer's show: beats of line templates, as data.

Placeholders: {station} {subject} {institution} {claim} {place} {other} (another host's first name)
{listeners} and, in caller replies, {point} (the caller's point in a few words).
No template may state a hidden fact: the hosts only ever push the official line.
"""

from __future__ import annotations

from typing import Final

# The show cycles through these after the intro; a caller's break-in jumps to "caller_reply".
BEAT_CYCLE: Final = [
    "official_claim",
    "expert_endorsement",
    "listener_mail",
    "segue",
    "official_claim",
    "pep_talk",
]

BEATS: Final[dict[str, list[str]]] = {
    "intro": [
        "Good evening and welcome to {station}, the voice you can trust.",
        "Tonight we celebrate {subject}, and frankly, {other}, it is about time.",
        "The {institution} has sent us wonderful news about {subject}.",
        "Stay with us, because {listeners} loyal listeners are tuned in right now.",
        "Absolutely. And anyone spreading rumours about {subject} should listen closely tonight.",
        "Let's begin with the facts, the real facts, straight from the {institution}.",
    ],
    "official_claim": [
        "Let me be clear: {subject} is {claim}.",
        "The {institution} has checked every figure twice, {other}. Every single one.",
        "People in {place} tell me they have never been happier.",
        "And the critics? They simply have not read the official report.",
        "Exactly. The numbers speak for themselves, and they speak loudly.",
        "Honestly, {other}, I have never seen a policy this well planned.",
    ],
    "expert_endorsement": [
        "Our experts at the {institution} are unanimous about {subject}.",
        "I spoke to a senior official this morning. Total confidence. Total.",
        "The international community is watching {subject} with envy, {other}.",
        "Independent analysts, the trustworthy ones, all agree it is {claim}.",
        "When the professionals speak, ordinary citizens should listen.",
        "And let's remember who pays the doubters. It is never us.",
    ],
    "listener_mail": [
        "We have a letter from a grandmother in {place}. She thanks the {institution} personally.",
        "Another listener writes that {subject} changed her family's life.",
        "So many letters, {other}. Not one complaint. Not a single one.",
        "That is the voice of the people, and the people are grateful.",
        "A young engineer from {place} says he is proud to be part of {subject}.",
    ],
    "segue": [
        "Now, before the weather, a word about unity.",
        "Unity is what makes {subject} work, {other}.",
        "Speaking of good news, the harvest festival in {place} starts this weekend.",
        "Stay tuned, loyal listeners. More good news after this.",
        "And remember: doubt is a luxury our nation cannot afford.",
    ],
    "pep_talk": [
        "To everyone listening in {place}: you are part of something historic.",
        "Be proud, because {subject} is {claim}.",
        "If your neighbour has doubts, share tonight's broadcast with them, {other}.",
        "Loyalty is not complicated. It is simply trusting those who know better.",
        "And we will keep telling the truth, every single night.",
    ],
    "caller_reply": [
        "Well, we seem to have an unexpected caller talking about {point}.",
        "Did you hear that, {other}? Something about {point}. I'd love to know who pays for that story.",
        "Listeners, the {institution} has already answered questions like this.",
        "Some people will say anything about {subject}. It is sad, really.",
        "Our experts have reviewed claims about {point}, and they are not worried.",
        "Let's not give airtime to rumours, {other}. Back to the good news.",
        "Interesting how these calls always come when things are going so well.",
    ],
    "caller_reply_rattled": [
        "Who let this caller through? {other}, cut the line. Cut it now!",
        "That is... that is not the official figure. We will check with the {institution}.",
        "Listeners, please, stay calm. Everything about {subject} is under control.",
        "Nobody here has seen any report about {point}. Nobody.",
        "We will be back after a short message about national unity.",
    ],
}

# Said once when the player wins: one flustered closing line.
CLOSING_LINES: Final = [
    "We... we are experiencing technical difficulties. Please stay tuned to {station}.",
    "This broadcast is, ah, temporarily suspended by order of the {institution}.",
]

SUMMARY_PREFIX: Final = "Show so far"
