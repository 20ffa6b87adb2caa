"""Security: optional API keys (REST and WebSocket), mission ownership, rate limits on new
missions, per-connection flood budgets, the cap on live shows, CORS, and secrets kept out of
logs, error replies and /health."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from pydantic import SecretStr
from websockets.asyncio.client import ClientConnection, connect

from devtools.testing.apps import AppFactory
from devtools.testing.asgi_server import ThreadedServer
from devtools.testing.fake_gemini import FakeGemini, server_error
from devtools.testing.show_client import read_until_closed
from radiomirchi.api.security import ApiKeys, principal_of_bare_key
from radiomirchi.client import ws_url
from radiomirchi.config import Settings
from radiomirchi.limits import (
    FLOOD_PATIENCE,
    MAX_TRACKED_KEYS,
    Admission,
    ConnectionLimits,
    KeyedLimiter,
    TokenBucket,
)

ALICE, BOB, BARE = "alice-secret-0001", "bob-secret-0002", "bare-secret-0003"
KEYS = f"alice:{ALICE},bob:{BOB},{BARE}"


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(scope="module")
def keyed_server(module_apps: AppFactory) -> ThreadedServer:
    """Shared by the module's key tests: each creates missions of its own."""
    return module_apps.serve(module_apps.settings(api_keys=SecretStr(KEYS)))


async def _create(http: httpx.AsyncClient, key: str | None, user_id: str = "p1") -> httpx.Response:
    headers = {"X-API-Key": key} if key else {}
    return await http.post(
        "/api/v1/create_mission", json={"topic": "the bread ration", "user_id": user_id}, headers=headers
    )


async def _until_status(ws: ClientConnection, status: str, within: float = 20.0) -> dict[str, Any]:
    async with asyncio.timeout(within):
        while True:
            message = await ws.recv()
            if isinstance(message, str) and json.loads(message).get("status") == status:
                return dict(json.loads(message))


# --- API keys ---


def test_keys_parse_into_principals_and_blank_means_off() -> None:
    keys = ApiKeys.parse(KEYS)
    assert keys.enabled
    assert keys.principal_for(ALICE) == "alice" and keys.principal_for(BOB) == "bob"
    assert keys.principal_for(BARE) == principal_of_bare_key(BARE)
    assert BARE not in principal_of_bare_key(BARE)
    assert keys.principal_for("alice") is None and keys.principal_for("") is None
    assert keys.principal_for(ALICE + "x") is None
    assert not ApiKeys.parse(" , ").enabled
    assert Settings(api_keys=" ", _env_file=None).api_keys is None


async def test_keys_are_off_by_default(shared_client: httpx.AsyncClient) -> None:
    response = await _create(shared_client, None)
    assert response.status_code == 201
    assert response.json()["owner"] is None


@pytest.mark.parametrize("key", [None, "wrong-key", ALICE.upper()])
async def test_rest_without_a_valid_key_is_401_with_a_clear_message(
    keyed_server: ThreadedServer, key: str | None
) -> None:
    async with httpx.AsyncClient(base_url=keyed_server.base_url) as http:
        created = await _create(http, key)
        board = await http.get("/api/v1/leaderboard", headers={"X-API-Key": key} if key else {})
    for response in (created, board):
        assert response.status_code == 401
        assert "X-API-Key" in response.json()["detail"] and "api_key" in response.json()["detail"]
        assert response.headers["WWW-Authenticate"] == "APIKey"
        if key:
            assert key not in response.text, "the key sent was echoed back"


async def test_a_valid_key_in_the_header_or_the_query_is_accepted_and_owns_the_mission(
    keyed_server: ThreadedServer,
) -> None:
    async with httpx.AsyncClient(base_url=keyed_server.base_url) as http:
        by_header = await _create(http, ALICE)
        by_query = await http.post(
            "/api/v1/create_mission", params={"api_key": BOB}, json={"topic": "rent", "user_id": "p2"}
        )
        bare = await _create(http, BARE)
        board = await http.get("/api/v1/leaderboard", params={"api_key": BARE})
    assert by_header.status_code == by_query.status_code == bare.status_code == 201
    assert by_header.json()["owner"] == "alice"
    assert by_query.json()["owner"] == "bob"
    assert bare.json()["owner"] == principal_of_bare_key(BARE)
    assert BARE not in bare.text
    assert board.status_code == 200


