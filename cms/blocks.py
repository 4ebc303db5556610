"""StreamField blocks shared by every page body."""

from django import forms
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from cms.admin_i18n.widgets import SolarHijriDateInput


class SolarHijriDateBlock(blocks.DateBlock):
    """Wagtail's date block, typed in Solar Hijri with any digits in the Persian admin.

    The stored value is the Gregorian date, as with ``DateBlock``; only the admin input differs
    (``cms.admin_i18n.widgets``): ``۱۴۰۵/۰۱/۱۰`` in Persian, Wagtail's date picker otherwise.
    """

    @cached_property
    def field(self) -> forms.DateField:
        return forms.DateField(widget=SolarHijriDateInput(format=self.format), **self.field_options)

    class Meta:
        icon = "date"


class ImageWithCaptionBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=255,
        required=False,
        help_text=_("Describe the image for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), max_length=255, required=False)

    class Meta:
        icon = "image"
        label = _("Image with caption")
        template = "blocks/image_with_caption.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quotation"))
    attribution = blocks.CharBlock(label=_("Attribution"), max_length=255, required=False)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "blocks/quote.html"


class KeyFactBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("Label"), max_length=120)
    value = blocks.CharBlock(label=_("Value"), max_length=255)

    class Meta:
        icon = "list-ul"
        label = _("Key fact")


class KeyFactsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=120, required=False)
    facts = blocks.ListBlock(KeyFactBlock(), label=_("Facts"))

    class Meta:
        icon = "table"
        label = _("Key facts")
        template = "blocks/key_facts.html"


class BaseStreamBlock(blocks.StreamBlock):
    """The body of every page: rich text, images, quotes, key facts and embeds."""

    heading = blocks.CharBlock(
        label=_("Section heading"),
        max_length=255,
        form_classname="title",
        icon="title",
        template="blocks/heading.html",
    )
    paragraph = blocks.RichTextBlock(
        label=_("Rich text"),
        features=["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link", "image"],
    )
    image = ImageWithCaptionBlock()
    quote = QuoteBlock()
    key_facts = KeyFactsBlock()
    embed = EmbedBlock(
        label=_("Embedded media"), help_text=_("A YouTube, Vimeo or other oEmbed URL.")
    )


class AgendaItemBlock(blocks.StructBlock):
    time = blocks.CharBlock(
        label=_("Time"),
        max_length=40,
        required=False,
        help_text=_("For example 10:00–10:30 (Tehran time)."),
    )
    title = blocks.CharBlock(label=_("Title"), max_length=255)
    speaker = blocks.CharBlock(label=_("Speaker or lead"), max_length=255, required=False)
    description = blocks.TextBlock(label=_("Description"), required=False)
    # A shared value: like Action Plan tracking values, it is read from the source page.
    topic = SnippetChooserBlock(
        "cities.CooperationTopic",
        label=_("Topic of cooperation"),
        required=False,
        help_text=_("Optional: the topic this agenda item is about; used to rank facilitators."),
    )

    class Meta:
        icon = "time"
        label = _("Agenda item")
        template = "blocks/agenda_item.html"


class AgendaStreamBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        label=_("Section heading"), max_length=255, icon="title", template="blocks/heading.html"
    )
    item = AgendaItemBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Note"), features=["bold", "italic", "link", "ul", "ol"]
    )
