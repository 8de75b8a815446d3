"""What the people of the rush type: the report form as a browser posts it, and the values for an item.

Kept apart from the locustfile (which imports locust and its gevent patches) so that it can be used
from a plain Python process too.
"""

from __future__ import annotations

import random
from html.parser import HTMLParser


class ReportForm(HTMLParser):
    """The fields of the report form (id "bao-cao") with their values, as the browser would post them."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.fields: dict[str, str] = {}
        self._in_form = False
        self._select: str | None = None
        self._textarea: str | None = None
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {key: value or "" for key, value in attrs}
        if tag == "form":
            self._in_form = a.get("id") == "bao-cao"
        if not self._in_form or "name" not in a:
            if tag == "option" and self._select and "selected" in a:
                self.fields[self._select] = a.get("value", "")
            return
        name = a["name"]
        if tag == "input" and a.get("type") == "checkbox":
            if "checked" in a:
                self.fields[name] = "on"
        elif tag == "input" and a.get("type") != "submit":
            self.fields[name] = a.get("value", "")
        elif tag == "select":
            self._select = name
            self.fields[name] = ""
        elif tag == "textarea":
            self._textarea = name
            self.fields[name] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._in_form = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self.fields[self._textarea] += data


def task_values(task_id: str) -> dict[str, str]:
    """What a unit types for a task: in progress, with the explanation the checks may ask for."""
    prefix = f"t-{task_id}-"
    return {
        prefix + "progress": "in_progress", prefix + "percent_done": str(random.randint(20, 90)),
        prefix + "work_done": "Đã triển khai, đang tổng hợp kết quả của các phòng, đơn vị.",
        prefix + "difficulties": "Khối lượng công việc lớn.", prefix + "cause_kind": "objective",
        prefix + "causes": "Văn bản hướng dẫn ban hành chậm.", prefix + "remedies": "Tăng cường đôn đốc.",
    }  # fmt: skip


def indicator_values(indicator_id: str, article: str) -> dict[str, str]:
    prefix = f"i-{indicator_id}-"
    if "· a = " in article:  # the indicator has a formula: the unit types a and b
        denominator = random.randint(50, 500)
        numerator = random.randint(denominator * 8 // 10, denominator)
        return {prefix + "numerator": str(numerator), prefix + "denominator": str(denominator),
                prefix + "source_kind": "manual"}  # fmt: skip
    return {prefix + "value": str(random.randint(1, 20)), prefix + "source_kind": "manual"}
