"""Readers that turn plain-text and Markdown exports of plan documents into a `Document`."""

from __future__ import annotations

from theodoi.importer.text.reader import read_text

__all__ = ["read_text"]
