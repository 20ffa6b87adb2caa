"""The show's WebRTC track ends the way aiortc expects (issue 19: a traceback at every close)."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from aiortc.mediastreams import MediaStreamError
from fastrtc import CloseStream
from fastrtc.tracks import AudioCallback

import radiomirchi.ui.webrtc  # noqa: F401 - importing the WebRTC handler installs the fix
from radiomirchi.ui.rtc_track_end import install


class _Channel:
    def __init__(self) -> None:
        self.sent: list[Any] = []

    def send(self, message: Any) -> None:
        self.sent.append(message)


class _Handler:
    def __init__(self, channel: _Channel) -> None:
        self.channel = channel
        self.channel_set = asyncio.Event()
        self.channel_set.set()


def _closing_track() -> AudioCallback:
    """fastrtc's own track, as it stands when the show's handler has sent ``CloseStream``."""
    track = AudioCallback.__new__(AudioCallback)
    channel = _Channel()
    vars(track).update(
        event_handler=_Handler(channel),
        channel=channel,
        queue=asyncio.Queue(),
        _MediaStreamTrack__ended=False,
        has_started=True,
    )
    track.queue.put_nowait(CloseStream("the show is over"))
    return track


async def test_a_closed_show_track_raises_media_stream_error_not_none() -> None:
    install()  # idempotent: the import above installed it already
    track = _closing_track()
    track.start = _noop  # type: ignore[method-assign]
    track.stop = lambda: None  # type: ignore[method-assign]
    with pytest.raises(MediaStreamError):
        await track.recv()  # type: ignore[no-untyped-call]
    assert track.channel.sent, "the page is still told the stream ended"  # type: ignore[union-attr]


async def _noop() -> None:
    return None
