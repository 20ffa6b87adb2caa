"""The one shape of a "no": a ``Refusal`` carries a ``code`` for programs and a message for people.

The game core and the door raise refusals; each way in maps the code to its own form: the REST
API to an HTTP status, the game socket to a close code or an error message, the page to the words
it shows. A subclass says when the refusal came (an unplayable mission, a break-in turned down).
"""

from __future__ import annotations


class Refusal(Exception):
    """Why something was refused: ``code`` says it to a program, ``str(refusal)`` to a person;
    ``retry_after`` is the seconds after which trying again may work, when that is known."""

    def __init__(self, message: str, code: str, *, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.retry_after = retry_after

    @property
    def message(self) -> str:
        return str(self)
