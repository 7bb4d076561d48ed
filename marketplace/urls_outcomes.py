"""URLs of the outcome follow-up and the clients' monthly feedback."""

from django.urls import path

from marketplace import views_feedback, views_outcomes

urlpatterns = [
    path("tulokset/", views_outcomes.outcomes, name="outcomes"),
    path(
        "tulokset/<slug:table>.csv",
        views_outcomes.outcomes_export,
        {"fmt": "csv"},
        name="outcomes_export_csv",
    ),
    path(
        "tulokset/<slug:table>.xlsx",
        views_outcomes.outcomes_export,
        {"fmt": "xlsx"},
        name="outcomes_export_xlsx",
    ),
    path("minun/palaute/<uuid:pk>/", views_feedback.my_feedback, name="my_feedback"),
    path(
        "paikat/<int:pk>/palaute/", views_feedback.site_feedback, name="site_feedback"
    ),
    path(
        "paikat/<int:pk>/palaute/<uuid:placement_pk>/",
        views_feedback.site_feedback_answer,
        name="site_feedback_answer",
    ),
]
