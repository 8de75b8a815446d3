"""The deadline rush, end to end: data from `theodoi synth`, gunicorn (`theodoi serve`) and the worker on
loopback against PostgreSQL, locust playing the people (benchmarks/locustfile_rush.py), and the figures.

    .venv/bin/python benchmarks/rush.py --size province               # ~150 units, 10 minutes
    .venv/bin/python benchmarks/rush.py --size national --duration 5m  # 3,706 units, 1,000 people at once

Needs `./scripts/setup --bench` (locust, psutil) and a PostgreSQL the current user may create databases
on (--database-url; the database named there is dropped and rebuilt unless --skip-build). Writes
benchmarks/results/rush-<size>-<UTC time>.json and prints a Markdown table for benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import psutil

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
RESULTS = ROOT / "benchmarks" / "results"
PASSWORD = "theodoi-bench-2026"
SIZES = {
    # users: people at once; leaders among them; duration and pace of the default run.
    "province": {"users": 170, "leaders": 15, "duration": "10m", "pace": 1.0, "spawn_rate": 5},
    "national": {"users": 1000, "leaders": 60, "duration": "5m", "pace": 1.0, "spawn_rate": 10},
}


def main() -> None:
    args = parse_args()
    size = SIZES[args.size]
    users, leaders = args.users or size["users"], args.leaders or size["leaders"]
    duration, pace = args.duration or size["duration"], args.pace or size["pace"]
    workdir = Path(tempfile.mkdtemp(prefix=f"theodoi-rush-{args.size}-"))
    env = server_env(args, workdir)
    build = {} if args.skip_build else build_data(args, env)
    accounts = accounts_for(env, args.seed)
    accounts.update(password=PASSWORD, pace=pace)
    accounts_path = workdir / "accounts.json"
    accounts_path.write_text(json.dumps(accounts, ensure_ascii=False), encoding="utf-8")
    print(f"{len(accounts['reporters'])} reports to send, {len(accounts['leaders'])} leaders; work dir {workdir}")

    started_at = datetime.now(UTC)
    web, worker = start_servers(args, env, workdir)
    sampler = MemorySampler({"gunicorn": web, "worker": worker})
    sampler.start()
    try:
        wait_until_up(args.port)
        sampler.mark_idle()
        locust_env = {
            **os.environ, "RUSH_ACCOUNTS": str(accounts_path), "RUSH_PACE": str(pace),
            "RUSH_LEADERS": str(leaders), "RUSH_PROBES": str(args.probes),
        }  # fmt: skip
        csv_prefix = workdir / "locust"
        locust = subprocess.Popen(
            [str(BIN / "locust"), "-f", str(ROOT / "benchmarks" / "locustfile_rush.py"), "--headless",
             "-u", str(users), "-r", str(args.spawn_rate or size["spawn_rate"]), "-t", duration,
             "--host", f"http://127.0.0.1:{args.port}", "--csv", str(csv_prefix), "--only-summary",
             "--stop-timeout", "30", "--loglevel", "WARNING"],
            env=locust_env, stdout=open(workdir / "locust.log", "w"), stderr=subprocess.STDOUT,
        )  # fmt: skip
        sampler.watch("locust (load generator)", locust)
        locust.wait()
    finally:
        sampler.stop()
        stop(web)
        stop(worker)
    finished_at = datetime.now(UTC)
    actions = read_stats(csv_prefix)
    result = {
        "benchmark": "deadline rush", "size": args.size, "seed": args.seed,
        "started_at": started_at.isoformat(), "finished_at": finished_at.isoformat(),
        "settings": {"users": users, "leaders": leaders, "probes": args.probes, "duration": duration, "pace": pace,
                     "gunicorn_workers": args.workers, "gunicorn_threads": args.threads},
        "machine": machine(env), "build": build, "actions": actions,
        "failures": read_failures(csv_prefix), "memory_mb": sampler.report(), "machine_load": sampler.machine_load(),
        "cpu_seconds": cpu_per_request(sampler.cpu_used(), actions),
        "check": nothing_lost(env, started_at, actions),
    }  # fmt: skip
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"rush-{args.size}-{started_at:%Y%m%dT%H%M}.json"
    out.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    print(markdown(result))
    print(f"\nwritten {out.relative_to(ROOT)}")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", choices=sorted(SIZES), default="province")
    parser.add_argument("--duration", help="locust run time (10m, 90s); default per size")
    parser.add_argument("--users", type=int, help="people at once (default per size)")
    parser.add_argument("--leaders", type=int, help="of whom leaders opening pages (default per size)")
    parser.add_argument("--probes", type=int, default=2, help="users asking /healthz once a second")
    parser.add_argument("--pace", type=float, help="scales every pause; 1.0 is a person's pace")
    parser.add_argument("--spawn-rate", type=float, help="people arriving per second at the start")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/theodoi_rush")
    parser.add_argument("--skip-build", action="store_true", help="reuse the database as it is")
    return parser.parse_args()


# --- data ------------------------------------------------------------------------------------------


def server_env(args: argparse.Namespace, workdir: Path) -> dict[str, str]:
    return {
        **os.environ, "DATABASE_URL": args.database_url, "DATABASE_CONN_MAX_AGE": "60",
        "THEODOI_DATA_DIR": str(workdir / "data"), "SECRET_KEY": "rush-" + "x" * 50, "LOG_LEVEL": "WARNING",
        "ALLOWED_HOSTS": "127.0.0.1,localhost", "DJANGO_SETTINGS_MODULE": "theodoi.config.settings",
    }  # fmt: skip


def theodoi(env: dict[str, str], *argv: str) -> None:
    subprocess.run([str(BIN / "theodoi"), *argv], env=env, check=True)


def build_data(args: argparse.Namespace, env: dict[str, str]) -> dict[str, Any]:
    url = urlsplit(args.database_url)
    name = url.path.lstrip("/")
    import psycopg

    admin = urlunsplit(url._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    theodoi(env, "migrate", "-v0")
    theodoi(env, "collectstatic", "--noinput", "-v0")
    started = time.monotonic()
    theodoi(env, "synth", "--size", args.size, "--seed", str(args.seed), "--password", PASSWORD)
    return {"synth_seconds": round(time.monotonic() - started, 1), "rows": table_sizes(env)}


def django_setup(env: dict[str, str]) -> None:
    os.environ.update({key: env[key] for key in ("DATABASE_URL", "THEODOI_DATA_DIR", "SECRET_KEY")})
    os.environ["DJANGO_SETTINGS_MODULE"] = "theodoi.config.settings"
    import django

    django.setup()


def table_sizes(env: dict[str, str]) -> dict[str, int]:
    django_setup(env)
    from django.apps import apps

    labels = [
        "units.Unit",
        "accounts.User",
        "plans.Plan",
        "plans.Task",
        "plans.Assignment",
        "submissions.Report",
        "submissions.TaskItem",
        "submissions.IndicatorItem",
        "submissions.Evidence",
        "periods.UnitReport",
    ]
    return {label: apps.get_model(label).objects.count() for label in labels}


def accounts_for(env: dict[str, str], seed: int) -> dict[str, Any]:
    """Who sits at the keyboards: the reporter of every unit whose open report is not sent yet (in a
    shuffled order), and the province leaders and coordinators with the plan and period they watch."""
    django_setup(env)
    from django.utils import timezone

    from theodoi.accounts.models import User
    from theodoi.periods.models import ReportingPeriod
    from theodoi.submissions.models import Report

    now = timezone.now()
    open_periods = {row.plan_id: row for row in ReportingPeriod.objects.filter(due_at__gt=now).order_by("due_at")}
    reports = Report.objects.filter(first_submitted_at__isnull=True, due_at__gt=now).select_related("unit")
    reporters = [{"username": f"cb.{report.unit.code}", "report": report.pk} for report in reports]
    random.Random(seed).shuffle(reporters)
    leaders = []
    for user in User.objects.filter(username__regex=r"^(ld|tt)\.").select_related("unit"):
        plan_id = next(
            (
                plan
                for plan, period in open_periods.items()
                if period.plan.owner_id in (user.unit_id, user.unit.parent_id)
            ),
            None,
        )
        if plan_id is None:
            continue
        period = open_periods[plan_id]
        leaders.append(
            {
                "username": user.username,
                "place": {"plan": plan_id, "period": period.pk, "year": period.year, "index": period.index},
            }
        )
    return {"reporters": reporters, "leaders": leaders}


# --- servers ---------------------------------------------------------------------------------------


def start_servers(args: argparse.Namespace, env: dict[str, str], workdir: Path) -> tuple[Any, Any]:
    web = subprocess.Popen(
        [str(BIN / "theodoi"), "serve", "--bind", f"127.0.0.1:{args.port}", "--workers", str(args.workers),
         "--threads", str(args.threads)],
        env=env, stdout=open(workdir / "access.log", "w"), stderr=open(workdir / "gunicorn.log", "w"),
    )  # fmt: skip
    worker = subprocess.Popen(
        [str(BIN / "theodoi"), "worker"], env=env, stdout=open(workdir / "worker.log", "w"), stderr=subprocess.STDOUT
    )
    return web, worker


def wait_until_up(port: int) -> None:
    for _ in range(120):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit("gunicorn did not answer /healthz within a minute")


def stop(process: subprocess.Popen[Any]) -> None:
    """SIGTERM (gunicorn finishes the requests in hand), then SIGKILL to it and its children."""
    if process.poll() is not None:
        return
    try:
        children = psutil.Process(process.pid).children(recursive=True)
    except psutil.NoSuchProcess:
        children = []
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=40)
    except subprocess.TimeoutExpired:
        process.kill()
    for child in children:
        try:
            child.kill()
        except psutil.NoSuchProcess:
            pass


class MemorySampler(threading.Thread):
    """Every second: the resident memory of each process (and its children), kept at its peak."""

    def __init__(self, processes: dict[str, subprocess.Popen[Any]]) -> None:
        super().__init__(daemon=True)
        self.roots = {name: psutil.Process(process.pid) for name, process in processes.items()}
        self.peaks: dict[str, float] = {}
        self.idle: dict[str, float] = {}
        self.app_total_peak = 0.0
        self.postgres_peak = 0.0
        self.loads: list[float] = []
        self.cpu: list[float] = []
        self.halt = threading.Event()

    def watch(self, name: str, process: subprocess.Popen[Any]) -> None:
        self.roots[name] = psutil.Process(process.pid)

    def sample(self) -> dict[str, float]:
        found: dict[str, float] = {}
        for name, root in list(self.roots.items()):
            try:
                family = [root, *root.children(recursive=True)]
            except psutil.NoSuchProcess:
                continue
            for number, process in enumerate(family):
                try:
                    label = name if number == 0 else f"{name} child {process.pid}"
                    found[label] = process.memory_info().rss / 2**20
                except psutil.NoSuchProcess:
                    pass
        return found

    def mark_idle(self) -> None:
        self.idle = self.sample()
        self.cpu_start = self.cpu_seconds()

    def cpu_seconds(self) -> dict[str, float]:
        """CPU time (user + system) used so far by the app processes and by PostgreSQL's."""
        found = {"app": 0.0, "postgres": 0.0}
        for name in ("gunicorn", "worker"):
            root = self.roots[name]
            try:
                family = [root, *root.children(recursive=True)]
            except psutil.NoSuchProcess:
                continue
            for process in family:
                try:
                    times = process.cpu_times()
                    found["app"] += times.user + times.system
                except psutil.NoSuchProcess:
                    pass
        for process in psutil.process_iter(["name", "cpu_times"]):
            if (process.info["name"] or "").startswith("postgres") and process.info["cpu_times"]:
                found["postgres"] += process.info["cpu_times"].user + process.info["cpu_times"].system
        return found

    def cpu_used(self) -> dict[str, float]:
        """CPU seconds the app and PostgreSQL spent during the run: what the load cost, whatever else
        the machine was doing (PostgreSQL's figure counts every database on the server)."""
        end = self.cpu_end if hasattr(self, "cpu_end") else self.cpu_seconds()
        return {name: round(end[name] - self.cpu_start.get(name, 0.0), 1) for name in end}

    def run(self) -> None:
        psutil.cpu_percent()
        while not self.halt.wait(1.0):
            self.loads.append(os.getloadavg()[0])
            self.cpu.append(psutil.cpu_percent())
            now = self.sample()
            for label, mb in now.items():
                self.peaks[label] = max(self.peaks.get(label, 0.0), mb)
            app = sum(mb for label, mb in now.items() if label.startswith(("gunicorn", "worker")))
            self.app_total_peak = max(self.app_total_peak, app)
            postgres = 0.0
            for process in psutil.process_iter(["name", "memory_info"]):
                if process.info["name"] and process.info["name"].startswith("postgres") and process.info["memory_info"]:
                    postgres += process.info["memory_info"].rss / 2**20
            self.postgres_peak = max(self.postgres_peak, postgres)

    def stop(self) -> None:
        if hasattr(self, "cpu_start"):
            self.cpu_end = self.cpu_seconds()
        self.halt.set()
        self.join(timeout=5)

    def report(self) -> dict[str, Any]:
        rounded = {label: round(mb, 1) for label, mb in sorted(self.peaks.items())}
        return {
            "peak_per_process": rounded, "idle_per_process": {k: round(v, 1) for k, v in sorted(self.idle.items())},
            "app_processes_peak_total": round(self.app_total_peak, 1),
            "postgres_peak_total_rss": round(self.postgres_peak, 1),
            "note": "RSS counts shared pages in each process: totals overstate (PostgreSQL's shared buffers most).",
        }  # fmt: skip

    def machine_load(self) -> dict[str, float]:
        """How busy the whole machine was: other work on it shows here and slows every figure."""
        if not self.loads:
            return {}
        return {
            "load_average_1min_mean": round(sum(self.loads) / len(self.loads), 2),
            "load_average_1min_max": max(self.loads),
            "cpu_percent_mean": round(sum(self.cpu) / len(self.cpu), 1),
        }  # fmt: skip


