"""No applicant data is reachable through any public output type of the schema.

The walk starts at ``Query`` and ``Mutation`` and follows every output field (through lists,
non-nulls, interfaces and unions), so a type added anywhere later is checked too.
"""

from __future__ import annotations

from django.db import models
from graphql import (
    GraphQLInterfaceType,
    GraphQLObjectType,
    GraphQLUnionType,
    get_named_type,
)

from graphql_api.errors import to_camel_case
from graphql_api.schema import schema
from registrations.models import Applicant, Application, AuditEntry, Invitation, Review

# Field names that mean applicant data wherever they appear...
PERSONAL_MODELS = (Applicant, Review, AuditEntry)
APPLICATION_PRIVATE = (
    "motivation",
    "internal_reason",
    "status_token_hash",
    "confirmation_token_hash",
    "submission_fingerprint",
    "applicant",
    "reviews",
    "audit_entries",
    "consents",
)
# ...except where a content type uses the same word for its own, public, data.
CONTENT_USES = {("SisterCity", "languages")}


def _personal_field_names() -> set[str]:
    names: set[str] = set()
    for model in PERSONAL_MODELS:
        for field in model._meta.get_fields():
            if isinstance(field, models.Field) and not field.primary_key:
                names.add(field.name)
    names -= {"created_at", "updated_at"}  # timestamps identify no one
    names |= set(APPLICATION_PRIVATE)
    names |= {"rsvp_token_hash", "invited_by", "reviewer", "actor"}
    names |= {"applicant", "applicants", "reviewer", "reviewers", "score", "comment"}
    names -= {"status", "application", "action", "from_status", "to_status"}
    return {to_camel_case(name) for name in names} | names


def _reachable_output_types() -> dict[str, GraphQLObjectType | GraphQLInterfaceType]:
    graphql_schema = schema._schema
    roots = [graphql_schema.query_type, graphql_schema.mutation_type]
    seen: dict[str, GraphQLObjectType | GraphQLInterfaceType] = {}
    stack = [root for root in roots if root is not None]
    while stack:
        current = stack.pop()
        if current.name in seen:
            continue
        seen[current.name] = current
        candidates = []
        if isinstance(current, GraphQLInterfaceType):
            candidates += graphql_schema.get_possible_types(current)
        for field in current.fields.values():
            candidates.append(get_named_type(field.type))
        for named in candidates:
            if isinstance(named, GraphQLUnionType):
                stack.extend(named.types)
            elif isinstance(named, GraphQLObjectType | GraphQLInterfaceType):
                stack.append(named)
    return seen


def test_walk_reaches_the_registration_types():
    reachable = _reachable_output_types()
    for name in ("ApplicationStatus", "SubmitApplicationPayload", "InvitationSummary"):
        assert name in reachable


def test_no_reachable_public_field_exposes_applicant_data():
    forbidden = _personal_field_names()
    assert {
        "fullName",
        "email",
        "phone",
        "organisation",
        "residenceCity",
        "motivation",
    } <= forbidden
    leaks = sorted(
        f"{type_name}.{field_name}"
        for type_name, graphql_type in _reachable_output_types().items()
        for field_name in graphql_type.fields
        if field_name in forbidden and (type_name, field_name) not in CONTENT_USES
    )
    assert leaks == [], f"applicant data reachable in the public schema: {leaks}"


def test_no_model_type_is_built_on_registration_models():
    """Model-backed types expose fields implicitly; registration types must be hand-written."""
    private = {Applicant, Application, AuditEntry, Invitation, Review}
    for type_definition in schema.schema_converter.type_map.values():
        origin = getattr(type_definition.definition, "origin", None)
        django_definition = getattr(origin, "__strawberry_django_definition__", None)
        model = getattr(django_definition, "model", None)
        assert model not in private, f"{type_definition.definition.name} exposes {model}"
