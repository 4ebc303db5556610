"""The site's own registration pages (form, confirmation, status, invitation answer, roster).

Included inside ``i18n_patterns``: Persian URLs have no prefix, English ones start with /en/.
"""

from django.urls import path

from . import views

app_name = "registrations"
urlpatterns = [
    path("register/", views.register_start, name="start"),
    path("register/confirm/<str:token>/", views.confirm, name="confirm"),
    path("register/status/", views.status, name="status"),
    path("register/withdraw/", views.withdraw, name="withdraw"),
    path("register/submitted/", views.submitted, name="submitted"),
    path("register/invitation/<str:token>/", views.invitation, name="invitation"),
    path("register/roster/<slug:city_slug>/", views.roster, name="roster"),
    path("register/<slug:city_slug>/", views.register, name="register"),
    path(
        "register/<slug:city_slug>/<slug:session_slug>/",
        views.register,
        name="register_session",
    ),
]
