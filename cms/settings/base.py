"""Settings shared by every environment; what differs per machine comes from the environment."""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.conf.locale import LANG_INFO
from django.utils.translation import gettext_lazy as _

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
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "cms.apps.CmsConfig",
    "cms.admin_i18n",  # before wagtail.admin: its admin templates override Wagtail's
    "cities",
    "registrations",
    "graphql_api",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.api.v2",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
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
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
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

# --- Cache -----------------------------------------------------------------------------------
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    if not env("CACHE_URL")
    else {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": env("CACHE_URL")}
}

# --- Wagtail ---------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = _("Citizen Diplomat")
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# Wagtail's database backend, folding Arabic ي/ك and Persian digits in the index and queries.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "cms.admin_i18n.search"}}
WAGTAIL_ALLOW_UNICODE_SLUGS = False  # slugs are ASCII (cms.admin_i18n.slugs transliterates)
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL
WAGTAILAPI_LIMIT_MAX = 100

# Front end that renders previews for headless clients (issue: preview links).
PREVIEW_FRONTEND_URL = env("PREVIEW_FRONTEND_URL", "")
PREVIEW_TOKEN_MAX_AGE = int(env("PREVIEW_TOKEN_MAX_AGE", "3600"))

# --- GraphQL / CORS --------------------------------------------------------------------------
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS")
CORS_URLS_REGEX = r"^/(graphql|api)/.*$"
GRAPHIQL_ENABLED = env_bool("GRAPHIQL_ENABLED", DEBUG)
GRAPHQL_INTROSPECTION = env_bool("GRAPHQL_INTROSPECTION", True)

# --- Registrations ---------------------------------------------------------------------------
REGISTRATION_RATE_LIMIT = env("REGISTRATION_RATE_LIMIT", "20/h")
REGISTRATION_CONFIRMATION_HOURS = int(env("REGISTRATION_CONFIRMATION_HOURS", "72"))
REGISTRATION_RETENTION_DAYS = int(env("REGISTRATION_RETENTION_DAYS", "730"))
# The site's form refuses submissions sent sooner than this after it was shown (bots are fast).
REGISTRATION_MIN_FILL_SECONDS = int(env("REGISTRATION_MIN_FILL_SECONDS", "3"))
SITE_BASE_URL = env("SITE_BASE_URL", WAGTAILADMIN_BASE_URL)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
}
