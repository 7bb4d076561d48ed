"""URLs of the network plan."""

from django.urls import path

from marketplace.network import views

urlpatterns = [
    path("asiakkaat/<uuid:pk>/verkosto/", views.network_plan, name="network_plan"),
    path(
        "asiakkaat/<uuid:pk>/verkosto/tapaaminen/",
        views.network_meeting_new,
        name="network_meeting_new",
    ),
    path("verkosto/<uuid:pk>/tehtavat/", views.network_tasks, name="network_tasks"),
    path("verkosto/<uuid:pk>/arvio/", views.network_review, name="network_review"),
    path("verkostotehtavat/", views.my_network_tasks, name="my_network_tasks"),
]
