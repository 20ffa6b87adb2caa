"""Two fixes to what Gradio serves, made on the HTTP responses (no Gradio internals touched).

- The page's HTML preconnects to Google Fonts and loads iframe-resizer from cdnjs (only useful
  when the app is embedded in a Space's iframe). Offline these requests fail or hang:
  ``strip_external_tags`` removes them.
- The listen-only player's HLS playlist: Gradio 5.50 raises ``#EXT-X-TARGETDURATION`` by one
  second with every segment, and a player that finds the playlist unchanged waits half the target
  duration before asking again: after a minute of 1 s segments that is half a minute of silence.
  ``tighten_target_duration`` sets it to the longest segment, as the HLS spec asks.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

_EXTERNAL_TAGS = re.compile(
    rb"<link[^>]*href=\"https://fonts\.(?:googleapis|gstatic)\.com[^\"]*\"[^>]*/?>"
    rb"|<script[^>]*src=\"https://cdnjs\.cloudflare\.com/[^\"]*\"[^>]*>\s*</script>",
    re.DOTALL,
)
_TARGET_DURATION = re.compile(rb"#EXT-X-TARGETDURATION:\d+")
_SEGMENT_DURATION = re.compile(rb"#EXTINF:([0-9.]+)")


def strip_external_tags(page: bytes) -> bytes:
    return _EXTERNAL_TAGS.sub(b"", page)


def tighten_target_duration(playlist: bytes) -> bytes:
    durations = [float(d) for d in _SEGMENT_DURATION.findall(playlist)]
    if not durations:
        return playlist
    target = max(1, math.ceil(max(durations)))
    return _TARGET_DURATION.sub(b"#EXT-X-TARGETDURATION:%d" % target, playlist, count=1)


def is_page(path: str) -> bool:
    return path == "/"


def is_playlist(path: str) -> bool:
    return path.startswith("/gradio_api/stream/") and path.endswith("/playlist.m3u8")


class RewriteResponses:
    """ASGI middleware: GET responses on the paths ``matches`` picks go through ``rewrite``."""

    def __init__(
        self, app: ASGIApp, matches: Callable[[str], bool], rewrite: Callable[[bytes], bytes]
    ) -> None:
        self._app = app
        self._matches = matches
        self._rewrite = rewrite

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope.get("method") != "GET"
            or not self._matches(scope.get("path", ""))
        ):
            await self._app(scope, receive, send)
            return
        start: Message | None = None
        body = bytearray()

        async def buffered(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
                return
            if message["type"] != "http.response.body" or start is None:
                await send(message)
                return
            body.extend(message.get("body", b""))
            if message.get("more_body", False):
                return
            headers = MutableHeaders(raw=list(start["headers"]))
            content = bytes(body)
            if start["status"] == 200:
                content = self._rewrite(content)
                headers["content-length"] = str(len(content))
            await send({**start, "headers": headers.raw})
            await send({"type": "http.response.body", "body": content})

        await self._app(scope, receive, buffered)
