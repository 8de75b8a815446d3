"""Agency names in plan tables: one cell ("Chủ trì", "Phối hợp") to canonical names and group tokens.

`AgencyResolver.resolve()` splits a cell into agencies and names each one the way Plan JSON
does (see `shared/spec/plan-json.md`, "Agencies"):

1. Footnote markers are dropped and parenthetical qualifiers moved to `note`.
2. From left to right, the longest known name starting at each word wins: an alias from the
   caller (`extra_aliases`, the unit directory: it wins over the shipped table), a name or
   alias of `data/agency_names.tsv`, or a general pattern (group phrases such as "các sở,
   ban, ngành có liên quan", "Ngân hàng Nhà nước chi nhánh Khu vực 2"). Names are compared
   by a key that ignores case, diacritics, punctuation, spacing and "và", with the usual
   abbreviations folded ("KH&CN", "P.", "TT.", "UBND", "CĐS"), so "P . CĐS" is
   "Phòng Chuyển đổi số". A known name may carry the province ("Sở Y tế tỉnh Đồng Nai").
3. Text no known name covers is cut at commas, semicolons and line breaks, and at "và" only
   between two agency-like names, so an unknown "Báo và Đài phát thanh truyền hình tỉnh"
   stays one name. Each piece is matched fuzzily (a conservative threshold, same head word
   and numbers); failing that it is kept as printed and listed in `unknown`.

Bare words whose meaning depends on whose plan it is ("Văn phòng", "Thanh tra") are read with
`owner`, the plan's issuing body; without one they stay unknown rather than guessed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from rapidfuzz import fuzz, process

from theodoi.core.text import clean

GROUP_PREFIX = "@"
_FUZZY_CUTOFF = 88.0
_FUZZY_MARGIN = 3.0
_FUZZY_MIN_LENGTH = 6


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


def _folded_words(words: Iterable[str]) -> list[str]:
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
    return "".join(_folded_words(w.text for w in words_of(text)))


def _spaced_key(words: Iterable[str]) -> str:
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


@cache
def shipped_index() -> ShippedIndex:
    exact: dict[str, Entry] = {}
    fuzzy: dict[str, Entry] = {}
    max_words = 1
    for entry, aliases in shipped_table():
        for alias in aliases:
            words = [w.text for w in words_of(alias)]
            exact.setdefault(key_of(alias), entry)
            fuzzy.setdefault(_spaced_key(words), entry)
            max_words = max(max_words, len(words))
    return ShippedIndex(exact, fuzzy, max_words)


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
    (
        "{CAC}phong{SEP}(?:ban{SEP})?(?:don vi|trung tam)(?: (?:thuoc|truc thuoc) so)?{RELATED}",
        "@phong-don-vi",
    ),
    ("{CAC}(?:phong chuyen mon|don vi (?:thuoc|truc thuoc) so){RELATED}", "@phong-don-vi"),
    (
        "{CAC}(?:co quan|don vi|to chuc)(?:{SEP}(?:co quan|don vi|to chuc|ca nhan))*\\s*(?:co )?lien quan",
        "@lien-quan",
    ),
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
_CONNECTOR_AHEAD = re.compile(r"\s*(?:và|với|cùng|hoặc)\b", re.IGNORECASE)


def ends_here(text: str, pos: int) -> bool:
    """Whether one agency may end at `pos`: the end, a list separator, or a joining word ("và")."""
    return bool(_PUNCTUATION_END.match(text, pos) or _CONNECTOR_AHEAD.match(text, pos))


@cache
def pattern_rules() -> tuple[PatternRule, ...]:
    groups = [PatternRule(re.compile(_pattern(p) + _END), _token(t), "group") for p, t in _GROUP_PATTERNS]
    names = [PatternRule(re.compile(_pattern(p) + _END), build, kind) for p, build, kind in _NAME_PATTERNS]
    return tuple(groups + names)


# Bare words that mean a unit of the plan's owner ("Văn phòng" in a Sở's plan is its Văn phòng).
_BY_OWNER: dict[str, dict[str, str]] = {
    "vp": {"department": "Văn phòng Sở", "province": "Văn phòng UBND tỉnh"},
    "thanhtra": {"department": "Thanh tra Sở", "province": "Thanh tra tỉnh"},
    "ubnd": {"province": "UBND tỉnh"},
    "lanhdaoso": {"department": "Lãnh đạo Sở"},
}


# --- resolving a cell -------------------------------------------------------------------------


@dataclass
class Resolved:
    """The agencies of one cell: canonical names or group tokens in order, a note, names not known."""

    names: list[str] = field(default_factory=list)
    note: str | None = None
    unknown: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Match:
    """A known agency found at a word: its name and the character where it ends."""

    name: str
    end: int
    known: bool = True


_FOOTNOTE_MARKS = re.compile(
    r"\[\^\w+\]|\[footnoteRef:\s*\w+\]|[\u00b9\u00b2\u00b3\u2070-\u2079]+|\*+(?=\s|$|[,;])"
)
_FOOTNOTE_BODY = re.compile(r"\[\d+:\s*(?P<body>[^\[\]]*)\]")
_PARENTHETICAL = re.compile(r"\((?P<inner>[^()]*)\)")
_CONNECTORS = frozenset({"và", "với", "cùng", "hoặc"})
_HARD_SEPARATOR = re.compile(r"[,;\n+]")
# Words an agency's name starts with: "và" between two of these joins two agencies.
_HEADS = frozenset(
    "sở ban phòng p ubnd ủy uỷ văn vp trung tt công bộ cục chi hội liên đài báo các đơn cơ tỉnh đoàn mặt kho "
    "ngân thanh thuế viện trường bệnh tổng đảng hđnd ubmttq mttq bchqs bhxh kbnn nhnn lđlđ tổ".split()
)


def _is_head(text: str, word: Word) -> bool:
    return text[word.start : word.end].lower() in _HEADS


def _is_connector(text: str, word: Word) -> bool:
    return text[word.start : word.end].lower() in _CONNECTORS


def _cell_text(text: str) -> tuple[str, list[str]]:
    """The cell without footnote markers and parentheticals; what they held goes to the note."""
    notes: list[str] = []

    def keep_body(match: re.Match[str]) -> str:
        notes.append(clean(match.group("body")))
        return " "

    def keep_parenthetical(match: re.Match[str]) -> str:
        inner = clean(match.group("inner"))
        if re.search(r"[^\W\d_]{2,}", inner):
            notes.append(f"({inner})")
        return " "

    text = unicodedata.normalize("NFC", text)
    text = _FOOTNOTE_BODY.sub(keep_body, text)
    text = _FOOTNOTE_MARKS.sub(" ", text)
    text = _PARENTHETICAL.sub(keep_parenthetical, text)
    text = re.sub(r"[ \t\u00a0\u2000-\u200b\u202f\u3000]+", " ", text)
    text = re.sub(r" ?\n[\s]*", "\n", text).strip()
    return text, [n for n in notes if n]


def _tidy(name: str) -> str:
    """A printed name without the list punctuation around it."""
    return clean(name).strip(" ,;:+-–.\n")


class AgencyResolver:
    """Reads agency cells of one plan: the shipped table, the caller's aliases, the plan's owner."""

    def __init__(self, extra_aliases: dict[str, str] | None = None, owner: str | None = None) -> None:
        shipped = shipped_index()
        self._index: dict[str, Entry] = shipped.exact
        self._fuzzy: dict[str, Entry] = dict(shipped.fuzzy)
        self._max_words = shipped.max_words
        self._extra: dict[str, Entry] = {}
        self._add_extras(extra_aliases or {})
        self._owner_kind = self._kind_of_owner(owner)

    # -- set-up --

    def _add_extras(self, extra: dict[str, str]) -> None:
        """The caller's aliases; a target that is not one of the caller's own names may be a known name."""
        own_names = {key_of(name) for name in extra.values()} & {key_of(alias) for alias in extra}
        for alias, target in extra.items():
            target = clean(target)
            if not key_of(alias) or not target:
                continue
            if key_of(target) not in own_names:
                # A document's own "(sau đây gọi tắt là ...)": its long form may be a known name.
                known = self._whole_known(target)
                target = known.name if known is not None else target
            entry = Entry(target, "group" if target.startswith(GROUP_PREFIX) else "extra")
            self._extra[key_of(alias)] = entry
            self._fuzzy[_spaced_key(w.text for w in words_of(alias))] = entry
            self._max_words = max(self._max_words, len(words_of(alias)))

    def _whole_known(self, text: str) -> Entry | None:
        words = words_of(text)
        if not words:
            return None
        found = self._known_at(text, fold(text), words, 0)
        if found is None or found.end < words[-1].end:
            return None
        entry = self._index.get(key_of(found.name))
        return entry or Entry(found.name, "pattern")

    def _kind_of_owner(self, owner: str | None) -> str | None:
        if not owner:
            return None
        entry = self._whole_known(owner)
        if entry is not None and entry.kind in ("province", "department", "division", "commune"):
            return (
                "province" if entry.name in ("UBND tỉnh", "HĐND tỉnh", "Chủ tịch UBND tỉnh") else entry.kind
            )
        folded = " ".join(w.text for w in words_of(owner))
        if re.match(r"(so|ban quan ly|chi cuc|trung tam)\b", folded):
            return "department"
        if re.match(r"(ubnd|uy ban nhan dan|hdnd|hoi dong nhan dan|tinh uy)\b.*\btinh\b", folded):
            return "province"
        if re.match(r"(ubnd|uy ban nhan dan)\s+(xa|phuong|dac khu)\b", folded):
            return "commune"
        return None

    # -- finding known names --

    def _lookup(self, key: str) -> Entry | None:
        return self._extra.get(key) or self._index.get(key)

    def _known_at(self, text: str, folded: str, words: Sequence[Word], i: int) -> Match | None:
        """The longest known name starting at word i and ending where an agency may end."""
        best: Match | None = None
        for rule in pattern_rules():
            found = rule.pattern.match(folded, words[i].start)
            if (
                found
                and found.end() > words[i].start
                and ends_here(text, found.end())
                and (best is None or found.end() > best.end)
            ):
                best = Match(rule.build(found, text), found.end())
        last = min(len(words), i + self._max_words)
        for j in range(last, i, -1):
            entry = self._lookup("".join(_folded_words(w.text for w in words[i:j])))
            if entry is None:
                continue
            end = self._suffix_end(text, words, j, entry)
            if end is not None and (best is None or end > best.end):
                best = Match(entry.name, end)
            break
        return best

    def _suffix_end(self, text: str, words: Sequence[Word], j: int, entry: Entry) -> int | None:
        """Where a name ending before word j ends, taking in "tỉnh <Tên tỉnh>" where the table allows."""
        plain_end = words[j - 1].end
        place_from = j
        if entry.province_suffix and j < len(words) and words[j].text == "tinh":
            place_from = j + 1
        elif entry.province_suffix and [w.text for w in words[j : j + 2]] == ["thanh", "pho"]:
            place_from = j + 2
        elif not entry.name.endswith(" tỉnh"):
            return plain_end if ends_here(text, plain_end) else None
        for end in range(min(len(words), place_from + 3), j, -1):
            if not self._is_place(text, words[j - 1 : end], place_from - j + 1):
                continue
            if ends_here(text, words[end - 1].end) and not _is_connector(text, words[end - 1]):
                return words[end - 1].end
        return plain_end if ends_here(text, plain_end) else None

    @staticmethod
    def _is_place(text: str, run: Sequence[Word], place_from: int) -> bool:
        """`run[place_from:]` is a province's name: capitalised, and only spaces between the words."""
        spaced = all(not text[a.end : b.start].strip() for a, b in zip(run, run[1:], strict=False))
        return spaced and all(text[w.start].isupper() for w in run[place_from:])

    # -- text no known name covers --

    def _unknown_piece(self, text: str, folded: str, words: Sequence[Word], i: int) -> int:
        """The index after the last word of an unknown piece starting at word i."""
        k = i + 1
        while k < len(words):
            gap = text[words[k - 1].end : words[k].start]
            if _HARD_SEPARATOR.search(gap) and (
                ",".join(gap.split()) != "," or self._starts_agency(text, folded, words, k)
            ):
                return k
            if _is_connector(text, words[k]) and k + 1 < len(words) and k - i >= 2:
                if _is_head(text, words[k + 1]) or self._known_at(text, folded, words, k + 1) is not None:
                    return k
            k += 1
        return k

    def _starts_agency(self, text: str, folded: str, words: Sequence[Word], k: int) -> bool:
        """Whether word k looks like the start of another agency, not the rest of this one."""
        word = words[k]
        return (
            text[word.start].isupper()
            or _is_head(text, word)
            or self._known_at(text, folded, words, k) is not None
        )

    def _name_unknown(self, piece: str) -> Match:
        words = [w.text for w in words_of(piece)]
        key = "".join(_folded_words(words))
        by_owner = _BY_OWNER.get(key, {})
        if self._owner_kind in by_owner:
            return Match(by_owner[self._owner_kind], 0)
        fuzzy = self._fuzzy_match(words)
        if fuzzy is not None:
            return Match(fuzzy.name, 0)
        return Match(_tidy(piece), 0, known=False)

    def _fuzzy_match(self, words: Sequence[str]) -> Entry | None:
        query = _spaced_key(words)
        if len(query) < _FUZZY_MIN_LENGTH:
            return None
        found = process.extract(
            query, list(self._fuzzy), scorer=fuzz.ratio, limit=5, score_cutoff=_FUZZY_CUTOFF
        )
        candidates = [
            (choice, score)
            for choice, score, _ in found
            if choice.split()[0] == query.split()[0]
            and re.findall(r"\d+", choice) == re.findall(r"\d+", query)
        ]
        if not candidates:
            return None
        best, best_score = candidates[0]
        entry = self._fuzzy[best]
        rivals = [s for c, s in candidates[1:] if self._fuzzy[c].name != entry.name]
        if rivals and best_score - rivals[0] < _FUZZY_MARGIN:
            return None
        return entry

    # -- the cell --

    def resolve(self, cell_text: str) -> Resolved:
        """The agencies a cell names, in order (see the module docstring)."""
        text, notes = _cell_text(cell_text or "")
        folded = fold(text)
        words = words_of(text)
        result = Resolved(note="; ".join(notes) or None)
        i = 0
        while i < len(words):
            if _is_connector(text, words[i]):
                i += 1
                continue
            found = self._known_at(text, folded, words, i)
            if found is None:
                k = self._unknown_piece(text, folded, words, i)
                found = self._name_unknown(text[words[i].start : words[k - 1].end])
                i = k
            else:
                i = next((n for n, w in enumerate(words) if w.start >= found.end), len(words))
            if found.name and found.name not in result.names:
                result.names.append(found.name)
            if not found.known and found.name not in result.unknown:
                result.unknown.append(found.name)
        return result


