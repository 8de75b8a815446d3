"""What paragraph and character styles of a .docx imply: bold, heading, list numbering."""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from theodoi.importer.sources.ooxml import W, attr, is_on

_HEADING_NAMES = ("heading", "title", "tiêu đề")


@dataclass(frozen=True)
class StyleFacts:
    bold: bool = False
    heading: bool = False
    num_id: str | None = None
    ilvl: int = 0


class Styles:
    def __init__(self, root: etree._Element | None) -> None:
        self._nodes: dict[str, etree._Element] = {}
        if root is not None:
            for style in root.iter(W + "style"):
                style_id = attr(style, "styleId")
                if style_id:
                    self._nodes[style_id] = style
        self._cache: dict[str, StyleFacts] = {}

    def facts(self, style_id: str | None) -> StyleFacts:
        if not style_id or style_id not in self._nodes:
            return StyleFacts()
        if style_id not in self._cache:
            self._cache[style_id] = StyleFacts()  # guards a basedOn cycle
            self._cache[style_id] = self._resolve(self._nodes[style_id])
        return self._cache[style_id]

    def _resolve(self, style: etree._Element) -> StyleFacts:
        parent = self.facts(attr(style.find(W + "basedOn"), "val"))
        name = (attr(style.find(W + "name"), "val") or "").casefold()
        ppr = style.find(W + "pPr")
        bold_node = style.find(f"{W}rPr/{W}b")
        bold = is_on(bold_node) if bold_node is not None else parent.bold
        outline = ppr.find(W + "outlineLvl") if ppr is not None else None
        heading = (
            parent.heading
            or name.startswith(_HEADING_NAMES)
            or (outline is not None and attr(outline, "val") not in (None, "9"))
        )
        num_pr = ppr.find(W + "numPr") if ppr is not None else None
        num_id, ilvl = parent.num_id, parent.ilvl
        if num_pr is not None:
            num_id = attr(num_pr.find(W + "numId"), "val") or num_id
            ilvl_text = attr(num_pr.find(W + "ilvl"), "val")
            ilvl = int(ilvl_text) if ilvl_text and ilvl_text.isdigit() else ilvl
        return StyleFacts(bold=bold, heading=heading, num_id=num_id, ilvl=ilvl)
