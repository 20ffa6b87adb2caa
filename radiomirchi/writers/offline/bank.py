"""Reading the offline writer's template banks: JSON files under ``banks/``, one per module that
serves them, checked for shape as they load so that a bad edit fails at import, not mid-show."""

from __future__ import annotations

import json
from importlib import resources
from typing import cast


class BankError(ValueError):
    """A template bank is missing a key or holds a value of the wrong shape."""


def load_bank(name: str) -> dict[str, object]:
    """The bank ``banks/<name>.json`` (shipped inside the package, next to this module)."""
    text = resources.files(__package__).joinpath("banks", f"{name}.json").read_text(encoding="utf-8")
    bank = json.loads(text)
    if not isinstance(bank, dict):
        raise BankError(f"bank {name}: not an object")
    return cast(dict[str, object], bank)


def text(value: object, where: str) -> str:
    if not isinstance(value, str):
        raise BankError(f"{where}: expected a string")
    return value


def strings(value: object, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise BankError(f"{where}: expected a list of strings")
    return cast(list[str], value)


def string_lists(value: object, where: str) -> list[list[str]]:
    if not isinstance(value, list):
        raise BankError(f"{where}: expected a list of lists of strings")
    return [strings(item, f"{where}[{index}]") for index, item in enumerate(value)]


def word_set(value: object, where: str) -> frozenset[str]:
    return frozenset(strings(value, where))


def pools(value: object, where: str) -> dict[str, list[str]]:
    """``{key: [string, ...]}``, in the file's order."""
    if not isinstance(value, dict):
        raise BankError(f"{where}: expected an object")
    return {key: strings(item, f"{where}.{key}") for key, item in value.items()}


def labels(value: object, where: str) -> dict[str, str]:
    if not isinstance(value, dict):
        raise BankError(f"{where}: expected an object")
    return {key: text(item, f"{where}.{key}") for key, item in value.items()}


def lines(value: object, where: str) -> str:
    """A multi-line template stored as a list of its lines."""
    return "\n".join(strings(value, where))
