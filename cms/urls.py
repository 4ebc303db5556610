from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from .api import api_router

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("graphql/", include("graphql_api.urls")),
    path("api/v2/", api_router.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Persian (the default language) has no prefix; every other language is /<code>/….
urlpatterns += i18n_patterns(
    path("", include("registrations.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

# A database outage answers a styled 503 (cms/outages.py); other errors the usual 500 page.
handler500 = "cms.outages.server_error"
