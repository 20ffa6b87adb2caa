"""One copy of each model per process: the accessor itself, and two real apps sharing their models."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Sequence
from contextlib import AsyncExitStack
from pathlib import Path
from typing import Any

import pytest

from radiomirchi.config import Settings
from radiomirchi.game.judge.meaning import Vectors
from radiomirchi.meaning.onnx_minilm import MINILM, OnnxMiniLM
from radiomirchi.server import create_app
from radiomirchi.shared_models import SharedModel, loads
from radiomirchi.speech.stt.whisper import WHISPER, WhisperSTT
from radiomirchi.speech.tts.pico import NANO_TTS
from radiomirchi.speech.tts.piper import PIPER_VOICE

WAIT = 30.0  # seconds: only a broken accessor ever waits this long


class Model:
    """Stands for a loaded model: a distinct object per load."""

    def __init__(self, **options: object) -> None:
        self.options = options


def _each_set_of_options_loaded_once(model: SharedModel[..., Any]) -> bool:
    options = [load.options for load in model.loads]
    return len(options) == len(set(options))


# --- the accessor ---


def test_threads_asking_at_once_for_a_model_get_one_load_of_it() -> None:
    calls: list[int] = []
    entered = threading.Event()
    release = threading.Event()

    def load() -> Model:
        calls.append(threading.get_ident())
        entered.set()
        release.wait(WAIT)
        return Model()

    model = SharedModel("test: slow to load", load)
    threads = 8
    started = threading.Barrier(threads + 1)
    results: list[Model] = []

    def ask() -> None:
        started.wait(WAIT)
        results.append(model.get())

    workers = [threading.Thread(target=ask) for _ in range(threads)]
    for worker in workers:
        worker.start()
    started.wait(WAIT)
    assert entered.wait(WAIT)
    # Every thread is past the barrier while the first load is still running; a brief pause lets
    # them all reach get() (a correct accessor passes however long it is).
    threading.Event().wait(0.2)
    release.set()
    for worker in workers:
        worker.join(WAIT)
    assert len(calls) == 1
    assert len(results) == threads and all(result is results[0] for result in results)
    assert [load.options for load in model.loads] == [()]


def test_different_options_load_separately_and_defaults_are_part_of_the_key() -> None:
    def load(size: str, *, threads: int = 1) -> Model:
        return Model(size=size, threads=threads)

    model = SharedModel("test: sized", load)
    small = model.get("small")
    assert model.get("small", threads=1) is small  # the default, spelled out: the same key
    assert model.get(size="small") is small
    large = model.get("large")
    two_threads = model.get("small", threads=2)
    assert len({id(small), id(large), id(two_threads)}) == 3
    assert large.options == {"size": "large", "threads": 1}
    assert [load.options for load in model.loads] == [
        (("size", "small"), ("threads", 1)),
        (("size", "large"), ("threads", 1)),
        (("size", "small"), ("threads", 2)),
    ]
    assert all(load in loads() for load in model.loads)  # the process's record has them too


def test_a_failed_load_is_not_kept_and_the_next_use_loads_again() -> None:
    attempts: list[int] = []

    def load() -> Model:
        attempts.append(len(attempts))
        if len(attempts) == 1:
            raise OSError("the model file is not there yet")
        return Model()

    model = SharedModel("test: fails once", load)
    with pytest.raises(OSError, match="not there yet"):
        model.get()
    assert model.loads == []
    loaded = model.get()
    assert model.get() is loaded
    assert len(attempts) == 2 and len(model.loads) == 1


def test_one_model_loading_does_not_hold_up_another() -> None:
    second_loaded = threading.Event()

    def load_first() -> Model:
        # Finishes only once the other model has loaded meanwhile, in another thread.
        if not second_loaded.wait(WAIT):
            raise TimeoutError("the second model never loaded while the first was loading")
        return Model()

    first = SharedModel("test: first", load_first)
    second = SharedModel("test: second", Model)
    outcome: list[object] = []
    worker = threading.Thread(target=lambda: outcome.append(first.get()))
    worker.start()
    second.get()
    second_loaded.set()
    worker.join(WAIT)
    assert isinstance(outcome[0], Model)


# --- two real apps in one process ---


@pytest.mark.slow
async def test_two_apps_in_one_process_share_their_models(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    encoders: list[OnnxMiniLM] = []
    encode = OnnxMiniLM.encode

    def noted_encode(self: OnnxMiniLM, texts: Sequence[str]) -> Vectors:
        encoders.append(self)
        return encode(self, texts)

    monkeypatch.setattr(OnnxMiniLM, "encode", noted_encode)
    apps = [create_app(Settings(data_dir=tmp_path / name, _env_file=None)) for name in ("one", "two")]
    whispers = []
    async with AsyncExitStack() as running:
        for app in apps:
            # The lifespan warms the voices and the judge; Whisper loads in the background.
            await running.enter_async_context(app.router.lifespan_context(app))
            stt = app.state.services.stt
            assert isinstance(stt, WhisperSTT)
            await stt.warm_up()
            whispers.append(await asyncio.to_thread(stt.model))
    assert whispers[0] is whispers[1]
    # Each app's judge warmed up on the encoder: the same one.
    assert len(encoders) >= 2 and all(encoder is encoders[0] for encoder in encoders)
    for model in (WHISPER, MINILM, PIPER_VOICE, NANO_TTS):
        assert model.loads, f"{model.name} never loaded"
        assert _each_set_of_options_loaded_once(model), model.loads
