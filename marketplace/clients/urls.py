"""URLs of clients: records, placements, attendance, feedback and the access log."""

from django.urls import path

from marketplace.clients.views import (
    attendance,
    clients,
    documents,
    feedback,
    placements,
    site_day,
)
from marketplace.clients.views.attendance_week import site_attendance_week

urlpatterns = [
    path("asiakkaat/", clients.client_list, name="client_list"),
    path("asiakkaat/uusi/", clients.client_create, name="client_create"),
    path("asiakkaat/<uuid:pk>/", clients.client_detail, name="client_detail"),
    path("asiakkaat/<uuid:pk>/peruste/", clients.client_purpose, name="client_purpose"),
    path("asiakkaat/<uuid:pk>/muokkaa/", clients.client_edit, name="client_edit"),
    path(
        "asiakkaat/<uuid:pk>/itsearvio/",
        clients.assessment_create,
        name="assessment_create",
    ),
    path(
        "asiakkaat/<uuid:pk>/ehdota/",
        placements.placement_suggest,
        name="placement_suggest",
    ),
    # before the placement actions, whose <slug:action> would match "sopimus"
    path(
        "sijoitukset/<uuid:pk>/sopimus/",
        documents.placement_agreement,
        name="placement_agreement",
    ),
    path(
        "sijoitukset/<uuid:pk>/sopimus.pdf",
        documents.placement_agreement_pdf,
        name="placement_agreement_pdf",
    ),
    path(
        "sijoitukset/<uuid:pk>/kaynti.ics",
        documents.placement_visit_ics,
        name="placement_visit_ics",
    ),
    path(
        "sijoitukset/<uuid:pk>/arviointi.ics",
        documents.placement_review_ics,
        name="placement_review_ics",
    ),
    path(
        "sijoitukset/<uuid:pk>/sopimus/allekirjoitettu/",
        documents.placement_agreement_sign,
        name="placement_agreement_sign",
    ),
    path(
        "sijoitukset/<uuid:pk>/<slug:action>/",
        placements.placement_action,
        name="placement_action",
    ),
    path("minun/", clients.my_page, name="my_page"),
    path("minun/toiveet/", clients.my_wishes, name="my_wishes"),
    path("paikat/<int:pk>/paiva/", site_day.site_day_page, name="site_day"),
    path(
        "paikat/<int:pk>/paiva/<uuid:placement_pk>/viikonpaivat/",
        site_day.site_day_weekdays,
        name="site_day_weekdays",
    ),
    path(
        "paikat/<int:pk>/lasnaolo/", attendance.site_attendance, name="site_attendance"
    ),
    path(
        "paikat/<int:pk>/lasnaolo/viikko/",
        site_attendance_week,
        name="site_attendance_week",
    ),
    path(
        "paikat/<int:pk>/lasnaolo.csv",
        attendance.site_attendance_csv,
        name="site_attendance_csv",
    ),
    path(
        "asiakkaat/<uuid:pk>/lasnaolo.csv",
        attendance.client_attendance_csv,
        name="client_attendance_csv",
    ),
    path("lokit/", clients.access_log_search, name="access_log"),
    path("minun/palaute/<uuid:pk>/", feedback.my_feedback, name="my_feedback"),
    path("paikat/<int:pk>/palaute/", feedback.site_feedback, name="site_feedback"),
    path(
        "paikat/<int:pk>/palaute/<uuid:placement_pk>/",
        feedback.site_feedback_answer,
        name="site_feedback_answer",
    ),
]
