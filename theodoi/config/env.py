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
