"""What an offline engine gives the composer (``OfflineTTS``): its voices, and one piece of text
rendered as float32 audio at the wire rate. Rendering is blocking CPU work: the composer calls it
from worker threads, never on the event loop."""

from __future__ import annotations

from typing import Protocol

import numpy as np

from radiomirchi.speech.tts.base import Voice


class Synthesizer(Protocol):
    @property
    def engine(self) -> str:
        """The ``Voice.engine`` of every voice it speaks."""
        ...

    def voices(self) -> tuple[Voice, ...]:
        """Every voice it offers, in a fixed order."""
        ...

    def load(self) -> None:
        """Load the model once (thread-safe); later calls return at once."""
        ...

    def synthesize(self, voice_id: str, text: str) -> np.ndarray:
        """``text`` in the voice ``voice_id``, float32 mono at the wire rate (24 kHz).

        Raises ``SpeechError`` for a voice it does not have.
        """
        ...
