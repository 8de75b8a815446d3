"""Plan metadata read from the document's running text: a registry of small field rules.

Each rule reads the lines of text outside the plan tables (paragraphs and the cells of the
header and signature tables) and fills the fields it knows. Rules run in priority order and
later rules see what earlier ones found (the issuer needs the place, the period the title).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from theodoi.core.text import clean, search_key
from theodoi.importer.registry import Registry

REF = re.compile(r"(?<![\w/])\d+(?:\.\d+)?(?:/\d{4})?[-/][A-ZĐ][A-Za-zĐđ0-9&]*(?:[-/][A-Za-zĐđ0-9&]+)*")
_KH_HEADING = re.compile(r"^K[ẾE] HO[ẠA]CH\b\s*(.*)$")
_QD_HEADING = re.compile(r"^QUY[ẾE]T Đ[ỊI]NH$")
_NUMBER_LINE = re.compile(r"^Số\s*:?\s*(.*)$")
_DATE_LINE = re.compile(r"^([^\d,]{2,40}),\s*ngày\b(.*)$")
_DMY_WORDS = re.compile(r"ngày\s*(\d{1,2})?\s*tháng\s*(\d{1,2})?\s*năm\s*(\d{4})?")
_DMY_SLASH = re.compile(r"ngày\s*(\d{1,2})/(\d{1,2})/(\d{4})")
_ATTACHED = re.compile(r"^\(?(?:Ban hành )?[Kk]èm theo\s+(Quyết định|Kế hoạch|Công văn)\b(.*)$")
_STOP_TITLE = re.compile(r"^(\(|Căn cứ|Thực hiện|Số\s*:|[IVX]+\.|\d+\.|QUYẾT ĐỊNH|CHỦ TỊCH|Điều\s)")
_SIGN_TITLE = re.compile(
    r"^(KT\.|TM\.|Q\.|TL\.|TUQ\.)?\s*(PHÓ\s+)?"
    r"(GIÁM ĐỐC|CHỦ TỊCH|TRƯỞNG BAN|BÍ THƯ|CHÁNH VĂN PHÒNG|CHÁNH THANH TRA|TRƯỞNG PHÒNG"
    r"|CỤC TRƯỞNG|THỦ TRƯỞNG)\b"
)
_PERSON = re.compile(r"^(?:[A-ZĐÂĂÊÔƠƯÁÀẢÃẠ-ỹ][a-zđà-ỹ]+\s+){1,4}[A-ZĐÂĂÊÔƠƯÁÀẢÃẠ-ỹ][a-zđà-ỹ]+$")
_PROVINCE = re.compile(
    r"\b(?:tỉnh|TỈNH|thành phố|THÀNH PHỐ)\s+([A-ZĐÂĂÊÔƠƯ][^\s,.;()]*(?:\s+[A-ZĐÂĂÊÔƠƯ][^\s,.;()]*){0,3})"
)
_CLAUSE_END = re.compile(r"\s(?:về|ban hành|phê duyệt|quy định|hướng dẫn|sửa đổi)\s")
_IMPLEMENTING = re.compile(r"(?:^|[-–+•.;]\s*)(?:Tổ chức\s+)?(?:triển khai\s+)?[Tt]hực hiện\s")


@dataclass
class MetaContext:
    lines: list[str]
    plan: dict[str, Any] = field(default_factory=dict)

    def head(self) -> list[str]:
        """Lines before the body's second part (roman II), where the opening and aims are."""
        for index, line in enumerate(self.lines):
            if re.match(r"^II\.?\s+[A-ZĐ]", line) and index > 3:
                return self.lines[:index]
        return self.lines


@dataclass(frozen=True)
class MetaRule:
    fields: tuple[str, ...]
    run: Callable[[MetaContext], dict[str, Any]]


meta_rules: Registry[MetaRule] = Registry()


MetaFunction = Callable[[MetaContext], dict[str, Any]]


def _register(name: str, priority: float, *fields: str) -> Callable[[MetaFunction], None]:
    def wrap(function: MetaFunction) -> None:
        meta_rules.register(MetaRule(fields, function), name, priority)

    return wrap


def refs_in(text: str) -> list[str]:
    return [m.group(0).rstrip(".-/") for m in REF.finditer(text)]


def _sentence_case(text: str) -> str:
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text


def _kh_title(lines: list[str]) -> str | None:
    for index, line in enumerate(lines):
        match = _KH_HEADING.match(line)
        if not match or (match.group(1) and match.group(1)[0].islower()):
            continue
        parts = [match.group(1)] if match.group(1) else []
        for following in lines[index + 1 : index + 6]:
            if not following or _STOP_TITLE.match(following) or following.isupper():
                break
            parts.append(following)
        if parts:
            return clean("Kế hoạch " + _sentence_case(clean(" ".join(parts))))
    return None


