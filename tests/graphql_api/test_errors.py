"""The shared error shapes every domain builds on."""

from enum import Enum

import strawberry

from graphql_api.errors import UserError, error_type, to_camel_case


@strawberry.enum
class SampleCode(Enum):
    TOO_LATE = "TOO_LATE"


SampleError = error_type("SampleError", SampleCode)


@strawberry.type
class Query:
    @strawberry.field
    def fail(self) -> list[SampleError]:
        return [SampleError(field="startsAt", code=SampleCode.TOO_LATE, message="Too late.")]


def test_error_type_implements_user_error_with_the_domain_codes():
    assert error_type("SampleError", SampleCode) is SampleError
    schema = strawberry.Schema(query=Query, types=[UserError])
    assert "type SampleError implements UserError" in schema.as_str()
    assert "code: SampleCode!" in schema.as_str()
    result = schema.execute_sync("{ fail { field code message } }")
    assert result.data == {
        "fail": [{"field": "startsAt", "code": "TOO_LATE", "message": "Too late."}]
    }


def test_to_camel_case():
    assert to_camel_case("residence_country") == "residenceCountry"
    assert to_camel_case("email") == "email"
