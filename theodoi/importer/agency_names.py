"""Agency names as the readers compare them: folded keys, the shipped table, general name patterns.

A key ignores case, diacritics, punctuation, spacing and "và", and folds the usual abbreviations
(`_PHRASES`), so "Sở KH&CN", "Sở KHCN" and "Sở Khoa học và Công nghệ" share one. The table
(`data/agency_names.tsv`) lists common canonical names with their spellings; the patterns cover
names with a variable part and phrases that name a set of units (group tokens).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

from theodoi.core.text import clean

GROUP_PREFIX = "@"


# --- folding and keys ------------------------------------------------------------------------


def fold(text: str) -> str:
    """Lower case without diacritics, one character for one, so positions carry over."""
    out = []
    for char in text:
        base = unicodedata.normalize("NFD", char.replace("đ", "d").replace("Đ", "D"))[:1].lower()
        out.append(base if len(base) == 1 else char)
    return "".join(out)


@dataclass(frozen=True)
class Word:
    """A word of the cell: its folded form and where it sits in the printed text."""

    text: str
    start: int
    end: int


def words_of(text: str) -> list[Word]:
    folded = fold(text)
    return [Word(m.group(0), m.start(), m.end()) for m in re.finditer(r"[^\W_]+", folded)]


# Long forms and the abbreviations documents use for them, as folded words. Keys fold the long
# form to the short one, so "Sở KH&CN", "Sở KHCN" and "Sở Khoa học và Công nghệ" are one key.
_PHRASES: tuple[tuple[str, str], ...] = (
    ("uy ban nhan dan", "ubnd"),
    ("hoi dong nhan dan", "hdnd"),
    ("dai bieu quoc hoi", "dbqh"),
    ("uy ban mat tran to quoc", "ubmttq"),
    ("mat tran to quoc", "mttq"),
    ("viet nam", "vn"),
    ("khoa hoc cong nghe", "khcn"),
    ("khoa hoc ky thuat", "khkt"),
    ("thong tin truyen thong", "tttt"),
    ("cong nghe thong tin", "cntt"),
    ("ke hoach tai chinh", "khtc"),
    ("ke hoach dau tu", "khdt"),
    ("chuyen doi so", "cds"),
    ("nong nghiep moi truong", "nnmt"),
    ("nong nghiep phat trien nong thon", "nnptnt"),
    ("tai nguyen moi truong", "tnmt"),
    ("van hoa the thao du lich", "vhttdl"),
    ("van hoa the thao", "vhtt"),
    ("giao duc dao tao", "gddt"),
    ("lao dong thuong binh xa hoi", "ldtbxh"),
    ("giao thong van tai", "gtvt"),
    ("dan toc ton giao", "dttg"),
    ("thu tuc hanh chinh", "tthc"),
    ("hanh chinh cong", "hcc"),
    ("phuc vu", "pv"),
    ("quan ly du an", "qlda"),
    ("ban quan ly", "bql"),
    ("khu cong nghiep", "kcn"),
    ("khu kinh te", "kkt"),
    ("bao hiem xa hoi", "bhxh"),
    ("kho bac nha nuoc", "kbnn"),
    ("ngan hang nha nuoc", "nhnn"),
    ("phat thanh truyen hinh", "ptth"),
    ("bo chi huy quan su", "bchqs"),
    ("bo doi bien phong", "bdbp"),
    ("lien hiep phu nu", "lhpn"),
    ("lien doan lao dong", "ldld"),
    ("thanh nien cong san", "tncs"),
    ("ho chi minh", "hcm"),
    ("cuu chien binh", "ccb"),
    ("cong an", "ca"),
    ("trung tam", "tt"),
    ("van phong", "vp"),
    ("phong", "p"),
)
_PHRASE_WORDS: tuple[tuple[tuple[str, ...], str], ...] = tuple(
    sorted(((tuple(long.split()), short) for long, short in _PHRASES), key=lambda p: -len(p[0]))
)
_DROPPED_WORDS = frozenset({"va"})


def folded_words(words: Iterable[str]) -> list[str]:
    """Words with "và" dropped and long forms replaced by their abbreviation."""
    plain = [w for w in words if w not in _DROPPED_WORDS]
    out: list[str] = []
    i = 0
    while i < len(plain):
        for long, short in _PHRASE_WORDS:
            if tuple(plain[i : i + len(long)]) == long:
                out.append(short)
                i += len(long)
                break
        else:
            out.append(plain[i])
            i += 1
    return out


def key_of(text: str) -> str:
    """The lookup key of a name: "Sở KH&CN" and "Sở Khoa học và Công nghệ" give "sokhcn"."""
    return "".join(folded_words(w.text for w in words_of(text)))


def spaced_key(words: Iterable[str]) -> str:
    """The form fuzzy matching compares: folded words, "và" dropped, abbreviations left alone."""
    return " ".join(w for w in words if w not in _DROPPED_WORDS)


# --- the shipped table ------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """One canonical name (or group token) of the table."""

    name: str
    kind: str
    province_suffix: bool = False

    @property
    def is_group(self) -> bool:
        return self.name.startswith(GROUP_PREFIX)


def parse_table(lines: Iterable[str]) -> list[tuple[Entry, list[str]]]:
    """Rows of `agency_names.tsv`: each entry with its aliases (the canonical name included)."""
    rows: list[tuple[Entry, list[str]]] = []
    for line in lines:
        if not line.strip() or line.startswith("#") or line.startswith("canonical\t"):
            continue
        cells = (line.rstrip("\n").split("\t") + ["", "", ""])[:4]
        name, kind, suffix, aliases = (clean(cell) for cell in cells)
        entry = Entry(name, kind or "organisation", suffix == "tỉnh")
        spellings = [] if entry.is_group else [name]
        rows.append((entry, spellings + [a for a in (clean(x) for x in aliases.split("|")) if a]))
    return rows


@cache
def shipped_table() -> tuple[tuple[Entry, tuple[str, ...]], ...]:
    text = resources.files("theodoi.importer").joinpath("data/agency_names.tsv").read_text(encoding="utf-8")
    return tuple((entry, tuple(aliases)) for entry, aliases in parse_table(text.splitlines()))


@dataclass(frozen=True)
class ShippedIndex:
    """The shipped table by exact key and by fuzzy key, built once per process."""

    exact: dict[str, Entry]
    fuzzy: dict[str, Entry]
    max_words: int
    # "Công an tỉnh" as "Công an Đồng Nai": keys without the final "tỉnh", valid only before a place.
    placed: dict[str, Entry]


@cache
def shipped_index() -> ShippedIndex:
    exact: dict[str, Entry] = {}
    fuzzy: dict[str, Entry] = {}
    placed: dict[str, Entry] = {}
    max_words = 1
    for entry, aliases in shipped_table():
        for alias in aliases:
            words = [w.text for w in words_of(alias)]
            exact.setdefault(key_of(alias), entry)
            fuzzy.setdefault(spaced_key(words), entry)
            max_words = max(max_words, len(words))
            if entry.province_suffix and len(words) > 2 and words[-1] == "tinh":
                placed.setdefault(key_of(" ".join(words[:-1])), entry)
    placed = {key: entry for key, entry in placed.items() if key not in exact}
    return ShippedIndex(exact, fuzzy, max_words, placed)


# --- general patterns -------------------------------------------------------------------------


@dataclass(frozen=True)
class PatternRule:
    """A name with a variable part, or a group phrase, matched on folded text."""

    pattern: re.Pattern[str]
    build: Callable[[re.Match[str], str], str]
    kind: str


def _token(token: str) -> Callable[[re.Match[str], str], str]:
    return lambda match, printed: token


def _numbered(prefix: str) -> Callable[[re.Match[str], str], str]:
    return lambda match, printed: f"{prefix} {printed[match.start('n') : match.end('n')].upper()}"


def _media_of(match: re.Match[str], printed: str) -> str:
    return f"Báo và Phát thanh, Truyền hình {printed[match.start('place') : match.end('place')]}"


def _commune(match: re.Match[str], printed: str) -> str:
    level = printed[match.start("level") : match.end("level")].lower()
    return f"UBND {level} {printed[match.start('place') : match.end('place')]}"


_PIECES = {
    "CAC": r"(?:(?:cac|tat\s+ca\s+cac|nhung)\s+)?",
    "SEP": r"\s*[,;/]?\s*",
    "RELATED": r"(?:\s*[,;]?\s*(?:co\s+)?lien\s+quan)?",
    "OF_PROVINCE": r"(?:\s+(?:thuoc|truc\s+thuoc)\s+(?:ubnd|uy\s+ban\s+nhan\s+dan)\s+tinh"
    r"|\s+cap\s+tinh|\s+tinh)?",
    "ON_SOIL": r"(?:\s+(?:tren\s+dia\s+ban|cua)\s+tinh)?",
    "PLACE": r"(?P<place>[^\W\d_]+(?:\s+[^\W\d_]+){0,3})",
    "NUMBER": r"(?P<n>\d{1,2}|[ivx]{1,4})",
    "AREA": r"(?:khu\s+vuc|kv)\s*",
}


def _pattern(template: str) -> str:
    """A pattern on folded text: "{CAC}" and the like from _PIECES, a space for any white space."""
    spaced = template.replace(" ", r"\s+").replace("{", "\x00").replace("}", "\x01")
    for name, piece in _PIECES.items():
        spaced = spaced.replace(f"\x00{name}\x01", piece)
    return spaced.replace("\x00", "{").replace("\x01", "}")


# Phrases that name a set of units, as folded text ("các sở, ban, ngành có liên quan").
_GROUP_PATTERNS: tuple[tuple[str, str], ...] = (
    (
        "{CAC}(?:co quan )?so{SEP}(?:ban{SEP})?nganh(?: (?:doan the|tinh))?{OF_PROVINCE}{RELATED}",
        "@so-ban-nganh",
    ),
    ("{CAC}co quan chuyen mon{OF_PROVINCE}{RELATED}", "@so-ban-nganh"),
    ("(?:cac|tat ca cac) so{RELATED}", "@so-ban-nganh"),
    (
        "(?:(?:ubnd|uy ban nhan dan|chinh quyen) )?{CAC}"
        "(?:xa{SEP}phuong(?:{SEP}(?:va )?(?:dac khu|thi tran))?|cap xa){ON_SOIL}{RELATED}",
        "@ubnd-xa-phuong",
    ),
    ("{CAC}dia phuong{ON_SOIL}{RELATED}", "@ubnd-xa-phuong"),
    ("(?:ubnd|uy ban nhan dan) {CAC}(?:xa|phuong)(?: (?:tren dia ban|thuoc) tinh)?", "@ubnd-xa-phuong"),
    (
        "{CAC}phong{SEP}(?:ban{SEP})?(?:don vi|trung tam)(?: (?:thuoc|truc thuoc) so)?{RELATED}",
        "@phong-don-vi",
    ),
    ("{CAC}(?:phong chuyen mon|don vi (?:thuoc|truc thuoc) so){RELATED}", "@phong-don-vi"),
    (
        "{CAC}(?:co quan|don vi|to chuc)(?:{SEP}(?:co quan|don vi|to chuc|ca nhan))*\\s*(?:co )?lien quan",
        "@lien-quan",
    ),
    ("{CAC}co quan{SEP}don vi(?: (?:tren dia ban|thuoc)(?: tinh)?)?", "@lien-quan"),
    ("{CAC}co quan{SEP}don vi (?:thuoc|truc thuoc) (?:ubnd|uy ban nhan dan) tinh", "@so-ban-nganh"),
    (
        "{CAC}(?:co quan )?(?:bao{SEP}dai|bao chi|thong tan{SEP}bao chi)(?: (?:tinh|dia phuong|trung uong))?",
        "@co-quan-bao-dai",
    ),
    (
        "{CAC}(?:hoi{SEP})?(?:to chuc|hoi) xa hoi\\s*[-,]?\\s*nghe nghiep{ON_SOIL}",
        "@to-chuc-xa-hoi-nghe-nghiep",
    ),
    ("{CAC}to cong nghe so cong dong(?: (?:cac cap|cap xa))?", "@to-cong-nghe-so-cong-dong"),
    ("{CAC}(?:doanh nghiep|dn)(?:{SEP}(?:va )?(?:hop tac xa|htx))?{ON_SOIL}", "@doanh-nghiep-htx"),
)
# Names with a variable part: the province's media agency, numbered regional branches, communes.
_NAME_PATTERNS: tuple[tuple[str, Callable[[re.Match[str], str], str], str], ...] = (
    ("bao va phat thanh\\s*,?\\s*truyen hinh (?!tinh\\b){PLACE}", _media_of, "organisation"),
    (
        "(?:ngan hang nha nuoc|nhnn)(?: viet nam)?(?: chi nhanh)? {AREA}{NUMBER}",
        _numbered("Ngân hàng Nhà nước chi nhánh Khu vực"),
        "vertical",
    ),
    ("(?:kho bac nha nuoc|kbnn) {AREA}{NUMBER}", _numbered("Kho bạc Nhà nước khu vực"), "vertical"),
    ("chi cuc hai quan {AREA}{NUMBER}", _numbered("Chi cục Hải quan khu vực"), "vertical"),
    ("(?:ubnd|uy ban nhan dan) (?P<level>xa|phuong|dac khu) (?!cac\\b){PLACE}", _commune, "commune"),
)


# Where one agency may end: the end of the cell, a list separator, or a joining word. The
# lookahead inside patterns works on folded text; `ends_here` checks the joining word as printed
# ("và", not the "va" that "vá" also folds to).
_END = r"(?=\s*(?:$|[,;\n+/&().:\-\u2013]|(?:va|voi|cung|hoac)\b))"
_PUNCTUATION_END = re.compile(r"\s*(?:$|[,;\n+/&().:\-\u2013])")
_CONNECTOR_AHEAD = re.compile(r"\s*(?:và|với|cùng|hoặc|chủ\s+trì|phối\s+hợp|tham\s+mưu)\b", re.IGNORECASE)


def ends_here(text: str, pos: int) -> bool:
    """Whether one agency may end at `pos`: the end, a list separator, or a joining word ("và")."""
    return bool(_PUNCTUATION_END.match(text, pos) or _CONNECTOR_AHEAD.match(text, pos))


@cache
def pattern_rules() -> tuple[PatternRule, ...]:
    groups = [PatternRule(re.compile(_pattern(p) + _END), _token(t), "group") for p, t in _GROUP_PATTERNS]
    names = [PatternRule(re.compile(_pattern(p) + _END), build, kind) for p, build, kind in _NAME_PATTERNS]
    return tuple(groups + names)


# Words an agency's name starts with: "và" between two of these joins two agencies.
HEAD_WORDS = frozenset(
    "sở ban phòng p ubnd ủy uỷ văn vp trung tt công bộ cục chi hội liên đài báo các đơn cơ tỉnh đoàn mặt kho "
    "ngân thanh thuế viện trường bệnh tổng đảng hđnd ubmttq mttq bchqs bhxh kbnn nhnn lđlđ tổ".split()
)
