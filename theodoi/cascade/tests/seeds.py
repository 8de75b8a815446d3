"""The two sample plans of the cascade (000: the Sở's plan, 001: the province's), as Plan JSON.

The hand-checked gold files are used when ../shared is beside the project; otherwise the
project's own copies of the seed documents are read by the importer (pure Python, no database).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from conftest import SHARED

LOWER = "000_6574c376147333d0"
HIGHER = "001_d3ec81e35b4e1de3"
NATIONAL = "004_b739e41cd6749cb2"
DATA = Path(__file__).parent / "data"
SEEDS = Path(__file__).resolve().parents[2] / "demo" / "seeds"


@cache
def seed_document(stem: str) -> dict[str, Any]:
    gold = SHARED / "gold" / f"{stem}.json"
    if gold.is_file():
        return json.loads(gold.read_text("utf-8"))
    from theodoi.importer import import_document

    path = SEEDS / f"{stem}.txt"
    return import_document(path.read_bytes(), path.name).plan


def expected_links() -> dict[str, str]:
    """Lower ref → higher ref, as read by hand from both plans (data/links_000_001.json)."""
    data = json.loads((DATA / "links_000_001.json").read_text("utf-8"))
    return {row["lower"]: row["higher"] for row in data["links"]}


def higher_ref(ref: str, refs: set[str]) -> str:
    """001 prints one VII.2 row without a number (gold VII.2#4, the importer may say VII.2.4)."""
    return ref if ref in refs else ref.replace("#", ".")
