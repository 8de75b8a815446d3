"""The agency and deadline readers this importer uses, owned by another module.

Deadlines come from `theodoi.periods.deadlines.read_deadline` and agency names from
`theodoi.importer.agencies`. Where a build lacks one of them the importer still reads the table,
but leaves the reading empty (deadline kind null, agency cell kept as printed) and says so in a
warning rather than guessing.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Protocol

from theodoi.core.text import clean
from theodoi.importer.text.inline import FOOTNOTE_MARK_RE

DEADLINE_KEYS = ("text", "kind", "from", "due", "every", "trigger")


class _Resolved(Protocol):
    names: list[str]
    note: str | None
    unknown: list[str]


@dataclass
class Agencies:
    names: list[str] = field(default_factory=list)
    note: str | None = None
    unknown: list[str] = field(default_factory=list)


@cache
def _optional(module: str, attribute: str) -> Any:
    try:
        return getattr(importlib.import_module(module), attribute)
    except (ImportError, AttributeError):
        return None


def readers_available() -> bool:
    return bool(_optional("theodoi.periods.deadlines", "read_deadline")) and bool(
        _optional("theodoi.importer.agencies", "AgencyResolver")
    )


def read_deadline(text: str, default_year: int | None) -> dict[str, Any] | None:
    text = clean(text)
    if not text:
        return None
    reader = _optional("theodoi.periods.deadlines", "read_deadline")
    try:
        reading = reader(text, default_year=default_year) if reader else None
    except Exception:  # noqa: BLE001 - one cell must not stop an import; the caller warns
        reading = None
    result: dict[str, Any] = {key: None for key in DEADLINE_KEYS}
    if isinstance(reading, dict):
        result.update({key: reading.get(key) for key in DEADLINE_KEYS})
    result["text"] = text
    return result


class AgencyReader:
    """Wraps the shared resolver; footnote markers in a cell become the cell's note."""

    def __init__(self, notes: dict[str, str], aliases: dict[str, str], owner: str | None) -> None:
        self.notes = notes
        # A plan repeats the same agency cell down many rows; each is read once.
        self._seen: dict[tuple[str, tuple[str, ...]], Agencies] = {}
        resolver_class = _optional("theodoi.importer.agencies", "AgencyResolver")
        self.resolver = None
        if resolver_class is not None:
            try:
                self.resolver = resolver_class(extra_aliases=aliases or None, owner=owner)
            except Exception:  # noqa: BLE001 - the document's own aliases must not stop an import
                self.resolver = resolver_class(owner=owner)

    def read(self, cell: str, markers: list[str] | None = None) -> Agencies:
        """`markers`: footnotes a source already took out of the cell (`Row.notes`)."""
        key = (cell, tuple(markers or ()))
        if key not in self._seen:
            self._seen[key] = self._read(cell, markers)
        found = self._seen[key]
        return Agencies(list(found.names), found.note, list(found.unknown))

    def _read(self, cell: str, markers: list[str] | None) -> Agencies:
        keys = FOOTNOTE_MARK_RE.findall(cell) + list(markers or [])
        notes = [self.notes[m] for m in keys if m in self.notes]
        # Line breaks stay: they separate agencies as commas do.
        text = FOOTNOTE_MARK_RE.sub(" ", cell).strip()
        if not clean(text):
            return Agencies(note="; ".join(notes) or None)
        if self.resolver is None:
            return Agencies([clean(text)], "; ".join(notes) or None, [])
        try:
            resolved: _Resolved = self.resolver.resolve(text)
        except Exception:  # noqa: BLE001 - one cell must not stop an import; it is kept as printed
            return Agencies([clean(text)], "; ".join(notes) or None, [clean(text)])
        if resolved.note:
            notes.insert(0, resolved.note)
        return Agencies(list(resolved.names), "; ".join(notes) or None, list(resolved.unknown))


def document_abbreviations(text: str) -> dict[str, str]:
    finder = _optional("theodoi.importer.agencies", "find_abbreviations")
    try:
        found = finder(text) if finder else {}
    except Exception:  # noqa: BLE001 - without them the shipped names still apply
        found = {}
    return dict(found) if isinstance(found, dict) else {}


def strip_marks(text: str) -> str:
    return clean(FOOTNOTE_MARK_RE.sub(" ", text))
