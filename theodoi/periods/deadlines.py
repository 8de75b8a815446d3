"""Reading the deadline cell of a plan's task table ("Thời hạn", "Thời gian hoàn thành").

`read_deadline()` turns the cell into the Plan JSON deadline dict
(`{"text", "kind", "from", "due", "every", "trigger"}`, see `shared/spec/plan-json.md`).
Pure Python: the importer and the command line use it without Django.

How spans are read follows Bộ luật Dân sự 2015, Điều 146-148:

- a day, month, quarter, half or year is due on its last day ("Quý II/2026" -> 2026-06-30);
- "cuối năm" is 31/12, "giữa năm" 30/6, "đầu năm" 1/1 (so "đầu năm 2026" is due 2026-01-01);
  "cuối tháng" is the month's last day, "giữa tháng" the 15th, "đầu tháng" the 1st;
- the day of a triggering event is not counted (`due_after_event`).

Where practice differs the caller chooses. "Trước ngày 15/6" is read with `before_day`:

- `"inclusive"` (default): the named day is the last day (15/6), the common reading of
  reporting deadlines such as "trước ngày 12 hằng tháng";
- `"exclusive"`: the day before (14/6). For a longer span ("trước tháng 6/2026") inclusive
  means the span's last day (30/6), exclusive the day before the span begins (31/5).

Readings chosen where the law is silent (the module's tests pin each one):

- "6 tháng đầu năm 2026" is due 30/6, "9 tháng đầu năm" 30/9, "6 tháng cuối năm" 31/12;
  "thượng/trung/hạ tuần" are days 1-10, 11-20, 21-end; "tuần đầu tháng 3" is 1-7/3,
  "tuần thứ n" days 7n-6..7n, "tuần cuối" the last seven days;
- a list ("Quý I, II/2026", "Quý I/2026; Quý III/2026") is a `date` due at its latest part;
  a span with a dash or "đến" ("Tháng 3 - 6/2026", "Năm 2026-2027") is a `range`;
- an open start ("Từ năm 2026", "2025 và những năm tiếp theo") is `recurring` from that
  day, every year/quarter/month after the unit named, `period` when a day is named;
- cadences finer than a month ("hằng tuần", "hằng ngày") are `every: "period"`;
- a recurring phrase bounded by a printed year ("Hằng năm, giai đoạn 2026 - 2030") carries
  `from`/`due`; joined to it by "và", "duy trì" or ";" it only starts there ("Năm 2026 và duy
  trì hằng năm"); a day inside a cadence ("trước ngày 12 hằng tháng") is not kept;
- an event phrase keeps the whole cell as `trigger`; `mixed` keeps the first dated part's
  `due` and the event clause(s) without their bullet and label;
- a parenthetical aside counts when the rest says nothing or when it names a day inside the
  rest's span ("Năm 2025 (hoàn thành trước 30/11/2025)" -> 30/11); an estimate inside an
  event ("Khi có hướng dẫn (dự kiến Quý II/2026)") stays an event;
- anything else is `unknown` with every field but `text` null: never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Literal

from theodoi.core.text import clean
from theodoi.periods.deadline_spans import UNIT_WORDS, Span, parse_span

Kind = Literal["date", "range", "recurring", "event", "mixed", "unknown"]
KINDS: tuple[str, ...] = ("date", "range", "recurring", "event", "mixed", "unknown")
EVERY: tuple[str, ...] = ("month", "quarter", "half", "year", "period")
BEFORE_DAY: tuple[str, ...] = ("inclusive", "exclusive")


# --- normalising the cell ----------------------------------------------------------------------

_DASHES = re.compile(r"[\u2010\u2011\u2012\u2013\u2014\u2015\u2212]")
_BULLET = re.compile(r"^(?:[-+*•·]\s*)+")
_TRAILING = re.compile(r"[\s.;,:!…]+$")
_LABEL = re.compile(r"^(?P<label>[^:]{1,40}):\s+(?=\S)")
_FILLER = re.compile(
    r"^(?:hoàn\s*thành|thực\s*hiện|tiếp\s*tục|triển\s*khai|dự\s*kiến|chậm\s*nhất|muộn\s*nhất|xong"
    r"|kết\s*thúc|trong(?!\s*(?:vòng|thời\s*hạn)\s*\d)|vào|là|đến\s*hết|đến|hết|giai\s*đoạn|thời\s*gian"
    r"|thời\s*hạn|trước)\b\s*[:,]?\s*"
)


def _normal(text: str) -> str:
    """Lower case, one kind of dash, no bullet, no trailing punctuation."""
    lowered = _DASHES.sub("-", text.casefold()).replace("quí", "quý")
    return _TRAILING.sub("", _BULLET.sub("", lowered.strip()))


def _strip_filler(phrase: str) -> tuple[str, bool]:
    """Drop leading verbs and particles; say whether a "trước" was among them."""
    before = False
    while True:
        match = _FILLER.match(phrase)
        if not match or match.end() == 0:
            return phrase, before
        before = before or match.group(0).startswith("trước")
        phrase = phrase[match.end() :]


def _strip_label(clause: str) -> str:
    """Drop a bullet and a short label before a colon ("- Đợt 1: Tháng 3/2026")."""
    clause = _BULLET.sub("", clause.strip())
    match = _LABEL.match(clause)
    return clause[match.end() :] if match else clause


# --- readings ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reading:
    """A deadline reading without its text; `as_dict()` adds the text back."""

    kind: Kind
    start: date | None = None
    due: date | None = None
    every: str | None = None
    trigger: str | None = None
    first: date | None = None  # where a dated reading's span begins; not part of the dict

    def as_dict(self, text: str) -> dict[str, str | None]:
        return {
            "text": text,
            "kind": self.kind,
            "from": self.start.isoformat() if self.start else None,
            "due": self.due.isoformat() if self.due else None,
            "every": self.every,
            "trigger": self.trigger,
        }


UNKNOWN = Reading("unknown")


@dataclass(frozen=True)
class Context:
    """What a reading needs beyond the phrase: the plan's first year and the "trước" rule."""

    default_year: int | None
    before_day: str


