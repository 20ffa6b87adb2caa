"""The layers hold: read every module's imports (an AST walk, nothing is imported or run) and fail
on a back stair, an inner layer reaching up into an outer one.

The game core knows its writer only through its own port (``game.writer_port``) and is handed
everything outer (a writer, the store) by the composition root; speech and the store know nothing
of the game.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "radiomirchi"

_OUTER_TO_THE_GAME = (
    "radiomirchi.writers",
    "radiomirchi.missions",
    "radiomirchi.door",
    "radiomirchi.api",
    "radiomirchi.ui",
    "radiomirchi.fleet",
    "radiomirchi.services",
    "radiomirchi.server",
)
_OUTER_TO_SPEECH_AND_STORE = (*_OUTER_TO_THE_GAME, "radiomirchi.game", "radiomirchi.meaning")

# Modules (by package prefix) and what each may not import, itself or any module under it.
FORBIDDEN: dict[str, tuple[str, ...]] = {
    "radiomirchi.game": _OUTER_TO_THE_GAME,
    "radiomirchi.speech": _OUTER_TO_SPEECH_AND_STORE,
    "radiomirchi.store": _OUTER_TO_SPEECH_AND_STORE,
}


@dataclass(frozen=True)
class BackStair:
    module: str
    line: int
    imported: str

    def __str__(self) -> str:
        return f"{self.module}:{self.line} imports {self.imported}"


def module_name(path: Path, root: Path = ROOT) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(source: str, module: str, is_package: bool = False) -> Iterator[tuple[int, str]]:
    """Every module ``source`` imports, anywhere (inside functions and ``TYPE_CHECKING`` too),
    with relative imports resolved against ``module``. ``from a import b`` yields ``a.b`` as well
    as ``a``, since ``b`` may be a submodule."""
    package = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            yield node.lineno, base
            for alias in node.names:
                yield node.lineno, f"{base}.{alias.name}"


def _within(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def back_stairs(module: str, source: str, is_package: bool = False) -> list[BackStair]:
    """The imports of ``module`` that its layer forbids."""
    forbidden = [banned for owner, banned in FORBIDDEN.items() if _within(module, owner)]
    found: list[BackStair] = []
    for line, imported in imported_modules(source, module, is_package):
        for banned in forbidden:
            if any(_within(imported, prefix) for prefix in banned):
                found.append(BackStair(module, line, imported))
                break
    return sorted(set(found), key=lambda stair: (stair.module, stair.line, stair.imported))


def tree_back_stairs(package: Path = PACKAGE) -> list[BackStair]:
    found: list[BackStair] = []
    for path in sorted(package.rglob("*.py")):
        found += back_stairs(
            module_name(path, package.parent), path.read_text(encoding="utf-8"), path.name == "__init__.py"
        )
    return found


def test_no_module_imports_from_a_layer_above_it() -> None:
    assert [str(stair) for stair in tree_back_stairs()] == []


def test_the_walk_reads_every_layer_it_guards() -> None:
    modules = {module_name(path) for path in PACKAGE.rglob("*.py")}
    for owner in FORBIDDEN:
        assert any(_within(name, owner) for name in modules), owner


def test_a_back_stair_is_flagged_wherever_it_hides() -> None:
    source = """
from __future__ import annotations
from typing import TYPE_CHECKING
from radiomirchi.schemas import Verdict
from radiomirchi.game import balance
if TYPE_CHECKING:
    from radiomirchi.writers.offline import OfflineWriter

def late() -> None:
    import radiomirchi.ui.page
"""
    stairs = back_stairs("radiomirchi.game.example", source)
    assert [(stair.line, stair.imported) for stair in stairs] == [
        (7, "radiomirchi.writers.offline"),
        (7, "radiomirchi.writers.offline.OfflineWriter"),
        (10, "radiomirchi.ui.page"),
    ]


def test_a_from_import_of_an_outer_package_and_a_relative_import_are_flagged() -> None:
    assert back_stairs("radiomirchi.store.sqlite", "from radiomirchi import fleet\n") == [
        BackStair("radiomirchi.store.sqlite", 1, "radiomirchi.fleet")
    ]
    relative = back_stairs("radiomirchi.speech.tts.fallback", "from ...game.balance import X\n")
    assert [stair.imported for stair in relative] == [
        "radiomirchi.game.balance",
        "radiomirchi.game.balance.X",
    ]


def test_outer_layers_may_import_inner_ones() -> None:
    source = "from radiomirchi.game.writer_port import ScriptWriter\nimport radiomirchi.schemas\n"
    assert back_stairs("radiomirchi.writers.base", source) == []
    assert back_stairs("radiomirchi.game.session", "from radiomirchi.store import MissionStore\n") == []
