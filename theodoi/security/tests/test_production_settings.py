"""Production settings: secrets only from the environment, `check --deploy` clean.

Each case starts a fresh interpreter, since settings are read once per process.
"""

import os
import secrets
import subprocess
import sys

import pytest

GOOD_KEY = secrets.token_urlsafe(64)


def _theodoi(tmp_path, *args, **environment):
    # Not what a deployment has: the test's own settings, and the browser tests' async escape hatch.
    unset = ("SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE")
    env = {key: value for key, value in os.environ.items() if key not in unset}
    env.update(THEODOI_ENV="production", THEODOI_DATA_DIR=str(tmp_path), DATABASE_URL="", **environment)
    return subprocess.run(
        [sys.executable, "-m", "theodoi.config.cli", *args], env=env, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_is_clean_under_production_settings(tmp_path):
    done = _theodoi(
        tmp_path,
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="theodoi.example.vn",
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout


@pytest.mark.parametrize(
    ("environment", "message"),
    [
        ({"ALLOWED_HOSTS": "theodoi.example.vn"}, "SECRET_KEY phải được đặt"),
        ({"ALLOWED_HOSTS": "theodoi.example.vn", "SECRET_KEY": "ngan-qua"}, "SECRET_KEY quá ngắn"),
        ({"SECRET_KEY": GOOD_KEY}, "ALLOWED_HOSTS phải được đặt"),
    ],
)
def test_production_refuses_to_start_without_its_secrets(tmp_path, environment, message):
    done = _theodoi(tmp_path, "check", **environment)
    assert done.returncode != 0 and message in done.stderr
    assert not (tmp_path / "secret_key").exists()  # never falls back to a key of its own


def test_production_cookies_are_secure_and_host_only(tmp_path):
    code = (
        "from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_NAME, s.SECURE_HSTS_SECONDS, "
        "s.SECURE_SSL_REDIRECT)"
    )
    done = _theodoi(tmp_path, "shell", "-c", code, SECRET_KEY=GOOD_KEY, ALLOWED_HOSTS="theodoi.example.vn")
    assert done.stdout.splitlines()[-1].split() == ["True", "True", "__Host-sessionid", "31536000", "True"], (
        done.stdout + done.stderr
    )
