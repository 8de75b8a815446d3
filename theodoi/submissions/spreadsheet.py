"""The .xlsx round trip of a report: download it with everything the unit owes filled in, fill it
in offline, upload it back.

The workbook has a sheet of tasks and a sheet of indicators, one row per item, choices written as
their Vietnamese labels (with drop-down lists), and a hidden sheet holding the report and the
version it was taken from: an upload based on an older version is refused as a stale save is.

Reading checks every cell and lists every problem by sheet, row and column; nothing is saved
unless the whole workbook is right (the save itself is `report_save_draft`, all or nothing).

Every value goes through `theodoi.core.spreadsheets.safe_cell`: text the unit typed gets a leading
apostrophe when it starts with = + - @ or a control character, so a spreadsheet program never runs
it as a formula (CSV/formula injection); the apostrophe is removed again on upload.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from theodoi.core.errors import ApplicationError
from theodoi.core.spreadsheets import restore_cell, safe_cell, safe_row, safe_text
from theodoi.submissions import items as content
from theodoi.submissions.files import XLSX, detect_kind
from theodoi.submissions.models import IndicatorItem, Report, TaskItem

META_SHEET = "_theodoi"
TASK_SHEET = "Nhiệm vụ"
INDICATOR_SHEET = "Chỉ tiêu"
# Columns the unit reads but does not fill in.
TASK_READONLY = [("task_id", "Mã"), ("ref", "STT"), ("name", "Nhiệm vụ"), ("deadline", "Thời hạn")]
INDICATOR_READONLY = [
    ("indicator_id", "Mã"), ("ref", "STT"), ("name", "Chỉ tiêu"), ("unit_of_measure", "Đơn vị tính"),
    ("target", "Chỉ tiêu kế hoạch"),
]
YES, NO = "Có", "Không"
neutralise, restore = safe_text, restore_cell  # the names this module's callers know


def _label(model: type[models.Model], name: str) -> str:
    return content.field_label(model, name)  # type: ignore[arg-type]


# --- download -------------------------------------------------------------------------------------


def report_workbook(report: Report) -> bytes:
    """The report as an .xlsx file, with what it owes and what was saved so far."""
    book = Workbook()
    tasks = book.active
    tasks.title = TASK_SHEET
    _write_sheet(tasks, TaskItem, TASK_READONLY, content.TASK_FIELDS, [
        (item, [item.task_id, item.task.ref, item.task.name, item.task.deadline_text])
        for item in report.task_items.select_related("task").order_by("task__position")
    ])  # fmt: skip
    indicators = book.create_sheet(INDICATOR_SHEET)
    _write_sheet(indicators, IndicatorItem, INDICATOR_READONLY, content.INDICATOR_FIELDS, [
        (item, [item.indicator_id, item.indicator.ref, item.indicator.name, item.indicator.unit_of_measure,
                item.indicator.target_text])
        for item in report.indicator_items.select_related("indicator").order_by("indicator__position")
    ])  # fmt: skip
    meta = book.create_sheet(META_SHEET)
    meta.append(["report", report.pk])
    meta.append(["version", report.version])
    meta.sheet_state = "hidden"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _write_sheet(
    sheet: Worksheet, model: type[models.Model], readonly: list[tuple[str, str]], fields: tuple[str, ...],
    rows: list[tuple[Any, list[Any]]],
) -> None:
    sheet.append(safe_row([title for _, title in readonly] + [_label(model, name) for name in fields]))
    for item, fixed in rows:
        sheet.append([_cell(value) for value in fixed] + [_cell_of(item, name) for name in fields])
    for offset, name in enumerate(fields, start=len(readonly) + 1):
        options = _options(model, name)
        if options and rows:
            letter = get_column_letter(offset)
            validation = DataValidation(type="list", formula1='"' + ",".join(options) + '"', allow_blank=True)
            validation.add(f"{letter}2:{letter}{len(rows) + 1}")
            sheet.add_data_validation(validation)
    sheet.freeze_panes = "C2"


def _options(model: type[models.Model], name: str) -> list[str]:
    model_field = model._meta.get_field(name)
    if isinstance(model_field, models.BooleanField):
        return [YES, NO]
    return [str(label) for _, label in model_field.choices or []]


def _cell_of(item: Any, name: str) -> Any:
    value = getattr(item, name)
    model_field = type(item)._meta.get_field(name)
    if isinstance(model_field, models.BooleanField):
        return YES if value else NO
    if model_field.choices and value:
        return safe_cell(str(dict(model_field.choices)[value]))
    return _cell(value)


def _cell(value: Any) -> Any:
    return safe_cell(value)


# --- upload ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CellError:
    sheet: str
    row: int
    column: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"sheet": self.sheet, "row": self.row, "column": self.column, "message": self.message}

    def __str__(self) -> str:
        return f"{self.sheet}, dòng {self.row}, cột {self.column}: {self.message}"


@dataclass
class ParsedWorkbook:
    report_id: int
    version: int
    items: list[dict[str, Any]]
    # (item key, field) -> where it came from, to point item-level problems back at a cell
    cells: dict[tuple[str, str], tuple[str, int, str]]


def read_report_workbook(report: Report, upload: IO[bytes]) -> ParsedWorkbook:
    """Parse an uploaded workbook of `report`; raises with every cell error listed."""
    limit = int(settings.THEODOI_EVIDENCE_MAX_BYTES)
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise ApplicationError("Tệp quá lớn.")
    if detect_kind(io.BytesIO(data)) != XLSX:
        raise ApplicationError("Chỉ nhận tệp Excel (.xlsx) tải từ theodoi.")
    try:
        book = load_workbook(io.BytesIO(data), data_only=True, read_only=True)
    except Exception as error:  # openpyxl raises many kinds on a damaged file
        raise ApplicationError("Không đọc được tệp Excel.") from error
    if META_SHEET not in book.sheetnames or TASK_SHEET not in book.sheetnames or INDICATOR_SHEET not in book.sheetnames:
        raise ApplicationError("Tệp không phải mẫu báo cáo tải từ theodoi (thiếu trang tính).")
    meta = {row[0]: row[1] for row in book[META_SHEET].iter_rows(values_only=True) if row and row[0]}
    if meta.get("report") != report.pk:
        raise ApplicationError("Tệp này là mẫu của một báo cáo khác.")
    version = meta.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ApplicationError("Tệp không phải mẫu báo cáo tải từ theodoi (thiếu hoặc sai phiên bản); hãy tải lại mẫu.")
    errors: list[CellError] = []
    parsed = ParsedWorkbook(report.pk, version, [], {})
    _read_sheet(book[TASK_SHEET], TaskItem, "task", TASK_READONLY, content.TASK_FIELDS, report, parsed, errors)
    _read_sheet(book[INDICATOR_SHEET], IndicatorItem, "indicator", INDICATOR_READONLY, content.INDICATOR_FIELDS,
                report, parsed, errors)
    if errors:
        raise ApplicationError(
            f"Chưa nhận tệp: có {len(errors)} ô chưa đúng. " + " ".join(str(error) for error in errors),
            extra={"errors": [error.as_dict() for error in errors]},
        )
    return parsed


def _read_sheet(
    sheet: Worksheet, model: type[models.Model], kind: str, readonly: list[tuple[str, str]],
    fields: tuple[str, ...], report: Report, parsed: ParsedWorkbook, errors: list[CellError],
) -> None:
    owned = set(
        report.task_items.values_list("task_id", flat=True) if kind == "task"
        else report.indicator_items.values_list("indicator_id", flat=True)
    )
    rows = sheet.iter_rows(values_only=True)
    header = [str(cell or "").strip() for cell in next(rows, ())]
    expected = [title for _, title in readonly] + [_label(model, name) for name in fields]
    if header[: len(expected)] != expected:
        errors.append(CellError(sheet.title, 1, "A", "Dòng tiêu đề đã bị sửa; hãy tải lại mẫu."))
        return
    for number, row in enumerate(rows, start=2):
        if not any(cell not in (None, "") for cell in row):
            continue
        item_id = row[0]
        if not isinstance(item_id, int) or item_id not in owned:
            errors.append(CellError(sheet.title, number, "A", "Mã không thuộc báo cáo này; đừng sửa hay thêm dòng."))
            continue
        entry: dict[str, Any] = {kind: item_id}
        for offset, name in enumerate(fields):
            column = get_column_letter(len(readonly) + offset + 1)
            raw = row[len(readonly) + offset] if len(row) > len(readonly) + offset else None
            parsed.cells[(f"{kind}:{item_id}", name)] = (sheet.title, number, column)
            try:
                entry[name] = _from_cell(model, name, raw)
            except ValidationError as error:
                errors.append(CellError(sheet.title, number, column, " ".join(error.messages)))
        parsed.items.append(entry)


def _from_cell(model: type[models.Model], name: str, raw: Any) -> Any:
    """A cell's value as the model field takes it; choices may be given by label or by code."""
    model_field = model._meta.get_field(name)
    if isinstance(raw, str):
        raw = restore(raw.strip())
    if raw in (None, ""):
        return None if model_field.null else ""
    if isinstance(model_field, models.BooleanField):
        if str(raw).strip().lower() in ("có", "x", "1", "true", "yes"):
            return True
        if str(raw).strip().lower() in ("không", "0", "false", "no"):
            return False
        raise ValidationError(f"Ghi “{YES}” hoặc “{NO}”.")
    if model_field.choices:
        by_label = {str(label).lower(): value for value, label in model_field.choices}
        value = by_label.get(str(raw).strip().lower(), str(raw).strip())
        if value not in dict(model_field.choices):
            raise ValidationError(f"Chọn một trong: {', '.join(str(label) for _, label in model_field.choices)}.")
        return value
    if isinstance(model_field, models.DateField):
        return _date(raw)
    if isinstance(model_field, models.DecimalField) and isinstance(raw, float):
        raw = Decimal(str(raw))
    return model_field.to_python(raw)


def _date(raw: Any) -> date:
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    text = str(raw).strip()
    for layout in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"):
        try:
            return datetime.strptime(text, layout).date()
        except ValueError:
            continue
    raise ValidationError("Ngày ghi theo dạng dd/mm/yyyy.")
