"""Settings of the Impulsregion platform.

Every knob is read from the environment here and nowhere else:

=================================  ===============================  ==========================================
Variable                           Development default              Meaning
=================================  ===============================  ==========================================
``IMPULSREGION_ENVIRONMENT``       ``development``                  ``production`` turns on the deployment
                                                                    checks: a secret key is required, HTTPS
                                                                    cookies, HSTS, SSL redirect.
``DATABASE_URL``                   ``sqlite:///var/impulsregion.    Database. SQLite is the embedded default;
                                   sqlite3``                        ``postgres://user:pw@host:5432/name`` in
                                                                    production.
``IMPULSREGION_SECRET_KEY``        generated once into              Django's secret key. Production refuses
                                   ``var/secret_key``               to start without it.
``IMPULSREGION_DEBUG``             off                              ``1``/``true`` shows debug pages.
``IMPULSREGION_ALLOWED_HOSTS``     ``localhost,127.0.0.1,[::1]``    Comma-separated host names served.
``IMPULSREGION_CSRF_TRUSTED_ORIGINS``  empty                        Comma-separated origins (https://…).
``IMPULSREGION_VAR_DIR``           ``<checkout>/var``               Where data files, the SQLite database,
                                                                    the generated secret, media and built
                                                                    feed bodies (``feeds/``) live.
``IMPULSREGION_EMAIL_URL``         console backend                  ``smtp://user:pw@host:587`` for real
                                                                    e-mail (STARTTLS on 587).
``IMPULSREGION_DEFAULT_FROM_EMAIL``  ``kontakt@impulsregion.de``    Sender of notifications.
``IMPULSREGION_SITE_URL``          ``http://localhost:8000``        Address of the platform (scheme and host),
                                                                    for links in e-mails that background
                                                                    jobs send (no request to take it from).
``IMPULSREGION_MAJOR_EVENT_VISITORS``  ``10000``                    Expected visitors from which an event
                                                                    counts as a major event.
``IMPULSREGION_CALENDAR_HORIZON_DAYS``  ``730``                      How far ahead recurring events are expanded
                                                                    into stored occurrences.
``IMPULSREGION_CALENDAR_PAST_DAYS``  ``365``                        How far back imported occurrences are kept.
``IMPULSREGION_CALENDAR_MAX_IMPORT_BYTES``  ``20971520``            Largest calendar file fetched from a URL.
``IMPULSREGION_CALENDAR_FETCH_SECONDS``  ``60``                    Longest a whole download from a URL may take.
``IMPULSREGION_FETCH_ALLOWED_ADDRESSES``  empty                   Internal addresses (IPs or networks,
                                                                    comma-separated) the URL import and
                                                                    feed subscriptions may fetch from;
                                                                    all others internal are refused.
``IMPULSREGION_CACHE_URL``         this process's memory            Shared cache: ``redis://host:6379/0``
                                                                    (Django's Redis backend) in production,
                                                                    where several processes or nodes serve.
``IMPULSREGION_MEDIA_DIR``         ``<var>/media``                  Uploaded files (images, import files,
                                                                    generated PDFs): a path every node
                                                                    shares (NFS or one machine).
``IMPULSREGION_STATIC_DIR``        ``<var>/static``                 Where ``collectstatic`` writes the
                                                                    hashed, compressed static files.
``IMPULSREGION_WEB_BIND``          ``127.0.0.1:8000``               Address of the production server
                                                                    (``impulsregion serve --production``).
``IMPULSREGION_WEB_WORKERS``       ``2 × cores + 1``                Its worker processes.
``IMPULSREGION_WEB_THREADS``       ``1``                            Threads per worker process.
``IMPULSREGION_WEB_TIMEOUT``       ``30``                           Seconds before a hung request's worker
                                                                    is replaced.
``IMPULSREGION_WEB_GRACEFUL_TIMEOUT``  ``30``                       Seconds a worker may finish its requests
                                                                    on restart (``kill -HUP``) or stop.
``IMPULSREGION_WEB_MAX_REQUESTS``  ``0`` (never)                    Requests after which a worker is renewed
                                                                    (with jitter), bounding its memory.
``IMPULSREGION_JOB_RETRIES``       ``3``                            Retries of a failed background job
                                                                    (after 1, 2, 4 … minutes).
``IMPULSREGION_LOG_LEVEL``         ``INFO``                         Level of the console log.
``IMPULSREGION_LOGIN_FAILURE_LIMIT``  ``10``                       Wrong passwords after which a user name
                                                                    and the address they came from are locked.
``IMPULSREGION_LOGIN_LOCK_MINUTES``  ``15``                        How long such a lock lasts.
``IMPULSREGION_PROXY_COUNT``       ``0``                            Proxies in front that append the caller's
                                                                    address to X-Forwarded-For (nginx: 1,
                                                                    a balancer before nginx: 2).
=================================  ===============================  ==========================================
"""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path
from urllib.parse import unquote, urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent.parent
CHECKOUT_DIR = PACKAGE_DIR.parent.parent


