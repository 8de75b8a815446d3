"""A web page as text when LibreOffice is not there to read its tables: cells tab-separated.

The plan rules read tab-separated lines as table rows, as they do in text exports.
"""

from __future__ import annotations

from html.parser import HTMLParser

from theodoi.importer.document import Document
from theodoi.importer.sources.text import decode_text, text_document

_LINE_BREAKS = {"p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "title"}
_CELLS = {"td", "th"}
_SKIPPED = {"script", "style", "head"}


class _TextOfPage(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0
        self.cell_started = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self.skipping += 1
        elif tag in _CELLS:
            if self.cell_started:
                self.parts.append("\t")
            self.cell_started = True
        elif tag in _LINE_BREAKS:
            self._new_line()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _LINE_BREAKS:
            self._new_line()

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(" ".join(data.split()) if data.strip() else (" " if data else ""))

    def _new_line(self) -> None:
        self.parts.append("\n")
        self.cell_started = False


def html_text(data: bytes) -> str:
    parser = _TextOfPage()
    parser.feed(decode_text(data))
    parser.close()
    lines = ("".join(parser.parts)).split("\n")
    return "\n".join(line.strip(" ") for line in lines if line.strip())


def html_document(data: bytes, name: str) -> Document:
    return text_document(html_text(data).encode("utf-8"), name)