# --- figures ---------------------------------------------------------------------------------------


def read_stats(prefix: Path) -> dict[str, dict[str, float]]:
    rows = {}
    with open(f"{prefix}_stats.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            rows[row["Name"]] = {
                "requests": int(row["Request Count"]), "failures": int(row["Failure Count"]),
                "per_second": round(float(row["Requests/s"]), 2), "p50_ms": float(row["50%"]),
                "p95_ms": float(row["95%"]), "p99_ms": float(row["99%"]),
                "max_ms": round(float(row["Max Response Time"])),
            }  # fmt: skip
    return rows


def cpu_per_request(used: dict[str, float], actions: dict[str, dict[str, float]]) -> dict[str, float]:
    """CPU the server side spent per request, and the request rate two dedicated cores could serve
    at that cost: a figure that holds even when other work on the machine slows the latencies."""
    requests = actions.get("Aggregated", {}).get("requests", 0) or 1
    # PostgreSQL's backends that ended during the run take their CPU time with them: its figure
    # is a lower bound, and meaningless when negative.
    used["postgres"] = max(used["postgres"], 0.0)
    per_request = (used["app"] + used["postgres"]) / requests
    return {
        **used, "requests": requests, "app_ms_per_request": round(used["app"] * 1000 / requests, 1),
        "app_and_postgres_ms_per_request": round(per_request * 1000, 1),
        "requests_per_second_on_2_free_cores": round(2 / per_request, 1) if per_request else 0.0,
    }  # fmt: skip


