"""Each sample plan, imported and scored against the hand-checked gold (when the shared folder is there)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

from theodoi.importer import import_document
from theodoi.importer.rules.readers import readers_available

REPO = Path(__file__).resolve().parents[3]
SEEDS = REPO / "theodoi" / "demo" / "seeds"
# `../shared` beside the repository (a worktree sits one level deeper, so look there too).
SHARED = next(
    (p / "shared" for p in (REPO.parent, REPO.parent.parent) if (p / "shared").is_dir()),
    REPO.parent / "shared",
)
SCORER = SHARED / "tools" / "score_import.py"
GOLD = SHARED / "gold"


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_import", SCORER)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("seed", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.stem)
def test_seed_imports(seed: Path) -> None:
    plan = import_document(seed.read_bytes(), seed.name).plan
    assert plan["source"] == seed.name
    assert plan["tasks"] or plan["indicators"]


@pytest.mark.skipif(not SCORER.exists(), reason="../shared (scorer and gold) is not in this clone")
@pytest.mark.skipif(not readers_available(), reason="the deadline and agency readers are not merged yet")
def test_seeds_score_against_gold() -> None:
    scorer = _scorer()
    scores = {}
    for seed in sorted(SEEDS.glob("*.txt")):
        gold = json.loads((GOLD / f"{seed.stem}.json").read_text(encoding="utf-8"))
        plan = import_document(seed.read_bytes(), seed.name).plan
        scores[seed.stem] = scorer.score_document(gold, plan)["score"]
    overall = sum(scores.values()) / len(scores)
    assert overall >= 0.98, scores