async def test_health_docs_and_openapi_stay_open(keyed_server: ThreadedServer) -> None:
    async with httpx.AsyncClient(base_url=keyed_server.base_url) as http:
        for path in ("/health", "/docs", "/openapi.json"):
            assert (await http.get(path)).status_code == 200, path


async def test_another_keys_mission_is_403_over_rest(keyed_server: ThreadedServer) -> None:
    async with httpx.AsyncClient(base_url=keyed_server.base_url) as http:
        mission_id = (await _create(http, ALICE)).json()["id"]
        for path in (
            f"/api/v1/mission_status/{mission_id}",
            f"/api/v1/missions/{mission_id}/transcript",
            f"/api/v1/missions/{mission_id}/episode.wav",
        ):
            theirs = await http.get(path, headers={"X-API-Key": BOB})
            mine = await http.get(path, headers={"X-API-Key": ALICE})
            assert theirs.status_code == 403, path
            assert theirs.json() == {"detail": "This mission belongs to another API key."}
            assert mine.status_code == 200, path


async def test_the_socket_needs_a_key_4401_and_its_owner_4403(keyed_server: ThreadedServer) -> None:
    async with httpx.AsyncClient(base_url=keyed_server.base_url) as http:
        mission_id = (await _create(http, ALICE)).json()["id"]
    url = ws_url(keyed_server.base_url, mission_id)
    for refused in (url, f"{url}?api_key=wrong-key"):
        async with connect(refused) as ws:
            closed = await read_until_closed(ws)
            code, reason = closed.code, closed.reason
        assert code == 4401 and "API key" in reason
    async with connect(url, additional_headers={"X-API-Key": BOB}) as ws:
        closed = await read_until_closed(ws)
        code, reason = closed.code, closed.reason
    assert code == 4403 and "another API key" in reason
    async with connect(f"{url}?api_key={ALICE}") as ws:
        live = await _until_status(ws, "live")
    assert live["speakers"]
    async with connect(url, additional_headers={"X-API-Key": ALICE}) as ws:
        await _until_status(ws, "live")


# --- rate limits ---


def test_a_token_bucket_allows_a_burst_then_refills_at_its_rate() -> None:
    clock = Clock()
    bucket = TokenBucket(3, 0.5, clock)
    assert [bucket.take() for _ in range(3)] == [0, 0, 0]
    assert bucket.take() == pytest.approx(2.0)
    clock.now += 2.0
    assert bucket.take() == 0
    assert bucket.take() > 0


def test_keyed_limits_are_per_key_bounded_and_zero_means_none() -> None:
    clock = Clock()
    limiter = KeyedLimiter(2, clock)
    assert limiter.take("u1") == limiter.take("u1") == 0
    assert limiter.take("u1") == pytest.approx(30.0)  # 2 a minute: one every 30 s
    assert limiter.take("u2") == 0
    for index in range(MAX_TRACKED_KEYS + 5):
        limiter.take(f"spam-{index}")
    assert len(limiter._buckets) == MAX_TRACKED_KEYS
    assert all(KeyedLimiter(0, clock).take("u1") == 0 for _ in range(100))


def test_a_connection_flood_is_told_once_a_second_then_closed() -> None:
    clock = Clock()
    limits = ConnectionLimits(
        messages_per_second=2,
        message_burst=4,
        audio_bytes_per_second=1000,
        audio_burst_bytes=4000,
        clock=clock,
    )
    assert [limits.admit_text() for _ in range(4)] == [Admission.ADMIT] * 4
    assert limits.admit_text() is Admission.DROP
    assert limits.admit_text() is Admission.DROP_QUIETLY
    clock.now += 1.0
    assert limits.admit_text() is Admission.ADMIT  # refilled: two more a second
    assert limits.admit_audio(3000) is Admission.ADMIT
    assert limits.admit_audio(10) is Admission.DROP  # tiny frames still cost 1024 bytes
    outcomes = [limits.admit_text() for _ in range(FLOOD_PATIENCE + 5)]
    assert outcomes[-1] is Admission.CLOSE


