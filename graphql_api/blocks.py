"""StreamField blocks as typed GraphQL objects, and rich text with real URLs.

Every block implements ``StreamBlock``: its ``blockType`` (the StreamField name, e.g.
``paragraph``), its ``id`` (the same in every translation) and its ``rawValue`` as stored.
Known block types add typed fields; a block type added later still appears, as ``GenericBlock``.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

import strawberry
from strawberry.scalars import JSON
from wagtail import blocks as wagtail_blocks
from wagtail.blocks import StreamValue
from wagtail.rich_text import RichText, expand_db_html

from .context import Info
from .fields import object_field
from .images import Image, shown

_RELATIVE_URL = re.compile(r'\b(href|src)="(/(?!/)[^"]*)"')


def rich_text_html(info: Info, value: RichText | str) -> str:
    """Rich text with page/document links and images turned into absolute URLs."""
    source = value.source if isinstance(value, RichText) else str(value or "")
    html = expand_db_html(source)
    request = info.context.request
    return _RELATIVE_URL.sub(lambda m: f'{m[1]}="{request.build_absolute_uri(m[2])}"', html)


class BlockRoot:
    """What block resolvers receive: a StreamField child (id, type, value)."""

    def __init__(self, block_id: str | None, block_type: str, block: Any, value: Any):
        self.block_id = block_id
        self.block_type = block_type
        self.block = block
        self.value = value


@strawberry.interface(description="One block of a StreamField.")
class StreamBlock:
    @object_field(description="The block's type name, e.g. “paragraph” or “image”.")
    def block_type(self) -> str:
        return self.block_type

    @object_field(description="Stable id, the same in every translation.")
    def id(self) -> strawberry.ID | None:
        return self.block_id

    @object_field(description="The value as stored (JSON), for clients that render it.")
    def raw_value(self) -> JSON:
        return self.block.get_prep_value(self.value)


def _is(block_class: type, *names: str):
    def check(cls, obj: Any, info: Any) -> bool:
        return isinstance(obj, BlockRoot) and (
            isinstance(obj.block, block_class) and (not names or obj.block_type in names)
        )

    return classmethod(check)


@strawberry.type(description="A section heading.")
class HeadingBlock(StreamBlock):
    is_type_of = _is(wagtail_blocks.CharBlock, "heading")

    @object_field
    def text(self) -> str:
        return self.value or ""


@strawberry.type(description="Rich text (HTML) with links and images resolved to real URLs.")
class RichTextBlock(StreamBlock):
    is_type_of = _is(wagtail_blocks.RichTextBlock)

    @strawberry.field
    def html(self, info: Info) -> str:
        return rich_text_html(info, self.value)


@strawberry.type(description="An image with alternative text and caption.")
class ImageBlock(StreamBlock):
    is_type_of = _is(wagtail_blocks.StructBlock, "image")

    @object_field
    def image(self) -> Image | None:
        return shown(self.value.get("image"))

    @object_field(description="The block's own alt text, else the image's.")
    def alt(self) -> str:
        image = shown(self.value.get("image"))
        return self.value.get("alt_text") or (image.default_alt_text if image else "") or ""

    @object_field
    def caption(self) -> str:
        return self.value.get("caption") or ""


@strawberry.type(description="A quotation.")
class QuoteBlock(StreamBlock):
    is_type_of = _is(wagtail_blocks.StructBlock, "quote")

    @object_field
    def text(self) -> str:
        return self.value.get("text") or ""

    @object_field
    def attribution(self) -> str:
        return self.value.get("attribution") or ""


@strawberry.type
class KeyFact:
    label: str
    value: str


@strawberry.type(description="A short list of facts (label and value).")
class KeyFactsBlock(StreamBlock):
    is_type_of = _is(wagtail_blocks.StructBlock, "key_facts")

    @object_field
    def heading(self) -> str:
        return self.value.get("heading") or ""

    @object_field
    def facts(self) -> list[KeyFact]:
        return [KeyFact(label=f["label"], value=f["value"]) for f in self.value.get("facts", [])]


@strawberry.type(description="Embedded media by URL (YouTube, Vimeo…); clients embed it.")
class EmbedBlock(StreamBlock):
    is_type_of = _is(wagtail_blocks.Block, "embed")

    @object_field
    def url(self) -> str:
        return getattr(self.value, "url", None) or str(self.value or "")


@strawberry.type(description="One item of a session's agenda.")
class AgendaItemBlock(StreamBlock):
    is_type_of = _is(wagtail_blocks.StructBlock, "item")

    @object_field
    def time(self) -> str:
        return self.value.get("time") or ""

    @object_field
    def title(self) -> str:
        return self.value.get("title") or ""

    @object_field
    def speaker(self) -> str:
        return self.value.get("speaker") or ""

    @object_field
    def description(self) -> str:
        return self.value.get("description") or ""


@strawberry.type(description="An institution taking part in a session.")
class ParticipantBlock(StreamBlock):
    is_type_of = _is(wagtail_blocks.StructBlock, "institution")

    @object_field
    def name(self) -> str:
        return self.value.get("name") or ""

    @object_field
    def role(self) -> str:
        return self.value.get("role") or ""


@strawberry.type(description="One of the programme's goals.")
class GoalBlock(StreamBlock):
    is_type_of = _is(wagtail_blocks.StructBlock, "goal")

    @object_field
    def title(self) -> str:
        return self.value.get("title") or ""

    @object_field
    def description(self) -> str:
        return self.value.get("description") or ""


KNOWN_BLOCK_TYPES = (
    HeadingBlock,
    RichTextBlock,
    ImageBlock,
    QuoteBlock,
    KeyFactsBlock,
    EmbedBlock,
    AgendaItemBlock,
    ParticipantBlock,
    GoalBlock,
)


@strawberry.type(description="A block type without typed fields here; read ``rawValue``.")
class GenericBlock(StreamBlock):
    @classmethod
    def is_type_of(cls, obj: Any, info: Any) -> bool:
        return isinstance(obj, BlockRoot) and not any(
            t.is_type_of(obj, info) for t in KNOWN_BLOCK_TYPES
        )


ALL_BLOCK_TYPES = (*KNOWN_BLOCK_TYPES, GenericBlock)

Blocks = list[Annotated[StreamBlock, strawberry.lazy("graphql_api.blocks")]]


def stream_blocks(value: StreamValue | None) -> list[BlockRoot]:
    if not value:
        return []
    return [BlockRoot(child.id, child.block_type, child.block, child.value) for child in value]
