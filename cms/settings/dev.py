"""Local development: DEBUG on, console email, GraphiQL on."""

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DEBUG", True)
GRAPHIQL_ENABLED = env_bool("GRAPHIQL_ENABLED", True)
ALLOWED_HOSTS = ["*"]