def read_failures(prefix: Path) -> list[dict[str, str]]:
    path = Path(f"{prefix}_failures.csv")
    if not path.exists():
        return []
    with open(path, encoding="utf-8") as handle:
        return [
            {"name": row["Name"], "error": row["Error"][:300], "count": row["Occurrences"]}
            for row in csv.DictReader(handle)
        ]


def nothing_lost(env: dict[str, str], since: datetime, actions: dict[str, dict[str, float]]) -> dict[str, Any]:
    """Every submit locust saw succeed is a sent report in the database, complete, and vice versa."""
    django_setup(env)
    from django.db.models import Q

    from theodoi.submissions.models import Evidence, Report

    sent = Report.objects.filter(first_submitted_at__gte=since)
    incomplete = sent.filter(Q(task_items__progress="") | Q(indicator_items__source_kind="")).distinct().count()
    submit = actions.get("submit", {"requests": 0, "failures": 0})
    upload = actions.get("upload evidence", {"requests": 0, "failures": 0})
    uploaded = Evidence.objects.filter(kind="file", added_at__gte=since).count()
    return {
        "submits_ok_in_locust": submit["requests"] - submit["failures"], "reports_sent_in_database": sent.count(),
        "sent_reports_with_an_empty_item": incomplete,
        "uploads_ok_in_locust": upload["requests"] - upload["failures"], "evidence_files_in_database": uploaded,
    }  # fmt: skip


