"""End to end: each gold plan written as a real Word file, imported, scored against the gold."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import theodoi.importer
from theodoi.importer.tests.builders import GOLD, GOLD_FILES, plan_to_docx

SCORER = GOLD.parent / "tools" / "score_import.py"
import_document = getattr(theodoi.importer, "import_document", None)

pytestmark = pytest.mark.skipif(
    import_document is None or not GOLD_FILES or not SCORER.is_file(),
    reason="needs the plan rules (import_document) and shared/gold with shared/tools/score_import.py",
)


def scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_import", SCORER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem[:3])
def test_a_gold_plan_written_as_docx_imports_back(path: Path) -> None:
    gold: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    assert import_document is not None
    plan = import_document(plan_to_docx(gold), path.stem + ".docx").plan
    result = scorer().score_document(gold, plan)
    assert result["score"] >= 0.95, result["misses"][:10]
