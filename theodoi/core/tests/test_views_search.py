import datetime as dt

import pytest
from django.test import RequestFactory
from django.urls import reverse

from conftest import plan_document
from theodoi.core.htmx import render_page, wants_fragment
from theodoi.core.templatetags.theodoi import deadline_hint, highlight
from theodoi.plans.models import Task
from theodoi.plans.services import plan_load

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def people(directory, make_user):
    return {
        "admin": make_user("admin"),
        "coordinator": make_user("coordinator", directory["dn.khcn"]),
        "reporter_nv": make_user("reporter", directory["dn.nv"]),
        "reporter_sl": make_user("reporter", directory["sl.nv"]),
    }


@pytest.fixture
def digital_plan(directory):
    document = plan_document()
    document["tasks"][1]["name"] = "Chuyển đổi số trong giải quyết thủ tục hành chính"
    return plan_load(actor=None, document=document).plan


def search(client, query, **extra):
    return client.get(reverse("search"), {"q": query}, **extra)


def test_search_needs_sign_in(client, db):
    assert search(client, "cai cach").url.startswith(reverse("login"))


def test_search_without_diacritics_finds_text_with_them(client, people, loaded_plan):
    client.force_login(people["coordinator"])
    results = search(client, "cai cach").context["results"]
    assert results.plans == [loaded_plan]
    html = search(client, "cai cach").content.decode()
    assert "<mark>cải cách</mark>" in html


@pytest.mark.parametrize("query", ["đổi", "doi", "ĐỔI SỐ", "chuyen doi so", "Chuyển đổi số"])
def test_search_finds_chuyen_doi_so_either_way(client, people, digital_plan, query):
    client.force_login(people["coordinator"])
    results = search(client, query).context["results"]
    assert [task.ref for task in results.tasks] == ["II.1"]


def test_search_groups_results_by_kind(client, people, loaded_plan):
    client.force_login(people["admin"])
    html = search(client, "ho so").content.decode()
    results = search(client, "ho so").context["results"]
    assert [t.ref for t in results.tasks] == ["II.1"] and [i.ref for i in results.indicators] == ["1"]
    assert 'id="kq-nhiem-vu"' in html and 'id="kq-chi-tieu"' in html
    assert f"#nv-{results.tasks[0].pk}" in html


def test_search_shows_only_what_the_user_may_read(client, people, loaded_plan):
    client.force_login(people["reporter_sl"])
    results = search(client, "cai cach").context["results"]
    assert results.total == 0
    assert "Không tìm thấy kết quả nào" in search(client, "cai cach").content.decode()


def test_search_skips_archived_rows(client, people, loaded_plan):
    document = plan_document()
    document["tasks"] = document["tasks"][:1]
    plan_load(actor=None, document=document)
    client.force_login(people["admin"])
    assert search(client, "so hoa").context["results"].tasks == []


def test_search_answers_htmx_with_results_only(client, people, loaded_plan):
    client.force_login(people["coordinator"])
    page = search(client, "cai cach")
    fragment = search(client, "cai cach", **HTMX)
    assert b"<html" in page.content and b'id="search-input"' in page.content
    assert b"<html" not in fragment.content and b'id="search-input"' not in fragment.content
    assert "kết quả cho" in fragment.content.decode()
    # Screen readers hear the count from a status line outside the swapped part.
    assert '<p id="search-status" hx-swap-oob="innerHTML">1 kết quả</p>' in fragment.content.decode()
    assert b"hx-swap-oob" not in page.content
    assert b'<p id="search-status" class="visually-hidden" role="status"></p>' in page.content


def test_empty_search_asks_for_words(client, people):
    client.force_login(people["coordinator"])
    response = search(client, "   ")
    assert response.context["results"].total == 0 and "Nhập từ khóa để tìm." in response.content.decode()


def test_highlight_marks_words_without_regard_to_diacritics():
    assert highlight("Chuyển đổi số", "doi") == "Chuyển <mark>đổi</mark> số"
    assert highlight("Cải cách <b>", "CAI") == "<mark>Cải</mark> cách &lt;b&gt;"
    assert highlight("Không khớp", "") == "Không khớp"
    assert highlight(None, "x") == ""


def test_wants_fragment_only_for_plain_htmx_requests(rf: RequestFactory):
    assert not wants_fragment(rf.get("/"))
    assert wants_fragment(rf.get("/", HTTP_HX_REQUEST="true"))
    assert not wants_fragment(rf.get("/", HTTP_HX_REQUEST="true", HTTP_HX_BOOSTED="true"))
    assert not wants_fragment(rf.get("/", HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true"))


def test_render_page_without_fragment_template_always_renders_the_page(rf, people):
    request = rf.get("/", HTTP_HX_REQUEST="true")
    request.user = people["admin"]
    response = render_page(request, "404.html", {})
    assert b"<html" in response.content and "HX-Request" in response["Vary"]


@pytest.mark.parametrize(
    ("fields", "hint"),
    [
        (
            {"deadline_text": "Quý II/2026", "deadline_kind": "date", "deadline_due": dt.date(2026, 6, 30)},
            "Hạn 30/06/2026",
        ),
        ({"deadline_text": "Hằng năm", "deadline_kind": "recurring", "deadline_every": "year"}, ""),
        (
            {"deadline_text": "Thường xuyên", "deadline_kind": "recurring", "deadline_every": "quarter"},
            "hằng quý",
        ),
        (
            {
                "deadline_text": "Giai đoạn 2026 - 2030",
                "deadline_kind": "range",
                "deadline_from": dt.date(2026, 1, 1),
                "deadline_due": dt.date(2030, 12, 31),
            },
            "Từ 01/01/2026 đến 31/12/2030",
        ),
        ({"deadline_text": "Khi có quy định", "deadline_kind": "event"}, "Theo sự kiện"),
        ({"deadline_text": "Sớm", "deadline_kind": "unknown"}, "Chưa đọc được thời hạn"),
        ({"deadline_text": "", "deadline_kind": ""}, ""),
    ],
)
def test_deadline_hint_reads_the_deadline_without_repeating_it(fields, hint):
    assert deadline_hint(Task(**fields)) == hint


def test_highlight_prefers_the_phrase_and_word_starts():
    assert highlight("Chữ ký số, chuyển đổi số", "chuyen doi so") == "Chữ ký số, <mark>chuyển đổi số</mark>"
    assert highlight("Hồ sơ số hóa", "so") == "Hồ <mark>sơ</mark> <mark>số</mark> hóa"
    assert highlight("Cách làm", "ach") == "Cách làm"


def test_search_matches_words_from_their_start_and_ranks_the_phrase_first(client, people, directory):
    document = plan_document()
    document["tasks"][0]["name"] = "Thủ tục rà soát, giải quyết văn bản"  # the words apart
    document["tasks"][1]["name"] = "Chuyển đổi số trong giải quyết thủ tục hành chính"  # together
    plan_load(actor=None, document=document)
    client.force_login(people["admin"])
    assert search(client, "ach").context["results"].total == 0
    assert search(client, "huc hanh").context["results"].total == 0
    tasks = search(client, "giai quyet thu tuc").context["results"].tasks
    assert [task.ref for task in tasks] == ["II.1", "I.1"]
