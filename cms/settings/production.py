"""Production: secure by default; refuses to start without a real SECRET_KEY."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import DATABASES, env, env_bool

DEBUG = False
SECRET_KEY = env("SECRET_KEY")
if not SECRET_KEY or SECRET_KEY.startswith("dev-only") or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a random value of at least 50 characters in production."
    )

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
GRAPHIQL_ENABLED = False
GRAPHQL_INTROSPECTION = False
GRAPHQL_PERSISTED_ONLY = env_bool("GRAPHQL_PERSISTED_ONLY", True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
# Mail is sent by the task worker (deploy/systemd/citizen-diplomat-worker.service).
MAIL_QUEUE = env("MAIL_QUEUE", "database")
TASKS = {
    "default": {"BACKEND": TASK_BACKENDS["immediate"]},  # noqa: F405
    "mail": {"BACKEND": TASK_BACKENDS[MAIL_QUEUE]},  # noqa: F405
}

# Keep database connections between requests (checked before reuse, so a restarted database
# costs one failed check, not a failed request).
DATABASES["default"]["CONN_MAX_AGE"] = int(env("DATABASE_CONN_MAX_AGE", "60"))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