def _qd_title(lines: list[str]) -> str | None:
    for line in lines[:15]:
        match = re.search(r"ban hành (Kế hoạch\b.*)$", line, re.I)
        if match:
            return clean(match.group(1)).rstrip(".")
    return None


@_register("kind", 100, "kind")
def _kind(ctx: MetaContext) -> dict[str, Any]:
    for line in ctx.lines[:30]:
        if _QD_HEADING.match(line):
            return {"kind": "QĐ"}
        if _KH_HEADING.match(line) and line.isupper():
            break
    return {"kind": "KH"}


@_register("title", 95, "title")
def _title(ctx: MetaContext) -> dict[str, Any]:
    return {"title": _kh_title(ctx.lines) or _qd_title(ctx.lines)}


def _iso(day: str | None, month: str | None, year: str | None) -> str | None:
    if not (day and month and year):
        return None
    try:
        return date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def _date_in(text: str) -> str | None:
    for pattern in (_DMY_SLASH, _DMY_WORDS):
        match = pattern.search(text)
        if match:
            return _iso(*match.groups())
    return None


@_register("number_date", 90, "number", "issued_on", "place")
def _number_date(ctx: MetaContext) -> dict[str, Any]:
    found: dict[str, Any] = {"number": None, "issued_on": None, "place": None}
    number_seen = date_seen = False
    for line in ctx.lines[:40]:
        number = _NUMBER_LINE.match(line)
        if number and not number_seen:
            refs = refs_in(number.group(1))
            found["number"], number_seen = (refs[0] if refs else None), True
        dated = _DATE_LINE.match(line)
        if dated and not date_seen and "tháng" in dated.group(2) + line:
            found["place"], found["issued_on"], date_seen = clean(dated.group(1)), _date_in(line), True
    if not number_seen:
        _attached(ctx.lines, found)
    return found


def _attached(lines: list[str], found: dict[str, Any]) -> None:
    """A Kế hoạch issued by a Quyết định says so under its title: '(Kèm theo Quyết định số ...)'."""
    for index, line in enumerate(lines):
        match = _ATTACHED.match(line)
        if not match:
            continue
        text = " ".join([line, *lines[index + 1 : index + 2]])
        head = text.split(" của ")[0]
        refs = refs_in(head)
        if refs:
            found["number"] = refs[0]
            found["issued_on"] = found["issued_on"] or _date_in(head)
        return


# Words that follow "TỈNH" in a body's name printed in capitals when no province is named
# ("BAN CHỈ ĐẠO CỦA TỈNH VỀ PHÁT TRIỂN …"): capitals cannot tell them from a place.
_NOT_A_PLACE = {"ve", "va", "cua", "trong", "theo", "de", "tai", "nam", "giai"}


def _province(lines: list[str]) -> str | None:
    for line in lines[:60]:
        if line.isupper() and re.match(r"^(ỦY BAN NHÂN DÂN|UBND|SỞ|BAN)\b", line):
            match = _PROVINCE.search(line)
            if match and search_key(match.group(1)).split()[0] not in _NOT_A_PLACE:
                return match.group(1).title()
    for line in lines:
        if re.match(r"^(ĐC|Địa chỉ)\s*:", line):
            match = _PROVINCE.search(line)
            if match:
                return match.group(1)
    return None


@_register("place", 85, "place")
def _place(ctx: MetaContext) -> dict[str, Any]:
    return {"place": ctx.plan.get("place") or _province(ctx.lines)}


def _body_of_title(title: str | None) -> str | None:
    if not title:
        return None
    match = re.search(r"\bcủa\s+((?:Sở|Ban|Ủy ban|UBND|Văn phòng|Phòng|Trung tâm|Bộ|Cục)\b.*)$", title)
    if not match:
        return None
    body = re.split(r"\s+(?:năm|giai đoạn)\s+\d{4}", match.group(1))[0]
    return clean(body)


_BODY = r"(?:[UỦ][YỶ] BAN NHÂN DÂN|UBND|SỞ|BAN|VĂN PHÒNG|BỘ|CỤC|TRUNG TÂM|THANH TRA|CÔNG AN|CHI CỤC)\b"
# A body named in full with its remit ("BAN CHỈ ĐẠO CỦA TỈNH VỀ …, CHUYỂN ĐỔI SỐ VÀ ĐỀ ÁN 06")
# runs past one short line; a heading in capitals this long does not start with a body's name.
_BODY_LINE_MAX = 160
_BODY_LINE = re.compile(rf"^(?:CHỦ TỊCH\s+)?{_BODY}")
_INNER_BODY = re.compile(rf"(?<![YỶ])\s+(?={_BODY})")


def _header_bodies(lines: list[str]) -> list[str]:
    """Issuing bodies named in capitals at the head (a cell may hold the parent and the unit)."""
    bodies: list[str] = []
    for line in lines[:60]:
        if line.isupper() and len(line) < _BODY_LINE_MAX and _BODY_LINE.match(line):
            line = re.sub(r"^CHỦ TỊCH\s+", "", line)
            bodies += [part for part in _INNER_BODY.split(line) if re.match(_BODY, part)]
    return bodies


