"""Settings shared by every environment; what differs per machine comes from the environment."""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.conf.locale import LANG_INFO
from django.utils.translation import gettext_lazy as _

from cms.machine_translation import machine_translation_setting

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


SECRET_KEY = env("SECRET_KEY", "dev-only-insecure-key-change-me")
# Former keys, still accepted when reading what they signed (status links, sessions, preview
# links) while a new SECRET_KEY takes over; remove them once those have expired.
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "cms.apps.CmsConfig",
    "cms.admin_i18n",  # before wagtail.admin: its admin templates override Wagtail's
    "cities",
    "registrations",
    "cooperation",
    "graphql_api",
    "outbox",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.api.v2",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.frontend_cache",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    "corsheaders",
    "strawberry_django",
    "django_countries",
    "django_tasks",
    "csp",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "cms.proxies.ClientAddressMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "cms.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    # Serves stored GraphQL answers before sessions & co; sets cache headers on the rest.
    "cms.http_cache.HttpCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "cms.malformed_input.RejectMalformedInputMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "cms.admin_i18n.middleware.AdminDatesMiddleware",  # admin dates in the user's calendar
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database: an SQLite file in the project folder unless DATABASE_URL says otherwise.
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(env("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent writers on the embedded default: WAL lets readers run beside the writer, a
    # writer waits up to 20 s for the lock instead of failing at once, and IMMEDIATE takes the
    # write lock when the transaction starts, so two transactions never deadlock upgrading a
    # read lock ("database is locked").
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Languages -------------------------------------------------------------------------------
# Persian first (the default, right to left), English second. CONTENT_LANGUAGES adds locales
# (e.g. "fa,en,es,it,de"); each becomes a Wagtail locale kept in sync with Persian.
LANGUAGE_CODE = "fa"
DEFAULT_CONTENT_LANGUAGE = "fa"
CONTENT_LANGUAGE_CODES = env_list("CONTENT_LANGUAGES", "fa,en")
if DEFAULT_CONTENT_LANGUAGE not in CONTENT_LANGUAGE_CODES:
    CONTENT_LANGUAGE_CODES.insert(0, DEFAULT_CONTENT_LANGUAGE)
LANGUAGES = [(code, LANG_INFO.get(code, {}).get("name", code)) for code in CONTENT_LANGUAGE_CODES]
WAGTAIL_I18N_ENABLED = True
# Locales are named in their own language in the admin (فارسی, English, Italiano…).
WAGTAIL_CONTENT_LANGUAGES = [
    (code, LANG_INFO.get(code, {}).get("name_local", code)) for code in CONTENT_LANGUAGE_CODES
]
USE_I18N = True
# One catalogue for the whole project: `make messages` keeps it in step with the code.
# locale_admin/ supplies the Persian admin strings Wagtail and wagtail-localize leave untranslated;
# it comes second, so the project's own catalogue wins where both translate a msgid.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_admin"]
TIME_ZONE = "Asia/Tehran"
USE_TZ = True

# --- Static and media ------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = env("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# --- Email -----------------------------------------------------------------------------------
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env(
    "DEFAULT_FROM_EMAIL", "Citizen Diplomat <citizen-diplomat@isfahan.example>"
)
# Seconds an SMTP connection or command may take before the attempt counts as failed.
EMAIL_TIMEOUT = float(env("EMAIL_TIMEOUT", "10"))

# --- Task queue (Django's Tasks API, django-tasks backport) -----------------------------------
# Mail goes through the "mail" backend (outbox/): MAIL_QUEUE=database stores each message's
# task in the database in the same transaction as the change that caused it, and
# `manage.py db_worker --backend mail` sends it (production); MAIL_QUEUE=immediate sends right
# after commit inside the request (development, unit tests: no worker to run).
MAIL_QUEUE = env("MAIL_QUEUE", "immediate")
TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.backend.DatabaseBackend",
}
TASKS = {
    "default": {"BACKEND": TASK_BACKENDS["immediate"]},
    "mail": {"BACKEND": TASK_BACKENDS[MAIL_QUEUE]},
}
# Seconds to wait before each new attempt at a failed email; after the last, it is marked failed
# (Registrations › Outgoing mail in the admin lists it, with Retry).
MAIL_RETRY_DELAYS = [float(d) for d in env_list("MAIL_RETRY_DELAYS", "30,120,600,3600")]


# --- Cache -----------------------------------------------------------------------------------
# CACHE_URL (redis://host:6379/0) shares the cache, and so the registration rate limit and the
# HTTP response cache, between every process and node.
def cache_from_url(url: str) -> dict:
    """``redis://…`` → Redis, ``file:///abs/dir`` → files (shared by processes), else memory."""
    if url.startswith("file://"):
        backend = "django.core.cache.backends.filebased.FileBasedCache"
        return {"BACKEND": backend, "LOCATION": url.removeprefix("file://")}
    if url:
        # Redis fails soft: its errors become misses (logged once a minute) and the
        # registration rate limit counts per process meanwhile.
        return {
            "BACKEND": "cms.redis_cache.FailSoftRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", "cd"),
        }
    return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}


CACHES = {"default": cache_from_url(env("CACHE_URL", ""))}