def machine(env: dict[str, str]) -> dict[str, Any]:
    cpu = "unknown"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    django_setup(env)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
    return {
        "cpu": cpu, "cores": psutil.cpu_count(), "ram_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "os": platform.platform(), "python": platform.python_version(), "postgresql": postgres,
        "note": "load generator, PostgreSQL, gunicorn and the worker share the same cores",
    }  # fmt: skip


def markdown(result: dict[str, Any]) -> str:
    lines = [
        f"Deadline rush, {result['size']}: {result['settings']['users']} people at once, "
        f"{result['settings']['duration']}, pace {result['settings']['pace']}",
        "",
        "| action | requests | failures | req/s | p50 ms | p95 ms | p99 ms |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, row in result["actions"].items():
        lines.append(
            f"| {name} | {row['requests']} | {row['failures']} | {row['per_second']} | {row['p50_ms']:.0f} "
            f"| {row['p95_ms']:.0f} | {row['p99_ms']:.0f} |"
        )
    memory = result["memory_mb"]
    lines += ["", f"App processes together, peak RSS: {memory['app_processes_peak_total']} MB; per process:"]
    lines += [f"- {label}: {mb} MB" for label, mb in memory["peak_per_process"].items()]
    lines += ["", f"Machine load during the run: {json.dumps(result['machine_load'])}"]
    lines += ["", f"Server CPU: {json.dumps(result['cpu_seconds'])}"]
    lines += ["", f"Check: {json.dumps(result['check'], ensure_ascii=False)}"]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
