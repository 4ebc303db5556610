"""The "Review committee" group: into the admin, and the registration acts, nothing else."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_NAME = "Review committee"

# (app label, codename). Deliberately absent: page, image, document and snippet permissions,
# withdrawing on an applicant's behalf, and erasure (a data-protection officer's job).
COMMITTEE_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("registrations", "view_application"),
    ("registrations", "view_personal_data"),
    ("registrations", "review_application"),
    ("registrations", "decide_application"),
    ("registrations", "invite_applicant"),
    ("registrations", "record_attendance"),
    ("registrations", "export_applications"),
]


def ensure_permissions(apps):
    """Model permissions are normally created after all migrations; this one needs them now."""
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def create_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ensure_permissions(apps)
    group, _ = Group.objects.get_or_create(name=GROUP_NAME)
    permissions = [
        Permission.objects.get(content_type__app_label=app_label, codename=codename)
        for app_label, codename in COMMITTEE_PERMISSIONS
    ]
    group.permissions.set(permissions)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("registrations", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        # These grant "choose" permissions to every group with admin access; running after
        # them keeps the committee's set exactly the one above.
        ("wagtaildocs", "0011_add_choose_permissions"),
        ("wagtailimages", "0023_add_choose_permissions"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
