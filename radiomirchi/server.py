"""``create_app()``: the FastAPI app with the REST routes (the Gradio page mounts beside them)."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from radiomirchi import __version__
from radiomirchi.api import game_socket, health, missions, results
from radiomirchi.api.errors import install_error_handlers
from radiomirchi.config import Settings, get_settings
from radiomirchi.services import Services


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    services = Services.from_settings(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await services.start()
        try:
            yield
        finally:
            await services.stop()

    app = FastAPI(
        title="Radio Mirchi",
        version=__version__,
        description="Break into a propaganda radio station and wake its listeners up.",
        lifespan=lifespan,
    )
    app.state.services = services
    install_error_handlers(app)
    # API routes first: anything mounted at "/" later would shadow routes added after it.
    app.include_router(missions.router)
    app.include_router(results.router)
    app.include_router(game_socket.router)
    app.include_router(health.router)
    return app


def configure_logging(settings: Settings) -> None:
    logging.basicConfig(
        level=settings.log_level.upper(),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
