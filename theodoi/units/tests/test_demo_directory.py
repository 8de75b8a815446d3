"""Checks on the demo unit directory (theodoi/units/demo/directory.json).

Pure Python and json, no database: the file is data the demo loader reads, so these tests guard
its shape and its agreement with the shared agency table and gold plans (../shared beside the
repository), which are skipped when that folder is absent.
"""

from __future__ import annotations

import csv
import json
import os
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

REPO_ROOT = Path(__file__).resolve().parents[3]
DIRECTORY_PATH = REPO_ROOT / "theodoi" / "units" / "demo" / "directory.json"


def find_shared() -> Path:
    """../shared beside the repository; THEODOI_SHARED_DIR overrides it, and a git worktree kept one
    level further down (wt/<name>) finds it beside its parent."""
    if os.environ.get("THEODOI_SHARED_DIR"):
        return Path(os.environ["THEODOI_SHARED_DIR"])
    for base in (REPO_ROOT.parent, REPO_ROOT.parent.parent):
        if (base / "shared" / "spec").is_dir():
            return base / "shared"
    return REPO_ROOT.parent / "shared"


SHARED = find_shared()
AGENCIES_TSV = SHARED / "spec" / "agencies.tsv"
GOLD_DIR = SHARED / "gold"

KINDS = {"province", "department", "vertical", "organisation", "commune", "division"}
# Which kinds may sit directly under a unit of a given kind (None: the top level).
ALLOWED_CHILDREN: dict[str | None, set[str]] = {
    None: {"province"},
    "province": {"department", "vertical", "organisation", "commune"},
    "department": {"division"},
    "vertical": set(),
    "organisation": set(),
    "commune": set(),
    "division": set(),
}
# Tokens whose members the system derives from kinds and the plan owner.
DERIVED_TOKENS = {"@so-ban-nganh", "@ubnd-xa-phuong", "@phong-don-vi", "@lien-quan"}
UNIT_KEYS = {"name", "short_name", "code", "kind", "aliases"}
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@pytest.fixture(scope="module")
def directory() -> dict[str, Any]:
    with DIRECTORY_PATH.open(encoding="utf-8") as f:
        return json.load(f)


def walk(
    units: list[dict[str, Any]], parent: dict[str, Any] | None = None
) -> Iterator[tuple[dict[str, Any] | None, dict[str, Any]]]:
    for unit in units:
        yield parent, unit
        yield from walk(unit.get("children", []), unit)


def all_units(directory: dict[str, Any]) -> list[dict[str, Any]]:
    return [unit for _, unit in walk(directory["units"])]


def strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from strings(item)


def read_agencies() -> list[tuple[str, list[str]]]:
    if not AGENCIES_TSV.is_file():
        pytest.skip(f"{AGENCIES_TSV} not present")
    with AGENCIES_TSV.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert rows[0] == ["canonical", "aliases"]
    return [(row[0], [a.strip() for a in row[1].split(" | ")]) for row in rows[1:] if row]


def test_file_parses_and_is_flagged_sample(directory: dict[str, Any]) -> None:
    assert set(directory) == {"sample", "note", "units", "groups"}
    assert directory["sample"] is True
    assert "mẫu" in directory["note"]


def test_raw_bytes_are_nfc() -> None:
    text = DIRECTORY_PATH.read_text(encoding="utf-8")
    assert unicodedata.normalize("NFC", text) == text


def test_text_is_nfc_trimmed_and_folded(directory: dict[str, Any]) -> None:
    for s in strings(directory):
        assert s == unicodedata.normalize("NFC", s), s
        assert s == s.strip(), repr(s)
        assert " ".join(s.split()) == s, repr(s)
        assert s, "empty string"


def test_units_have_the_expected_keys(directory: dict[str, Any]) -> None:
    for _, unit in walk(directory["units"]):
        assert UNIT_KEYS <= set(unit) <= UNIT_KEYS | {"children"}, unit.get("code")
        assert isinstance(unit["aliases"], list)
        assert len(unit["aliases"]) == len(set(unit["aliases"])), unit["code"]
        if "children" in unit:
            assert unit["children"], f"{unit['code']}: empty children list"


def test_codes_unique_and_slugged_by_path(directory: dict[str, Any]) -> None:
    codes = [unit["code"] for unit in all_units(directory)]
    assert len(codes) == len(set(codes)), sorted(c for c in codes if codes.count(c) > 1)
    for parent, unit in walk(directory["units"]):
        parts = unit["code"].split(".")
        assert all(SLUG.match(p) for p in parts), unit["code"]
        if parent is None:
            assert len(parts) == 1, unit["code"]
        else:
            assert unit["code"].startswith(parent["code"] + "."), unit["code"]
            assert len(parts) == len(parent["code"].split(".")) + 1, unit["code"]


def test_kinds_valid_and_nesting_makes_sense(directory: dict[str, Any]) -> None:
    for parent, unit in walk(directory["units"]):
        assert unit["kind"] in KINDS, unit["code"]
        parent_kind = None if parent is None else parent["kind"]
        assert unit["kind"] in ALLOWED_CHILDREN[parent_kind], (parent_kind, unit["code"], unit["kind"])


def test_names_unique_within_a_parent(directory: dict[str, Any]) -> None:
    for _, unit in walk(directory["units"]):
        names = [child["name"] for child in unit.get("children", [])]
        assert len(names) == len(set(names)), unit["code"]


