"""Importing a plan document: read it into a draft, let a person correct it, then save it."""

from __future__ import annotations

import copy
import hashlib
from typing import Any

from django.db import transaction

from theodoi.accounts import policy
from theodoi.audit.services import audit_record
from theodoi.core.errors import ApplicationError
from theodoi.core.filenames import looks_binary, safe_filename
from theodoi.core.text import clean
from theodoi.imports.models import ImportDraft, ImportState
from theodoi.plans.plan_json import PlanJsonErrors
from theodoi.plans.services import PlanLoadResult, plan_load
from theodoi.units.models import Unit
from theodoi.units.selectors import directory_aliases, unit_resolve
from theodoi.units.services import unit_alias_ensure

MAX_UPLOAD_BYTES = 50 * 1024 * 1024
TABLES = {"tasks", "indicators", "plan"}
PLAN_FIELDS = {"title", "number", "issuer", "place", "signer", "issued_on"}
TEXT_FIELDS = {
    "tasks": {"ref", "name", "description", "objective", "output", "note"},
    "indicators": {"ref", "group", "name", "unit", "data_source", "note"},
}
NAME_FIELDS = {"tasks": {"lead", "coordinating"}, "indicators": {"responsible", "coordinating"}}


def _require_importer(actor: Any) -> None:
    if not policy.can_import_plans(actor):
        raise ApplicationError("Bạn không có quyền nhập kế hoạch.")


def _require_document(data: bytes, name: str) -> None:
    """The type is told by the content, never the name: bytes no document reader claims must at
    least be text (an image or a program renamed .txt is refused)."""
    from theodoi.importer.sources import Kind, sniff

    if sniff(data) is Kind.TEXT and looks_binary(data):
        raise ApplicationError(
            f"{name}: loại tệp không được chấp nhận. Chỉ nhận văn bản .docx, .xlsx, .pdf, .txt hoặc .md."
        )


def _read(data: bytes, name: str) -> Any:
    from theodoi.importer import import_document
    from theodoi.importer.errors import UnreadableDocument

    try:
        return import_document(data, name, aliases=directory_aliases())
    except UnreadableDocument as exc:
        raise ApplicationError(f"{name}: {exc.message}") from exc


def _warnings_json(result: Any) -> list[dict[str, Any]]:
    return [
        {
            "table": warning.table,
            "index": warning.index,
            "field": warning.field,
            "message": warning.message,
            "where": warning.origin.label() if warning.origin else "",
        }
        for warning in result.warnings
    ]


def _origins_json(result: Any) -> dict[str, list[str]]:
    origins: dict[str, list[str]] = {"tasks": [], "indicators": []}
    for table in origins:
        rows = result.plan[table]
        origins[table] = [
            result.origins[(table, index)].label() if (table, index) in result.origins else ""
            for index in range(len(rows))
        ]
    return origins


@transaction.atomic
def import_draft_create(*, actor: Any, data: bytes, name: str, owner: Unit | None = None) -> ImportDraft:
    """Read an uploaded document into a draft for review; nothing touches the plans yet."""
    _require_importer(actor)
    name = safe_filename(clean(name), default="van-ban")
    if not data:
        raise ApplicationError(f"{name}: tệp rỗng.")
    if len(data) > MAX_UPLOAD_BYTES:
        raise ApplicationError(f"{name}: tệp lớn hơn {MAX_UPLOAD_BYTES // (1024 * 1024)} MB.")
    _require_document(data, name)
    result = _read(data, name)
    document = dict(result.plan, source=name)
    if owner is None:
        owner = unit_resolve(document["plan"].get("issuer") or "")
    if owner is None and actor.unit_id and not policy.is_admin(actor):
        owner = actor.unit
    draft = ImportDraft.objects.create(
        created_by=actor, source_name=name, content_hash=hashlib.sha256(data).hexdigest(),
        owner=owner, document=document, warnings=_warnings_json(result), origins=_origins_json(result),
    )
    audit_record(actor=actor, action="import.read", target=draft,
                 after={"tasks": len(document["tasks"]), "indicators": len(document["indicators"])})
    return draft


def _locked_draft(draft: ImportDraft, actor: Any, expected_version: int | None) -> ImportDraft:
    _require_importer(actor)
    fresh = ImportDraft.objects.select_for_update().get(pk=draft.pk)
    if fresh.state != ImportState.REVIEW:
        raise ApplicationError("Bản nhập này đã được lưu hoặc hủy, không sửa được nữa.")
    if expected_version is not None and fresh.version != expected_version:
        raise ApplicationError(
            "Bản nhập vừa được người khác sửa; hãy tải lại trang để xem thay đổi rồi sửa tiếp."
        )
    return fresh


def _split_names(value: str) -> list[str]:
    return [clean(part) for part in value.replace("\n", ";").split(";") if clean(part)]


