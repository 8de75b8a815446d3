"""A report's whole history on one page and in one file: its versions, state changes, review
comments, evidence and every audit event written about it, oldest first.

Read access is the report's (`policy.restrict_reports`); the export neutralises cells that a
spreadsheet program would read as a formula.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils import timezone
from openpyxl import Workbook

from theodoi.audit.models import AuditEvent
from theodoi.core.errors import ApplicationError
from theodoi.core.spreadsheets import safe_row
from theodoi.submissions.models import Report
from theodoi.submissions.selectors import reports_visible

ACTION_LABELS = {
    "submissions.report_save_draft": "Lưu nháp",
    "submissions.report_submit": "Nộp báo cáo",
    "submissions.report_approve_by_leader": "Lãnh đạo đơn vị duyệt",
    "submissions.report_return": "Trả lại báo cáo",
    "submissions.report_accept": "Chấp nhận báo cáo",
    "submissions.report_reopen": "Mở lại báo cáo",
    "submissions.evidence_add": "Thêm minh chứng",
    "submissions.evidence_remove": "Xóa minh chứng",
}
KIND_LABELS = {"audit": "Nhật ký", "version": "Lần nộp", "comment": "Ý kiến", "evidence": "Minh chứng"}
COLUMNS = ["Thời điểm", "Loại", "Người thực hiện", "Nội dung", "Chi tiết"]


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    kind: str  # audit, version, comment, evidence
    who: str
    title: str
    detail: str = ""

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]

    def cells(self) -> list[str]:
        moment = timezone.localtime(self.at).strftime("%d/%m/%Y %H:%M:%S")
        return [moment, self.kind_label, self.who, self.title, self.detail]


@dataclass(frozen=True)
class ReportHistory:
    report: Report
    entries: list[HistoryEntry]


def _changes(event: AuditEvent) -> str:
    before, after = event.before or {}, event.after or {}
    if not isinstance(before, dict) or not isinstance(after, dict):
        return ""
    if "state" in before or "state" in after:
        text = f"Trạng thái: {before.get('state', '—')} → {after.get('state', '—')}"
        if after.get("completions"):
            text += f"; ghi nhận hoàn thành {len(after['completions'])} phân công"
        if after.get("completions_undone"):
            text += f"; bỏ ghi nhận hoàn thành {len(after['completions_undone'])} phân công"
        return text
    if "name" in after or "name" in before:
        row = after or before
        return str(row.get("name") or row.get("url") or "")
    if "version" in after:
        return f"Phiên bản {after['version']}"
    return ""


def _user(person: Any) -> str:
    return (getattr(person, "full_name", "") or person.get_username()) if person is not None else "hệ thống"


def report_history(*, user: Any, report_id: int) -> ReportHistory:
    report = reports_visible(user).filter(pk=report_id).first()
    if report is None:
        raise ApplicationError("Không tìm thấy báo cáo, hoặc bạn không có quyền xem.")
    entries = [
        HistoryEntry(event.at, "audit", event.actor_label, ACTION_LABELS.get(event.action, event.action),
                     _changes(event))
        for event in AuditEvent.objects.filter(target_type=Report._meta.label_lower, target_id=str(report.pk))
    ]  # fmt: skip
    entries += [
        HistoryEntry(version.created_at, "version", _user(version.created_by), f"Lần nộp {version.number}")
        for version in report.versions.select_related("created_by")
    ]
    entries += [
        HistoryEntry(comment.created_at, "comment", _user(comment.author), "Ý kiến", comment.text)
        for comment in report.comments.select_related("author")
    ]
    entries += [
        HistoryEntry(row.added_at, "evidence", _user(row.added_by), "Minh chứng hiện có",
                     str(row))
        for row in report.evidence.select_related("added_by")
    ]  # fmt: skip
    entries.sort(key=lambda entry: (entry.at, entry.kind))
    return ReportHistory(report=report, entries=entries)


def history_csv(history: ReportHistory) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for entry in history.entries:
        writer.writerow(safe_row(entry.cells()))
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # the BOM makes Excel read UTF-8


def history_xlsx(history: ReportHistory) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Lịch sử"
    sheet.append(COLUMNS)
    for entry in history.entries:
        sheet.append(safe_row(entry.cells()))
    for column, width in zip("ABCDE", (20, 12, 24, 28, 80), strict=True):
        sheet.column_dimensions[column].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
