"""Which higher task a lower task serves, ranked by how alike their Vietnamese text is.

Pure Python (no Django), so the scoring is tested on its own. A lower plan (a department's)
mostly restates the higher plan's rows, sometimes word for word, often with its own verbs in front
("Phối hợp …", "Tham mưu …") and its own outputs. So the text is compared as a bag of terms
weighted by how rare each term is *among the higher plan's tasks* (TF-IDF): the words every row
of the higher plan shares ("triển khai", "thực hiện", "cải cách hành chính") weigh little, the
words that tell one row from another ("đất đai", "tài sản công", "dữ liệu") weigh much.

Terms are unaccented, case-folded syllables (`search_key`, so "chuyên đổi số" still meets
"chuyển đổi số") and pairs of neighbouring syllables: most Vietnamese words are two syllables,
so a pair stands in for a word ("tai san", "du lieu") without a word segmenter.

The score mixes
- the cosine of the weighted terms of name + description + output (most of the weight),
- the cosine of the names alone (the name says what the task is; outputs are often generic),
- a character-level ratio of the names (rapidfuzz), which separates near-copies from rows that
  merely share a topic,
- the cosine of the section headings (a row under "Cải cách thủ tục hành chính" serves a row
  under the same heading more often than not).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from theodoi.core.text import search_key

_SYLLABLE = re.compile(r"[0-9a-z]+")

# How much each part of the text counts in the body vector.
NAME_WEIGHT = 1.0
DESCRIPTION_WEIGHT = 0.6
OUTPUT_WEIGHT = 0.4

# How the parts of the score are mixed; they add up to 1, so a score is between 0 and 1.
BODY_SHARE = 0.45
NAME_SHARE = 0.25
FUZZ_SHARE = 0.2
SECTION_SHARE = 0.1

# Below this a suggestion is shown as weak: the reviewer should look twice.
WEAK_SCORE = 0.3

Vector = dict[str, float]


@dataclass(frozen=True)
class TaskText:
    """The text of one task as the scorer sees it; `key` is whatever identifies the task."""

    key: Hashable
    name: str
    description: str = ""
    output: str = ""
    section: tuple[str, ...] = ()


@dataclass(frozen=True)
class Match:
    """One candidate higher task for a lower task, with its score and the parts of it."""

    key: Hashable
    score: float
    parts: dict[str, float] = field(default_factory=dict, compare=False)

    @property
    def weak(self) -> bool:
        return self.score < WEAK_SCORE


def syllables(text: str | None) -> list[str]:
    """Unaccented, case-folded syllables (and numbers) of a text, in order."""
    return _SYLLABLE.findall(search_key(text))


def terms(text: str | None) -> list[str]:
    """The syllables of a text and every pair of neighbouring syllables ("du lieu")."""
    words = syllables(text)
    return words + [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]


def _weighted_terms(parts: Iterable[tuple[str, float]]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for text, weight in parts:
        for term in terms(text):
            counts[term] += weight
    return counts


def _body(task: TaskText) -> Counter[str]:
    return _weighted_terms(
        [(task.name, NAME_WEIGHT), (task.description, DESCRIPTION_WEIGHT), (task.output, OUTPUT_WEIGHT)]
    )


def _names(task: TaskText) -> Counter[str]:
    return _weighted_terms([(task.name, 1.0)])


def _sections(task: TaskText) -> Counter[str]:
    # Only the innermost heading and the one above it: outer headings are shared by many rows.
    return _weighted_terms((title, 1.0) for title in task.section[-2:])


def _cosine(a: Vector, b: Vector) -> float:
    if not a or not b:
        return 0.0
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    dot = sum(value * large.get(term, 0.0) for term, value in small.items())
    return dot / (_norm(a) * _norm(b))


def _norm(vector: Vector) -> float:
    return math.sqrt(sum(value * value for value in vector.values())) or 1.0


class HigherIndex:
    """The higher plan's tasks, prepared once and then ranked against each lower task."""

    def __init__(self, candidates: Sequence[TaskText]) -> None:
        self.candidates = list(candidates)
        bodies = [_body(task) for task in self.candidates]
        document_frequency: Counter[str] = Counter()
        for body in bodies:
            document_frequency.update(body.keys())
        total = len(self.candidates)
        # Smoothed IDF; a term no higher task uses gets the highest weight (it only lowers the
        # similarity of the lower task that carries it, as it should).
        self._idf = {term: math.log((1 + total) / (1 + count)) + 1 for term, count in document_frequency.items()}
        self._unseen_idf = math.log(1 + total) + 1
        self._bodies = [self._weigh(body) for body in bodies]
        self._names = [self._weigh(_names(task)) for task in self.candidates]
        self._sections = [self._weigh(_sections(task)) for task in self.candidates]
        self._folded_names = [" ".join(syllables(task.name)) for task in self.candidates]

    def _weigh(self, counts: Counter[str]) -> Vector:
        # Sublinear term frequency: a word said three times is not three times the topic.
        return {
            term: (1 + math.log(count) if count >= 1 else count) * self._idf.get(term, self._unseen_idf)
            for term, count in counts.items()
        }

    def rank(self, task: TaskText, limit: int = 3) -> list[Match]:
        """The `limit` best candidates for `task`, best first; ties keep the higher plan's order."""
        if not self.candidates:
            return []
        body, name, section = self._weigh(_body(task)), self._weigh(_names(task)), self._weigh(_sections(task))
        folded = " ".join(syllables(task.name))
        scored = []
        for index, candidate in enumerate(self.candidates):
            parts = {
                "body": _cosine(body, self._bodies[index]),
                "name": _cosine(name, self._names[index]),
                "fuzz": fuzz.ratio(folded, self._folded_names[index]) / 100,
                "section": _cosine(section, self._sections[index]),
            }
            score = (
                BODY_SHARE * parts["body"]
                + NAME_SHARE * parts["name"]
                + FUZZ_SHARE * parts["fuzz"]
                + SECTION_SHARE * parts["section"]
            )
            scored.append((-round(score, 6), index, Match(candidate.key, round(score, 4), parts)))
        scored.sort(key=lambda row: (row[0], row[1]))
        return [match for _, _, match in scored[:limit]]


def suggest(lower: Sequence[TaskText], higher: Sequence[TaskText], limit: int = 3) -> dict[Hashable, list[Match]]:
    """For every lower task, the `limit` higher tasks it most likely serves, best first."""
    index = HigherIndex(higher)
    return {task.key: index.rank(task, limit) for task in lower}
