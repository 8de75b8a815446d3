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
from collections.abc import Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from theodoi.core.text import clean
from theodoi.importer.agency_abbreviations import find_abbreviations
from theodoi.importer.agency_names import (
    GROUP_PREFIX,
    HEAD_WORDS,
    Entry,
    Word,
    ends_here,
    fold,
    folded_words,
    key_of,
    pattern_rules,
    shipped_index,
    shipped_table,
    spaced_key,
    words_of,
)

__all__ = ["AgencyResolver", "Resolved", "find_abbreviations", "key_of", "shipped_table"]

_FUZZY_CUTOFF = 88.0
_FUZZY_MARGIN = 3.0
_FUZZY_MIN_LENGTH = 6

# Bare words that mean a unit of the plan's owner ("Văn phòng" in a Sở's plan is its Văn phòng).
_BY_OWNER: dict[str, dict[str, str]] = {
    "vp": {
        "department": "Văn phòng Sở",
        "province": "Văn phòng UBND tỉnh",
        "commune": "Văn phòng HĐND và UBND xã",
    },
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
# "..., theo chức năng, nhiệm vụ được giao": a qualifier of the list, kept in the note.
_QUALIFIER = re.compile(
    r",?\s*(?P<qualifier>(?:theo|trong\s+phạm\s+vi|thuộc\s+phạm\s+vi)\s+(?:chức\s+năng|nhiệm\s+vụ|thẩm\s+quyền"
    r"|phạm\s+vi|lĩnh\s+vực|phân\s+cấp|phân\s+công|quản\s+lý)[^;\n]*)",
    re.IGNORECASE,
)
_LIST_OPENING = re.compile(r"\s*(?:1[.)]|a\))\s")
_LIST_NUMBER = re.compile(r"(?:^|(?<=\s))(?:\d{1,2}[.)]|[a-zđ]\))(?=\s)")  # "1. Sở Y tế 2. Sở Tài chính"
_CONNECTORS = frozenset({"và", "với", "cùng", "hoặc"})
_HARD_SEPARATOR = re.compile(r"[,;\n+]")
_ROLE = re.compile(r"(?:chủ\s+trì|phối\s+hợp(?:\s+với)?|tham\s+mưu|cùng\s+với)\b[\s:,]*", re.IGNORECASE)
_OPENER = re.compile(
    r"(?:các\s+)?(?P<head>sở|phòng|bộ|trung\s+tâm|chi\s+cục)(?:\s*,\s*(?:ban\s*,\s*)?ngành)?\s*:\s*",
    re.IGNORECASE,
)
# Lower-case words that may open the next agency of a list after a comma ("..., các đơn vị ...").
_LIST_STARTERS = frozenset({"các", "sở", "phòng", "ubnd", "ủy", "uỷ", "văn", "trung", "tổ"})
_SHARED_HEADS = ("Sở", "Phòng", "Bộ", "Trung tâm", "Chi cục")


def _is_head(text: str, word: Word) -> bool:
    return text[word.start : word.end].lower() in HEAD_WORDS


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

    def keep_qualifier(match: re.Match[str]) -> str:
        notes.append(clean(match.group("qualifier")))
        return " "

    text = unicodedata.normalize("NFC", text)
    text = _FOOTNOTE_BODY.sub(keep_body, text)
    text = _FOOTNOTE_MARKS.sub(" ", text)
    text = _PARENTHETICAL.sub(keep_parenthetical, text)
    text = _QUALIFIER.sub(keep_qualifier, text)
    if _LIST_OPENING.match(text):  # numbered only when the cell opens with "1." or "a)"
        text = _LIST_NUMBER.sub(";", text)
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
        self._placed = shipped.placed
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
            self._fuzzy[spaced_key(w.text for w in words_of(alias))] = entry
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
        """ "department" for a Sở, "province" for the province's bodies, "commune"; None otherwise."""
        folded = " ".join(w.text for w in words_of(owner or ""))
        if re.match(r"so\b", folded):
            return "department"
        if re.match(
            r"(ubnd|uy ban nhan dan|hdnd|hoi dong nhan dan|tinh uy|chu tich ubnd)\b.*\btinh\b", folded
        ):
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
            if _is_connector(text, words[j - 1]):
                continue
            key = "".join(folded_words(w.text for w in words[i:j]))
            entry = self._lookup(key)
            end = None if entry is None else self._suffix_end(text, words, j, entry)
            if entry is None and key in self._placed:
                entry, end = self._placed[key], self._place_end(text, words, j, j, j + 2)
            if entry is not None and end is not None:
                return best if best is not None and best.end >= end else Match(entry.name, end)
        return best

    def _suffix_end(self, text: str, words: Sequence[Word], j: int, entry: Entry) -> int | None:
        """Where a name ending before word j ends, taking in its province where the table allows:
        "Sở Y tế tỉnh Đồng Nai", "Sở Y tế tỉnh", "Sở Y tế thành phố Hà Nội", "Sở Y tế Lào Cai"."""
        following = [w.text for w in words[j : j + 2]]
        place: tuple[int, int] | None = None  # where the place name starts, and its shortest end
        if entry.province_suffix and following[:1] == ["tinh"]:
            place = (j + 1, j + 1)
        elif entry.province_suffix and following == ["thanh", "pho"]:
            place = (j + 2, j + 3)
        elif entry.name.endswith(" tỉnh"):
            place = (j, j + 1)
        elif entry.province_suffix:
            place = (j, j + 2)  # a bare place name: two words at least ("Lào Cai")
        end = None if place is None else self._place_end(text, words, j, *place)
        if end is None and self._may_end(text, words, words[j - 1].end):
            end = words[j - 1].end
        return end

    def _place_end(
        self, text: str, words: Sequence[Word], j: int, place_from: int, shortest: int
    ) -> int | None:
        """The end of a province's name from word `place_from`, or None when none is printed there."""
        for end in range(min(len(words), place_from + 4), shortest - 1, -1):
            if not self._is_place(text, words[j - 1 : end], place_from - j + 1):
                continue
            if self._may_end(text, words, words[end - 1].end) and not _is_connector(text, words[end - 1]):
                return words[end - 1].end
        return None

    def _may_end(self, text: str, words: Sequence[Word], position: int) -> bool:
        """An agency may end here: a separator or joining word follows, or another agency's name
        ("Sở Tài chính Sở Y tế", as page breaks and lost line breaks leave them)."""
        if ends_here(text, position):
            return True
        n = _word_after(words, position)
        return (
            n < len(words)
            and not text[position : words[n].start].strip()
            and text[words[n].start].isupper()
            and self._known_at(text, fold(text), words, n) is not None
        )

    @staticmethod
    def _is_place(text: str, run: Sequence[Word], place_from: int) -> bool:
        """`run[place_from:]` is a province's name: capitalised, and only spaces between the words."""
        spaced = all(not text[a.end : b.start].strip(" -–") for a, b in zip(run, run[1:], strict=False))
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
            if _ROLE.match(text, words[k].start):
                return k
            if _is_connector(text, words[k]) and k + 1 < len(words) and k - i >= 2:
                if _is_head(text, words[k + 1]) or self._known_at(text, folded, words, k + 1) is not None:
                    return k
            k += 1
        return k

    def _starts_agency(self, text: str, folded: str, words: Sequence[Word], k: int) -> bool:
        """Whether word k, after a comma, opens another agency rather than going on with this one."""
        word = words[k]
        return (
            text[word.start].isupper()
            or text[word.start : word.end].lower() in _LIST_STARTERS
            or self._known_at(text, folded, words, k) is not None
        )

    def _name_unknown(self, piece: str) -> Match:
        words = [w.text for w in words_of(piece)]
        key = "".join(folded_words(words))
        by_owner = _BY_OWNER.get(key, {})
        if self._owner_kind in by_owner:
            return Match(by_owner[self._owner_kind], 0)
        fuzzy = self._fuzzy_match(words)
        if fuzzy is not None:
            return Match(fuzzy.name, 0)
        return Match(_tidy(piece), 0, known=False)

    def _fuzzy_match(self, words: Sequence[str]) -> Entry | None:
        query = spaced_key(words)
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
        head: str | None = None  # "Sở" of "Sở Tài chính, Xây dựng và Nội vụ"
        i = 0
        while i < len(words):
            skipped = self._skip(text, folded, words, i)
            opener = _OPENER.match(text, words[i].start)
            if skipped > i or opener:
                head = _shared_head(opener.group("head")) if opener else head
                i = _word_after(words, opener.end()) if opener else skipped
                continue
            found = self._known_at(text, folded, words, i) or self._known_after_head(text, words, i, head)
            if found is None:
                k = self._unknown_piece(text, folded, words, i)
                found = self._name_unknown(text[words[i].start : words[k - 1].end])
                i = k
            else:
                i = _word_after(words, found.end)
            head = _shared_head(found.name.split(" ")[0]) if found.known else None
            _add(result, found)
        return result

    def _skip(self, text: str, folded: str, words: Sequence[Word], i: int) -> int:
        """Past joining and role words ("và", "chủ trì", "phối hợp với") and a "các" before a name."""
        if _is_connector(text, words[i]):
            return i + 1
        role = _ROLE.match(text, words[i].start)
        if role:
            return _word_after(words, role.end())
        if text[words[i].start : words[i].end].lower() == "các" and i + 1 < len(words):
            if self._known_at(text, folded, words, i) is None:
                nxt = self._known_at(text, folded, words, i + 1)
                if nxt is not None and not nxt.name.startswith(GROUP_PREFIX):
                    return i + 1
        return i

    def _known_after_head(self, text: str, words: Sequence[Word], i: int, head: str | None) -> Match | None:
        """ "Xây dựng" after "Sở Tài chính, ": the name the shared head word makes of it."""
        if head is None or _is_head(text, words[i]):
            return None
        shifted = f"{head} {text[words[i].start :]}"
        found = self._known_at(shifted, fold(shifted), words_of(shifted), 0)
        if found is None or found.name.startswith(GROUP_PREFIX):
            return None
        return Match(found.name, found.end - len(head) - 1 + words[i].start)


def _word_after(words: Sequence[Word], position: int) -> int:
    return next((n for n, w in enumerate(words) if w.start >= position), len(words))


def _shared_head(word: str) -> str | None:
    """The head word a list may leave out after its first name ("Sở", "Phòng", ...)."""
    canonical = {fold(h).lower(): h for h in _SHARED_HEADS}
    return canonical.get(fold(clean(word)).lower())


def _add(result: Resolved, found: Match) -> None:
    if found.name and found.name not in result.names:
        result.names.append(found.name)
    if not found.known and found.name not in result.unknown:
        result.unknown.append(found.name)
