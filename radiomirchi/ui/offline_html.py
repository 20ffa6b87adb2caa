"""Keep the page off the network: strip Gradio's third-party tags from its HTML.

Gradio's index page preconnects to Google Fonts and loads iframe-resizer from cdnjs (only useful
when the app is embedded in a Space's iframe). Offline these requests fail or hang; this ASGI
middleware removes them from the HTML served at the page's root and changes nothing else.
"""

from __future__ import annotations

import re

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

_EXTERNAL_TAGS = re.compile(
    rb"<link[^>]*href=\"https://fonts\.(?:googleapis|gstatic)\.com[^\"]*\"[^>]*/?>"
    rb"|<script[^>]*src=\"https://cdnjs\.cloudflare\.com/[^\"]*\"[^>]*>\s*</script>",
    re.DOTALL,
)


def strip_external_tags(page: bytes) -> bytes:
    return _EXTERNAL_TAGS.sub(b"", page)


class OfflinePageMiddleware:
    def __init__(self, app: ASGIApp, path: str = "/") -> None:
        self._app = app
        self._path = path

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("path") != self._path or scope.get("method") != "GET":
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
            page = bytes(body)
            if headers.get("content-type", "").startswith("text/html"):
                page = strip_external_tags(page)
                headers["content-length"] = str(len(page))
            await send({**start, "headers": headers.raw})
            await send({"type": "http.response.body", "body": page})

        await self._app(scope, receive, buffered)
