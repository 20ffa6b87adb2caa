"""A WebRTC audio track that has ended says so the way aiortc expects: it raises.

fastrtc 0.0.34's ``AudioCallback.recv`` (the track that carries the show to the browser) returns
``None`` once the stream is closed (a ``CloseStream`` at the show's end, or a stopped track when
the player leaves). aiortc's sender then hands that ``None`` to the Opus encoder's ``pack``, and
logs ``'NoneType' object has no attribute 'pts'`` with a traceback at every close. aiortc's own
tracks raise ``MediaStreamError`` when they end, which its sender treats as a quiet stop, so this
module makes fastrtc's track do the same: ``install()`` wraps ``recv`` once per process.
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from typing import Any

from aiortc.mediastreams import MediaStreamError
from fastrtc.tracks import AudioCallback

_INSTALLED = "_radiomirchi_raises_when_ended"


def install() -> None:
    """Make ``AudioCallback.recv`` raise ``MediaStreamError`` instead of returning ``None``."""
    if getattr(AudioCallback.recv, _INSTALLED, False):
        return
    original: Callable[[AudioCallback], Awaitable[Any]] = AudioCallback.recv

    @functools.wraps(original)
    async def recv(self: AudioCallback) -> Any:
        frame = await original(self)
        if frame is None:
            raise MediaStreamError
        return frame

    setattr(recv, _INSTALLED, True)
    AudioCallback.recv = recv  # type: ignore[method-assign]