@pytest.fixture
def limited_server(apps: AppFactory) -> ThreadedServer:
    return apps.serve(
        apps.settings(create_missions_per_user_per_minute=3, create_missions_per_ip_per_minute=5)
    )


async def test_create_mission_is_limited_per_user_and_per_address_with_retry_after(
    limited_server: ThreadedServer,
) -> None:
    async with httpx.AsyncClient(base_url=limited_server.base_url) as http:
        same_user = [await _create(http, None, user_id="greedy") for _ in range(4)]
        other_user = await _create(http, None, user_id="second")
        third_user = await _create(http, None, user_id="third")
    assert [r.status_code for r in same_user] == [201, 201, 201, 429]
    assert "for one user" in same_user[3].json()["detail"]
    assert 1 <= int(same_user[3].headers["Retry-After"]) <= 20
    assert other_user.status_code == 201  # the address has had 5 (one refused by the user limit)
    assert third_user.status_code == 429
    assert "from one address" in third_user.json()["detail"]
    assert int(third_user.headers["Retry-After"]) >= 1


# --- the cap on live shows ---


@pytest.mark.slow
async def test_live_shows_are_capped_per_process_with_1013(apps: AppFactory) -> None:
    with apps.running(apps.settings(max_live_sessions=2)) as server:
        async with httpx.AsyncClient(base_url=server.base_url) as http:
            ids = [(await _create(http, None, user_id=f"p{i}")).json()["id"] for i in range(3)]
        first = await connect(ws_url(server.base_url, ids[0]))
        second = await connect(ws_url(server.base_url, ids[1]))
        await _until_status(first, "live")
        await _until_status(second, "live")
        async with connect(ws_url(server.base_url, ids[2])) as third:
            closed = await read_until_closed(third)
            code, reason = closed.code, closed.reason
        assert code == 1013 and "limit of 2 live shows" in reason
        # Taking over a mission that is already live does not count twice.
        async with connect(ws_url(server.base_url, ids[0])) as again:
            await _until_status(again, "live")
            assert (await read_until_closed(first)).code == 4409
            # When a show ends, its seat is free for the next one.
            await second.close()
            async with httpx.AsyncClient(base_url=server.base_url) as http, asyncio.timeout(5):
                while True:
                    if (await http.get("/health")).json()["providers"]["live_sessions"] == 1:
                        break
                    await asyncio.sleep(0.05)
            async with connect(ws_url(server.base_url, ids[2])) as third:
                await _until_status(third, "live")


@pytest.mark.slow
async def test_a_new_show_is_refused_with_4503_while_the_voices_have_no_headroom(apps: AppFactory) -> None:
    """Past the voices' busy share (here: any work at all), a new show is refused in plain words and
    close 4503; the show already live may reconnect."""
    with apps.running(apps.settings(max_synthesis_load=0.001)) as server:
        async with httpx.AsyncClient(base_url=server.base_url) as http:
            ids = [(await _create(http, None, user_id=f"p{i}")).json()["id"] for i in range(2)]

            async def until_busy_share(passes: Callable[[float], bool], within: float) -> None:
                async with asyncio.timeout(within):
                    while True:
                        share = (await http.get("/health")).json()["providers"]["voices_busy_share"]
                        if passes(float(share)):
                            return
                        await asyncio.sleep(0.05)

            await until_busy_share(lambda share: share == 0, 20)  # the start-up warm-up has left the window
            first = await connect(ws_url(server.base_url, ids[0]))
            await _until_status(first, "live")
            await until_busy_share(lambda share: share > 0.001, 10)  # its lines are being voiced
            async with connect(ws_url(server.base_url, ids[1])) as second:
                closed = await read_until_closed(second)
            assert closed.code == 4503
            assert "as many live shows as it can" in closed.reason
            async with connect(ws_url(server.base_url, ids[0])) as again:
                await _until_status(again, "live")
            await first.close()


# --- CORS ---


