"""One copy of each model per process, kept one way: ``SharedModel``.

Every model the app runs (Whisper, MiniLM, Piper, Pico, eSpeak NG, Kokoro, the Silero VAD) is
declared once, at module level, as ``SharedModel(name, loader)``. ``model.get(**options)`` returns
the loaded model, calling ``loader(**options)`` the first time those options are asked for in this
process; any later caller, in any app and any thread, gets the same object. The options are the
key (after the loader's defaults are applied), so a setting that changes what is loaded (Whisper's
thread count, say) loads a second copy and nothing else does. A second app in the same process
(a test, the benchmark) therefore costs no model memory.

Loading is blocking work: call ``get`` in a worker thread, never on the event loop. Concurrent
first calls with the same options load once (the others wait for it); different models, or one
model with different options, load in parallel. A loader that raises caches nothing, so the next
call tries again. Whatever is shared must be safe to use from several threads at once: each
module says why its model is, or guards it.

``loads()`` is the process's record of what was loaded, with which options and how long it took,
so tests and benchmarks can check that nothing loaded twice.
"""

from __future__ import annotations

import inspect
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, ParamSpec, TypeVar

log = logging.getLogger(__name__)

P = ParamSpec("P")
T = TypeVar("T")

Options = tuple[tuple[str, object], ...]


@dataclass(frozen=True, slots=True)
class Load:
    """One model loaded: which, with which options, and how long the loader took."""

    model: str
    options: Options
    seconds: float


_LOG_LOCK = threading.Lock()
_LOADS: list[Load] = []


def loads() -> list[Load]:
    """Every model loaded in this process so far, in the order they finished loading."""
    with _LOG_LOCK:
        return list(_LOADS)


class _Slot(Generic[T]):
    """One model with one set of options: loaded at most once, under its own lock."""

    __slots__ = ("lock", "value")

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.value: T | None = None


class SharedModel(Generic[P, T]):
    """A model loaded once per process for each distinct set of loader options."""

    def __init__(self, name: str, loader: Callable[P, T]) -> None:
        self.name = name
        self._loader = loader
        self._signature = inspect.signature(loader)
        self._slots: dict[Options, _Slot[T]] = {}
        self._lock = threading.Lock()  # guards the slots and the record; never held while loading
        self._loads: list[Load] = []

    def get(self, *args: P.args, **kwargs: P.kwargs) -> T:
        """The loaded model for these options; loads it (blocking) if this process has not yet."""
        bound = self._signature.bind(*args, **kwargs)
        bound.apply_defaults()
        options = self._options(bound)
        with self._lock:
            slot = self._slots.setdefault(options, _Slot())
        with slot.lock:
            if slot.value is None:
                started = time.perf_counter()
                slot.value = self._loader(*bound.args, **bound.kwargs)
                load = Load(self.name, options, time.perf_counter() - started)
                with self._lock:
                    self._loads.append(load)
                with _LOG_LOCK:
                    _LOADS.append(load)
                log.info("Loaded %s%s in %.2f s", self.name, _describe(options), load.seconds)
            return slot.value

    def _options(self, bound: inspect.BoundArguments) -> Options:
        """The key: every argument by name, a loader's ``**options`` spread out in name order."""
        options: list[tuple[str, object]] = []
        for name, value in bound.arguments.items():
            kind = self._signature.parameters[name].kind
            if kind is inspect.Parameter.VAR_KEYWORD:
                options.extend(sorted(value.items()))
            elif kind is inspect.Parameter.VAR_POSITIONAL:
                options.append((name, tuple(value)))
            else:
                options.append((name, value))
        return tuple(options)

    @property
    def loads(self) -> list[Load]:
        """This model's loads in this process: one per distinct set of options, if all is well."""
        with self._lock:
            return list(self._loads)


def _describe(options: Options) -> str:
    return f" ({', '.join(f'{key}={value!r}' for key, value in options)})" if options else ""