def _bounds(span: Span, ctx: Context) -> tuple[date, date] | None:
    chosen = span.year or ctx.default_year
    if chosen is None:
        return None
    try:
        return span.bounds(chosen)
    except ValueError:  # 31/4, 29/2 of a common year
        return None


def _split_range(phrase: str) -> tuple[Span, Span] | None:
    """Two spans joined by a dash, "đến" or "tới"; the right one lends its year and unit."""
    for sep in re.finditer(r"\s*(?:-|đến\s*hết|đến|tới|cho\s*đến)\s*", phrase):
        left, right = phrase[: sep.start()], phrase[sep.end() :]
        first, last = parse_span(left), parse_span(right)
        if first is not None and last is None:
            last = parse_span(UNIT_WORDS.get(first.unit, "") + right)
        if first is not None and last is not None:
            return first.with_year(last.year), last
    return None


def _read_range(phrase: str, ctx: Context) -> Reading | None:
    spans = _split_range(phrase)
    if spans is None:
        return None
    first, last = _bounds(spans[0], ctx), _bounds(spans[1], ctx)
    if first is None or last is None or first[0] > last[1]:
        return None
    return Reading("range", start=first[0], due=last[1])


def _read_list(phrase: str, ctx: Context) -> Reading | None:
    """ "Quý I, II/2026", "tháng 3, 6 và 9/2026": due at the latest part.

    The first part lends its unit word to the others, the last part its year.
    """
    parts = [p for p in re.split(r"\s*(?:,|&|\bvà\b)\s*", phrase) if p]
    first = parse_span(parts[0]) if len(parts) > 1 else None
    if first is None:
        return None
    spans = [parse_span(p) or parse_span(UNIT_WORDS.get(first.unit, "") + p) for p in parts]
    last = spans[-1]
    if last is None or last.year is None and first.year is None and ctx.default_year is None:
        return None
    all_bounds = []
    for span in spans:
        bounds = None if span is None else _bounds(span.with_year(last.year), ctx)
        if bounds is None:
            return None
        all_bounds.append(bounds)
    return Reading("date", due=max(b[1] for b in all_bounds), first=min(b[0] for b in all_bounds))


def _read_span(phrase: str, ctx: Context, before: bool) -> Reading | None:
    span = parse_span(phrase)
    bounds = None if span is None else _bounds(span, ctx)
    if bounds is None:
        return None
    if before and ctx.before_day == "exclusive":
        return Reading("date", due=bounds[0] - timedelta(days=1), first=bounds[0])
    return Reading("date", due=bounds[1], first=bounds[0])


