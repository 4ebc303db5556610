from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CooperationConfig(AppConfig):
    name = "cooperation"
    verbose_name = _("Cooperation map")

    def ready(self) -> None:
        from . import signals  # noqa: F401  (refreshes the tracked-item table on publish)

        post_migrate.connect(_fill_tracked_items, sender=self)


def _fill_tracked_items(**kwargs) -> None:
    """After an upgrade, build the tracked-item table once from the plans already published."""
    from cities.models import ActionPlanPage

    from .models import TrackedItemRecord
    from .tracking import rebuild_all

    if not TrackedItemRecord.objects.exists() and ActionPlanPage.objects.live().exists():
        rebuild_all()
