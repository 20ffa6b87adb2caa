"""``GET /health``: liveness and the providers in use."""

from __future__ import annotations

from fastapi import APIRouter

from radiomirchi import __version__
from radiomirchi.api.deps import ServicesDep
from radiomirchi.schemas import HealthReport
from radiomirchi.store import StoreUnavailable

router = APIRouter(tags=["health"])


@router.get("/health", response_model=HealthReport)
async def health(services: ServicesDep) -> HealthReport:
    problems = []
    try:
        await services.store.ping()
    except StoreUnavailable as exc:
        problems.append(str(exc))
    return HealthReport(
        status="degraded" if problems else "ok",
        version=__version__,
        providers=services.provider_health(),
        problems=problems,
    )
