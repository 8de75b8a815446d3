import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from theodoi.demo.loader import DEMO_DIR
from theodoi.plans.models import Plan

SEED_000 = DEMO_DIR / "seeds" / "000_6574c376147333d0.txt"


def test_import_json_needs_no_database(capsys):
    call_command("import", str(SEED_000), "--json")
    plan = json.loads(capsys.readouterr().out)
    assert set(plan) >= {"plan", "indicators", "tasks"} and len(plan["tasks"]) == 63


@pytest.mark.django_db
def test_import_save_loads_and_reloads_in_place(capsys):
    from theodoi.units.services import directory_load

    directory_load(actor=None, data=json.loads((DEMO_DIR.parent / "units/demo/directory.json").read_text("utf-8")))
    call_command("import", str(SEED_000), "--save", "--plan-owner", "dong-nai.so-khcn")
    call_command("import", str(SEED_000), "--save", "--plan-owner", "dong-nai.so-khcn")
    plan = Plan.objects.get()
    assert plan.tasks.count() == 63 and plan.owner.code == "dong-nai.so-khcn"


@pytest.mark.django_db
def test_import_save_unknown_owner_and_unreadable_file_exit_2(tmp_path):
    empty = tmp_path / "rong.txt"
    empty.write_bytes(b"")
    with pytest.raises(CommandError) as caught:
        call_command("import", str(empty), "--save")
    assert caught.value.returncode == 2
    with pytest.raises(CommandError) as caught:
        call_command("import", str(SEED_000), "--save", "--plan-owner", "khong-co")
    assert caught.value.returncode == 2
    assert not Plan.objects.exists()