_OPEN_START = re.compile(r"^(?:kể\s*từ|bắt\s*đầu\s*từ|bắt\s*đầu|từ)\s+(?P<s>.+?)(?:\s*trở\s*đi)?$")
_OPEN_TAIL = re.compile(
    r"^(?P<s>.+?)\s*(?:(?:,|và)\s*(?:những|các)\s+(?P<u>năm|quý|tháng)\s+(?:tiếp\s*theo|tiếp|sau(?:\s*đó)?)"
    r"|trở\s*đi)$"
)
_EVERY_OF_UNIT = {
    "year": "year",
    "quarter": "quarter",
    "month": "month",
    "half": "half",
    "năm": "year",
    "quý": "quarter",
    "tháng": "month",
}


def _read_open(phrase: str, ctx: Context) -> Reading | None:
    """ "Từ năm 2026", "2025 và những năm tiếp theo": recurring from the span's first day."""
    match = _OPEN_TAIL.match(phrase) or _OPEN_START.match(phrase)
    if match is None:
        return None
    inner = match.group("s")
    start = _OPEN_START.match(inner)
    inner = start.group("s") if start is not None else inner
    named_unit = match.groupdict().get("u")
    span = parse_span(inner)
    if span is not None:
        bounds = _bounds(span, ctx)
        every = _EVERY_OF_UNIT.get(named_unit or span.unit, "period")
        return None if bounds is None else Reading("recurring", start=bounds[0], every=every)
    spans = _read_range(inner, ctx)
    if spans is None or spans.start is None:
        return None
    return Reading("recurring", start=spans.start, every=_EVERY_OF_UNIT.get(named_unit or "", "year"))


def read_dated(phrase: str, ctx: Context) -> Reading | None:
    """A day, span, list, range or open start; None when the phrase is not one of them."""
    core, before = _strip_filler(_normal(phrase))
    opening = _OPEN_START.match(core)
    if opening is not None:
        return _read_range(opening.group("s"), ctx) or _read_open(core, ctx)
    return (
        _read_span(core, ctx, before)
        or _read_range(core, ctx)
        or _read_list(core, ctx)
        or _read_open(core, ctx)
    )


# --- cadences and events -----------------------------------------------------------------------

_H = r"(?:hằng|hàng|mỗi|định\s*kỳ|theo)"
_CADENCES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), every)
    for pattern, every in (
        (
            r"(?:định\s*kỳ|hằng|hàng|mỗi)\s*(?:6|sáu)\s*tháng(?!\s*(?:đầu|cuối))|(?:6|sáu)\s*tháng\s*(?:/|một)\s*lần"
            r"|nửa\s*năm\s*(?:/|một)\s*lần|bán\s*niên",
            "half",
        ),
        (
            _H + r"\s*quý|cuối\s*(?:mỗi\s*)?quý(?!\s*(?:[iv]+|\d))"
            r"|(?:định\s*kỳ|hằng|hàng|mỗi)\s*(?:3|ba)\s*tháng|(?:3|ba)\s*tháng\s*(?:/|một)\s*lần"
            r"|quý\s*(?:/|một)\s*lần",
            "quarter",
        ),
        (_H + r"\s*tháng(?!\s*\d)|tháng\s*(?:/|một)\s*lần", "month"),
        (_H + r"\s*năm(?!\s*\d)|năm\s*(?:/|một)\s*lần", "year"),
        (r"thường\s*xuyên|liên\s*tục|(?:hằng|hàng|mỗi)\s*(?:tuần|ngày)|định\s*kỳ", "period"),
    )
)
_STRONG_EVENT = re.compile(r"^(?:ngay\s*)?(?:sau\s*khi|khi|sau|chờ|kể\s*từ\s*khi|tùy|tuỳ|phụ\s*thuộc)\b")
_WEAK_EVENT = re.compile(
    r"^(?:theo|căn\s*cứ|đột\s*xuất|bám\s*sát|đồng\s*bộ\s*với|phù\s*hợp\s*với|ngay\s*khi"
    r"|trong\s*(?:vòng|thời\s*hạn)\s*\d+\s*(?:ngày|tháng)|sau\s*\d+\s*(?:ngày|tháng))\b"
)


def _event_core(phrase: str) -> str:
    return _strip_filler(_normal(phrase))[0]


def is_event(phrase: str, *, strong_only: bool = False) -> bool:
    """Whether a phrase names an event rather than a day ("Sau khi ...", "Theo lộ trình ...")."""
    for candidate in (_normal(phrase), _event_core(phrase)):
        if _STRONG_EVENT.match(candidate) or (not strong_only and _WEAK_EVENT.match(candidate)):
            return True
    return False


