"""Django settings for theodoi, read from the environment (see docs/deploy.md).

Every value has a safe default for a local install on SQLite; THEODOI_ENV=production turns the
defaults strict (SECRET_KEY and ALLOWED_HOSTS must be given, cookies secure).
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from theodoi.config.env import (
    cache_settings,
    email_settings,
    env_bool,
    env_int,
    env_list,
    env_str,
    file_storage_settings,
    persistent_secret_key,
    session_engine,
)

BASE_DIR = Path(__file__).resolve().parent.parent
THEODOI_ENV = env_str("THEODOI_ENV", "local")
PRODUCTION = THEODOI_ENV == "production"
DATA_DIR = Path(env_str("THEODOI_DATA_DIR", "./var")).resolve()

DEBUG = env_bool("THEODOI_DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY phải được đặt trong biến môi trường khi THEODOI_ENV=production")
    SECRET_KEY = persistent_secret_key(DATA_DIR)
elif PRODUCTION and (len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5):
    raise ImproperlyConfigured("SECRET_KEY quá ngắn hoặc quá đơn giản: cần ít nhất 50 ký tự ngẫu nhiên")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,[::1]")
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS phải được đặt khi THEODOI_ENV=production")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI and Redoc served from our own static files, never a CDN
    "django_tasks",
    "django_tasks_db",
    "theodoi.core",
    "theodoi.audit",
    "theodoi.accounts",
    "theodoi.units",
    "theodoi.plans",
    "theodoi.periods",
    "theodoi.imports",
    "theodoi.notifications",
    "theodoi.submissions",
    "theodoi.results",
    "theodoi.documents",
    "theodoi.cascade",
    "theodoi.security",
    "theodoi.dashboards",
    "theodoi.synth",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "theodoi.security.headers.SecurityHeadersMiddleware",
    "theodoi.security.uploads.RequestSizeLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "theodoi.config.urls"
WSGI_APPLICATION = "theodoi.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'theodoi.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server read while the worker writes; the timeout rides out short locks.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
# "home" sends each role to its own start page (leaders to the overview, others to the plans).
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
# Django's rules, with Vietnamese messages (theodoi/security/passwords.py).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "theodoi.security.passwords.UserAttributeSimilarityValidator"},
    {"NAME": "theodoi.security.passwords.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "theodoi.security.passwords.CommonPasswordValidator"},
    {"NAME": "theodoi.security.passwords.NumericPasswordValidator"},
]
# Lockout after failed sign-ins (page and API token): per account, per address, for a while.
THEODOI_LOGIN_MAX_FAILURES = env_int("THEODOI_LOGIN_MAX_FAILURES", 5)
THEODOI_LOGIN_MAX_FAILURES_PER_IP = env_int("THEODOI_LOGIN_MAX_FAILURES_PER_IP", 20)
THEODOI_LOGIN_LOCKOUT_MINUTES = env_int("THEODOI_LOGIN_LOCKOUT_MINUTES", 15)
# Behind a reverse proxy, the header it sets with the client's address (e.g. HTTP_X_REAL_IP).
THEODOI_CLIENT_IP_HEADER = env_str("THEODOI_CLIENT_IP_HEADER")

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = DATA_DIR / "files"  # outside the web root; files are served only through views
# No request body larger than this is read at all (the largest upload, a plan document, is 50 MB).
THEODOI_MAX_REQUEST_BYTES = env_int("THEODOI_MAX_REQUEST_BYTES", 60 * 1024 * 1024)
# Evidence uploads: the largest file accepted, in bytes (default 20 MB).
THEODOI_EVIDENCE_MAX_BYTES = env_int("THEODOI_EVIDENCE_MAX_BYTES", 20 * 1024 * 1024)
# Percent done each document stage stands for; a deployment may override some of them.
THEODOI_DOCUMENT_STAGE_WEIGHTS: dict[str, int] = {}
STORAGES = {
    "default": file_storage_settings(),  # S3_BUCKET: shared S3-compatible storage (docs/deploy.md)
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# CACHE_URL=redis://…: one cache for every app server; default: each process its own memory.
CACHES = {"default": cache_settings(env_str("CACHE_URL"))}
SESSION_ENGINE = session_engine(env_str("THEODOI_SESSIONS", "db"), CACHES["default"])

TASKS = {
    "default": {
        "BACKEND": env_str("THEODOI_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}
if TASKS["default"]["BACKEND"] == "django_tasks_rq.RQBackend":
    # Redis queue (the `redis` extra): see docs/worker.md.
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    RQ_QUEUES = {"default": {"URL": env_str("REDIS_URL", "redis://127.0.0.1:6379/0")}}
# How long a worker may hold a reminder digest it is sending before another worker takes it over.
THEODOI_DIGEST_LEASE_SECONDS = env_int("THEODOI_DIGEST_LEASE_SECONDS", 300)

REST_FRAMEWORK = {
    # Token first: an anonymous request then gets 401 with `WWW-Authenticate: Token`, not 403.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "theodoi.core.api.exceptions.exception_handler",
    # The token endpoint (scope "auth"), per client address; failed passwords also lock out.
    "DEFAULT_THROTTLE_RATES": {"auth": env_str("THEODOI_AUTH_THROTTLE", "30/min")},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "theodoi API",
    "DESCRIPTION": "Theo dõi, đôn đốc, kiểm tra, đánh giá việc thực hiện kế hoạch",
    "VERSION": "0.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # The schema and its docs are for signed-in people and API clients only.
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/v[0-9]+",  # tags and operation ids by resource: plans_list, tasks_retrieve
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # validatorUrl None: Swagger UI would otherwise send the schema to validator.swagger.io.
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "theodoi.core.api.schema.add_error_responses",
    ],
    # Several models have a `kind` or `role`; name each enum after its choices class.
    "ENUM_NAME_OVERRIDES": {
        "UnitKindEnum": "theodoi.units.choices.UnitKind",
        "PlanKindEnum": "theodoi.plans.choices.PlanKind",
        "DeadlineKindEnum": "theodoi.plans.choices.DeadlineKind",
        "EveryEnum": "theodoi.plans.choices.Every",
        "TargetOpEnum": "theodoi.plans.choices.TargetOp",
        "AssignmentRoleEnum": "theodoi.plans.choices.AssignmentRole",
    },
}

globals().update(email_settings(env_str("EMAIL_URL")))
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "theodoi <theodoi@localhost>")

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = PRODUCTION
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env_int("THEODOI_SESSION_HOURS", 12) * 3600
if PRODUCTION:
    # The __Host- prefix: the browser sends these only over HTTPS, to this host, for the whole site.
    SESSION_COOKIE_NAME, CSRF_COOKIE_NAME = "__Host-sessionid", "__Host-csrftoken"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}