# HTTP caching (cms/http_cache.py): browsers revalidate with the ETag after HTTP_CACHE_MAX_AGE;
# the server cache and reverse proxies, which are purged on every change, keep a response for
# HTTP_CACHE_SHARED_MAX_AGE seconds.
HTTP_CACHE_MAX_AGE = int(env("HTTP_CACHE_MAX_AGE", "0"))
HTTP_CACHE_SHARED_MAX_AGE = int(env("HTTP_CACHE_SHARED_MAX_AGE", "600"))
HTTP_CACHE_STALE_WHILE_REVALIDATE = int(env("HTTP_CACHE_STALE_WHILE_REVALIDATE", "30"))
HTTP_CACHE_SERVER_SIDE = env_bool("HTTP_CACHE_SERVER_SIDE", True)
# Reverse proxies to purge by tag (xkey), e.g. http://127.0.0.1:6081/ for the Varnish in deploy/.
HTTP_CACHE_PURGE_URLS = env_list("HTTP_CACHE_PURGE_URLS")
if HTTP_CACHE_PURGE_URLS:
    WAGTAILFRONTENDCACHE = {
        f"proxy{i}": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": url,
        }
        for i, url in enumerate(HTTP_CACHE_PURGE_URLS)
    }

# --- Reverse proxies -------------------------------------------------------------------------
# CIDRs of our own reverse proxies (nginx, Varnish, a load balancer). Only a request whose
# direct peer is one of them has its X-Forwarded-For believed (cms/proxies.py).
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")

# --- Wagtail ---------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = _("Citizen Diplomat")
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# Wagtail's database backend, folding Arabic ي/ك and Persian digits in the index and queries.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "cms.admin_i18n.search"}}
WAGTAIL_ALLOW_UNICODE_SLUGS = False  # slugs are ASCII (cms.admin_i18n.slugs transliterates)
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
# Machine translation: off unless MACHINE_TRANSLATOR is set (cms/machine_translation.py).
# (wagtail-localize 1.14 reads WAGTAILLOCALIZE_MACHINE_TRANSLATOR, not …_TRANSLATION.)
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = machine_translation_setting(os.environ)
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILAPI_BASE_URL = env("SITE_BASE_URL", WAGTAILADMIN_BASE_URL)
WAGTAILAPI_LIMIT_MAX = 100

# Front end that renders previews for headless clients (issue: preview links).
PREVIEW_FRONTEND_URL = env("PREVIEW_FRONTEND_URL", "")
PREVIEW_TOKEN_MAX_AGE = int(env("PREVIEW_TOKEN_MAX_AGE", "3600"))

# --- Content-Security-Policy (cms/csp.py; the admin's policy is set there) ------------------
# The site has no JavaScript and one stylesheet: scripts from nowhere, the rest from itself.
CSP_SITE_DIRECTIVES = {
    "default-src": ["'self'"],
    "script-src": ["'none'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "media-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'self'"],
}
# Wagtail's admin writes inline <script> blocks and styles; still nothing from elsewhere.
CSP_ADMIN_DIRECTIVES = {
    **CSP_SITE_DIRECTIVES,
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "frame-src": ["'self'"],
    "worker-src": ["'self'", "blob:"],
}
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": CSP_SITE_DIRECTIVES,
    # GraphiQL (development only) loads its own scripts; the API answers JSON anyway.
    "EXCLUDE_URL_PREFIXES": ["/graphql/"],
}
# Nothing in the admin may reach another origin (CSP): no Gravatar, no release check.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False

# --- GraphQL / CORS --------------------------------------------------------------------------
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS")
CORS_URLS_REGEX = r"^/(graphql|api)/.*$"
GRAPHIQL_ENABLED = env_bool("GRAPHIQL_ENABLED", DEBUG)
GRAPHQL_INTROSPECTION = env_bool("GRAPHQL_INTROSPECTION", True)
# Anonymous clients may run only registered (persisted) queries; staff and dev run ad hoc ones.
GRAPHQL_PERSISTED_ONLY = env_bool("GRAPHQL_PERSISTED_ONLY", False)
# Cost budget of one operation (graphql_api/cost.py explains the points).
GRAPHQL_MAX_COST = int(env("GRAPHQL_MAX_COST", "200000"))

# --- Registrations ---------------------------------------------------------------------------
REGISTRATION_RATE_LIMIT = env("REGISTRATION_RATE_LIMIT", "20/h")
REGISTRATION_CONFIRMATION_HOURS = int(env("REGISTRATION_CONFIRMATION_HOURS", "72"))
REGISTRATION_RETENTION_DAYS = int(env("REGISTRATION_RETENTION_DAYS", "730"))
# The site's form refuses submissions sent sooner than this after it was shown (bots are fast).
REGISTRATION_MIN_FILL_SECONDS = int(env("REGISTRATION_MIN_FILL_SECONDS", "3"))
# ... and anything older than this (seconds, at most two hours); each form is accepted once.
REGISTRATION_FORM_MAX_AGE_SECONDS = min(int(env("REGISTRATION_FORM_MAX_AGE_SECONDS", "7200")), 7200)
# Emails that anonymous submissions may cause to one address (anyone can type any address).
REGISTRATION_RECIPIENT_MAIL_LIMIT = env("REGISTRATION_RECIPIENT_MAIL_LIMIT", "3/24h")
SITE_BASE_URL = env("SITE_BASE_URL", WAGTAILADMIN_BASE_URL)

# --- Cooperation map -------------------------------------------------------------------------
# Origins (https://www.comune.fi.it) whose pages may show /embed/cities/<slug>/ in an iframe.
EMBED_ALLOWED_ORIGINS = env_list("EMBED_ALLOWED_ORIGINS")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
}

# Images on public pages need alternative text (cms/image_forms.py).
WAGTAILIMAGES_IMAGE_FORM_BASE = "cms.image_forms.AltTextRequiredImageForm"
