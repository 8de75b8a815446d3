"""Errors the importer raises to its callers."""

from __future__ import annotations


class UnreadableDocument(Exception):
    """The file cannot be read as a plan; `message` is shown to the user as is (Vietnamese)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
