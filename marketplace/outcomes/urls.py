"""URLs of the outcome follow-up: the page and its exports."""

from django.urls import path

from marketplace.outcomes import views

urlpatterns = [
    path("tulokset/", views.outcomes, name="outcomes"),
    path(
        "tulokset/<slug:table>.csv",
        views.outcomes_export,
        {"fmt": "csv"},
        name="outcomes_export_csv",
    ),
    path(
        "tulokset/<slug:table>.xlsx",
        views.outcomes_export,
        {"fmt": "xlsx"},
        name="outcomes_export_xlsx",
    ),
]
