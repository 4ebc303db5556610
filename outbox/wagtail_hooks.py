"""Admin menu item and URLs of the failed-mail list."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import views

urlpatterns = [
    path("", views.failed_list, name="failed"),
    path("<int:pk>/retry/", views.retry, name="retry"),
]


@hooks.register("register_admin_urls")
def register_outbox_urls():
    return [path("outbox/", include((urlpatterns, "outbox"), namespace="outbox"))]


class FailedMailMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(views.PERMISSION)


@hooks.register("register_settings_menu_item")
def register_failed_mail_menu_item():
    return FailedMailMenuItem(
        _("Failed emails"), reverse("outbox:failed"), icon_name="mail", order=900
    )
