"""URLs of the matcher: suggestions for a client and for the client, the overview."""

from django.urls import path

from matching import views

urlpatterns = [
    path(
        "asiakkaat/<uuid:pk>/ehdotukset/",
        views.client_suggestions,
        name="client_suggestions",
    ),
    path(
        "asiakkaat/<uuid:pk>/ehdotukset/<int:site_id>/varaa/",
        views.suggestion_book,
        name="suggestion_book",
    ),
    path(
        "asiakkaat/<uuid:pk>/ehdotukset/<int:site_id>/piilota/",
        views.suggestion_hide,
        name="suggestion_hide",
    ),
    path(
        "asiakkaat/<uuid:pk>/ehdotukset/<int:site_id>/palauta/",
        views.suggestion_unhide,
        name="suggestion_unhide",
    ),
    path("minun/ehdotukset/", views.my_suggestions, name="my_suggestions"),
    path(
        "minun/ehdotukset/<int:site_id>/vastaus/",
        views.my_suggestion_answer,
        name="my_suggestion_answer",
    ),
    path("minun/tavoitteet/", views.my_goal_move, name="my_goal_move"),
    path("suosittelija/", views.matcher_overview, name="matcher_overview"),
]
