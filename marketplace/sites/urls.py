"""URLs of the supervisor's own sites (the public catalogue is served by Wagtail)."""

from django.urls import path

from marketplace.sites import views

urlpatterns = [
    path("paikat/", views.my_sites, name="my_sites"),
    path("paikat/<int:pk>/paikkamaara/", views.seats_update, name="seats_update"),
]
