"""The one exception the parsers raise."""

from __future__ import annotations


class ParseError(Exception):
    """Input that cannot be read as an annual report. The message is Chinese, for the user.

    `internal` is True when the parser itself failed on the input (a bug to fix, reported as
    unreadable rather than as a traceback); tests and the fuzz run check it stays False.
    """

    def __init__(self, message: str, *, internal: bool = False):
        super().__init__(message)
        self.message = message
        self.internal = internal

    def __str__(self) -> str:
        return self.message
