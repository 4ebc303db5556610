from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdminI18nConfig(AppConfig):
    name = "cms.admin_i18n"
    label = "admin_i18n"
    verbose_name = _("Persian admin")

    def ready(self) -> None:
        from . import dates, names, slugs, widgets

        dates.install()
        widgets.install()
        slugs.install()
        names.install()
