"""One door to the show: every way in (REST, the game socket, the page's create, join, WebRTC and
listen-only stream) passes the same checks here, and a refusal says why in plain words
(a ``Refusal``: each way in maps its code to an HTTP status, a close code or the page's words).

The checks: the API key and who owns the mission (``RADIOMIRCHI_API_KEYS``), the mission's state,
the per-user and per-address limits on new missions, and the cap on live shows (per process, or
for the whole fleet with MongoDB: ``radiomirchi.fleet``).
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass

from radiomirchi.access import ApiKeys, may_use
from radiomirchi.clock import REAL_CLOCK, Clock
from radiomirchi.config import Settings
from radiomirchi.fleet import Fleet, SeatTakenOver
from radiomirchi.game.playability import NOT_FOUND_MESSAGE, playable
from radiomirchi.game.refusal import Refusal
from radiomirchi.game.registry import RegistryFull, SessionRegistry
from radiomirchi.game.relay import Listener, ListenersFull, Relays
from radiomirchi.game.session import GameSession, SessionDeps
from radiomirchi.headroom import HeadroomGauge
from radiomirchi.limits import CreateLimiter, CreateMissionLimits
from radiomirchi.missions import MissionService, NoWriterAvailable
from radiomirchi.schemas import MissionId, PropagandaMission, parse_mission_id
from radiomirchi.store import StoreUnavailable

log = logging.getLogger(__name__)
# A refused show may try again once the busy window has had time to pass.
HEADROOM_RETRY_SECONDS = 30.0

# A refusal's code, for each way in to map to its own form (an HTTP status, a close code, a
# page's words): unauthorized, forbidden, not_found, mission_over, mission_failed, server_full,
# no_headroom, store_unavailable, rate_limited, no_writer, replaced.
UNAUTHORIZED_MESSAGE = "A valid API key is required (the X-API-Key header or the api_key query parameter)."
FORBIDDEN_MESSAGE = "This mission belongs to another API key."
STORE_MESSAGE = "The mission database is unavailable; please try again shortly."
STORE_RETRY_AFTER_SECONDS = 5.0
MISDIRECTED_MESSAGE = (
    "This show is on another server of the fleet: route /api/v1/ws/{id} and /api/v1/ws/{id}/listen "
    "to the same server by mission id."
)
LISTEN_TOKEN_MESSAGE = "This listen link is not valid: ask the player for the link again."  # noqa: S105


def _store_unavailable() -> Refusal:
    return Refusal(STORE_MESSAGE, "store_unavailable", retry_after=STORE_RETRY_AFTER_SECONDS)


@dataclass(frozen=True)
class Caller:
    """Who knocks: the key's principal (None with keys off) and the address the limits count."""

    principal: str | None
    address: str


def client_address(peer: str | None, forwarded_for: str | None, *, trust_forwarded: bool) -> str:
    """The caller's address for rate limits: the forwarded one only behind a trusted proxy."""
    if trust_forwarded and forwarded_for:
        first = forwarded_for.split(",")[0].strip()
        if first:
            return first
    return peer or "unknown"


