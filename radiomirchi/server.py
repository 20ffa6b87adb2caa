"""``create_app()``: the FastAPI app with the REST routes (the Gradio page mounts beside them)."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI
from fastapi.middleware.cors import CORSMiddleware

from radiomirchi import __version__
from radiomirchi.api import game_socket, health, listen_socket, missions, results, sharing
from radiomirchi.api.errors import install_error_handlers
from radiomirchi.api.security import API_KEY_HEADER, authenticate, install_log_redaction
from radiomirchi.config import Settings, get_settings
from radiomirchi.services import Services
from radiomirchi.ui.page import mount_page
from radiomirchi.ui.station_pages import mount_station_pages


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    services = Services.from_settings(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await services.start()
        try:
            yield
        finally:
            await app.state.rtc_listeners.aclose()
            await services.stop()

    app = FastAPI(
        title="Radio Mirchi",
        version=__version__,
        description="Break into a propaganda radio station and wake its listeners up.",
        lifespan=lifespan,
    )
    app.state.services = services
    # The REST dependencies read these; they are the door's own, so every door applies the same.
    app.state.api_keys = services.door.api_keys
    app.state.create_limits = services.door.create_limits
    install_log_redaction(settings)
    install_error_handlers(app)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.cors_origins,
        allow_methods=["GET", "POST", "OPTIONS"],
        allow_headers=["Content-Type", API_KEY_HEADER],
        expose_headers=["Retry-After"],
    )
    # API routes first: anything mounted at "/" later would shadow routes added after it.
    # With API keys on, the REST routes need one; /health and /docs stay open; the game socket
    # checks its key itself (it must accept before it can close with 4401).
    keyed = [Depends(authenticate)]
    app.include_router(missions.router, dependencies=keyed)
    app.include_router(results.router, dependencies=keyed)
    # Sharing checks a listen token or a key itself: a listen link carries no API key.
    app.include_router(sharing.router)
    app.include_router(game_socket.router)
    app.include_router(listen_socket.router)
    app.include_router(health.router)
    mount_station_pages(app, settings)
    # The page last: Gradio at "/" catches every path no route above claimed.
    mount_page(app, services)
    return app


def configure_logging(settings: Settings) -> None:
    logging.basicConfig(
        level=settings.log_level.upper(),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
