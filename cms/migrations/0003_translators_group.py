"""The "Translators" group, and snippet translation rights for Editors and Translators.

Translators edit translations of pages and snippets, save drafts and submit them for
moderation: page permissions "add" and "change" on the whole tree (every locale), never
"publish", "bulk_delete", "lock" or "unlock". Deleting pages, *Convert to alias page* and
*Sync translated pages → Publish immediately* also need "publish" (``cms.permissions``).
Editors and Translators may view, add and change (translate) regions, areas and topics, never
delete them.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_NAME = "Translators"
EDITORS = "Editors"

TRANSLATOR_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("wagtail_localize", "submit_translation"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "choose_document"),
]
SNIPPET_PERMISSIONS = [
    ("cities", f"{action}_{model}")
    for model in ("region", "cooperationarea", "cooperationtopic")
    for action in ("view", "add", "change")
]
PAGE_PERMISSIONS = ["add_page", "change_page"]


def ensure_permissions(apps):
    """Model permissions are normally created after all migrations; these are needed now."""
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def _permissions(apps, pairs):
    Permission = apps.get_model("auth", "Permission")
    return [
        Permission.objects.get(content_type__app_label=app_label, codename=codename)
        for app_label, codename in pairs
    ]


def create_group(apps, schema_editor):
    ensure_permissions(apps)
    grant(apps)


def grant(apps):
    """Create or complete the groups' rights (also used by tests after a database flush)."""
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Permission = apps.get_model("auth", "Permission")
    translators, _ = Group.objects.get_or_create(name=GROUP_NAME)
    translators.permissions.set(_permissions(apps, TRANSLATOR_PERMISSIONS + SNIPPET_PERMISSIONS))
    root = Page.objects.filter(depth=1).order_by("path").first()
    if root is not None:
        for codename in PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=translators,
                page=root,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                ),
            )
    editors = Group.objects.filter(name=EDITORS).first()
    if editors is not None:
        editors.permissions.add(*_permissions(apps, SNIPPET_PERMISSIONS))
        editors.permissions.add(*_permissions(apps, [("wagtail_localize", "submit_translation")]))


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0002_plural_names"),
        ("cities", "0002_index_plural"),
        ("wagtailcore", "0090_remove_grouppagepermission_permission_type"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtaildocs", "0011_add_choose_permissions"),
        ("wagtailimages", "0023_add_choose_permissions"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
