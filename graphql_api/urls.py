from django.urls import path

from cms.http_cache import cache_graphql

from .context import language_from_headers
from .views import graphql_view

# The HTTP cache wraps the view from outside: headers, ETag/304 and the server-side cache of
# public GET queries live in ``cms/http_cache.py``, the view stays about GraphQL.
urlpatterns = [path("", cache_graphql(graphql_view(), language_from_headers), name="graphql")]
