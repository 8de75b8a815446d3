"""`theodoi import`: Plan JSON on stdout, exit code 2 for a file it cannot read, no database."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

SEEDS = Path(__file__).resolve().parents[2] / "demo" / "seeds"


def test_one_file_prints_one_object() -> None:
    out = StringIO()
    call_command("import", str(SEEDS / "004_b739e41cd6749cb2.txt"), "--json", stdout=out)
    plan = json.loads(out.getvalue())
    assert plan["source"] == "004_b739e41cd6749cb2.txt" and len(plan["indicators"]) == 9


def test_an_unreadable_file_fails_with_code_2_while_others_are_read(tmp_path: Path) -> None:
    empty = tmp_path / "rong.txt"
    empty.write_bytes(b"")
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError) as raised:
        call_command(
            "import", str(SEEDS / "000_6574c376147333d0.txt"), str(empty), "--json", stdout=out, stderr=err
        )
    assert raised.value.returncode == 2
    assert "trống" in err.getvalue()
    (line,) = out.getvalue().strip().splitlines()
    assert json.loads(line)["source"] == "000_6574c376147333d0.txt"


@pytest.mark.parametrize("seed", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.stem)
def test_imported_plans_pass_the_loader_checks(seed: Path) -> None:
    from theodoi.importer import import_document
    from theodoi.plans.plan_json import validate_plan_json

    validate_plan_json(import_document(seed.read_bytes(), seed.name).plan)
