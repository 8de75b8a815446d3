"""Reading the report and review screens' posts into what the services take.

The report screen names its boxes `t-<task id>-<field>` and `i-<indicator id>-<field>`; the review
screen names its comments `c-task-<id>`, `c-indicator-<id>` and `c-report`.
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.http import QueryDict

from theodoi.submissions.items import INDICATOR_FIELDS, TASK_FIELDS
from theodoi.submissions.models import VOID_FIELDS

BOX = re.compile(r"^(?P<kind>[ti])-(?P<id>\d{1,18})-(?P<field>[a-z_]+)$")
COMMENT = re.compile(r"^c-(?P<kind>task|indicator)-(?P<id>\d{1,18})$")


def parse_items(data: QueryDict) -> list[dict[str, Any]]:
    """Every item the form carried, with the fields it carried; an unticked box is False."""
    entries: dict[tuple[str, int], dict[str, Any]] = {}
    for name in data:
        match = BOX.match(name)
        if match is None:
            continue
        kind, pk, field = match["kind"], int(match["id"]), match["field"]
        allowed = TASK_FIELDS if kind == "t" else (*INDICATOR_FIELDS, "shown")
        if field not in allowed:
            continue
        entry = entries.setdefault((kind, pk), {"task" if kind == "t" else "indicator": pk})
        if field in VOID_FIELDS:
            entry[field] = True
        elif field != "shown":
            entry[field] = data.get(name, "")
    for (kind, _pk), entry in entries.items():
        if kind == "i":
            for field in VOID_FIELDS:
                entry.setdefault(field, False)
    return list(entries.values())


def parse_comments(data: QueryDict) -> list[dict[str, Any]]:
    comments: list[dict[str, Any]] = []
    whole = data.get("c-report", "").strip()
    if whole:
        comments.append({"text": whole})
    for name in data:
        match = COMMENT.match(name)
        text = data.get(name, "").strip()
        if match is not None and text:
            comments.append({match["kind"]: int(match["id"]), "text": text})
    return comments


def expected_version(data: QueryDict) -> int:
    try:
        return int(data.get("expected_version", ""))
    except ValueError:
        return 0


class EvidenceForm(forms.Form):
    item = forms.CharField(required=False, widget=forms.HiddenInput)
    file = forms.FileField(label="Tệp minh chứng", required=False)
    url = forms.CharField(label="hoặc đường dẫn", required=False, max_length=1000)
    title = forms.CharField(label="Mô tả", required=False, max_length=300)


class SpreadsheetForm(forms.Form):
    workbook = forms.FileField(label="Tệp Excel (.xlsx) đã điền")


class ReopenForm(forms.Form):
    reason = forms.CharField(label="Lý do mở lại", widget=forms.Textarea(attrs={"rows": 2}))
