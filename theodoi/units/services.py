"""Writes to the unit directory."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from theodoi.audit.services import audit_record
from theodoi.core.errors import ApplicationError
from theodoi.core.text import search_key
from theodoi.units.choices import ALLOWED_PARENT_KINDS, UnitKind
from theodoi.units.models import Unit, UnitAlias, UnitGroup


def _load_node(node: dict[str, Any], parent: Unit | None, sample: bool, seen: set[str]) -> int:
    code = node.get("code") or ""
    kind = node.get("kind")
    if kind not in UnitKind.values:
        raise ApplicationError(f"Đơn vị {node.get('name')!r}: loại {kind!r} không hợp lệ")
    if code in seen:
        raise ApplicationError(f"Mã đơn vị {code!r} bị trùng")
    if (parent.kind if parent else None) not in ALLOWED_PARENT_KINDS[kind]:
        raise ApplicationError(f"Đơn vị {node.get('name')!r} ({kind}) không thể thuộc {parent}")
    seen.add(code)
    unit = Unit.objects.filter(code=code).first() or Unit(code=code)
    unit.parent, unit.kind, unit.is_sample = parent, kind, sample
    unit.name, unit.short_name = node["name"], node.get("short_name") or ""
    try:
        unit.full_clean(exclude=["search_key"])
    except ValidationError as exc:
        raise ApplicationError(f"Đơn vị {node.get('name')!r}: {'; '.join(exc.messages)}") from exc
    unit.save()
    for alias in node.get("aliases") or []:
        unit_alias_ensure(unit, alias)
    count = 1
    for child in node.get("children") or []:
        count += _load_node(child, unit, sample, seen)
    return count


def unit_alias_ensure(unit: Unit, text: str) -> bool:
    """Keep `text` as a spelling of `unit` (compared by its search key); True when it is new.
    Callers record the audit entry, once per load or per person's action."""
    _, created = UnitAlias.objects.get_or_create(unit=unit, key=search_key(text), defaults={"text": text})
    return created


@transaction.atomic
def directory_load(*, actor: Any, data: dict[str, Any]) -> int:
    """Create or update units, aliases and listed groups from a directory document, by code.

    Shape: {"sample": bool, "units": [{name, short_name, code, kind, aliases, children}],
    "groups": [{token, scope, members: [codes]}]}. Returns the number of units written.
    """
    sample = bool(data.get("sample"))
    seen: set[str] = set()
    count = sum(_load_node(node, None, sample, seen) for node in data.get("units") or [])
    for group in data.get("groups") or []:
        scope = Unit.objects.filter(code=group["scope"]).first()
        if scope is None:
            raise ApplicationError(f"Nhóm {group['token']}: không có đơn vị phạm vi {group['scope']!r}")
        members = list(Unit.objects.filter(code__in=group.get("members") or []))
        missing = set(group.get("members") or []) - {unit.code for unit in members}
        if missing:
            raise ApplicationError(f"Nhóm {group['token']}: không có đơn vị {', '.join(sorted(missing))}")
        unit_group, _ = UnitGroup.objects.get_or_create(token=group["token"], scope=scope)
        unit_group.full_clean()
        unit_group.members.set(members)
    audit_record(actor=actor, action="directory.load", target_type="units.unit",
                 target_label=f"{count} đơn vị", after={"units": count, "sample": sample})
    return count
