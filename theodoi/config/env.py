"""Settings read from the environment, validated at start-up with a clear message."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} phải là true/false, nhận được {raw!r}")


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    raw = env_str(name)
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} phải là số nguyên, nhận được {raw!r}") from exc


def persistent_secret_key(data_dir: Path) -> str:
    """A random key kept in the data directory, so a local install needs no configuration.

    Production settings refuse this fallback (see settings.py): there SECRET_KEY must come from
    the environment.
    """
    from django.core.management.utils import get_random_secret_key

    path = data_dir / "secret_key"
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    data_dir.mkdir(parents=True, exist_ok=True)
    key = get_random_secret_key()
    path.write_text(key, encoding="utf-8")
    path.chmod(0o600)
    return key


def email_settings(url: str) -> dict[str, object]:
    """Translate EMAIL_URL (smtp://user:pass@host:port?tls=1, console://, locmem://) to settings."""
    if not url:
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "console":
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if scheme == "locmem":
        return {"EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
    if scheme not in {"smtp", "smtps", "submission"}:
        raise ImproperlyConfigured(f"EMAIL_URL không hợp lệ: kiểu {scheme!r} không được hỗ trợ")
    query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    default_port = {"smtp": 25, "smtps": 465, "submission": 587}[scheme]
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": parts.hostname or "localhost",
        "EMAIL_PORT": parts.port or default_port,
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_SSL": scheme == "smtps",
        "EMAIL_USE_TLS": scheme == "submission" or query.get("tls") in {"1", "true"},
        "EMAIL_TIMEOUT": 30,
    }


def cache_settings(url: str) -> dict[str, object]:
    """Translate CACHE_URL (redis://host:6379/1, rediss://…, locmem://, dummy://) to a CACHES entry.

    Empty: each process keeps its own memory cache, right for one machine. Several app servers
    share Redis, so what one caches (and, with THEODOI_SESSIONS=cache, who is signed in) all see.
    """
    scheme = urlsplit(url).scheme.lower() if url else "locmem"
    if scheme in {"redis", "rediss", "unix"}:
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url, "KEY_PREFIX": "theodoi"}
    if scheme == "locmem":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "theodoi"}
    if scheme == "dummy":
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    raise ImproperlyConfigured(f"CACHE_URL không hợp lệ: kiểu {scheme!r} không được hỗ trợ (redis://, locmem://)")


def session_engine(kind: str, cache: dict[str, object]) -> str:
    """THEODOI_SESSIONS: db (default), cache (fastest; sign-ins are lost if Redis restarts) or
    cached_db (read from the cache, kept in the database). Both cached kinds need the shared
    Redis cache: with a per-process memory cache each app process would know different sign-ins."""
    if kind not in {"db", "cache", "cached_db"}:
        raise ImproperlyConfigured(f"THEODOI_SESSIONS phải là db, cache hoặc cached_db, nhận được {kind!r}")
    if kind != "db" and cache["BACKEND"] != "django.core.cache.backends.redis.RedisCache":
        raise ImproperlyConfigured(
            "THEODOI_SESSIONS=cache hoặc cached_db cần CACHE_URL=redis://… (bộ nhớ đệm dùng chung)"
        )
    return f"django.contrib.sessions.backends.{kind}"


def file_storage_settings() -> dict[str, object]:
    """Where uploaded files go: the local MEDIA_ROOT, or an S3-compatible bucket when S3_BUCKET is set.

    S3_ENDPOINT_URL (MinIO, Ceph, a provider's endpoint), S3_REGION, S3_ACCESS_KEY_ID,
    S3_SECRET_ACCESS_KEY and S3_PREFIX (a folder inside the bucket) complete it; without keys the
    usual AWS chain (instance role, ~/.aws) is asked. Files stay private: they are read through the
    application, which checks who may download them, never through public URLs.
    """
    bucket = env_str("S3_BUCKET")
    if not bucket:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    options: dict[str, object] = {
        "bucket_name": bucket,
        "location": env_str("S3_PREFIX").strip("/"),
        "default_acl": "private",
        "querystring_auth": True,
        "file_overwrite": True,  # evidence is named by its content's hash: same name, same bytes
    }
    for option, name in [
        ("endpoint_url", "S3_ENDPOINT_URL"), ("region_name", "S3_REGION"),
        ("access_key", "S3_ACCESS_KEY_ID"), ("secret_key", "S3_SECRET_ACCESS_KEY"),
    ]:  # fmt: skip
        if env_str(name):
            options[option] = env_str(name)
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}
