"""Validation of a Plan JSON document (docs: ../shared/spec/plan-json.md, kept in docs/plan-json.md).

Returns every problem at once, each naming the field and the row in Vietnamese, so a person can
fix a file in one pass. Pure Python: no database.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Any

PLAN_KEYS = {
    "title", "kind", "number", "issued_on", "issuer", "place", "signer", "period", "legal_refs", "implements",
}
INDICATOR_KEYS = {
    "ref", "group", "name", "unit", "target", "baseline", "formula", "data_source", "responsible",
    "coordinating", "note",
}
TASK_KEYS = {
    "ref", "section", "name", "description", "objective", "lead", "coordinating", "output", "deadline",
    "indicator_ref", "note",
}
OPS = {">=", "<=", "=", ">", "<"}
DEADLINE_KINDS = {"date", "range", "recurring", "event", "mixed", "unknown"}
EVERY = {"month", "quarter", "half", "year", "period"}


def agency_names(document: dict[str, Any]) -> set[str]:
    """Every agency name and group token the rows of a (valid) document name."""
    names: set[str] = set()
    for row in document["indicators"]:
        names.update(row["responsible"], row["coordinating"])
    for row in document["tasks"]:
        names.update(row["lead"], row["coordinating"])
    return names


class PlanJsonErrors(Exception):
    """The document breaks the spec; `errors` lists every problem found."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors


class _Checker:
    def __init__(self) -> None:
        self.errors: list[str] = []

    def fail(self, where: str, message: str) -> None:
        self.errors.append(f"{where}: {message}")

    def text(self, where: str, value: Any, *, required: bool = False) -> None:
        if value is None:
            if required:
                self.fail(where, "không được để trống")
            return
        if not isinstance(value, str):
            self.fail(where, "phải là chuỗi ký tự")
        elif required and not value.strip():
            self.fail(where, "không được để trống")
        elif not unicodedata.is_normalized("NFC", value):
            self.fail(where, "chữ phải ở dạng Unicode dựng sẵn (NFC)")

    def date(self, where: str, value: Any) -> None:
        if value is None:
            return
        try:
            dt.date.fromisoformat(value)
        except (TypeError, ValueError):
            self.fail(where, f"phải là ngày dạng YYYY-MM-DD, nhận được {value!r}")

    def number(self, where: str, value: Any, *, required: bool = False) -> None:
        if value is None:
            if required:
                self.fail(where, "phải có giá trị số")
            return
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.fail(where, f"phải là số, nhận được {value!r}")

    def names(self, where: str, value: Any) -> None:
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.fail(where, "phải là danh sách tên cơ quan (chuỗi khác rỗng)")

    def keys(self, where: str, value: Any, expected: set[str]) -> bool:
        if not isinstance(value, dict):
            self.fail(where, "phải là một đối tượng JSON")
            return False
        missing = expected - value.keys()
        if missing:
            self.fail(where, "thiếu trường " + ", ".join(sorted(missing)))
        return True


def validate_plan_json(document: Any) -> None:
    """Raise PlanJsonErrors listing every problem; return quietly when the document is valid."""
    check = _Checker()
    if not check.keys("Tài liệu", document, {"plan", "indicators", "tasks"}):
        raise PlanJsonErrors(check.errors)
    _check_plan(check, document.get("plan"))
    indicators = document.get("indicators")
    tasks = document.get("tasks")
    if not isinstance(indicators, list):
        check.fail("indicators", "phải là danh sách")
        indicators = []
    if not isinstance(tasks, list):
        check.fail("tasks", "phải là danh sách")
        tasks = []
    for index, row in enumerate(indicators, start=1):
        _check_indicator(check, f"Chỉ tiêu dòng {index}", row)
    for index, row in enumerate(tasks, start=1):
        _check_task(check, f"Nhiệm vụ dòng {index}", row)
    _check_unique_refs(check, "Chỉ tiêu", indicators)
    _check_unique_refs(check, "Nhiệm vụ", tasks)
    indicator_refs = {row.get("ref") for row in indicators if isinstance(row, dict)}
    for index, row in enumerate(tasks, start=1):
        ref = row.get("indicator_ref") if isinstance(row, dict) else None
        if ref is not None and ref not in indicator_refs:
            check.fail(f"Nhiệm vụ dòng {index} (indicator_ref)", f"không có chỉ tiêu số {ref!r} trong kế hoạch")
    if check.errors:
        raise PlanJsonErrors(check.errors)


