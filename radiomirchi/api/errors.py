"""Error responses: readable 422s, and 503 when the database is away. Never a stack trace."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request, status
from fastapi.encoders import jsonable_encoder
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pymongo.errors import PyMongoError
from starlette.exceptions import HTTPException as StarletteHTTPException

from radiomirchi.door import STORE_MESSAGE, STORE_RETRY_AFTER_SECONDS
from radiomirchi.limits import retry_after
from radiomirchi.store import StoreUnavailable

log = logging.getLogger(__name__)

# Friendlier words for the rules a client is most likely to break.
_FIELD_RULES = {
    ("user_id", "string_pattern_mismatch"): "must be 1-64 characters of letters, digits and _ . @ -",
    ("topic", "string_too_long"): "must be at most 200 characters",
}


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(StoreUnavailable, _store_unavailable)
    # The MongoDB store turns every PyMongo failure into StoreUnavailable; should one ever slip
    # through, it is still an unavailable database to the client, not a 500.
    app.add_exception_handler(PyMongoError, _store_unavailable)


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


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    if exc.status_code == status.HTTP_400_BAD_REQUEST:
        # FastAPI answers 400 for a body it cannot even decode (not UTF-8, say). To a client that
        # is bad input like any other: a readable 422, as the API promises.
        return JSONResponse(
            status_code=status.HTTP_422_UNPROCESSABLE_CONTENT,
            content={
                "message": "request body must be a UTF-8 JSON object",
                "detail": [{"type": "body_unreadable", "loc": ["body"], "msg": str(exc.detail)}],
            },
        )
    return await http_exception_handler(request, exc)


async def _store_unavailable(request: Request, exc: Exception) -> JSONResponse:
    if isinstance(exc, StoreUnavailable):
        log.warning("Store unavailable during %s %s: %s", request.method, request.url.path, exc)
    else:
        log.error(
            "Unwrapped database failure during %s %s: %s",
            request.method,
            request.url.path,
            type(exc).__name__,
        )
    return JSONResponse(
        status_code=status.HTTP_503_SERVICE_UNAVAILABLE,
        content={"detail": STORE_MESSAGE},
        headers={"Retry-After": retry_after(STORE_RETRY_AFTER_SECONDS)},
    )
