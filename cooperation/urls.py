"""Public URLs of the cooperation map, feeds and embeds (inside ``i18n_patterns``)."""

from django.urls import path

from . import embed, views

app_name = "cooperation"

urlpatterns = [
    path("cooperation/", views.matrix_view, name="matrix"),
    path(
        "cooperation/organisations/<slug:slug>/",
        views.organisation_view,
        name="organisation",
    ),
    path("cooperation/<slug:city>/<slug:topic>/", views.cell_view, name="cell"),
    path("calendar.ics", views.programme_calendar_view, name="calendar"),
    path("cities/<slug:slug>/calendar.ics", views.city_calendar_view, name="city_calendar"),
    path("embed/cities/<slug:slug>/", embed.city_card_view, name="city_card"),
]