@pytest.mark.parametrize(
    ("configured", "origin", "allowed"),
    [
        (None, "http://localhost:3000", True),
        (None, "https://evil.example", False),
        ("https://game.example, https://beta.game.example", "https://beta.game.example", True),
        ("https://game.example", "http://localhost:3000", False),
    ],
)
async def test_cors_allows_only_the_configured_origins(
    apps: AppFactory, shared_server: ThreadedServer, configured: str | None, origin: str, allowed: bool
) -> None:
    server = shared_server if configured is None else apps.serve(apps.settings(cors_origins=configured))
    async with httpx.AsyncClient(base_url=server.base_url) as http:
        preflight = await http.options(
            "/api/v1/create_mission",
            headers={
                "Origin": origin,
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "content-type,x-api-key",
            },
        )
        simple = await http.get("/api/v1/leaderboard", headers={"Origin": origin})
    if allowed:
        assert preflight.status_code == 200
        assert preflight.headers["access-control-allow-origin"] == origin
        assert "x-api-key" in preflight.headers["access-control-allow-headers"].lower()
        assert simple.headers["access-control-allow-origin"] == origin
    else:
        assert preflight.status_code == 400
        assert "access-control-allow-origin" not in simple.headers


# --- secrets ---


@pytest.mark.slow
async def test_secrets_never_appear_in_logs_error_replies_or_health(
    apps: AppFactory, settings: Settings, fake_gemini: FakeGemini, caplog: pytest.LogCaptureFixture
) -> None:
    gemini_key, deepgram_key, mongo_password = "gm-secret-4b1d", "dg-secret-7c2e", "mongo-secret-9f3a"
    secret_settings = settings.model_copy(
        update={
            "api_keys": SecretStr(KEYS),
            "gemini_api_key": SecretStr(gemini_key),
            "gemini_base_url": fake_gemini.base_url,
            "gemini_timeout_seconds": 1.0,
            "gemini_backoff_seconds": 0.01,
            "deepgram_api_key": SecretStr(deepgram_key),
            "deepgram_base_url": "http://127.0.0.1:9",  # nothing listens: every call fails
            # A database that is not there: every store call fails, and its URI holds a password.
            "mongodb_uri": SecretStr(f"mongodb://radio:{mongo_password}@127.0.0.1:9/radiomirchi"),
            "mongodb_timeout_seconds": 0.3,
        }
    )
    secrets = [ALICE, BOB, BARE, gemini_key, deepgram_key, mongo_password]
    caplog.set_level(logging.INFO)
    with apps.running(secret_settings, log_level="info") as server:
        base_url = server.base_url
        # uvicorn's own loggers do not propagate; listen to them too (its request lines hold queries).
        for name in ("uvicorn", "uvicorn.access"):
            logging.getLogger(name).addHandler(caplog.handler)
        try:
            fake_gemini.queue(*(server_error(500) for _ in range(3)))
            async with httpx.AsyncClient(base_url=server.base_url) as http:
                attempts = [
                    await http.post("/api/v1/create_mission", json={"topic": "x", "user_id": "p"}),
                    await http.get("/api/v1/leaderboard", params={"api_key": "not-" + ALICE}),
                    await http.get("/api/v1/leaderboard", params={"api_key": ALICE}),
                    await http.post(
                        "/api/v1/create_mission",
                        params={"api_key": BOB},
                        json={"topic": "the water tax", "user_id": "p"},
                    ),
                    await http.get("/health"),
                ]
            async with connect(ws_url(server.base_url, "0" * 24) + f"?api_key={ALICE}") as ws:
                closed = await read_until_closed(ws)
                code, reason = closed.code, closed.reason
        finally:
            for name in ("uvicorn", "uvicorn.access"):
                logging.getLogger(name).removeHandler(caplog.handler)
    replies = [response.text for response in attempts] + [reason]
    assert [response.status_code for response in attempts] == [401, 401, 503, 503, 200]
    assert attempts[4].json()["status"] == "degraded"
    assert code == 1013
    # Everything logged in this process, but the test client's own httpx lines (it sent the keys).
    logged = "\n".join(
        f"{record.name}: {record.getMessage()} {record.exc_text or ''}"
        for record in caplog.records
        if not (record.name == "httpx" and base_url in record.getMessage())
    )
    assert "api_key=***" in logged, "uvicorn's request lines were not captured"
    assert "Gemini" in logged, "the writer's failures were not captured"
    for secret in secrets:
        assert secret not in logged, f"a secret reached the logs: {secret}"
        for reply in replies:
            assert secret not in reply, f"a secret reached a reply: {secret}"
