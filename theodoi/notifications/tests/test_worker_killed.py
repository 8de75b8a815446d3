"""`theodoi worker` killed halfway through sending: nothing is lost and nothing is sent twice.

The worker runs as a real subprocess on its own database (a SQLite file, or a scratch
PostgreSQL database when the suite runs on PostgreSQL) and mails a real SMTP server on
loopback. The server holds the second message until the worker has been killed with SIGKILL.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings as django_settings

from theodoi.notifications.choices import DigestState

pytestmark = pytest.mark.slow
REPO = Path(__file__).resolve().parents[3]
THEODOI = [sys.executable, "-m", "theodoi.config.cli"]


@pytest.fixture
def worker_database(tmp_path):
    """A DATABASE_URL of a fresh database the subprocesses share."""
    default = django_settings.DATABASES["default"]
    if default["ENGINE"] == "django.db.backends.sqlite3":
        yield f"sqlite:///{tmp_path / 'worker.sqlite3'}"
        return
    import psycopg

    name = f"theodoi_worker_{uuid.uuid4().hex[:10]}"
    auth = default["USER"] + (f":{default['PASSWORD']}" if default.get("PASSWORD") else "")
    base = f"postgres://{auth}@{default['HOST'] or '127.0.0.1'}:{default['PORT'] or 5432}"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    yield f"{base}/{name}"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run(args, env, timeout=180):
    done = subprocess.run(args, env=env, cwd=REPO, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def test_a_worker_killed_mid_send_loses_nothing_and_sends_nothing_twice(worker_database, smtp_server, tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": worker_database,
        "THEODOI_DATA_DIR": str(tmp_path),
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_server.port}",
        "THEODOI_DIGEST_LEASE_SECONDS": "0",
        "THEODOI_TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "PYTHONPATH": str(REPO),
    }
    run([*THEODOI, "migrate", "--noinput"], env)
    run([sys.executable, "-m", "theodoi.notifications.tests.worker_seed", "seed"], env)

    # Run 1: the server accepts the first digest, then holds the second; the worker is killed.
    smtp_server.hold_after = 1
    worker = subprocess.Popen(
        [*THEODOI, "worker", "--once", "--as-of", "2026-03-09T08:00+07:00"],
        env=env, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        assert smtp_server.holding.wait(timeout=120), "the worker never reached the second message"
    finally:
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=30)
    assert worker.returncode == -signal.SIGKILL
    smtp_server.release.set()
    halfway = json.loads(run([sys.executable, "-m", "theodoi.notifications.tests.worker_seed", "inspect"], env))
    states = Counter(digest["state"] for digest in halfway["digests"].values())
    assert len(smtp_server.messages) == 1
    assert states[DigestState.SENT] == 1 and states[DigestState.PENDING] == 2

    # Run 2, a minute later: no new reminder is due; the left-over digests go out once each.
    run([*THEODOI, "worker", "--once", "--as-of", "2026-03-09T08:01+07:00"], env)
    # Run 3: nothing left to do.
    run([*THEODOI, "worker", "--once", "--as-of", "2026-03-09T08:02+07:00"], env)

    final = json.loads(run([sys.executable, "-m", "theodoi.notifications.tests.worker_seed", "inspect"], env))
    assert final["reminders"] == halfway["reminders"]  # no reminder lost or made twice
    assert len(final["reminders"]) == len(set(final["reminders"]))
    mailed = [(tuple(rcpt), message["Message-ID"]) for rcpt, message in smtp_server.messages]
    assert sorted(rcpt for rcpt, _ in mailed) == [
        ("cds@khcn.example",),
        ("nv@nv.example",),
        ("vp@khcn.example",),
    ]
    assert len({message_id for _, message_id in mailed}) == 3
    sent = {mid for mid, digest in final["digests"].items() if digest["state"] == DigestState.SENT}
    assert {message_id for _, message_id in mailed} == sent
    assert all(digest["state"] != DigestState.PENDING for digest in final["digests"].values())


def test_the_long_running_worker_ticks_every_interval_and_stops_on_sigterm(worker_database, smtp_server, tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": worker_database,
        "THEODOI_DATA_DIR": str(tmp_path),
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_server.port}",
        "THEODOI_TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "PYTHONPATH": str(REPO),
    }
    run([*THEODOI, "migrate", "--noinput"], env)
    run([sys.executable, "-m", "theodoi.notifications.tests.worker_seed", "seed"], env)
    worker = subprocess.Popen(
        [*THEODOI, "worker", "--interval", "0.5", "--queue-interval", "0.2", "--as-of", "2026-03-09T08:00+07:00"],
        env=env, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 120
        while len(smtp_server.messages) < 3 and time.monotonic() < deadline and worker.poll() is None:
            time.sleep(0.2)
        time.sleep(2)  # several more scheduler ticks: nothing more may go out
    finally:
        worker.send_signal(signal.SIGTERM)
        output = worker.communicate(timeout=60)[0].decode()
    assert worker.returncode == 0, output
    assert sorted(tuple(rcpt) for rcpt, _ in smtp_server.messages) == [
        ("cds@khcn.example",),
        ("nv@nv.example",),
        ("vp@khcn.example",),
    ]


def _redis_url():
    try:
        import redis
    except ImportError:  # the `redis` extra is not installed
        return None
    url = os.environ.get("THEODOI_TEST_REDIS_URL", "redis://127.0.0.1:6379/14")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.exceptions.ConnectionError:
        return None
    return url


@pytest.mark.skipif(_redis_url() is None, reason="Redis không chạy trên 127.0.0.1:6379")
def test_the_worker_runs_on_redis_as_documented(worker_database, smtp_server, tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": worker_database,
        "THEODOI_DATA_DIR": str(tmp_path),
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_server.port}",
        "THEODOI_TASKS_BACKEND": "django_tasks_rq.RQBackend",
        "REDIS_URL": _redis_url(),
        "PYTHONPATH": str(REPO),
    }
    run([*THEODOI, "migrate", "--noinput"], env)
    run([sys.executable, "-m", "theodoi.notifications.tests.worker_seed", "seed"], env)
    run([*THEODOI, "worker", "--once", "--as-of", "2026-03-09T08:00+07:00"], env)
    run([*THEODOI, "worker", "--once", "--as-of", "2026-03-09T08:01+07:00"], env)
    assert sorted(tuple(rcpt) for rcpt, _ in smtp_server.messages) == [
        ("cds@khcn.example",),
        ("nv@nv.example",),
        ("vp@khcn.example",),
    ]
