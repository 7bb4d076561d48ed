"""URLs of notifications: the user's e-mail settings under ``tili/``."""

from django.urls import path

from marketplace.notifications import views

urlpatterns = [
    path(
        "tili/ilmoitukset/",
        views.notification_settings,
        name="notification_settings",
    ),
]
