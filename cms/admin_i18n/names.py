"""Persian names for what Wagtail's own migrations create in English: groups and the workflow.

Wagtail's migrations create the groups *Editors* and *Moderators* and the workflow and task
*Moderators approval*, and the project's create *Review committee* and *Translators*; their names
are data, shown as they are in every screen. After every ``migrate`` (so that migrations, which
look them up by their English names, have all run) they are renamed to Persian, the admin's
language. Only those exact English names are renamed, so a name chosen by staff is never touched.
Code outside migrations finds these groups with ``group_named("Editors")``.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_migrate

GROUP_NAMES = {
    "Editors": "ویراستاران",
    "Moderators": "ناظران",
    "Review committee": "کمیتهٔ بررسی",
    "Translators": "مترجمان",
}
WORKFLOW_NAMES = {"Moderators approval": "تأیید ناظران"}
TASK_NAMES = {"Moderators approval": "تأیید ناظران"}


def rename_to_persian(**kwargs) -> int:
    """Rename Wagtail's default groups, workflow and task; returns how many were renamed."""
    from django.contrib.auth.models import Group
    from wagtail.models import Task, Workflow

    renamed = 0
    with transaction.atomic():
        for model, names in ((Group, GROUP_NAMES), (Workflow, WORKFLOW_NAMES), (Task, TASK_NAMES)):
            for english, persian in names.items():
                if model.objects.filter(name=persian).exists():
                    continue
                renamed += model.objects.filter(name=english).update(name=persian)
    return renamed


def group_named(english: str):
    """The group created as ``english``, whichever name it has now (Persian after migrate)."""
    from django.contrib.auth.models import Group

    return Group.objects.get(name__in=[english, GROUP_NAMES.get(english, english)])


def install() -> None:
    post_migrate.connect(rename_to_persian, dispatch_uid="cms.admin_i18n.rename_to_persian")
