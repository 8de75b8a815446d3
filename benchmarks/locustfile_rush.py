"""The last hour before "17h00 ngày 12": locust users playing the people of the units and their leaders.

Run by benchmarks/rush.py, which builds the data and writes the accounts file named by RUSH_ACCOUNTS:
{"password": …, "pace": 1.0, "reporters": [{"username", "report"}], "leaders": [{"username", "pages"}]}.

- UnitReporter: signs in, opens the unit's report, fills it in item by item (the page autosaves through
  htmx a moment after each item is typed, posting the whole form as the browser does), reloads the page,
  uploads the evidence file behind each indicator the unit typed itself, submits, signs out, and the
  next person takes the chair (the next unit's report).
- Leader: signs in and opens the pages a leader watches during the rush (LEADER_PAGES, formatted with
  the plan and period; add the dashboards here when they land), pausing to read each.
- Probe: asks /healthz once a second, the trivial endpoint measured in the same run.

RUSH_PACE scales every pause (1.0: a person typing an item in 4-20 s; 0.2: five times faster).
"""

from __future__ import annotations

import json
import os
import random
import re
import time
from collections import deque
from pathlib import Path
from typing import Any

from locust import HttpUser, between, constant, task
from rush_forms import ReportForm, indicator_values, task_values

ACCOUNTS = json.loads(Path(os.environ["RUSH_ACCOUNTS"]).read_text("utf-8")) if "RUSH_ACCOUNTS" in os.environ else {}
PACE = float(os.environ.get("RUSH_PACE", ACCOUNTS.get("pace", 1.0)))
REPORTERS: deque[dict[str, Any]] = deque(ACCOUNTS.get("reporters", []))
LEADERS: deque[dict[str, Any]] = deque(ACCOUNTS.get("leaders", []))
PASSWORD = ACCOUNTS.get("password", "")
# A small real PDF: the evidence check reads the content, not the name.
EVIDENCE = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n" + b"% bang tong hop so lieu\n" * 2000 + b"%%EOF\n"

# Pages a leader opens, by name (the name is what the results table shows). Placeholders:
# {plan}, {period} (the calendar period's id), {year}, {index}.
LEADER_PAGES = {
    "leader: plan page": "/ke-hoach/{plan}/",
    "leader: period overview": "/ke-hoach/{plan}/bao-cao/month/{year}/{index}/",
    "leader: calendar period": "/ke-hoach/{plan}/ky/{period}/",
    "leader: report list": "/bao-cao/",
}

SAVED = re.compile(r'id="expected-version" value="(\d+)"')
ITEM_OPTION = re.compile(r'<option value="indicator:(\d+)">')
INDICATOR_ARTICLE = re.compile(r'<article class="report-item[^"]*" id="indicator-(\d+)">(.*?)</article>', re.S)


def pause(low: float, high: float) -> None:
    time.sleep(random.uniform(low, high) * PACE)


class Person(HttpUser):
    abstract = True

    def csrf(self) -> str:
        return self.client.cookies.get("csrftoken", "")

    def sign_in(self, username: str) -> bool:
        self.client.get("/dang-nhap/", name="login page")
        with self.client.post(
            "/dang-nhap/", data={"username": username, "password": PASSWORD, "csrfmiddlewaretoken": self.csrf()},
            name="login", allow_redirects=False, catch_response=True,
        ) as response:  # fmt: skip
            if response.status_code != 302:
                response.failure(f"login refused for {username}: {response.status_code}")
                return False
        return True

    def sign_out(self) -> None:
        self.client.post("/dang-xuat/", data={"csrfmiddlewaretoken": self.csrf()}, name="logout", allow_redirects=False)
        self.client.cookies.clear()


class UnitReporter(Person):
    weight = 10
    wait_time = constant(0)

    @task
    def report_one_unit(self) -> None:
        if not REPORTERS:
            time.sleep(30)  # everyone has reported: this chair stays empty
            return
        account = REPORTERS.popleft()
        if not self.sign_in(account["username"]):
            return
        try:
            self.fill_in_and_submit(account["report"])
        finally:
            self.sign_out()

    def fill_in_and_submit(self, report_id: int) -> None:
        url = f"/bao-cao/{report_id}/"
        page = self.client.get(url, name="open report").text
        form = ReportForm(page).fields
        articles = dict(INDICATOR_ARTICLE.findall(page))
        typing = [task_values(m) for m in dict.fromkeys(re.findall(r'name="t-(\d+)-progress"', page))]
        typing += [indicator_values(key, body) for key, body in articles.items()]
        for values in typing:
            pause(4, 20)
            form.update(values)
            if not self.autosave(url, form):
                page = self.client.get(url, name="open report").text
                form.update({"expected_version": SAVED.search(page).group(1)})
        pause(3, 8)
        page = self.client.get(url, name="open report").text  # the person reloads before attaching files
        form["expected_version"] = SAVED.search(page).group(1)
        item_ids = ITEM_OPTION.findall(page)
        for (indicator_id, body), item_id in zip(INDICATOR_ARTICLE.findall(page), item_ids, strict=False):
            if "trích xuất từ" in body:
                continue
            pause(5, 15)
            self.client.post(
                f"/bao-cao/{report_id}/minh-chung/", name="upload evidence",
                data={"item": f"indicator:{item_id}", "title": "Bảng tổng hợp", "url": "",
                      "csrfmiddlewaretoken": self.csrf()},
                files={"file": (f"tong-hop-{indicator_id}.pdf", EVIDENCE, "application/pdf")},
            )  # fmt: skip
        page = self.client.get(url, name="open report").text
        form["expected_version"] = SAVED.search(page).group(1)
        pause(5, 15)
        with self.client.post(
            url, data={**form, "action": "submit", "csrfmiddlewaretoken": self.csrf()}, name="submit",
            catch_response=True,
        ) as response:  # fmt: skip
            if response.status_code != 200 or "Đã nộp báo cáo" not in response.text:
                response.failure(f"submit refused ({response.status_code})")

    def autosave(self, url: str, form: dict[str, str]) -> bool:
        with self.client.post(
            url, data={**form, "action": "save", "csrfmiddlewaretoken": self.csrf()}, name="autosave",
            headers={"HX-Request": "true", "X-CSRFToken": self.csrf()}, catch_response=True,
        ) as response:  # fmt: skip
            found = SAVED.search(response.text)
            if response.status_code != 200 or found is None:
                response.failure(f"autosave refused: {response.text[:200]}")
                return False
            form["expected_version"] = found.group(1)
            return True


class Leader(Person):
    weight = 1
    fixed_count = int(os.environ.get("RUSH_LEADERS", "0"))
    wait_time = between(10 * PACE, 40 * PACE)

    def on_start(self) -> None:
        self.account = LEADERS[0] if LEADERS else None
        LEADERS.rotate(-1)
        if self.account:
            self.sign_in(self.account["username"])

    @task
    def open_a_page(self) -> None:
        if not self.account:
            return
        name, template = random.choice(list(LEADER_PAGES.items()))
        self.client.get(template.format(**self.account["place"]), name=name)


class Probe(HttpUser):
    fixed_count = int(os.environ.get("RUSH_PROBES", "2"))
    wait_time = constant(1)

    @task
    def healthz(self) -> None:
        self.client.get("/healthz", name="trivial: /healthz")
