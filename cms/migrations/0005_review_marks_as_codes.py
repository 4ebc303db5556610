"""Pre-filled texts awaiting review were marked with an English phrase; store the code instead.

The code is shown as a translated label (``cms.review_mark``); the phrase stays readable too.
"""

from django.db import migrations

LEGACY = "previous translation, source changed: review"
CODE = "cms:source-changed-review"


def to_code(apps, schema_editor):
    StringTranslation = apps.get_model("wagtail_localize", "StringTranslation")
    StringTranslation.objects.filter(tool_name=LEGACY).update(tool_name=CODE)


def to_phrase(apps, schema_editor):
    StringTranslation = apps.get_model("wagtail_localize", "StringTranslation")
    StringTranslation.objects.filter(tool_name=CODE).update(tool_name=LEGACY)


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0004_merge_0003_site_identity_0003_translators_group"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(to_code, to_phrase)]
