"""The plan importer: plan documents (text exports, and .docx/.xlsx/.pdf through `sources`) read
into the Plan JSON of the spec. Pure Python: nothing here imports Django."""

from __future__ import annotations

from theodoi.importer.errors import UnreadableDocument
from theodoi.importer.pipeline import ImportResult, import_document
from theodoi.importer.rules.build import ReviewWarning

__all__ = ["ImportResult", "ReviewWarning", "UnreadableDocument", "import_document"]