def _as_written(name: str, lines: list[str]) -> str:
    """A name printed in capitals, in the case the running text writes it, when it does."""
    key = search_key(name)
    for line in lines:
        at = search_key(line).find(key)
        found = line[at : at + len(key)] if at >= 0 else ""
        if found and not found.isupper() and search_key(found) == key:
            return found
    return name[:1] + name[1:].lower()


def _people_committee(line: str, place: str | None) -> str | None:
    province = _PROVINCE.search(line)
    where = province.group(1).title() if province else place
    level = "thành phố" if "THÀNH PHỐ" in line.upper() else "tỉnh"
    return f"Ủy ban nhân dân {level} {where}" if where else None


def _with_province(body: str, place: str | None) -> str:
    if place and re.match(r"^(Sở|Văn phòng|Phòng|Chi cục|Trung tâm)\b", body) and "tỉnh" not in body:
        return f"{body} tỉnh {place}"
    return body


@_register("issuer", 80, "issuer")
def _issuer(ctx: MetaContext) -> dict[str, Any]:
    place = ctx.plan.get("place")
    bodies = _header_bodies(ctx.lines)
    units = [b for b in bodies if not re.match(r"^(CHỦ TỊCH\s+)?(ỦY BAN NHÂN DÂN|UBND)\b", b)]
    if units:
        return {"issuer": _with_province(_as_written(units[-1], ctx.lines), place)}
    for body in bodies:
        committee = _people_committee(body, place)
        if committee:
            return {"issuer": committee}
    title_body = _body_of_title(ctx.plan.get("title"))
    return {"issuer": _with_province(title_body, place) if title_body else None}


@_register("signer", 75, "signer")
def _signer(ctx: MetaContext) -> dict[str, Any]:
    for index, line in enumerate(ctx.lines):
        if not _SIGN_TITLE.match(line):
            continue
        for following in ctx.lines[index + 1 : index + 6]:
            if _PERSON.match(following):
                return {"signer": following}
            if following.isupper() and _PERSON.match(following.title()) and not _SIGN_TITLE.match(following):
                return {"signer": following.title()}
    return {"signer": None}


@_register("period", 70, "period")
def _period(ctx: MetaContext) -> dict[str, Any]:
    title = ctx.plan.get("title") or ""
    span = re.search(r"giai đoạn\s+(\d{4})\s*[-–‑]\s*(\d{4})", title, re.I)
    if span:
        return {"period": {"from": int(span.group(1)), "to": int(span.group(2))}}
    year = re.search(r"năm\s+(\d{4})", title)
    if year:
        return {"period": {"from": int(year.group(1)), "to": int(year.group(1))}}
    issued = ctx.plan.get("issued_on")
    if issued:
        return {"period": {"from": int(issued[:4]), "to": int(issued[:4])}}
    return {"period": {"from": None, "to": None}}


def _grounds(ctx: MetaContext) -> list[str]:
    return [line for line in ctx.head() if re.match(r"^Căn cứ\b", line)]


@_register("legal_refs", 65, "legal_refs")
def _legal_refs(ctx: MetaContext) -> dict[str, Any]:
    refs: list[str] = []
    for line in _grounds(ctx):
        head = _CLAUSE_END.split(line)[0]
        refs += [r for r in refs_in(head) if r not in refs]
    return {"legal_refs": refs}


def _subject_words(text: str) -> set[str]:
    words = set(search_key(text).replace("-", " ").split())
    return words - {"ke", "hoach", "ve", "viec", "ban", "hanh", "cua", "nha", "nuoc", "va"}


@_register("implements", 60, "implements")
def _implements(ctx: MetaContext) -> dict[str, Any]:
    found: list[str] = []
    title = ctx.plan.get("title") or ""
    found += refs_in(title)
    for line in ctx.head():
        if line.startswith("Căn cứ"):
            found += _same_subject_plan(line, title)
            continue
        for match in _IMPLEMENTING.finditer(line):
            refs = refs_in(re.split(r"[;:]", line[match.end() :])[0])
            found += refs[:1]
    unique: list[str] = []
    for ref in found:
        if ref not in unique:
            unique.append(ref)
    return {"implements": unique}


def _same_subject_plan(line: str, title: str) -> list[str]:
    match = re.search(r"ban hành (Kế hoạch\b[^,;]*)", line)
    refs = refs_in(_CLAUSE_END.split(line)[0])
    if not match or not refs or not title:
        return []
    theirs, ours = _subject_words(match.group(1)), _subject_words(title)
    if not theirs or len(theirs & ours) / len(theirs) < 0.7:
        return []
    return refs[:1]


def read_meta(lines: list[str]) -> dict[str, Any]:
    ctx = MetaContext([clean(line) for line in lines if clean(line)])
    for rule in meta_rules:
        ctx.plan.update(rule.run(ctx))
    return ctx.plan
