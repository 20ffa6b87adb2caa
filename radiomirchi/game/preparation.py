"""Waiting for a mission's show to be prepared (Stage 2), by watching the store."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from radiomirchi.schemas import MissionId, MissionStatus, PropagandaMission
from radiomirchi.store import MissionStore

# A mission still being prepared is looked at this often, for at most this long.
PREPARE_POLL_SECONDS = 0.2
PREPARE_TIMEOUT_SECONDS = 120.0


async def wait_until_prepared(
    store: MissionStore,
    mission_id: MissionId,
    *,
    on_wait: Callable[[], Awaitable[None]] | None = None,
    patience_seconds: float = PREPARE_TIMEOUT_SECONDS,
) -> PropagandaMission | None:
    """The mission once Stage 2 is over (ready, failed, or further on); None for an unknown id.

    ``on_wait`` runs once if it has to wait; past ``patience_seconds``, ``TimeoutError``.
    """
    async with asyncio.timeout(patience_seconds):
        told = False
        while True:
            mission = await store.get_mission(mission_id)
            if mission is None or mission.status is not MissionStatus.stage1:
                return mission
            if not told and on_wait is not None:
                await on_wait()
            told = True
            await asyncio.sleep(PREPARE_POLL_SECONDS)
