"""URLs of the job bank: posting, offers, work days and payment."""

from django.urls import path

from marketplace.jobs import views

urlpatterns = [
    path("tyopankki/", views.job_list, name="job_list"),
    path("tyopankki/uusi/", views.job_create, name="job_create"),
    path("tyopankki/<int:pk>/", views.job_manage, name="job_manage"),
    path("tyopankki/<int:pk>/muokkaa/", views.job_edit, name="job_edit"),
    path("tyopankki/<int:pk>/tarjoa/", views.job_offer_create, name="job_offer"),
    path("tyopankki/<int:pk>/maksa/", views.job_pay, name="job_pay"),
    path("tyopankki/<int:pk>/maksettu/", views.job_pay_return, name="job_pay_return"),
    path("tyopankki/<int:pk>/tyopaivat/", views.job_work_days, name="job_work_days"),
    path(
        "tyopankki/tyopaivat/<int:pk>/poista/",
        views.work_day_remove,
        name="work_day_remove",
    ),
    path(
        "tyopankki/tarjoukset/<int:pk>/<slug:action>/",
        views.offer_action,
        name="offer_action",
    ),
    path("tyopankki/<int:pk>/<slug:action>/", views.job_action, name="job_action"),
]
