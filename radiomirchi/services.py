"""The app's long-lived parts, chosen from settings, opened at start-up and closed at shutdown."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from radiomirchi.config import Settings
from radiomirchi.missions import MissionService
from radiomirchi.schemas import ProviderHealth
from radiomirchi.store import MissionStore, build_store
from radiomirchi.writers import FallbackWriter, ScriptWriter, build_writer

log = logging.getLogger(__name__)


@dataclass
class Services:
    settings: Settings
    store: MissionStore
    writer: ScriptWriter
    missions: MissionService

    @classmethod
    def from_settings(cls, settings: Settings) -> Services:
        store = build_store(settings)
        writer = build_writer(settings)
        return cls(settings=settings, store=store, writer=writer, missions=MissionService(store, writer))

    async def start(self) -> None:
        await self.store.open()
        resumed = await self.missions.resume_unprepared()
        if resumed:
            log.info("Resumed Stage 2 for %d mission(s) left in stage1", resumed)
        log.info("Providers: writer=%s store=%s", self.writer.name, self.store.name)

    async def stop(self) -> None:
        await self.missions.aclose()
        await self.store.close()

    def provider_health(self) -> ProviderHealth:
        fallbacks = dict(self.writer.fallbacks) if isinstance(self.writer, FallbackWriter) else {}
        return ProviderHealth(
            writer=self.writer.name,
            store=self.store.name,
            fallbacks={f"writer.{stage}": count for stage, count in fallbacks.items()},
        )
