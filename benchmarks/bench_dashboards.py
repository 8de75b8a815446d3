"""The dashboard pages at province scale (150 units × 30 tasks × 10 indicators, twelve monthly
reports each, the data of bench_results.py): median time and query count of each page, rendered
whole through Django's test client as a coordinator and as the province's leader.

DATABASE_URL=sqlite:////tmp/bench-dashboards.sqlite3 .venv/bin/python benchmarks/bench_dashboards.py [-n 5]

The database named by DATABASE_URL is migrated and filled (a fresh file or an empty PostgreSQL
database; never point it at real data). Target (issue 6): the overview under 300 ms.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import datetime
from pathlib import Path
from unittest import mock
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_results import build, measure, setup_django  # noqa: E402

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--units", type=int, default=150)
    parser.add_argument("--tasks", type=int, default=30)
    parser.add_argument("--indicators", type=int, default=10)
    parser.add_argument("-n", "--runs", type=int, default=5)
    args = parser.parse_args()
    setup_django()
    from django.test import Client
    from django.urls import reverse

    from theodoi.accounts.models import User

    start = time.perf_counter()
    plan = build(args.units, args.tasks, args.indicators)
    print(f"built {args.units} units × {args.tasks} tasks × {args.indicators} indicators, 12 months "
          f"in {time.perf_counter() - start:.1f} s")  # fmt: skip
    stamp = time.time_ns()
    people = {
        "coordinator": User.objects.create(username=f"bench-c-{stamp}", role="coordinator", unit=plan.standing_unit),
        "viewer": User.objects.create(username=f"bench-v-{stamp}", role="viewer", unit=plan.owner),
    }
    unit = plan.owner.children.order_by("pk").first()
    pages = {
        "overview": reverse("dashboards:overview"),
        "overview, one plan": reverse("dashboards:overview") + f"?ke-hoach={plan.pk}",
        "plan": reverse("dashboards:plan", args=[plan.pk]),
        "plan, June": reverse("dashboards:plan", args=[plan.pk]) + "?ky=2026-month-6",
        "grid": reverse("dashboards:grid", args=[plan.pk]),
        "unit": reverse("dashboards:unit", args=[unit.pk]),
        "indicator": reverse("dashboards:indicator", args=[plan.indicators.first().pk]),
        "plan .xlsx (units)": reverse("dashboards:plan", args=[plan.pk]) + "?xuat=xlsx&bang=nhiem-vu-theo-don-vi",
    }
    july = datetime(2026, 7, 1, 9, tzinfo=VN)
    with mock.patch("theodoi.dashboards.views.clock", lambda: july):
        for who, user in people.items():
            client = Client()
            client.force_login(user)
            for name, url in pages.items():
                call = lambda url=url, client=client: client.get(url, HTTP_HOST="localhost")  # noqa: E731
                median, queries = measure(call, args.runs)
                print(f"{who:12} {name:22} {median:9.1f} ms  {queries:3d} queries")


if __name__ == "__main__":
    main()