# A cadence joined to a dated part by these words starts there and goes on ("Năm 2026 và duy trì
# hằng năm"); without them the dated part bounds it ("Thường xuyên trong năm 2026").
_GOES_ON = re.compile(r"\b(?:và|duy\s*trì|sau\s*đó|tiếp\s*theo|trở\s*đi)\b|;")


def _read_cadence(phrase: str) -> Reading | None:
    """ "Hằng quý", "Định kỳ 6 tháng", "Thường xuyên"; bounded when a printed year says so."""
    core = _normal(phrase)
    for pattern, every in _CADENCES:
        match = pattern.search(core)
        if match is not None:
            rest = core[: match.start()] + " " + core[match.end() :]
            goes_on = _GOES_ON.search(rest) is not None
            rest = _TRAILING.sub("", clean(_GOES_ON.sub(" ", rest))).strip(" ,;-")
            return _bounded(Reading("recurring", every=every), rest, goes_on=goes_on)
    return None


def _bounded(cadence: Reading, rest: str, *, goes_on: bool) -> Reading:
    """The cadence with the `from`/`due` a dated part with a printed year gives it."""
    bound = read_dated(rest, Context(None, "inclusive")) if rest else None
    if bound is None:
        return cadence
    if bound.kind == "recurring":
        return replace(cadence, start=bound.start)
    if bound.kind == "range":
        return replace(cadence, start=bound.start, due=bound.due)
    if bound.kind == "date" and bound.first is not None:
        return replace(cadence, start=bound.first, due=None if goes_on else bound.due)
    return cadence


# --- one clause and the whole cell -------------------------------------------------------------


def _read_clause(clause: str, ctx: Context) -> Reading:
    """One clause: an event, a cadence, a dated phrase, or a dated part plus an event clause."""
    if is_event(clause, strong_only=True):
        return _split_soft(clause, ctx) or Reading("event", trigger=clause)
    cadence = _read_cadence(clause)
    if cadence is not None:
        return cadence
    dated = read_dated(clause, ctx)
    if dated is not None:
        return dated
    if is_event(clause):
        return _split_soft(clause, ctx) or Reading("event", trigger=clause)
    return _split_soft(clause, ctx) or UNKNOWN


_DOCUMENT_DATE = re.compile(r"ngày\s*\d", re.IGNORECASE)


def _split_soft(clause: str, ctx: Context) -> Reading | None:
    """ "Quý IV/2026 hoặc khi có hướng dẫn", "Sau khi ..., chậm nhất năm 2027": a mixed reading."""
    parts = [p.strip() for p in re.split(r",|;|\s+hoặc\s+", clause) if p.strip()]
    if len(parts) < 2:
        return None
    # "Theo Kế hoạch số 12/KH-UBND, ngày 15/3/2026": a bare "ngày ..." dates the document cited.
    readings = [None if _DOCUMENT_DATE.match(part) else read_dated(part, ctx) for part in parts]
    dated = [r for r in readings if r is not None and r.kind in ("date", "range")]
    rest = [part for part, r in zip(parts, readings, strict=True) if r is None]
    if not dated or not rest or not is_event(rest[0]):
        return None
    return Reading("mixed", start=dated[0].start, due=dated[0].due, trigger=", ".join(rest))


def _combine(clauses: list[str], readings: list[Reading]) -> Reading:
    """Several clauses ("- Đợt 1: Tháng 3/2026; - Các đợt tiếp theo: Khi có ...")."""
    if any(r.kind == "unknown" for r in readings):
        return UNKNOWN
    dated = [r for r in readings if r.kind in ("date", "range")]
    events = [c for c, r in zip(clauses, readings, strict=True) if r.kind == "event"]
    recurring = [r for r in readings if r.kind == "recurring"]
    if recurring and dated and recurring[0].start is None:
        starts = [day for day in (r.first or r.start for r in dated) if day is not None]
        return replace(recurring[0], start=min(starts, default=None))
    if recurring:
        return recurring[0]
    if dated and events:
        return Reading("mixed", start=dated[0].start, due=dated[0].due, trigger="; ".join(events))
    if dated:
        return Reading("date", due=max(r.due for r in dated if r.due is not None))
    return UNKNOWN


_PARENTHETICAL = re.compile(r"\([^()]*\)")


