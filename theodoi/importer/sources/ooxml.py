"""XML of Office packages parsed safely: no entity expansion, no network, bounded size."""

from __future__ import annotations

from lxml import etree

from theodoi.importer.errors import UnreadableDocument

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = "{" + W_NS + "}"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
# Strict Open XML uses other namespace names for the same vocabulary.
_STRICT = {
    b"http://purl.oclc.org/ooxml/wordprocessingml/main": W_NS.encode(),
    b"http://purl.oclc.org/ooxml/officeDocument/relationships": b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True)


def parse_xml(data: bytes, what: str = "nội dung") -> etree._Element:
    for strict, transitional in _STRICT.items():
        if strict in data:
            data = data.replace(strict, transitional)
    try:
        root = etree.fromstring(data, _PARSER)
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise UnreadableDocument(f"Tệp bị hỏng: phần {what} không đọc được.") from exc
    if root is None:
        raise UnreadableDocument(f"Tệp bị hỏng: phần {what} không đọc được.")
    return root


def attr(element: etree._Element | None, name: str) -> str | None:
    """A w:-namespaced attribute, the way WordprocessingML writes nearly all of them."""
    if element is None:
        return None
    value = element.get(W + name)
    return None if value is None else str(value)


def is_on(element: etree._Element | None) -> bool:
    """A toggle property such as <w:b/> or <w:b w:val="false"/>."""
    if element is None:
        return False
    return attr(element, "val") not in ("0", "false", "off", "none")


def int_attr(element: etree._Element | None, name: str, default: int) -> int:
    value = attr(element, name)
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default