def _check_plan(check: _Checker, plan: Any) -> None:
    if not check.keys("plan", plan, PLAN_KEYS):
        return
    check.text("plan.title", plan.get("title"), required=True)
    if plan.get("kind") not in {"KH", "QĐ"}:
        check.fail("plan.kind", "phải là 'KH' hoặc 'QĐ'")
    for key in ("number", "issuer", "place", "signer"):
        check.text(f"plan.{key}", plan.get(key))
    check.date("plan.issued_on", plan.get("issued_on"))
    period = plan.get("period")
    if period is not None:
        if not isinstance(period, dict):
            check.fail("plan.period", "phải có dạng {\"from\": năm, \"to\": năm}")
        else:
            start, end = period.get("from"), period.get("to")
            for key, year in (("from", start), ("to", end)):
                if year is not None and (not isinstance(year, int) or not 1945 <= year <= 2200):
                    check.fail(f"plan.period.{key}", f"năm không hợp lệ: {year!r}")
            if isinstance(start, int) and isinstance(end, int) and start > end:
                check.fail("plan.period", "năm bắt đầu sau năm kết thúc")
    for key in ("legal_refs", "implements"):
        value = plan.get(key)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            check.fail(f"plan.{key}", "phải là danh sách số, ký hiệu văn bản")


def _check_indicator(check: _Checker, where: str, row: Any) -> None:
    if not check.keys(where, row, INDICATOR_KEYS):
        return
    where = f"{where} (số {row.get('ref')})" if row.get("ref") else where
    check.text(f"{where} ref", row.get("ref"), required=True)
    check.text(f"{where} name", row.get("name"), required=True)
    for key in ("group", "unit", "data_source", "note"):
        check.text(f"{where} {key}", row.get(key))
    target = row.get("target")
    if target is not None:
        if not isinstance(target, dict):
            check.fail(f"{where} target", "phải là đối tượng {op, value, text}")
        else:
            if target.get("op") not in OPS:
                check.fail(f"{where} target.op", f"phép so sánh không hợp lệ: {target.get('op')!r}")
            check.number(f"{where} target.value", target.get("value"))
            check.text(f"{where} target.text", target.get("text"))
    baseline = row.get("baseline")
    if baseline is not None:
        if not isinstance(baseline, dict):
            check.fail(f"{where} baseline", "phải là đối tượng {value, text, year}")
        else:
            check.number(f"{where} baseline.value", baseline.get("value"))
    formula = row.get("formula")
    if formula is not None and not isinstance(formula, dict):
        check.fail(f"{where} formula", "phải là đối tượng {numerator, denominator, text}")
    check.names(f"{where} responsible", row.get("responsible"))
    check.names(f"{where} coordinating", row.get("coordinating"))


def _check_task(check: _Checker, where: str, row: Any) -> None:
    if not check.keys(where, row, TASK_KEYS):
        return
    where = f"{where} (số {row.get('ref')})" if row.get("ref") else where
    check.text(f"{where} ref", row.get("ref"), required=True)
    check.text(f"{where} name", row.get("name"), required=True)
    for key in ("description", "objective", "output", "note", "indicator_ref"):
        check.text(f"{where} {key}", row.get(key))
    section = row.get("section")
    if not isinstance(section, list) or not all(isinstance(s, str) and s.strip() for s in section):
        check.fail(f"{where} section", "phải là danh sách tiêu đề mục")
    check.names(f"{where} lead", row.get("lead"))
    check.names(f"{where} coordinating", row.get("coordinating"))
    _check_deadline(check, f"{where} deadline", row.get("deadline"))


def _check_deadline(check: _Checker, where: str, deadline: Any) -> None:
    if deadline is None:
        return
    if not check.keys(where, deadline, {"text", "kind", "from", "due", "every", "trigger"}):
        return
    check.text(f"{where}.text", deadline.get("text"), required=True)
    if deadline.get("kind") not in DEADLINE_KINDS:
        check.fail(f"{where}.kind", f"loại thời hạn không hợp lệ: {deadline.get('kind')!r}")
    check.date(f"{where}.from", deadline.get("from"))
    check.date(f"{where}.due", deadline.get("due"))
    if deadline.get("every") is not None and deadline.get("every") not in EVERY:
        check.fail(f"{where}.every", f"chu kỳ không hợp lệ: {deadline.get('every')!r}")
    check.text(f"{where}.trigger", deadline.get("trigger"))


def _check_unique_refs(check: _Checker, label: str, rows: list[Any]) -> None:
    seen: set[str] = set()
    for row in rows:
        ref = row.get("ref") if isinstance(row, dict) else None
        if isinstance(ref, str):
            if ref in seen:
                check.fail(f"{label} số {ref}", "số thứ tự bị trùng trong kế hoạch")
            seen.add(ref)