def test_each_province_has_the_core_departments(directory: dict[str, Any]) -> None:
    core = {
        "Văn phòng UBND tỉnh",
        "Sở Nội vụ",
        "Sở Tài chính",
        "Sở Tư pháp",
        "Sở Xây dựng",
        "Sở Công Thương",
        "Sở Nông nghiệp và Môi trường",
        "Sở Khoa học và Công nghệ",
        "Sở Giáo dục và Đào tạo",
        "Sở Y tế",
        "Sở Văn hóa, Thể thao và Du lịch",
        "Thanh tra tỉnh",
    }
    for province in directory["units"]:
        children = province["children"]
        departments = {c["name"] for c in children if c["kind"] == "department"}
        assert core <= departments, (province["code"], core - departments)
        assert any(c["kind"] == "commune" for c in children), province["code"]
        for dept in (c for c in children if c["kind"] == "department"):
            assert dept.get("children"), f"{dept['code']} has no divisions"


def test_groups_refer_to_existing_units(directory: dict[str, Any]) -> None:
    by_code = {unit["code"]: unit for unit in all_units(directory)}
    seen = set()
    for group in directory["groups"]:
        assert set(group) == {"token", "scope", "members"}
        assert group["token"].startswith("@"), group
        assert group["token"] not in DERIVED_TOKENS, group["token"]
        assert (group["token"], group["scope"]) not in seen, group
        seen.add((group["token"], group["scope"]))
        assert by_code[group["scope"]]["kind"] == "province", group
        for member in group["members"]:
            assert member in by_code, (group["token"], member)
            assert member.startswith(group["scope"] + "."), (group["token"], member)


def test_every_canonical_agency_is_a_unit(directory: dict[str, Any]) -> None:
    names = {unit["name"] for unit in all_units(directory)}
    missing = [c for c, _ in read_agencies() if not c.startswith("@") and c not in names]
    assert not missing, missing


def test_every_spelling_seen_is_known(directory: dict[str, Any]) -> None:
    agencies = read_agencies()
    known = {unit["name"] for unit in all_units(directory)}
    known |= {alias for unit in all_units(directory) for alias in unit["aliases"]}
    group_phrases = {a for c, aliases in agencies if c.startswith("@") for a in aliases}
    missing = [
        (canonical, alias)
        for canonical, aliases in agencies
        for alias in aliases
        if alias not in known and alias not in group_phrases
    ]
    assert not missing, missing


def test_spelling_resolves_to_its_canonical_name(directory: dict[str, Any]) -> None:
    # An alias from the table must lead to a unit whose name is that row's canonical form.
    by_spelling: dict[str, set[str]] = {}
    for unit in all_units(directory):
        for spelling in [unit["name"], *unit["aliases"]]:
            by_spelling.setdefault(spelling, set()).add(unit["name"])
    for canonical, aliases in read_agencies():
        if canonical.startswith("@"):
            continue
        for alias in aliases:
            assert canonical in by_spelling.get(alias, set()), (canonical, alias)


def test_group_tokens_in_gold_are_covered(directory: dict[str, Any]) -> None:
    if not GOLD_DIR.is_dir():
        pytest.skip(f"{GOLD_DIR} not present")
    used = set()
    for path in sorted(GOLD_DIR.glob("*.json")):
        plan = json.loads(path.read_text(encoding="utf-8"))
        for row in plan["tasks"] + plan["indicators"]:
            for key in ("lead", "coordinating", "responsible"):
                used |= {a for a in row.get(key) or [] if a.startswith("@")}
    assert used, "no group tokens found in the gold files"
    listed = {group["token"] for group in directory["groups"]}
    assert not used - DERIVED_TOKENS - listed, used - DERIVED_TOKENS - listed


def test_gold_agencies_exist_in_the_plan_province(directory: dict[str, Any]) -> None:
    # The Sở KH&CN plans (000, 002) name divisions of that Sở; the provincial plans name units of
    # their province. 003 names no province; it is placed in Đồng Nai (see demo/README.md).
    if not GOLD_DIR.is_dir():
        pytest.skip(f"{GOLD_DIR} not present")
    owners = {
        "000": "dong-nai.so-khcn",
        "001": "dong-nai",
        "002": "dong-nai.so-khcn",
        "003": "dong-nai",
        "004": "son-la",
    }
    units = all_units(directory)
    for path in sorted(GOLD_DIR.glob("*.json")):
        owner = owners[path.name[:3]]
        scope = {u["name"] for u in units if u["code"].startswith(owner + ".")}
        plan = json.loads(path.read_text(encoding="utf-8"))
        for row in plan["tasks"] + plan["indicators"]:
            for key in ("lead", "coordinating", "responsible"):
                for name in row.get(key) or []:
                    assert name.startswith("@") or name in scope, (path.name, row["ref"], name)


def test_spellings_unambiguous_within_a_scope(directory: dict[str, Any]) -> None:
    # Names resolve within the owner's province (its direct units) or within one department
    # (its divisions); a spelling must lead to one unit there. "Văn phòng" may repeat across
    # departments, which is why the scope is one department.
    for province in directory["units"]:
        scopes = [[province, *province["children"]]]
        scopes += [unit["children"] for unit in province["children"] if unit.get("children")]
        for scope in scopes:
            owners: dict[str, set[str]] = {}
            for unit in scope:
                for spelling in {unit["name"], *unit["aliases"]}:
                    owners.setdefault(spelling, set()).add(unit["code"])
            clashes = {s: c for s, c in owners.items() if len(c) > 1}
            assert not clashes, clashes


def test_gold_issuers_resolve_to_a_unit(directory: dict[str, Any]) -> None:
    if not GOLD_DIR.is_dir():
        pytest.skip(f"{GOLD_DIR} not present")
    spellings = {s for unit in all_units(directory) for s in [unit["name"], *unit["aliases"]]}
    for path in sorted(GOLD_DIR.glob("*.json")):
        issuer = json.loads(path.read_text(encoding="utf-8"))["plan"]["issuer"]
        assert issuer in spellings, (path.name, issuer)
