"""Mutated sample text never makes the importer fail other than with `UnreadableDocument`."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from theodoi.importer import UnreadableDocument, import_document

SEEDS = sorted((Path(__file__).resolve().parents[2] / "demo" / "seeds").glob("*.txt"))
TEXTS = [p.read_text(encoding="utf-8") for p in SEEDS]


@st.composite
def mutated(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from(TEXTS))
    lines = text.split("\n")
    for _ in range(draw(st.integers(0, 6))):
        if not lines:
            break
        at = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["drop", "dup", "cut", "insert", "tab"]))
        if action == "drop":
            del lines[at]
        elif action == "dup":
            lines.insert(at, lines[at])
        elif action == "cut":
            lines = lines[:at] if draw(st.booleans()) else lines[at:]
        elif action == "insert":
            lines.insert(at, draw(st.text(max_size=40)))
        else:
            lines[at] = lines[at].replace(" ", "\t", draw(st.integers(0, 3)))
    return "\n".join(lines)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutated_text_reads_or_is_refused(text: str) -> None:
    try:
        result = import_document(text.encode("utf-8"), "mutated.txt")
    except UnreadableDocument as error:
        assert error.message
        return
    assert set(result.plan) == {"source", "plan", "indicators", "tasks"}


def test_empty_and_binary_files_are_refused() -> None:
    for data in (b"", b"   \n", b"\x00\x01\x02binary"):
        try:
            import_document(data, "x.bin")
        except UnreadableDocument:
            continue
        raise AssertionError(f"{data!r} was read")