# --- abbreviations a document defines ---------------------------------------------------------

_DEFINED = re.compile(
    r"\(\s*(?:sau\s+đây\s+)?(?:được\s+)?(?:gọi|viết)\s+tắt\s+(?:là\s*)?:?\s*[\"“'‘]?\s*(?P<abbr>[^()\"“”'‘’]{1,60}?)"
    r"\s*[\"”'’]?\s*\)",
    re.IGNORECASE,
)
_BARE = re.compile(r"\(\s*(?P<abbr>[^\W\d_][\w&.\- ]{0,30}?)\s*\)")


def _initials(words: Sequence[str]) -> str:
    return fold("".join(w[0] for w in words if fold(w).lower() != "va")).lower()


def _letters(word: str) -> str:
    return fold(re.sub(r"[\W_]", "", word)).lower()


def _by_initials(before: Sequence[str], abbr: Sequence[str]) -> list[str] | None:
    """ "Sở KH&CN" after "... Sở Khoa học và Công nghệ": the words whose initials spell the short word."""
    short = next((n for n, w in enumerate(abbr) if len(re.findall(r"[A-ZĐ]", w)) >= 2), None)
    if short is None:
        return None
    head, tail = abbr[:short], abbr[short + 1 :]
    if tail and [_letters(w) for w in before[-len(tail) :]] != [_letters(w) for w in tail]:
        return None
    rest = list(before[: len(before) - len(tail)])
    for n in range(1, min(len(rest), 12) + 1):
        if _initials(rest[-n:]) != _letters(abbr[short]):
            continue
        lead = rest[: len(rest) - n]
        if not head or [_letters(w) for w in lead[-len(head) :]] == [_letters(w) for w in head]:
            return lead[len(lead) - len(head) :] + rest[-n:] + list(tail)
    return None


