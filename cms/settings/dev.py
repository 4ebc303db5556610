"""Local development: DEBUG on, console email, GraphiQL on."""

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DEBUG", True)
GRAPHIQL_ENABLED = env_bool("GRAPHIQL_ENABLED", True)
ALLOWED_HOSTS = ["*"]
# Serve static files from the apps' and project's folders; no collectstatic needed here.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
