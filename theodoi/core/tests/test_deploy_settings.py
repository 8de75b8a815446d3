"""Settings for several app servers come from the environment: shared cache, sessions, S3 files;
and the health checks a load balancer asks."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from theodoi.config.env import cache_settings, file_storage_settings, session_engine

PROBE = (
    "import json, django; django.setup(); from django.conf import settings; "
    "from django.core.files.storage import storages; default_storage = storages['default']; "
    "print(json.dumps({'storage': settings.STORAGES['default'], 'cache': settings.CACHES['default']['BACKEND'], "
    "'sessions': settings.SESSION_ENGINE, 'class': type(default_storage).__name__, "
    "'bucket': getattr(default_storage, 'bucket_name', None)}))"
)


def _settings_under(env: dict[str, str]) -> dict[str, object]:
    """Load the real settings in a fresh interpreter with `env` added (nothing is contacted)."""
    full = {**os.environ, "DJANGO_SETTINGS_MODULE": "theodoi.config.settings", **env}
    out = subprocess.run([sys.executable, "-c", PROBE], env=full, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_defaults_are_local_files_memory_cache_and_database_sessions(monkeypatch):
    for name in ("S3_BUCKET", "CACHE_URL", "THEODOI_SESSIONS"):
        monkeypatch.delenv(name, raising=False)
    loaded = _settings_under({})
    assert loaded["storage"] == {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    assert loaded["cache"].endswith("LocMemCache")
    assert loaded["sessions"] == "django.contrib.sessions.backends.db"


def test_s3_bucket_in_the_environment_selects_s3_storage_without_contacting_it():
    loaded = _settings_under({
        "S3_BUCKET": "theodoi-files", "S3_ENDPOINT_URL": "http://minio.invalid:9000", "S3_REGION": "hn-1",
        "S3_ACCESS_KEY_ID": "khoa", "S3_SECRET_ACCESS_KEY": "bi-mat", "S3_PREFIX": "/minh-chung/",
        "CACHE_URL": "redis://cache.invalid:6379/1", "THEODOI_SESSIONS": "cache",
    })  # fmt: skip
    assert loaded["storage"]["BACKEND"] == "storages.backends.s3.S3Storage"
    options = loaded["storage"]["OPTIONS"]
    assert options["endpoint_url"] == "http://minio.invalid:9000" and options["location"] == "minh-chung"
    assert options["default_acl"] == "private" and options["querystring_auth"] is True
    assert (loaded["class"], loaded["bucket"]) == ("S3Storage", "theodoi-files")
    assert loaded["cache"].endswith("RedisCache")
    assert loaded["sessions"] == "django.contrib.sessions.backends.cache"


def test_cache_and_session_settings_refuse_what_would_break_several_servers(monkeypatch):
    assert cache_settings("")["BACKEND"].endswith("LocMemCache")
    assert cache_settings("rediss://u:p@redis:6380/2")["LOCATION"] == "rediss://u:p@redis:6380/2"
    with pytest.raises(ImproperlyConfigured):
        cache_settings("memcached://x")
    with pytest.raises(ImproperlyConfigured):
        session_engine("cache", cache_settings(""))
    with pytest.raises(ImproperlyConfigured):
        session_engine("file", cache_settings("redis://r"))
    monkeypatch.delenv("S3_BUCKET", raising=False)
    assert file_storage_settings()["BACKEND"].endswith("FileSystemStorage")


@pytest.mark.django_db
def test_health_checks_answer_without_sign_in(client):
    assert client.get(reverse("healthz")).json() == {"status": "ok"}
    ready = client.get(reverse("readyz"))
    assert ready.status_code == 200
    assert ready.json() == {"status": "ok", "database": "ok", "cache": "ok"}