def _by_head_word(before: Sequence[str], abbr: Sequence[str]) -> list[str] | None:
    """ "Ban Chỉ đạo ... tỉnh (gọi tắt là Ban Chỉ đạo)": from the last word the short form opens with."""
    first = _letters(abbr[0]) if abbr else ""
    for n in range(1, min(len(before), 30) + 1):
        word = before[-n]
        if word[:1].isupper() and _letters(word) == first and word.lower() in _HEADS:
            return list(before[-n:])
    return None


def _long_form(before: str, abbr: str) -> str | None:
    """The words before "(... gọi tắt là ABBR)" that ABBR stands for."""
    words = re.split(r"[.;:\n()]", before)[-1].split()
    abbr_words = abbr.split()
    found = _by_initials(words, abbr_words) or _by_head_word(words, abbr_words)
    return clean(" ".join(found).strip(" ,")) if found else None


def find_abbreviations(text: str) -> dict[str, str]:
    """Short forms a document defines itself: "Sở Khoa học và Công nghệ (sau đây gọi tắt là Sở KH&CN)".

    Also a bare "(TTHC)" or "(Sở KH&CN)" when the words before it spell the short form.
    """
    found: dict[str, str] = {}
    text = unicodedata.normalize("NFC", text or "")
    for match in _DEFINED.finditer(text):
        abbr = clean(match.group("abbr")).strip(" ,.;")
        full = _long_form(text[max(0, match.start() - 400) : match.start()], abbr) if abbr else None
        if full and full != abbr:
            found.setdefault(abbr, full)
    for match in _BARE.finditer(text):
        abbr = clean(match.group("abbr"))
        if abbr in found or not re.search(r"[A-ZĐ]{2,}", abbr) or re.search(r"tắt", abbr, re.IGNORECASE):
            continue
        words = re.split(r"[.;:\n()]", text[max(0, match.start() - 400) : match.start()])[-1].split()
        full_words = _by_initials(words, abbr.split())
        if full_words:
            found.setdefault(abbr, clean(" ".join(full_words).strip(" ,")))
    return found
