from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Site")

    def ready(self) -> None:
        from . import http_cache, review_mark, sync
        from .locales import ensure_configured_locales

        http_cache.connect_signals()
        post_migrate.connect(ensure_configured_locales, sender=self)
        sync.connect()
        review_mark.install()
