"""What each action of the deadline rush costs the server, measured in one process without load:
CPU time (this process: Django and the drivers; PostgreSQL's own time is not in it), wall time and
queries, medians over several reports. Complements rush.py, whose latencies also hold the queueing
(and, on a shared machine, the other work). Runs on a database rush.py (or `theodoi synth`) built.

    .venv/bin/python benchmarks/rush_cost.py --database-url postgres://postgres@127.0.0.1:5432/theodoi_rush -n 7
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
SAVED = re.compile(r'id="expected-version" value="(\d+)"')
PDF = b"%PDF-1.4\n" + b"% bang tong hop so lieu\n" * 2000 + b"%%EOF\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/theodoi_rush")
    parser.add_argument("-n", type=int, default=7, help="reports (and repetitions) per action")
    parser.add_argument("--password", default="theodoi-bench-2026")
    args = parser.parse_args()
    os.environ.update(DATABASE_URL=args.database_url, DJANGO_SETTINGS_MODULE="theodoi.config.settings")
    os.environ.setdefault("SECRET_KEY", "rush-cost-" + "x" * 40)
    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["*"]
    results = measure(args.n, args.password)
    out = ROOT / "benchmarks" / "results" / f"rush-cost-{datetime.now(UTC):%Y%m%dT%H%M}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    print("| action | CPU ms (median) | wall ms (median) | queries |\n| --- | ---: | ---: | ---: |")
    for name, row in results["actions"].items():
        print(f"| {name} | {row['cpu_ms']:.0f} | {row['wall_ms']:.0f} | {row['queries']} |")
    print(f"\nwritten {out.relative_to(ROOT)}")


class Timer:
    def __init__(self) -> None:
        self.rows: dict[str, list[tuple[float, float, int]]] = {}

    def __call__(self, name: str, action: Callable[[], Any]) -> Any:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            cpu, wall = time.process_time(), time.perf_counter()
            result = action()
            cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        self.rows.setdefault(name, []).append((cpu * 1000, wall * 1000, len(queries.captured_queries)))
        return result

    def summary(self) -> dict[str, dict[str, float]]:
        return {
            name: {
                "cpu_ms": round(statistics.median(r[0] for r in rows), 1),
                "wall_ms": round(statistics.median(r[1] for r in rows), 1),
                "queries": int(statistics.median(r[2] for r in rows)),
                "samples": len(rows),
            }  # fmt: skip
            for name, rows in self.rows.items()
        }


def measure(n: int, password: str) -> dict[str, Any]:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client
    from django.utils import timezone
    from rush_forms import ReportForm, indicator_values, task_values

    from theodoi.accounts.models import User
    from theodoi.periods.models import ReportingPeriod
    from theodoi.submissions.models import Report

    timer = Timer()
    now = timezone.now()
    reports = list(
        Report.objects.filter(first_submitted_at__isnull=True, due_at__gt=now, state__in=["not_submitted", "draft"])
        .select_related("unit")
        .order_by("-pk")[:n]
    )
    for report in reports:
        client = Client()
        client.get("/dang-nhap/")
        timer("login (password check)", lambda c=client, r=report: c.post(
            "/dang-nhap/", {"username": f"cb.{r.unit.code}", "password": password}))  # fmt: skip
        url = f"/bao-cao/{report.pk}/"
        page = timer("open report", lambda c=client, u=url: c.get(u)).content.decode()
        form = ReportForm(page).fields
        task_ids = list(dict.fromkeys(re.findall(r'name="t-(\d+)-progress"', page)))
        articles = re.findall(r'<article class="report-item[^"]*" id="indicator-(\d+)">(.*?)</article>', page, re.S)
        for number, task_id in enumerate(task_ids):
            form.update(task_values(task_id))
            name = "autosave (first item)" if number == 0 else "autosave (one more item)"
            response = timer(name, lambda c=client, u=url, f=dict(form): c.post(
                u, {**f, "action": "save"}, HTTP_HX_REQUEST="true"))  # fmt: skip
            form["expected_version"] = SAVED.search(response.content.decode()).group(1)
        for indicator_id, body in articles:
            form.update(indicator_values(indicator_id, body))
        response = client.post(url, {**form, "action": "save"}, HTTP_HX_REQUEST="true")
        page = client.get(url).content.decode()
        items = re.findall(r'<option value="indicator:(\d+)">', page)
        for (_indicator_id, body), item in zip(
            re.findall(r'<article class="report-item[^"]*" id="indicator-(\d+)">(.*?)</article>', page, re.S),
            items,
            strict=False,
        ):
            if "trích xuất từ" in body:
                continue
            upload = SimpleUploadedFile("tong-hop.pdf", PDF, "application/pdf")
            timer("upload evidence (+ page)", lambda c=client, i=item, f=upload, r=report: c.post(
                f"/bao-cao/{r.pk}/minh-chung/", {"item": f"indicator:{i}", "title": "Bảng", "url": "", "file": f},
                follow=True))  # fmt: skip
        page = client.get(url).content.decode()
        form = ReportForm(page).fields
        response = timer("submit (+ page)", lambda c=client, u=url, f=form: c.post(
            u, {**f, "action": "submit"}, follow=True))  # fmt: skip
        assert "Đã nộp báo cáo" in response.content.decode(), response.content.decode()[:500]
    for username in list(User.objects.filter(username__regex=r"^(ld|tt)\.").values_list("username", flat=True))[:4]:
        client = Client()
        client.force_login(User.objects.get(username=username))
        period = ReportingPeriod.objects.filter(due_at__gt=now).order_by("due_at").first()
        pages = {
            "leader: plan page": f"/ke-hoach/{period.plan_id}/",
            "leader: period overview": f"/ke-hoach/{period.plan_id}/bao-cao/month/{period.year}/{period.index}/",
            "leader: calendar period": f"/ke-hoach/{period.plan_id}/ky/{period.pk}/",
            "leader: report list": "/bao-cao/",
        }
        for _ in range(2):
            for name, page_url in pages.items():
                timer(name, lambda c=client, p=page_url: c.get(p))
            timer("trivial: /healthz", lambda c=client: c.get("/healthz"))
    return {"benchmark": "rush action cost", "at": datetime.now(UTC).isoformat(), "reports": len(reports),
            "actions": timer.summary()}  # fmt: skip


if __name__ == "__main__":
    main()
