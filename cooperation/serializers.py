"""REST API v2 fields of organisations (slugs and codes rather than database ids)."""

from __future__ import annotations

from rest_framework import serializers


class CitySlugField(serializers.Field):
    """A sister-city organisation's city, by its slug (the same in every language)."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value):
        return value.slug if value is not None else None

    def get_attribute(self, instance):
        return instance.city if instance.city_id else None


class LocaleCodeField(serializers.Field):
    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value):
        return value.language_code
