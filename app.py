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

from radiomirchi.config import get_settings  # noqa: E402
from radiomirchi.server import configure_logging, create_app  # noqa: E402


def main() -> None:
    settings = get_settings()
    configure_logging(settings)
    uvicorn.run(
        create_app(settings),
        host=settings.host,
        port=settings.port,
        log_level=settings.log_level,
        ws_max_size=1024 * 1024,
    )


if __name__ == "__main__":
    main()
