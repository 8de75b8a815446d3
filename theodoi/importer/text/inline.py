"""Inline export artefacts removed from a line before it becomes text: tags, bookmarks, LaTeX.

Each rule is a compiled pattern and its replacement, registered with a priority; a new artefact
is a new rule.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass

from theodoi.importer.registry import Registry

Replacement = str | Callable[[re.Match[str]], str]

FOOTNOTE_MARK = "[^{}]"
FOOTNOTE_MARK_RE = re.compile(r"\[\^(\w+)\]")


@dataclass(frozen=True)
class InlineRule:
    pattern: re.Pattern[str]
    replacement: Replacement

    def test(self, text: str) -> bool:
        return self.pattern.search(text) is not None

    def run(self, text: str) -> str:
        return self.pattern.sub(self.replacement, text)


_LATEX_SYMBOLS = {
    r"\geq": "≥",
    r"\ge": "≥",
    r"\leq": "≤",
    r"\le": "≤",
    r"\%": "%",
    r"\times": "×",
    r"\neq": "≠",
    r"\approx": "≈",
    r"\pm": "±",
    r"\cdot": "·",
    r"\,": " ",
    r"\;": " ",
}
_LATEX_COMMAND = re.compile(r"\\[a-zA-Z]+|\\[%,;]")


def _latex(match: re.Match[str]) -> str:
    body = _LATEX_COMMAND.sub(lambda m: _LATEX_SYMBOLS.get(m.group(0), "") + " ", match.group(1))
    body = body.replace("{", "").replace("}", "")
    body = re.sub(r"\s+", " ", body).strip()
    return re.sub(r"\s+%", "%", body)


def _list_item(match: re.Match[str]) -> str:
    return " "


inline_rules: Registry[InlineRule] = Registry()
inline_rules.register(InlineRule(re.compile(r"\$([^$\n]{1,80})\$"), _latex), "latex", 90)
inline_rules.register(InlineRule(re.compile(r"\[bookmark:[^\]]*\]"), ""), "bookmark", 80)
inline_rules.register(InlineRule(re.compile(r"</?(?:ul|ol|li|br|p)\b[^>]*>", re.I), _list_item), "list", 70)
inline_rules.register(InlineRule(re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?>"), ""), "tag", 60)
inline_rules.register(InlineRule(re.compile(r"\*\*|__"), ""), "strong", 50)
inline_rules.register(InlineRule(re.compile(r"(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])"), ""), "emphasis", 40)
inline_rules.register(InlineRule(re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])"), r"\1"), "escape", 30)
inline_rules.register(
    InlineRule(re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);"), lambda m: html.unescape(m.group(0))),
    "entity",
    20,
)


def strip_inline(text: str) -> str:
    for rule in inline_rules:
        if rule.test(text):
            text = rule.run(text)
    return text


_BOLD = re.compile(r"^\s*(?:<b>|\*\*)(.*)(?:</b>|\*\*)\s*$", re.S)


def is_bold(text: str) -> bool:
    """Whether a cell or line is wholly bold (a heading hint)."""
    return bool(text.strip()) and _BOLD.match(text) is not None
