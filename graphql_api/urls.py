from django.conf import settings
from django.urls import path
from strawberry.django.views import GraphQLView

from .schema import schema

urlpatterns = [
    path(
        "",
        GraphQLView.as_view(
            schema=schema, graphql_ide="graphiql" if settings.GRAPHIQL_ENABLED else None
        ),
        name="graphql",
    ),
]
