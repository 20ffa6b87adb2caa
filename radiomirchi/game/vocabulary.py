"""The names a player is likely to say in a spoken break-in, for the speech-to-text engine to
favour: the station, the hosts, and the places, bodies and document codes of the topic, the
official line and the player's own evidence (which the player reads on screen). Whisper tiny
hears "Lake Orsk" as "Lake Horse" without them.
"""

from __future__ import annotations

import re
from typing import Final

from radiomirchi.game.leak_guard import public_texts
from radiomirchi.schemas import PropagandaMission

# At most this many terms: a long hint list slows the engine and dilutes each name.
MAX_TERMS: Final = 24
# A run of capitalised words ("Ministry of Water Security", "Lake Orsk"), "of" inside it.
_NAME = re.compile(r"[A-Z][\w'’-]*(?:\s+(?:of\s+|de\s+)*[A-Z][\w'’-]*)*")
# A document code: "H-786", "R-7130", "D-202".
_CODE = re.compile(r"\b[A-Z]{1,3}-?\d{2,}\b")
_SENTENCE_START = re.compile(r"(?:^|[.!?:]\s+)$")


def speech_vocabulary(mission: PropagandaMission) -> tuple[str, ...]:
    texts = [*public_texts(mission), *mission.generation_result.proof_sentences]
    terms: list[str] = []
    for text in texts:
        for match in _NAME.finditer(text):
            name = match.group(0)
            # One capitalised word opening a sentence is no name ("Bank records show ...").
            if " " not in name and _SENTENCE_START.search(text[: match.start()]):
                continue
            terms.append(name)
        terms.extend(_CODE.findall(text))
    unique = list(dict.fromkeys(terms))
    return tuple(unique[:MAX_TERMS])
