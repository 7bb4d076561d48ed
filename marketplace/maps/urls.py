"""URLs of the maps."""

from django.urls import path

from marketplace.maps import views

urlpatterns = [
    path("osoitehaku/", views.address_search, name="address_search"),
]