class ShowDoor:
    def __init__(
        self,
        settings: Settings,
        missions: MissionService,
        sessions: SessionRegistry,
        session_deps: Callable[[], SessionDeps],
        fleet: Fleet | None = None,
        *,
        clock: Clock = REAL_CLOCK,
        headroom: HeadroomGauge | None = None,
        relays: Relays | None = None,
    ) -> None:
        """``headroom``: whether one more show fits, to refuse one that would stall the live ones.
        ``relays``: the listeners of each show played here."""
        self.settings = settings
        self.api_keys = ApiKeys.from_settings(settings)
        self.create_limits: CreateLimiter = (
            CreateMissionLimits.from_settings(settings, clock.monotonic)
            if fleet is None
            else fleet.create_limits
        )
        self._missions = missions
        self._sessions = sessions
        self._seats = sessions if fleet is None else fleet.seats
        self._fleet = fleet
        self._session_deps = session_deps
        self._clock = clock
        self._headroom = headroom
        self.relays = relays or Relays(
            max_listeners=settings.max_listeners_per_show,
            max_behind_seconds=settings.listener_max_behind_seconds,
        )
        self._listening: Counter[str] = Counter()  # listeners per address, across shows

    @property
    def keys_required(self) -> bool:
        return self.api_keys.enabled

    def principal(self, presented_key: str | None) -> str | None:
        """The key's principal; None when keys are off. A missing or unknown key is refused."""
        if not self.api_keys.enabled:
            return None
        principal = self.api_keys.principal_for(presented_key)
        if principal is None:
            raise Refusal(UNAUTHORIZED_MESSAGE, "unauthorized")
        return principal

    async def create(self, topic: str | None, user_id: str, caller: Caller) -> PropagandaMission:
        """A new mission, within the per-address and per-user limits."""
        wait, which = await self.create_limits.check(user_id, caller.address)
        wait = self._clock.real_seconds(wait)  # the limits count the show's time; a caller, real time
        if wait > 0:
            raise Refusal(
                f"Too many new missions: {which}. Try again in {max(1, round(wait))} s.",
                "rate_limited",
                retry_after=wait,
            )
        try:
            return await self._missions.create_mission(topic, user_id, owner=caller.principal)
        except NoWriterAvailable as exc:
            raise Refusal(f"No writer can serve: {exc}", "no_writer") from exc
        except StoreUnavailable as exc:
            raise _store_unavailable() from exc

    async def mission(self, raw_id: object, principal: str | None) -> PropagandaMission:
        """The mission, if it exists and the caller may see it."""
        mission_id = parse_mission_id(raw_id)
        if mission_id is None:
            raise Refusal(NOT_FOUND_MESSAGE, "not_found")
        try:
            mission = await self._missions.get_mission(mission_id)
        except StoreUnavailable as exc:
            raise _store_unavailable() from exc
        if mission is None:
            raise Refusal(NOT_FOUND_MESSAGE, "not_found")
        if not may_use(mission.owner, principal):
            raise Refusal(FORBIDDEN_MESSAGE, "forbidden")
        return mission

    async def admit(self, raw_id: object, principal: str | None) -> PropagandaMission:
        """The mission, if the caller may play it now (a mission still being written may be joined)."""
        return playable(await self.mission(raw_id, principal))

    @asynccontextmanager
    async def show(
        self, mission_id: MissionId, evict: Callable[[], Awaitable[None]], *, speaks_first: bool = True
    ) -> AsyncIterator[GameSession]:
        """A session for an admitted mission, holding its seat: a newer holder evicts this one."""
        cap = self.settings.max_live_sessions
        if len(self._sessions) and not self._sessions.is_live(mission_id):
            self._refuse_without_headroom(mission_id)
        try:
            seat = self._seats.seat(mission_id, evict, max_sessions=cap)
            await seat.__aenter__()
        except SeatTakenOver:
            raise Refusal("Another connection took over this mission.", "replaced") from None
        except StoreUnavailable as exc:
            raise _store_unavailable() from exc
        except RegistryFull:
            log.warning("Refused mission %s: %d live shows is this server's limit", mission_id, cap)
            raise Refusal(
                f"The server is at its limit of {cap} live shows; try again in a minute.", "server_full"
            ) from None
        relay = self.relays.get(mission_id)
        try:
            yield GameSession(mission_id, self._session_deps(), speaks_first=speaks_first, relay=relay)
        finally:
            await seat.__aexit__(None, None, None)
            self.relays.release(relay)

    async def listen(self, raw_id: object, presented: str | None) -> PropagandaMission:
        """The mission, if ``presented`` (its listen token, or its owner's API key) lets the caller
        listen. Keys off: anyone with the link."""
        mission_id = parse_mission_id(raw_id)
        if mission_id is None:
            raise Refusal(NOT_FOUND_MESSAGE, "not_found")
        if not self.api_keys.grants_listening(mission_id, presented):
            try:
                principal = self.principal(presented)
            except Refusal:
                raise Refusal(LISTEN_TOKEN_MESSAGE, "unauthorized") from None
            return await self.mission(mission_id, principal)
        return await self.mission(mission_id, None)

    async def refuse_listening_elsewhere(self, mission_id: MissionId) -> None:
        """In a fleet, a listener must reach the process that plays the show: listeners are
        relayed from it alone. Refused (``misdirected``) when another process holds the show."""
        if self._fleet is None or self.relays.is_live_here(mission_id):
            return
        try:
            elsewhere = await self._fleet.seats.is_live(mission_id)
        except StoreUnavailable as exc:
            raise _store_unavailable() from exc
        if elsewhere:
            raise Refusal(MISDIRECTED_MESSAGE, "misdirected", retry_after=1.0)

    @asynccontextmanager
    async def listener(self, mission_id: MissionId, address: str) -> AsyncIterator[Listener]:
        """A place among the show's listeners, within the per-show and per-address caps."""
        settings = self.settings
        if self._listening[address] >= settings.max_listeners_per_address:
            raise Refusal(
                f"This address already listens to {settings.max_listeners_per_address} shows at once.",
                "rate_limited",
                retry_after=HEADROOM_RETRY_SECONDS,
            )
        relay = self.relays.get(mission_id)
        try:
            listener = relay.join()
        except ListenersFull:
            self.relays.release(relay)
            raise Refusal(
                f"This show has as many listeners as it can take ({settings.max_listeners_per_show}); "
                "try again later.",
                "server_full",
                retry_after=HEADROOM_RETRY_SECONDS,
            ) from None
        self._listening[address] += 1
        try:
            yield listener
        finally:
            relay.leave(listener)
            self._listening[address] -= 1
            if not self._listening[address]:
                del self._listening[address]
            self.relays.release(relay)

    def _refuse_without_headroom(self, mission_id: MissionId) -> None:
        """A new show starts only while the voices and the loop keep up with the shows on air (with
        none on air it cannot stall any; a show already live here may always reconnect: it adds no
        work)."""
        if self._headroom is None:
            return
        shortfall = self._headroom.read().shortfall(self.settings)
        if shortfall is not None:
            log.warning("Refused mission %s: no headroom (%s)", mission_id, shortfall)
            raise Refusal(
                "The station is carrying as many live shows as it can without them stuttering; "
                "try again in a minute.",
                "no_headroom",
                retry_after=HEADROOM_RETRY_SECONDS,
            )
