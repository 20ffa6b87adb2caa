"""Entry point: ``python app.py`` serves Radio Mirchi (Hugging Face Spaces runs this file)."""

from __future__ import annotations

import os

# Offline-safe defaults: no telemetry, no Hub downloads. Real settings may still override them.
for _name, _value in {
    "GRADIO_ANALYTICS_ENABLED": "False",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "HF_HUB_OFFLINE": "1",
}.items():
    os.environ.setdefault(_name, _value)

import uvicorn  # noqa: E402

from radiomirchi.config import Settings, get_settings  # noqa: E402
from radiomirchi.server import configure_logging, create_app  # noqa: E402
from radiomirchi.ui.share import request_share_link  # noqa: E402


def listen_host(settings: Settings) -> str:
    """HOST if given; on a Hugging Face Space (SPACE_ID set) every interface, so the Space's proxy
    reaches the app; otherwise 127.0.0.1."""
    if settings.space_id and "host" not in settings.model_fields_set:
        return "0.0.0.0"  # noqa: S104 - a Space's container is reached through its proxy only
    return settings.host


def main() -> None:
    settings = get_settings()
    configure_logging(settings)
    app = create_app(settings)
    if settings.share:
        request_share_link(settings, settings.port)
    uvicorn.run(
        app,
        host=listen_host(settings),
        port=settings.port,
        log_level=settings.log_level,
        ws_max_size=1024 * 1024,
    )


if __name__ == "__main__":
    main()