def _plan_value(field: str, value: str) -> Any:
    if field not in PLAN_FIELDS:
        raise ApplicationError(f"Không sửa được trường {field!r}.")
    if field == "title" and not clean(value):
        raise ApplicationError("Tên kế hoạch không được để trống.")
    if field == "issued_on" and clean(value):
        import datetime as dt

        try:
            return dt.datetime.strptime(clean(value), "%d/%m/%Y").date().isoformat()
        except ValueError as exc:
            raise ApplicationError("Ngày ban hành phải có dạng ngày/tháng/năm, ví dụ 30/03/2026.") from exc
    return clean(value) or None


def _cell_value(table: str, field: str, value: str, document: dict[str, Any]) -> Any:
    if table == "plan":
        return _plan_value(field, value)
    if field in TEXT_FIELDS[table]:
        if field in {"ref", "name"} and not clean(value):
            raise ApplicationError("Số thứ tự và tên không được để trống.")
        return clean(value) or None
    if field in NAME_FIELDS[table]:
        return _split_names(value)
    if table == "tasks" and field == "deadline":
        from theodoi.periods.deadlines import read_deadline

        first_year = (document["plan"].get("period") or {}).get("from")
        return read_deadline(clean(value), default_year=first_year) if clean(value) else None
    if table == "indicators" and field == "target":
        from theodoi.importer.rules.targets import read_target

        return read_target(clean(value)) if clean(value) else None
    raise ApplicationError(f"Không sửa được cột {field!r}.")


@transaction.atomic
def import_draft_edit(*, actor: Any, draft: ImportDraft, table: str, index: int, field: str, value: str,
                      expected_version: int | None = None) -> ImportDraft:
    """Correct one cell of the draft; agency lists are written one name per line or split by ';'."""
    draft = _locked_draft(draft, actor, expected_version)
    rows = [draft.document["plan"]] if table == "plan" else draft.document.get(table, [])
    if table not in TABLES or not 0 <= index < len(rows):
        raise ApplicationError("Không tìm thấy dòng cần sửa.")
    row = rows[index]
    before = copy.deepcopy(row.get(field))
    row[field] = _cell_value(table, field, value, draft.document)
    draft.warnings = [
        w for w in draft.warnings
        if not (w["table"] == table and w["index"] == index and w.get("field") in (field, None))
    ]
    draft.version += 1
    draft.save()
    audit_record(actor=actor, action="import.edit", target=draft, before={field: before},
                 after={"table": table, "index": index, field: row[field]})
    return draft


@transaction.atomic
def import_draft_map_name(*, actor: Any, draft: ImportDraft, name: str, unit: Unit, remember: bool,
                          expected_version: int | None = None) -> ImportDraft:
    """Replace an unknown agency name by a unit everywhere in the draft; optionally keep the
    spelling as an alias of that unit so the next import knows it."""
    if remember and not (policy.can_edit_directory(actor) or policy.is_coordinator(actor)):
        raise ApplicationError("Bạn không có quyền thêm tên gọi khác cho đơn vị.")
    draft = _locked_draft(draft, actor, expected_version)
    for table, fields in NAME_FIELDS.items():
        for row in draft.document[table]:
            for field in fields:
                row[field] = [unit.name if item == name else item for item in row[field]]
    draft.warnings = [w for w in draft.warnings if f"“{name}”" not in w["message"] and f"'{name}'" not in w["message"]]
    draft.version += 1
    draft.save()
    if remember:
        if unit_alias_ensure(unit, name):
            audit_record(actor=actor, action="unit.alias_add", target=unit, after={"alias": name})
    audit_record(actor=actor, action="import.map_name", target=draft,
                 after={"name": name, "unit": unit.code, "remember": remember})
    return draft


@transaction.atomic
def import_draft_set_owner(*, actor: Any, draft: ImportDraft, owner: Unit,
                           expected_version: int | None = None) -> ImportDraft:
    draft = _locked_draft(draft, actor, expected_version)
    draft.owner = owner
    draft.version += 1
    draft.save()
    audit_record(actor=actor, action="import.set_owner", target=draft, after={"owner": owner.code})
    return draft


@transaction.atomic
def import_draft_save(*, actor: Any, draft: ImportDraft, expected_version: int | None = None) -> PlanLoadResult:
    """Load the reviewed draft into the plans, all or nothing (re-importing updates in place)."""
    draft = _locked_draft(draft, actor, expected_version)
    if draft.owner is None:
        raise ApplicationError("Hãy chọn cơ quan ban hành kế hoạch trước khi lưu.")
    standing = actor.unit if policy.is_coordinator(actor) else draft.owner
    try:
        result = plan_load(actor=actor, document=draft.document, owner=draft.owner, standing_unit=standing)
    except PlanJsonErrors as exc:
        raise ApplicationError("Bản nhập còn lỗi:\n" + "\n".join(exc.errors)) from exc
    draft.state = ImportState.SAVED
    draft.plan = result.plan
    draft.version += 1
    draft.save()
    audit_record(actor=actor, action="import.save", target=draft,
                 after={"plan": result.plan.pk, "added": result.added, "archived": result.archived})
    return result


@transaction.atomic
def import_draft_discard(*, actor: Any, draft: ImportDraft) -> None:
    draft = _locked_draft(draft, actor, None)
    draft.state = ImportState.DISCARDED
    draft.save()
    audit_record(actor=actor, action="import.discard", target=draft)
