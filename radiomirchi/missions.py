"""Creating missions (Stage 1) and preparing their shows (Stage 2), with no web framework in sight."""

from __future__ import annotations

import asyncio
import logging

from radiomirchi.game.preparation import wait_until_prepared as wait_until_prepared
from radiomirchi.game.writer_port import ScriptWriter
from radiomirchi.schemas import MissionId, MissionStatus, PropagandaMission, new_mission_id
from radiomirchi.store import MissionStore, StoreUnavailable
from radiomirchi.writers import WriterError

log = logging.getLogger(__name__)

# Stage 2 may wait on a slow LLM, but a mission never stays in stage1 forever.
STAGE2_TIMEOUT_SECONDS = 90.0
_STORE_RETRY_DELAYS = (0.5, 1.0, 2.0, 4.0)


class NoWriterAvailable(Exception):
    """No script writer could produce the mission."""


class MissionService:
    def __init__(self, store: MissionStore, writer: ScriptWriter) -> None:
        self._store = store
        self._writer = writer
        self._preparations: dict[MissionId, asyncio.Task[None]] = {}

    async def create_mission(
        self, topic: str | None, user_id: str, *, owner: str | None = None
    ) -> PropagandaMission:
        """Stage 1: write and store the station, then prepare its show in the background.

        ``owner`` is the API-key principal that asked for it (None when keys are off).
        """
        mission_id = new_mission_id()
        try:
            written = await self._writer.generate_initial_propaganda(topic or "", mission_id)
        except WriterError as exc:
            raise NoWriterAvailable(str(exc)) from exc
        mission = PropagandaMission(
            id=mission_id,
            user_id=user_id,
            topic=written.topic,
            story_kind=written.story_kind,
            status=MissionStatus.stage1,
            generation_result=written.result,
            writer=written.writer,
            owner=owner,
        )
        await self._store.insert_mission(mission)
        self.start_preparation(mission)
        return mission

    async def get_mission(self, mission_id: MissionId) -> PropagandaMission | None:
        return await self._store.get_mission(mission_id)

    def start_preparation(self, mission: PropagandaMission) -> None:
        if mission.id in self._preparations:
            return
        task = asyncio.create_task(self._prepare_show(mission), name=f"stage2-{mission.id}")
        self._preparations[mission.id] = task
        task.add_done_callback(lambda _: self._preparations.pop(mission.id, None))

    async def resume_unprepared(self) -> int:
        """After a restart, finish Stage 2 for missions left in stage1."""
        pending = await self._store.list_missions(status=MissionStatus.stage1, limit=1000)
        for mission in pending:
            self.start_preparation(mission)
        return len(pending)

    async def wait_for_preparations(self) -> None:
        """Mainly for tests and benchmarks: wait until no Stage 2 work is running."""
        while self._preparations:
            await asyncio.gather(*self._preparations.values(), return_exceptions=True)

    async def aclose(self) -> None:
        tasks = list(self._preparations.values())
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    async def _prepare_show(self, mission: PropagandaMission) -> None:
        try:
            async with asyncio.timeout(STAGE2_TIMEOUT_SECONDS):
                briefing = await self._writer.generate_unified_dialogue_prompt(mission)
            changes: dict[str, object] = {
                "status": MissionStatus.stage2,
                "dialogue_generator_prompt": briefing.text,
                "briefing_writer": briefing.writer,
            }
        except TimeoutError:
            changes = _failed(f"the show briefing took longer than {STAGE2_TIMEOUT_SECONDS:.0f} s")
        except WriterError as exc:
            changes = _failed(f"no writer could prepare the show: {exc}")
        except Exception as exc:
            log.exception("Stage 2 crashed for mission %s", mission.id)
            changes = _failed(f"preparing the show failed ({type(exc).__name__})")
        await self._save_with_retries(mission.id, changes)

    async def _save_with_retries(self, mission_id: MissionId, changes: dict[str, object]) -> None:
        for delay in (*_STORE_RETRY_DELAYS, None):
            try:
                await self._store.update_mission(mission_id, changes)
                return
            except StoreUnavailable as exc:
                if delay is None:
                    # Left in stage1: resume_unprepared() finishes it on the next start.
                    log.error("Could not save Stage 2 of mission %s: %s", mission_id, exc)
                    return
                await asyncio.sleep(delay)


def _failed(reason: str) -> dict[str, object]:
    return {"status": MissionStatus.failed, "failure_reason": reason}
