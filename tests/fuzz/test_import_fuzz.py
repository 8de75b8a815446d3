"""Mutated plan documents through the whole importer and the upload page: a plan or a Vietnamese
refusal, never an unhandled error, and no draft left behind by a refused upload."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz import FUZZ
from theodoi.importer import ImportResult, UnreadableDocument, import_document
from theodoi.importer.tests.test_sources_properties import damaged
from theodoi.imports.models import ImportDraft

SEEDS = Path(__file__).resolve().parents[2] / "theodoi" / "demo" / "seeds"
VIETNAMESE = set("ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ")


@cache
def seed_texts() -> list[str]:
    return [path.read_text("utf-8") for path in sorted(SEEDS.glob("*.txt"))]


@st.composite
def mutated_text(draw: st.DrawFn) -> bytes:
    """A seed plan with lines dropped, repeated, swapped, cut or sprinkled with odd characters."""
    lines = draw(st.sampled_from(seed_texts())).splitlines()
    lines = lines[: draw(st.integers(20, 400))]
    for _ in range(draw(st.integers(1, 8))):
        if not lines:
            break
        at = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["drop", "repeat", "swap", "cut", "noise", "table"]))
        if action == "drop":
            del lines[at]
        elif action == "repeat":
            lines[at:at] = lines[at : at + draw(st.integers(1, 20))]
        elif action == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
        elif action == "cut":
            lines[at] = lines[at][: draw(st.integers(0, max(len(lines[at]), 1)))]
        elif action == "table":
            lines[at] = "|" + "|".join(draw(st.lists(st.text(max_size=20), max_size=8))) + "|"
        else:
            lines.insert(at, draw(st.text(max_size=80)))
    text = "\n".join(lines)
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
    return text.encode(encoding, errors="surrogatepass" if encoding == "utf-8" else "replace")


def _read(data: bytes, name: str) -> ImportResult | UnreadableDocument:
    try:
        return import_document(data, name)
    except UnreadableDocument as error:
        return error


def _check(outcome: ImportResult | UnreadableDocument) -> None:
    if isinstance(outcome, UnreadableDocument):
        assert outcome.message and VIETNAMESE & set(outcome.message.lower()), outcome.message
    else:
        assert set(outcome.plan) >= {"plan", "tasks", "indicators"}


@FUZZ
@given(mutated_text())
def test_mutated_seed_texts_give_a_plan_or_a_message(data):
    _check(_read(data, "ke-hoach.txt"))


@FUZZ
@given(st.sampled_from(["docx", "xlsx", "pdf"]).flatmap(lambda kind: st.tuples(st.just(kind), damaged(kind))))
def test_damaged_office_and_pdf_files_give_a_plan_or_a_message(kind_and_data):
    kind, data = kind_and_data
    _check(_read(data, f"ke-hoach.{kind}"))


@pytest.fixture
def importer_client(client, directory, make_user):
    client.force_login(make_user("coordinator", directory["dn.khcn"]))
    return client


@FUZZ
@given(
    st.one_of(
        mutated_text().map(lambda data: ("ke-hoach.txt", data)),
        st.sampled_from(["docx", "xlsx", "pdf"]).flatmap(
            lambda kind: damaged(kind).map(lambda data, kind=kind: (f"ke-hoach.{kind}", data))
        ),
        st.tuples(st.text(max_size=60), st.binary(max_size=2000)),
    )
)
def test_the_upload_page_answers_every_file(importer_client, named):
    name, data = named
    drafts = ImportDraft.objects.count()
    answer = importer_client.post(reverse("imports:list"), {"document": SimpleUploadedFile(name or "x", data)})
    assert answer.status_code in (302, 400), answer.status_code
    if answer.status_code == 302:
        assert ImportDraft.objects.count() == drafts + 1
        assert importer_client.get(answer["Location"]).status_code == 200
    else:
        assert ImportDraft.objects.count() == drafts
        assert 'class="error" role="alert"' in answer.content.decode()


def test_a_post_without_a_file_is_answered_with_a_message(importer_client):
    answer = importer_client.post(reverse("imports:list"), {})
    assert answer.status_code == 400 and 'class="error" role="alert"' in answer.content.decode()
    assert not ImportDraft.objects.exists()
