"""The public GraphQL schema, composed from one module per domain."""

import strawberry
from strawberry_django.optimizer import DjangoOptimizerExtension


@strawberry.type
class Query:
    @strawberry.field
    def ping(self) -> str:
        return "pong"


schema = strawberry.Schema(query=Query, extensions=[DjangoOptimizerExtension])
