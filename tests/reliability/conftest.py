"""Separate processes on a database of their own: a SQLite file, or a scratch PostgreSQL database
when the suite runs on PostgreSQL. Used by the crash and backup tests."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings as django_settings

REPO = Path(__file__).resolve().parents[2]
AGENT = [sys.executable, "-m", "tests.reliability.agent"]
ON_POSTGRES = django_settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3"


@dataclass
class Scratch:
    """A database and a data directory shared by the subprocesses of one test."""

    url: str
    data_dir: Path

    def env(self, **extra: str) -> dict[str, str]:
        return {
            **os.environ,
            "DATABASE_URL": self.url,
            "THEODOI_DATA_DIR": str(self.data_dir),
            "THEODOI_TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
            "PYTHONPATH": str(REPO),
            **extra,
        }

    def run(self, *args: str, check: bool = True, timeout: float = 180, **extra: str) -> subprocess.CompletedProcess:
        done = subprocess.run(
            [*AGENT, *args], env=self.env(**extra), cwd=REPO, capture_output=True, text=True, timeout=timeout
        )
        if check:
            assert done.returncode == 0, done.stdout + done.stderr
        return done

    def state(self) -> dict:
        return json.loads(self.run("state").stdout)

    def killed_at(self, crash_at: str, *args: str, nth: int = 1, **extra: str) -> None:
        """Run the agent until it reaches `crash_at` (module:function, its nth call), then SIGKILL it."""
        marker = self.data_dir / f"crash-{uuid.uuid4().hex}"
        process = subprocess.Popen(
            [*AGENT, *args], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            env=self.env(THEODOI_CRASH_AT=crash_at, THEODOI_CRASH_NTH=str(nth), THEODOI_CRASH_MARKER=str(marker),
                         **extra),
        )  # fmt: skip
        try:
            deadline = time.monotonic() + 180
            while not marker.exists() and process.poll() is None and time.monotonic() < deadline:
                time.sleep(0.05)
            reached = marker.exists()
        finally:
            process.send_signal(signal.SIGKILL)
            output = process.communicate(timeout=60)[0].decode()
        assert reached, f"the process never reached {crash_at}:\n{output}"
        assert process.returncode == -signal.SIGKILL


def _pg_base() -> str:
    default = django_settings.DATABASES["default"]
    auth = default["USER"] + (f":{default['PASSWORD']}" if default.get("PASSWORD") else "")
    return f"postgres://{auth}@{default['HOST'] or '127.0.0.1'}:{default['PORT'] or 5432}"


def _pg(statement: str) -> None:
    import psycopg

    with psycopg.connect(f"{_pg_base()}/postgres", autocommit=True) as connection:
        connection.execute(statement)


@pytest.fixture(scope="session")
def scratch_template(tmp_path_factory):
    """One migrated database per session, copied for each test (migrating takes seconds)."""
    folder = tmp_path_factory.mktemp("template")
    if not ON_POSTGRES:
        template = Scratch(f"sqlite:///{folder / 'template.sqlite3'}", folder)
        template.run("cli", "migrate", "--noinput")
        yield folder / "template.sqlite3"
        return
    name = f"theodoi_tpl_{uuid.uuid4().hex[:10]}"
    _pg(f'CREATE DATABASE "{name}"')
    try:
        Scratch(f"{_pg_base()}/{name}", folder).run("cli", "migrate", "--noinput")
        yield name
    finally:
        _pg(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def scratch(tmp_path, scratch_template):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    if not ON_POSTGRES:
        path = tmp_path / "scratch.sqlite3"
        source, target = sqlite3.connect(scratch_template), sqlite3.connect(path)
        source.backup(target)
        source.close()
        target.close()
        yield Scratch(f"sqlite:///{path}", data_dir)
        return
    name = f"theodoi_scratch_{uuid.uuid4().hex[:10]}"
    _pg(f'CREATE DATABASE "{name}" TEMPLATE "{scratch_template}"')
    try:
        yield Scratch(f"{_pg_base()}/{name}", data_dir)
    finally:
        _pg(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
