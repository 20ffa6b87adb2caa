"""Error responses: readable 422s, and 503 when the database is away. Never a stack trace."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request, status
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from radiomirchi.store import StoreUnavailable

log = logging.getLogger(__name__)

# Friendlier words for the rules a client is most likely to break.
_FIELD_RULES = {
    ("user_id", "string_pattern_mismatch"): "must be 1-64 characters of letters, digits and _ . @ -",
    ("topic", "string_too_long"): "must be at most 200 characters",
}


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StoreUnavailable, _store_unavailable)


def describe_validation_errors(errors: Sequence[Any]) -> str:
    parts = []
    for error in errors:
        location = [str(part) for part in error.get("loc", ()) if part not in ("body", "query", "path")]
        field = ".".join(location) or "request"
        message = _FIELD_RULES.get((location[-1] if location else "", error.get("type", "")))
        if message is None:
            message = "is required" if error.get("type") == "missing" else str(error.get("msg", "is invalid"))
        parts.append(f"{field} {message}" if message.startswith(("is ", "must ")) else f"{field}: {message}")
    return "; ".join(parts)


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = exc.errors()
    return JSONResponse(
        status_code=status.HTTP_422_UNPROCESSABLE_CONTENT,
        content={"message": describe_validation_errors(errors), "detail": jsonable_encoder(errors)},
    )


async def _store_unavailable(request: Request, exc: Exception) -> JSONResponse:
    log.warning("Store unavailable during %s %s: %s", request.method, request.url.path, exc)
    return JSONResponse(
        status_code=status.HTTP_503_SERVICE_UNAVAILABLE,
        content={"detail": "The mission database is unavailable; please try again shortly."},
        headers={"Retry-After": "5"},
    )
