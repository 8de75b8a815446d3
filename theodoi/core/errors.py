"""The one error type services raise; views, the API and commands turn it into a message."""

from __future__ import annotations


class ApplicationError(Exception):
    """A rule of the domain was broken; `message` is shown to the user as is (Vietnamese)."""

    def __init__(self, message: str, *, extra: dict[str, object] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.extra = extra or {}
