"""Public URLs of the cooperation map, feeds and embeds (inside ``i18n_patterns``)."""

from django.urls import path

from . import views

app_name = "cooperation"

urlpatterns = [
    path("cooperation/", views.matrix_view, name="matrix"),
    path(
        "cooperation/organisations/<slug:slug>/",
        views.organisation_view,
        name="organisation",
    ),
    path("cooperation/<slug:city>/<slug:topic>/", views.cell_view, name="cell"),
]
