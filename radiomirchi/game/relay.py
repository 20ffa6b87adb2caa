"""Listeners: the show as the player hears it, copied to anyone holding its listen link.

A show is voiced once. Its sink is wrapped (``RelaySink``): every event and audio frame the player
is sent is also handed to each listener's queue, without waiting. A listener that falls behind by
more than ``max_behind_seconds`` of the hosts' audio is dropped; the show and the other listeners
never wait for one. A caller's turn is handed on whole, and does not count towards it. A late
listener starts with what is on air now: the show's hosts, the latest meter, the latest call with
its verdict (without its audio) and the line being spoken (its audio from the next frame on).

A mission's relay outlives the player's connection (a player who reconnects keeps the same
listeners) and goes when the show has ended and its listeners have gone. The caller is heard too:
the player's own speech, and a typed break-in voiced in a caller's voice (``caller_on_air``).
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Literal

from radiomirchi.game import balance, events
from radiomirchi.game.sink import ShowSink
from radiomirchi.schemas import MissionId
from radiomirchi.speech.audio import pcm_seconds, seconds_to_bytes

log = logging.getLogger(__name__)

# What a listener is sent: the show's events and its audio (PCM s16le mono 24 kHz).
Relayed = events.ShowEvent | events.CallerOnAir | events.CallerOffAir | events.OffAir | bytes

# A caller's audio goes to listeners in pieces this long, as the hosts' does.
CALLER_PIECE_BYTES = seconds_to_bytes(0.25)
# The longest a caller's turn can sound: a spoken one is cut at MAX_UTTERANCE_SECONDS, a typed one
# at MAX_INTERJECTION_CHARS, read at 12 characters a second (every voice here reads faster). A
# listener's player holds this much more than its lag (``max_behind_seconds``), so a turn that
# arrives whole is heard whole.
LONGEST_CALL_SECONDS = max(balance.MAX_UTTERANCE_SECONDS, balance.MAX_INTERJECTION_CHARS / 12)

# The player's own problems (a refused break-in) are theirs, not the audience's.
_PLAYER_ONLY = (events.Problem,)


class ListenersFull(Exception):
    """The show already has as many listeners as a show may."""


@dataclass(eq=False)
class Listener:
    """One listener's queue. ``items()`` ends when the show ends or the listener is dropped.

    Behind is counted in the show's paced audio only (the hosts', handed on as the player hears
    it). A caller's turn arrives whole, faster than real time, and a listener who reads as fast as
    it is fed could not have read it yet: counted, a long break-in dropped every listener."""

    max_behind_seconds: float
    # Each item with the seconds it counts towards being behind.
    _queue: deque[tuple[Relayed | None, float]] = field(default_factory=deque)
    _arrived: asyncio.Event = field(default_factory=asyncio.Event)
    _behind_seconds: float = 0.0
    dropped: bool = False

    def offer(self, item: Relayed | None, *, paced: bool = True) -> bool:
        """Queue ``item`` (None ends the stream); False when the listener is too far behind."""
        counted = pcm_seconds(len(item)) if paced and isinstance(item, bytes) else 0.0
        self._behind_seconds += counted
        if self._behind_seconds > self.max_behind_seconds:
            self.dropped = True
            self._queue.clear()
            self._queue.append((None, 0.0))
            self._arrived.set()
            return False
        self._queue.append((item, counted))
        self._arrived.set()
        return True

    async def items(self) -> AsyncIterator[Relayed]:
        while True:
            while not self._queue:
                self._arrived.clear()
                await self._arrived.wait()
            item, counted = self._queue.popleft()
            if item is None:
                return
            self._behind_seconds = max(0.0, self._behind_seconds - counted)
            yield item


class ShowRelay:
    """One mission's listeners, and what a late one needs to join the show on air."""

    def __init__(self, mission_id: MissionId, *, max_listeners: int, max_behind_seconds: float) -> None:
        self.mission_id = mission_id
        self._max_listeners = max_listeners
        self._max_behind_seconds = max_behind_seconds
        self._listeners: list[Listener] = []
        self._live: events.ShowLive | None = None
        self._meter: events.ListenersTick | None = None
        self._line: events.LineStarted | events.CallerOnAir | None = None
        # The call under way (its events so far), and the latest call answered, up to its verdict:
        # a listener who joins (or comes back) after it still reads what the last caller did.
        self._call: list[Relayed] = []
        self._answered_call: list[Relayed] = []
        self._ended: events.MissionEnded | None = None
        self.sources = 0  # sessions playing into this relay now (0 or 1; 2 briefly on a takeover)

    def __len__(self) -> int:
        return len(self._listeners)

    @property
    def ended(self) -> bool:
        return self._ended is not None

    @property
    def idle(self) -> bool:
        return not self._listeners and not self.sources

    def join(self) -> Listener:
        """A new listener, starting with what is on air now. Raises ``ListenersFull``."""
        if len(self._listeners) >= self._max_listeners:
            raise ListenersFull(f"this show already has {len(self._listeners)} listeners")
        listener = Listener(self._max_behind_seconds)
        last_call = () if isinstance(self._line, events.CallerOnAir) else self._answered_call
        for now in (self._live, self._meter, *last_call, self._line):
            if now is not None:
                listener.offer(now)
        if self._ended is not None:
            listener.offer(self._ended)
            listener.offer(None)
        else:
            self._listeners.append(listener)
        return listener

    def leave(self, listener: Listener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def publish(self, item: Relayed, *, paced: bool = True) -> None:
        """Hand ``item`` to every listener now; one too far behind is dropped (its stream ends).
        Audio not ``paced`` (a caller's whole turn) does not count towards being behind."""
        self._remember(item)
        for listener in list(self._listeners):
            if not listener.offer(item, paced=paced):
                log.info("Mission %s: dropped a listener that fell behind", self.mission_id)
                self._listeners.remove(listener)
        if isinstance(item, events.MissionEnded):
            self.close()

    def publish_call(self, text: str, source: Literal["text", "voice"], voice: str, pcm: bytes) -> None:
        """A caller's turn, heard by the listeners: on air, their whole audio at once (in pieces as
        long as the hosts'), off air."""
        self.publish(events.CallerOnAir(text, source, voice))
        for start in range(0, len(pcm), CALLER_PIECE_BYTES):
            self.publish(pcm[start : start + CALLER_PIECE_BYTES], paced=False)
        self.publish(events.CallerOffAir(pcm_seconds(len(pcm))))

    def close(self) -> None:
        """End every listener's stream (the show ended, or the server stops)."""
        for listener in self._listeners:
            listener.offer(None)
        self._listeners.clear()

    def _remember(self, item: Relayed) -> None:
        match item:
            case events.ShowLive():
                self._live, self._ended = item, None
            case events.ListenersTick():
                self._meter = item
            case events.LineStarted() | events.CallerOnAir():
                self._line = item
            case events.LineEnded() | events.CallerOffAir() | events.OffAir():
                self._line = None
            case events.MissionEnded():
                self._ended, self._line = item, None
        self._remember_the_call(item)

    def _remember_the_call(self, item: Relayed) -> None:
        """The latest call's events, from the caller on air (or heard) to the verdict."""
        match item:
            case events.CallerOnAir():
                self._call, self._answered_call = [item], []
            case events.CallerOffAir() if self._call:
                self._call.append(item)
            case events.Heard():
                if not self._call:
                    self._answered_call = []
                self._call.append(item)
            case events.VerdictGiven():
                self._answered_call, self._call = [*self._call, item], []


class RelaySink:
    """The player's sink, with every event and frame it is given copied to the show's listeners."""

    def __init__(self, player: ShowSink, relay: ShowRelay) -> None:
        self._player = player
        self._relay = relay

    async def emit(self, event: events.ShowEvent) -> None:
        await self._player.emit(event)
        if not isinstance(event, _PLAYER_ONLY):
            self._relay.publish(event)

    async def play(self, pcm: bytes) -> None:
        # Copied once the player's sink has paced it, so listeners hear it when the player does.
        await self._player.play(pcm)
        self._relay.publish(pcm)

    def heard_seconds(self) -> float:
        return self._player.heard_seconds()

    def clear(self) -> float:
        return self._player.clear()

    async def played_out(self) -> None:
        await self._player.played_out()


class Relays:
    """Every show's relay in this process, made when a show or a listener first asks."""

    def __init__(self, *, max_listeners: int, max_behind_seconds: float) -> None:
        self._max_listeners = max_listeners
        self._max_behind_seconds = max_behind_seconds
        self._relays: dict[MissionId, ShowRelay] = {}

    def __len__(self) -> int:
        return sum(len(relay) for relay in self._relays.values())

    def get(self, mission_id: MissionId) -> ShowRelay:
        relay = self._relays.get(mission_id)
        if relay is None:
            relay = ShowRelay(
                mission_id, max_listeners=self._max_listeners, max_behind_seconds=self._max_behind_seconds
            )
            self._relays[mission_id] = relay
        return relay

    def is_live_here(self, mission_id: MissionId) -> bool:
        relay = self._relays.get(mission_id)
        return relay is not None and relay.sources > 0

    def release(self, relay: ShowRelay) -> None:
        """Forget ``relay`` once nobody plays into it or listens to it."""
        if relay.idle and self._relays.get(relay.mission_id) is relay:
            del self._relays[relay.mission_id]

    def close(self) -> None:
        for relay in self._relays.values():
            relay.close()
        self._relays.clear()
