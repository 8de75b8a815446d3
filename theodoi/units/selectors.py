"""Reads over the unit tree: subtrees, name resolution, and group membership per plan owner."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q

from theodoi.core.text import search_key
from theodoi.units.choices import DERIVED_GROUPS, LISTED_GROUPS, UnitKind
from theodoi.units.models import Unit, UnitAlias, UnitGroup

KNOWN_GROUPS = {**DERIVED_GROUPS, **LISTED_GROUPS}


def unit_descendant_ids(unit: Unit) -> list[int]:
    """The unit and all units below it, one query per level (trees here are 3–4 levels deep)."""
    ids = [unit.pk]
    frontier = [unit.pk]
    while frontier:
        frontier = list(Unit.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
        ids.extend(frontier)
    return ids


@dataclass
class UnitNode:
    """A unit in the directory tree as the pages show it, with counts filled in by the caller."""

    unit: Unit
    children: list[UnitNode] = field(default_factory=list)
    lead_count: int = 0
    coordinating_count: int = 0


def unit_tree(*, user: object, query: str = "") -> list[UnitNode]:
    """Active units as a tree of roots (one query); with `query`, the matching units as a flat list.

    Matching compares search keys, so "so noi vu" finds "Sở Nội vụ"; aliases match too.
    """
    from theodoi.accounts.policy import READ, restrict

    units = restrict(Unit.objects.filter(is_active=True), user, READ).select_related("parent")
    words = search_key(query).split()
    if words:
        for word in words:
            alias_units = UnitAlias.objects.filter(key__contains=word).values("unit_id")
            units = units.filter(Q(search_key__contains=word) | Q(pk__in=alias_units))
        return [UnitNode(unit) for unit in sorted(units, key=lambda unit: (unit.search_key, unit.name))]
    rank = {kind: index for index, kind in enumerate(UnitKind.values)}
    ordered = sorted(units, key=lambda unit: (rank.get(unit.kind, len(rank)), unit.search_key, unit.name))
    nodes = {unit.pk: UnitNode(unit) for unit in ordered}  # Python order: "Đ" sorts with "D"
    roots: list[UnitNode] = []
    for node in nodes.values():
        parent = nodes.get(node.unit.parent_id) if node.unit.parent_id else None
        (parent.children if parent else roots).append(node)
    return roots


def _scope_rank(candidate: Unit, owner: Unit | None) -> int:
    """Lower is closer to the plan owner: its own divisions, then its province, then elsewhere."""
    if owner is None:
        return 2
    if candidate.parent_id == owner.pk or candidate.pk == owner.pk:
        return 0
    province = owner.province
    if province is not None and candidate.province == province:
        return 1
    return 2


def unit_resolve(name: str, *, owner: Unit | None = None) -> Unit | None:
    """The unit a name or alias means for a plan of `owner`; None when unknown or ambiguous."""
    key = search_key(name)
    if not key:
        return None
    alias_units = UnitAlias.objects.filter(key=key).values("unit_id")
    candidates = list(
        Unit.objects.filter(Q(search_key=key) | Q(pk__in=alias_units), is_active=True).select_related(
            "parent__parent"
        )
    )
    if not candidates:
        return None
    ranks = {unit.pk: _scope_rank(unit, owner) for unit in candidates}
    best = min(ranks.values())
    closest = [unit for unit in candidates if ranks[unit.pk] == best]
    return closest[0] if len(closest) == 1 else None


def group_members(token: str, *, owner: Unit) -> list[Unit]:
    """The units a group token stands for in a plan of `owner`."""
    province = owner.province
    if token == "@so-ban-nganh":
        if province is None:
            return []
        kinds = [UnitKind.DEPARTMENT, UnitKind.VERTICAL]
        return list(Unit.objects.filter(parent=province, kind__in=kinds, is_active=True).order_by("name"))
    if token == "@ubnd-xa-phuong":
        if province is None:
            return []
        return list(Unit.objects.filter(parent=province, kind=UnitKind.COMMUNE, is_active=True).order_by("name"))
    if token == "@phong-don-vi":
        return list(Unit.objects.filter(parent=owner, kind=UnitKind.DIVISION, is_active=True).order_by("name"))
    scopes = [owner.pk] + ([province.pk] if province is not None and province.pk != owner.pk else [])
    group = UnitGroup.objects.filter(token=token, scope_id__in=scopes).order_by("-scope__kind").first()
    if group is None:
        return []
    return list(group.members.filter(is_active=True).order_by("name"))


@dataclass
class Resolution:
    """How the agency names of a plan map to units; `unknown` lists names with no unit."""

    units: dict[str, Unit] = field(default_factory=dict)
    unknown: list[str] = field(default_factory=list)
    unknown_groups: list[str] = field(default_factory=list)


def names_resolve(names: set[str], *, owner: Unit) -> Resolution:
    result = Resolution()
    for name in sorted(names):
        if name.startswith("@"):
            if name not in KNOWN_GROUPS:
                result.unknown_groups.append(name)
            continue
        unit = unit_resolve(name, owner=owner)
        if unit is None:
            result.unknown.append(name)
        else:
            result.units[name] = unit
    return result


def directory_aliases() -> dict[str, str]:
    """Every spelling in the directory mapped to its unit's canonical name, for the importer.

    A spelling that means units of different names (rare: an abbreviation shared by two
    agencies) is left out, so the importer falls back to its own table rather than guess.
    """
    mapping: dict[str, str] = {}
    ambiguous: set[str] = set()
    rows = UnitAlias.objects.filter(unit__is_active=True).values_list("text", "unit__name")
    for text, name in rows:
        if mapping.get(text, name) != name:
            ambiguous.add(text)
        mapping[text] = name
    for name in Unit.objects.filter(is_active=True).values_list("name", flat=True).distinct():
        mapping.setdefault(name, name)
    return {text: name for text, name in mapping.items() if text not in ambiguous}