def _env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be 1/true/yes/on or 0/false/no/off, not {value!r}.")


def _env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


ENVIRONMENT = os.environ.get("IMPULSREGION_ENVIRONMENT", "development")
if ENVIRONMENT not in {"development", "production"}:
    raise ImproperlyConfigured(
        f"IMPULSREGION_ENVIRONMENT must be 'development' or 'production', not {ENVIRONMENT!r}."
    )
PRODUCTION = ENVIRONMENT == "production"

VAR_DIR = Path(os.environ.get("IMPULSREGION_VAR_DIR", CHECKOUT_DIR / "var"))
DEBUG = _env_bool("IMPULSREGION_DEBUG")


def _secret_key() -> str:
    key = os.environ.get("IMPULSREGION_SECRET_KEY", "")
    if key and PRODUCTION and (len(key) < 50 or len(set(key)) < 5):
        raise ImproperlyConfigured(
            f"IMPULSREGION_SECRET_KEY is too weak ({len(key)} characters): production needs at "
            "least 50 random ones, e.g. from "
            "python3 -c 'import secrets; print(secrets.token_urlsafe(50))'."
        )
    if key:
        return key
    if PRODUCTION:
        raise ImproperlyConfigured(
            "IMPULSREGION_SECRET_KEY is not set: production refuses to start without a secret key."
        )
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


def _database(url: str) -> dict[str, object]:
    scheme = url.split(":", 1)[0]
    if scheme not in {"sqlite", "postgres", "postgresql", "pgsql"}:
        raise ImproperlyConfigured(
            f"DATABASE_URL must start with sqlite:// or postgres://, not {scheme!r} (got {url!r})."
        )
    try:
        # connections stay open between requests on both engines (a new SQLite connection per
        # request cost its PRAGMAs each time); a dropped PostgreSQL connection is noticed first
        config = dict(dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True))
    except ValueError as error:
        raise ImproperlyConfigured(f"DATABASE_URL {url!r} cannot be read: {error}.") from error
    if config["ENGINE"] == "django.db.backends.sqlite3":
        name = str(config["NAME"])
        if name not in {"", ":memory:"}:
            Path(name).parent.mkdir(parents=True, exist_ok=True)
        config["OPTIONS"] = {
            # a writer takes the write lock when it begins and waits up to 20 s for it (an
            # import on SQLite writes in short batches and leaves turns in between)
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    elif not config.get("NAME"):
        raise ImproperlyConfigured(f"DATABASE_URL {url!r} names no database.")
    return config


def _cache(url: str) -> dict[str, object]:
    if not url:
        return {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 1000},
        }
    if urlsplit(url).scheme not in {"redis", "rediss", "unix"}:
        raise ImproperlyConfigured(
            f"IMPULSREGION_CACHE_URL must start with redis://, rediss:// or unix://, not {url!r}."
        )
    return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}


def _email(url: str) -> dict[str, object]:
    if not url:
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    parts = urlsplit(url)
    if parts.scheme not in {"smtp", "smtps"}:
        raise ImproperlyConfigured(
            f"IMPULSREGION_EMAIL_URL must start with smtp:// or smtps://, not {url!r}."
        )
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": parts.hostname or "localhost",
        "EMAIL_PORT": parts.port or (465 if parts.scheme == "smtps" else 587),
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_SSL": parts.scheme == "smtps",
        "EMAIL_USE_TLS": parts.scheme == "smtp" and (parts.port or 587) == 587,
    }


