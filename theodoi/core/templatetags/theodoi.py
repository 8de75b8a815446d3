"""Template helpers of the interface: deadline hints, search highlighting, query strings, policy flags."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.dateformat import format as date_format
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from theodoi.accounts import policy
from theodoi.core.text import search_key
from theodoi.plans.choices import DeadlineKind

register = template.Library()


@register.simple_tag(takes_context=True)
def can_use_admin(context: template.Context) -> bool:
    request = context.get("request")
    return policy.can_use_admin(getattr(request, "user", None))


@register.simple_tag(takes_context=True)
def can_import_plans(context: template.Context) -> bool:
    return policy.can_import_plans(context["request"].user)


@register.simple_tag(takes_context=True)
def toggle_query(context: template.Context, name: str) -> str:
    """This page's query string with the switch `name` flipped ("1" or absent), others kept."""
    request = context["request"]
    query = request.GET.copy()
    if query.get(name) == "1":
        query.pop(name)
    else:
        query[name] = "1"
    return "?" + query.urlencode() if query else "?"


@register.simple_tag(takes_context=True)
def query_with(context: template.Context, name: str, value: object) -> str:
    """This page's query string with `name` set to `value`, others kept (for page links)."""
    query = context["request"].GET.copy()
    query[name] = str(value)
    return "?" + query.urlencode()


def _day(value: Any) -> str:
    return date_format(value, "d/m/Y")


@register.filter
def deadline_hint(task: Any) -> str:
    """How theodoi read a deadline text ("Hạn 30/06/2026", "hằng quý"…), unless it only repeats the text."""
    hint = _deadline_reading(task)
    return "" if search_key(hint) == search_key(task.deadline_text) else hint


def _deadline_reading(task: Any) -> str:
    kind, due, start = task.deadline_kind, task.deadline_due, task.deadline_from
    if kind == DeadlineKind.DATE and due:
        return _("Hạn %(due)s") % {"due": _day(due)}
    if kind == DeadlineKind.RANGE:
        if start and due:
            return _("Từ %(start)s đến %(due)s") % {"start": _day(start), "due": _day(due)}
        if due:
            return _("Hạn %(due)s") % {"due": _day(due)}
    if kind == DeadlineKind.RECURRING:
        every = task.get_deadline_every_display() or _("định kỳ")
        return _("%(every)s, từ %(start)s") % {"every": every, "start": _day(start)} if start else every
    if kind == DeadlineKind.EVENT:
        return _("Theo sự kiện")
    if kind == DeadlineKind.MIXED:
        return _("Hạn %(due)s và theo sự kiện") % {"due": _day(due)} if due else _("Theo sự kiện")
    if kind == DeadlineKind.UNKNOWN:
        return _("Chưa đọc được thời hạn")
    return ""


def _fold(char: str) -> str:
    return " " if char.isspace() else search_key(char)


@register.filter
def highlight(text: Any, query: str) -> SafeString:
    """Mark `query` in `text` as search matched it, without regard to diacritics or case.

    The whole phrase is marked where it occurs; otherwise each word where a word of the text
    begins with it ("doi" marks "đổi" in "Chuyển đổi số", not the "doi" inside another word).
    """
    text = "" if text is None else str(text)
    words = [word for word in search_key(query).split() if word]
    if not text or not words:
        return conditional_escape(text)
    folded: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        for piece in _fold(char):
            folded.append(piece)
            origin.append(index)
    haystack = "".join(folded)
    marked = [False] * len(text)
    phrase = " ".join(words)
    spans = _word_spans(haystack, phrase) if len(words) > 1 else []
    if not spans:
        spans = [span for word in words for span in _word_spans(haystack, word)]
    for start, end in spans:
        for position in range(start, end):
            marked[origin[position]] = True
    return mark_safe(_render_marks(text, marked))


def _word_spans(haystack: str, needle: str) -> list[tuple[int, int]]:
    """Where `needle` occurs at the start of a word of `haystack`."""
    spans = []
    start = haystack.find(needle)
    while start != -1:
        if start == 0 or not haystack[start - 1].isalnum():
            spans.append((start, start + len(needle)))
        start = haystack.find(needle, start + 1)
    return spans


def _render_marks(text: str, marked: list[bool]) -> str:
    parts: list[str] = []
    index = 0
    while index < len(text):
        end = index
        while end < len(text) and marked[end] == marked[index]:
            end += 1
        chunk = conditional_escape(text[index:end])
        parts.append(f"<mark>{chunk}</mark>" if marked[index] else str(chunk))
        index = end
    return "".join(parts)
