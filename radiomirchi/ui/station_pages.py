"""The listen page (``/listen/{id}``) and the replay page (``/replay/{id}``): plain pages, apart from
Gradio, that anyone with a show's link can open on any browser, a phone too. The pages ask the API
for everything (the listen socket, the timeline, the episode), with the link's token; they hold
nothing secret themselves."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

from radiomirchi.config import Settings
from radiomirchi.ui import rtc_listen
from radiomirchi.ui.ice import ice_config
from radiomirchi.ui.rtc_listen import RtcListeners

PAGES = Path(__file__).resolve().parent / "station"
router = APIRouter(include_in_schema=False)


@router.get("/listen/{mission_id}")
async def listen_page(mission_id: str) -> FileResponse:
    return FileResponse(PAGES / "listen.html", media_type="text/html")


@router.get("/replay/{mission_id}")
async def replay_page(mission_id: str) -> FileResponse:
    return FileResponse(PAGES / "replay.html", media_type="text/html")


def mount_station_pages(app: FastAPI, settings: Settings) -> None:
    """Before the Gradio page, which catches every path left. WebRTC listeners are stopped with
    the app (``app.state.rtc_listeners``)."""
    app.state.listen_ice = ice_config(settings)
    app.state.rtc_listeners = RtcListeners()
    app.include_router(router)
    app.include_router(rtc_listen.router)
    app.mount("/station", StaticFiles(directory=PAGES), name="station")