def _read(text: str, ctx: Context) -> Reading:
    """The cell's reading. A parenthetical aside is read when the rest says nothing, or when it
    names a day inside the span the rest names ("Năm 2026 (trước 30/11/2026)")."""
    asides = [aside[1:-1] for aside in _PARENTHETICAL.findall(text)]
    if not asides:
        return _read_plain(text, ctx)
    outside = clean(_PARENTHETICAL.sub(" ", text))
    reading = _read_plain(outside, ctx) if outside else UNKNOWN
    if reading.kind == "date" and reading.first and reading.due:
        inner = Context(reading.due.year, ctx.before_day)
        for aside in (_read_plain(a, inner) for a in asides):
            if aside.kind == "date" and aside.due and reading.first <= aside.due <= reading.due:
                return aside
    if reading.kind == "unknown":
        found = (r for r in (_read_plain(a, ctx) for a in asides) if r.kind not in ("unknown", "event"))
        reading = next(found, UNKNOWN)
    return Reading("event", trigger=text) if reading.kind == "event" else reading


_BULLETED = re.compile(r"\s+[-–+•]\s+(?=\S)")


def _read_plain(text: str, ctx: Context) -> Reading:
    """Clauses cut at ";" first; then the cell as one clause; then clauses cut at " - " bullets,
    which only a cell that reads as nothing else is cut at ("Giai đoạn 2026 - 2030" is a range)."""
    combined = _read_clauses(re.split(r"[;\n]", text), ctx) or UNKNOWN
    if combined.kind == "unknown":
        combined = _read_labelled(text, ctx, label_may_date=False)[1]
    if combined.kind == "unknown":
        bulleted = _read_clauses(_BULLETED.split(text), ctx)
        # Without a leading bullet, " - " joins clauses only around an event ("Tháng 3/2026 - Khi ...").
        if bulleted is not None and (_BULLET.match(text) or bulleted.kind == "mixed"):
            combined = bulleted
    if combined.kind == "unknown":
        combined = _read_labelled(text, ctx, label_may_date=True)[1]
    return Reading("event", trigger=text) if combined.kind == "event" else combined


def _read_clauses(parts: list[str], ctx: Context) -> Reading | None:
    """Several clauses read one by one and combined; None when there is only one."""
    parts = [part for part in parts if _normal(part)]
    if len(parts) < 2:
        return None
    labelled = [_read_labelled(part, ctx, label_may_date=True) for part in parts]
    return _combine([body for body, _ in labelled], [reading for _, reading in labelled])


def _read_labelled(clause: str, ctx: Context, *, label_may_date: bool) -> tuple[str, Reading]:
    """A clause without its bullet and label ("- Đợt 1: Tháng 3/2026"), and its reading. With
    `label_may_date` a dated label is read when the rest is not ("Quý II/2026: báo cáo sơ kết")."""
    clause = _TRAILING.sub("", _BULLET.sub("", clause.strip()))
    match = _LABEL.match(clause)
    if match is None:
        return clause, _read_clause(clause, ctx)
    body = clause[match.end() :]
    reading = _read_clause(body, ctx)
    if reading.kind == "unknown" and label_may_date:
        label = _read_clause(match.group("label"), ctx)
        if label.kind in ("date", "range"):
            return match.group("label"), label
    return body, reading


def read_deadline(
    text: str | None, *, default_year: int | None = None, before_day: str = "inclusive"
) -> dict[str, str | None] | None:
    """The Plan JSON deadline dict of a cell; None for an empty cell.

    `default_year` is the plan's first year, used when the phrase prints none ("Quý IV").
    `before_day` says how "trước ngày ..." ends: "inclusive" or "exclusive" (module docstring).
    """
    if before_day not in BEFORE_DAY:
        raise ValueError(f"before_day phải là một trong {BEFORE_DAY}, không phải {before_day!r}")
    printed = clean(text)
    if not printed:
        return None
    try:
        reading = _read(printed, Context(default_year, before_day))
    except (ValueError, OverflowError):  # a day the calendar does not have
        reading = UNKNOWN
    return reading.as_dict(printed)


def due_after_event(trigger_date: date, offset_days: int) -> date:
    """The last day of a term of `offset_days` days that starts with an event (Điều 147 BLDS 2015).

    The event's own day is not counted, so the term runs from the next day and ends
    `offset_days` days after the event. Moving a last day that falls on a day off to the next
    working day (Điều 148.5) is the reporting calendar's job, not done here.
    """
    if offset_days < 0:
        raise ValueError(f"Số ngày phải không âm, không phải {offset_days}")
    return trigger_date + timedelta(days=offset_days)
