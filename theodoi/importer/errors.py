"""The one error the importer raises for a file it cannot read; `message` is shown to the user."""

from __future__ import annotations


class UnreadableDocument(Exception):
    """A file that cannot be read as a plan document; `message` says why, in Vietnamese."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
