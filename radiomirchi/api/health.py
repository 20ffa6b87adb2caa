"""``GET /health``: liveness, the providers in use, and what an operator must fix."""

from __future__ import annotations

from fastapi import APIRouter

from radiomirchi import __version__
from radiomirchi.api.deps import ServicesDep
from radiomirchi.api.security import redact_secrets
from radiomirchi.schemas import HealthReport
from radiomirchi.store import StoreUnavailable
from radiomirchi.writers import FallbackWriter

router = APIRouter(tags=["health"])


@router.get("/health", response_model=HealthReport)
async def health(services: ServicesDep) -> HealthReport:
    problems = []
    try:
        await services.store.ping()
    except StoreUnavailable as exc:
        problems.append(str(exc))
    if isinstance(services.writer, FallbackWriter):
        # A provider refusing every request (a bad key, an unknown model): the game runs on the
        # offline writer, but only the operator can fix it.
        problems.extend(redact_secrets(problem) for problem in services.writer.problems())
    return HealthReport(
        status="degraded" if problems else "ok",
        version=__version__,
        providers=services.provider_health(),
        problems=problems,
    )