SECRET_KEY = _secret_key()
DATABASES = {
    "default": _database(
        os.environ.get("DATABASE_URL", "") or f"sqlite:///{VAR_DIR / 'impulsregion.sqlite3'}"
    )
}
CACHES = {"default": _cache(os.environ.get("IMPULSREGION_CACHE_URL", ""))}
ALLOWED_HOSTS = _env_list("IMPULSREGION_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = _env_list("IMPULSREGION_CSRF_TRUSTED_ORIGINS", "")
globals().update(_email(os.environ.get("IMPULSREGION_EMAIL_URL", "")))
DEFAULT_FROM_EMAIL = os.environ.get("IMPULSREGION_DEFAULT_FROM_EMAIL", "kontakt@impulsregion.de")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
IMPULSREGION_SITE_URL = os.environ.get("IMPULSREGION_SITE_URL", "http://localhost:8000").rstrip("/")
IMPULSREGION_MAJOR_EVENT_VISITORS = int(
    os.environ.get("IMPULSREGION_MAJOR_EVENT_VISITORS", "10000")
)
IMPULSREGION_CALENDAR_HORIZON_DAYS = int(
    os.environ.get("IMPULSREGION_CALENDAR_HORIZON_DAYS", "730")
)
IMPULSREGION_CALENDAR_PAST_DAYS = int(os.environ.get("IMPULSREGION_CALENDAR_PAST_DAYS", "365"))
IMPULSREGION_CALENDAR_MAX_IMPORT_BYTES = int(
    os.environ.get("IMPULSREGION_CALENDAR_MAX_IMPORT_BYTES", str(20 * 1024 * 1024))
)
IMPULSREGION_CALENDAR_FETCH_SECONDS = float(
    os.environ.get("IMPULSREGION_CALENDAR_FETCH_SECONDS", "60")
)
IMPULSREGION_FETCH_ALLOWED_ADDRESSES = _env_list("IMPULSREGION_FETCH_ALLOWED_ADDRESSES", "")
IMPULSREGION_JOB_RETRIES = int(os.environ.get("IMPULSREGION_JOB_RETRIES", "3"))
LOG_LEVEL = os.environ.get("IMPULSREGION_LOG_LEVEL", "INFO").upper()

# --- Apps -------------------------------------------------------------------
INSTALLED_APPS = [
    "impulsregion.common",  # first: its admin/base_site.html is the back office's frame
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "auditlog",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "ninja",  # the API docs' Swagger UI from our own static files, not from a CDN
    "django_prose_editor",  # the event description's editor (its static files, its words)
    "impulsregion.region",
    "impulsregion.calendar",
    "impulsregion.planning",
    "impulsregion.transit",
    "impulsregion.agreements",
    "impulsregion.config",  # the project: commands that need every app (export-openapi, load-demo)
]

MIDDLEWARE = [
    "impulsregion.common.health.HealthCheckMiddleware",  # before the host check and the redirect
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # pages, feeds and the API go out compressed (Django's mitigation against BREACH included);
    # whitenoise sends static files precompressed (gzip and brotli) on its own
    "django.middleware.gzip.GZipMiddleware",
    "impulsregion.common.middleware.PageCacheMiddleware",  # above session and CSRF: sees their cookies
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "impulsregion.common.middleware.ClientLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "impulsregion.common.middleware.SecurityHeadersMiddleware",
    "axes.middleware.AxesMiddleware",  # last: answers a locked-out login with its page
]

ROOT_URLCONF = "impulsregion.config.urls"
WSGI_APPLICATION = "impulsregion.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "impulsregion.common.context_processors.site",
            ],
        },
    },
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "admin:login"

# Login throttling (django-axes, attempts stored in the database, so every node knows them):
# after IMPULSREGION_LOGIN_FAILURE_LIMIT wrong passwords, a user name is locked, and so is the
# client address that sent them, for IMPULSREGION_LOGIN_LOCK_MINUTES; a right password before
# that resets the count. The office sees and lifts locks under "Anmeldesperren".
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("IMPULSREGION_LOGIN_FAILURE_LIMIT", "10"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("IMPULSREGION_LOGIN_LOCK_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # each on its own
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "impulsregion.region.views.login_locked"
AXES_ENABLE_ADMIN = False  # the office's own list (region/admin_logins.py) asks the roles
AXES_VERBOSE = False
AXES_CLIENT_IP_CALLABLE = "impulsregion.common.client_ip.client_address"
IMPULSREGION_PROXY_COUNT = int(os.environ.get("IMPULSREGION_PROXY_COUNT", "0"))

# --- Internationalisation ----------------------------------------------------
LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("German")), ("en", _("English"))]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["impulsregion.common.formats"]

# --- Files ------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("IMPULSREGION_STATIC_DIR", "") or VAR_DIR / "static")
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("IMPULSREGION_MEDIA_DIR", "") or VAR_DIR / "media")
# built feed bodies, shared by the processes of one machine (see calendar/reads/cache.py)
IMPULSREGION_FEED_DIR = VAR_DIR / "feeds"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
if not PRODUCTION:
    STATIC_ROOT.mkdir(
        parents=True, exist_ok=True
    )  # whitenoise serves from the finders; the folder must exist
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# --- Background jobs ----------------------------------------------------------
# Django's tasks API (django-tasks, the backport of Django 6's django.tasks) on the database
# backend: jobs are rows in the same database, run by `impulsregion worker` on any node.
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

# --- Security ---------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 31_536_000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# --- Logging ----------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {"django": {"handlers": ["console"], "level": "WARNING", "propagate": False}},
}

# --- Audit log --------------------------------------------------------------
AUDITLOG_INCLUDE_ALL_MODELS = False
