"""URLs of competence at work."""

from django.urls import path

from marketplace.competence import views

urlpatterns = [
    path("paikat/<int:pk>/osaaminen/", views.site_competence, name="site_competence"),
    path(
        "osaaminen/<uuid:pk>/",
        views.participant_competence,
        name="participant_competence",
    ),
    path(
        "osaaminen/<uuid:pk>/<uuid:record>/poista/",
        views.competence_record_remove,
        name="competence_record_remove",
    ),
    path(
        "osaaminen/<uuid:pk>/todistus/",
        views.staff_certificate,
        name="staff_certificate",
    ),
    path(
        "osaaminen/<uuid:pk>/todistus.pdf",
        views.staff_certificate,
        {"fmt": "pdf"},
        name="staff_certificate_pdf",
    ),
    path(
        "minun/osaaminen/<uuid:pk>/todistus/",
        views.my_certificate,
        name="my_certificate",
    ),
    path(
        "minun/osaaminen/<uuid:pk>/todistus.pdf",
        views.my_certificate,
        {"fmt": "pdf"},
        name="my_certificate_pdf",
    ),
]
