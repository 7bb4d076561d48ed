from django.urls import path

from marketplace import views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("paikat/", views.my_sites, name="my_sites"),
    path("paikat/<int:pk>/paikkamaara/", views.seats_update, name="seats_update"),
    path("organisaatiot/", views.organisation_list, name="organisation_list"),
    path("organisaatiot/uusi/", views.organisation_edit, name="organisation_create"),
    path("organisaatiot/<int:pk>/", views.organisation_edit, name="organisation_edit"),
    path("kayttajat/", views.user_list, name="user_list"),
    path("kayttajat/uusi/", views.user_edit, name="user_create"),
    path("kayttajat/<int:pk>/", views.user_edit, name="user_edit"),
]
