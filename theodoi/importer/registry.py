"""A registry of named rules kept in priority order, in the manner of Python-Markdown.

Rules are tried from the highest priority down; registering a name again replaces the old rule,
so a deployment can swap one rule without touching the others.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class _Entry(Generic[T]):
    name: str
    priority: float
    item: T


class Registry(Generic[T]):
    def __init__(self) -> None:
        self._entries: dict[str, _Entry[T]] = {}
        self._order: list[_Entry[T]] | None = None

    def register(self, item: T, name: str, priority: float) -> None:
        self._entries[name] = _Entry(name, priority, item)
        self._order = None

    def deregister(self, name: str) -> None:
        self._entries.pop(name, None)
        self._order = None

    def names(self) -> list[str]:
        return [entry.name for entry in self._sorted()]

    def __contains__(self, name: object) -> bool:
        return name in self._entries

    def __getitem__(self, name: str) -> T:
        return self._entries[name].item

    def __iter__(self) -> Iterator[T]:
        return (entry.item for entry in self._sorted())

    def __len__(self) -> int:
        return len(self._entries)

    def _sorted(self) -> list[_Entry[T]]:
        if self._order is None:
            self._order = sorted(self._entries.values(), key=lambda entry: -entry.priority)
        return self._order
