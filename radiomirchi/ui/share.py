"""A public share link through Gradio's tunnel (``RADIOMIRCHI_SHARE=1``), never blocking the app.

Asking for a link needs the internet (Gradio's API server, then its tunnel binary). The attempt
runs in a daemon thread and is abandoned after ``share_timeout_seconds``: offline, the app logs
that no link could be made and goes on serving locally.
"""

from __future__ import annotations

import logging
import secrets
import threading

from radiomirchi.config import Settings

log = logging.getLogger(__name__)


def request_share_link(settings: Settings, port: int) -> threading.Thread:
    """Ask for a link to 127.0.0.1:``port`` in the background; the returned thread logs the outcome."""
    outcome: dict[str, object] = {}

    def attempt() -> None:
        try:
            from gradio.networking import setup_tunnel

            outcome["url"] = setup_tunnel("127.0.0.1", port, secrets.token_urlsafe(32), None, None)
        except Exception as exc:
            outcome["error"] = exc

    def report() -> None:
        tunnel = threading.Thread(target=attempt, name="share-tunnel", daemon=True)
        tunnel.start()
        tunnel.join(settings.share_timeout_seconds)
        if "url" in outcome:
            log.info("Public share link: %s", outcome["url"])
            return
        reason = outcome.get("error") or f"no answer within {settings.share_timeout_seconds:g} s"
        cause = getattr(reason, "__cause__", None)
        detail = f"{reason}: {cause}" if cause else str(reason)
        log.warning("No public share link could be made (%s); serving locally only", detail)

    reporter = threading.Thread(target=report, name="share-link", daemon=True)
    reporter.start()
    return reporter
