"""Evidence: files and links backing a report's items.

A file is checked before anything is stored: its size against THEODOI_EVIDENCE_MAX_BYTES, its
type by content (`files.detect_kind`), its name sanitised. It is stored under MEDIA_ROOT, outside
the web root, at `evidence/<first two hex>/<sha256>.<ext>`: the same content is kept once, and a
file written by a transaction that then failed is at worst an unreferenced copy that the next
identical upload reuses. Files are served only through a view that asks the policy
(`selectors.evidence_for_download`).
"""

from __future__ import annotations

import hashlib
from typing import IO, Any

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import transaction

from theodoi.accounts import policy
from theodoi.audit.services import audit_record
from theodoi.core.errors import ApplicationError
from theodoi.submissions.choices import EvidenceKind
from theodoi.submissions.files import detect_kind, sanitise_name
from theodoi.submissions.models import Evidence, IndicatorItem, Report, TaskItem
from theodoi.submissions.services.reports import _clean, _lock, _require, _require_editable

CHUNK = 64 * 1024


def _size_text(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")
    return f"{max(size // 1024, 1)} KB"


@transaction.atomic
def evidence_add(
    *, actor: Any, report: Report, item: TaskItem | IndicatorItem | None = None, upload: IO[bytes] | None = None,
    filename: str = "", url: str = "", title: str = "",
) -> Evidence:
    """Attach one file (`upload`, with the name it came with) or one link to a report or an item."""
    locked = _lock(report)
    _require(policy.can_edit_report(actor, locked), "Chỉ cán bộ, lãnh đạo của đơn vị được thêm minh chứng.")
    _require_editable(locked)
    if item is not None and item.report_id != locked.pk:
        raise ApplicationError("Nội dung được gắn minh chứng không thuộc báo cáo này.")
    if (upload is None) == (not url.strip()):
        raise ApplicationError("Minh chứng là một tệp hoặc một đường dẫn (chọn một).")
    evidence = Evidence(
        report=locked, added_by=actor, title=title.strip()[:300],
        task_item=item if isinstance(item, TaskItem) else None,
        indicator_item=item if isinstance(item, IndicatorItem) else None,
    )  # fmt: skip
    if upload is not None:
        _store_file(evidence, upload, filename)
    else:
        evidence.kind = EvidenceKind.LINK
        evidence.url = url.strip()
        if not evidence.url.lower().startswith(("https://", "http://")):
            raise ApplicationError("Đường dẫn minh chứng phải bắt đầu bằng http:// hoặc https://.")
    _clean(evidence, exclude=["file"])
    evidence.save()
    audit_record(
        actor=actor, action="submissions.evidence_add", target=locked,
        after={"evidence": evidence.pk, "kind": evidence.kind, "name": evidence.original_name, "url": evidence.url,
               "sha256": evidence.sha256, "item": item.pk if item else None},
    )  # fmt: skip
    return evidence


def _store_file(evidence: Evidence, upload: IO[bytes], filename: str) -> None:
    limit = int(settings.THEODOI_EVIDENCE_MAX_BYTES)
    digest = hashlib.sha256()
    size = 0
    upload.seek(0)
    while chunk := upload.read(CHUNK):
        size += len(chunk)
        if size > limit:
            raise ApplicationError(f"Tệp quá lớn: tối đa {_size_text(limit)}.")
        digest.update(chunk)
    if size == 0:
        raise ApplicationError("Tệp rỗng.")
    kind = detect_kind(upload)
    sha = digest.hexdigest()
    path = f"evidence/{sha[:2]}/{sha}.{kind.extension}"
    if not default_storage.exists(path):
        upload.seek(0)
        path = default_storage.save(path, upload)
    evidence.kind = EvidenceKind.FILE
    evidence.file.name = path
    evidence.sha256 = sha
    evidence.size = size
    evidence.content_type = kind.content_type
    evidence.original_name = sanitise_name(filename or getattr(upload, "name", ""), kind)


@transaction.atomic
def evidence_remove(*, actor: Any, evidence: Evidence) -> None:
    """Detach a file or link from a report the unit can still edit. The stored file is deleted
    once no evidence row refers to it (after the transaction commits)."""
    locked = _lock(evidence.report)
    _require(policy.can_edit_report(actor, locked), "Chỉ cán bộ, lãnh đạo của đơn vị được xóa minh chứng.")
    _require_editable(locked)
    row = Evidence.objects.get(pk=evidence.pk, report=locked)
    before = {"evidence": row.pk, "kind": row.kind, "name": row.original_name, "url": row.url, "sha256": row.sha256}
    path = row.file.name
    row.delete()
    if path and not Evidence.objects.filter(file=path).exists():
        transaction.on_commit(lambda: default_storage.delete(path))
    audit_record(actor=actor, action="submissions.evidence_remove", target=locked, before=before)
