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

from marketplace import views_clients  # noqa: E402

urlpatterns += [
    path("asiakkaat/", views_clients.client_list, name="client_list"),
    path("asiakkaat/uusi/", views_clients.client_edit, name="client_create"),
    path("asiakkaat/<uuid:pk>/", views_clients.client_detail, name="client_detail"),
    path(
        "asiakkaat/<uuid:pk>/peruste/",
        views_clients.client_purpose,
        name="client_purpose",
    ),
    path("asiakkaat/<uuid:pk>/muokkaa/", views_clients.client_edit, name="client_edit"),
    path(
        "asiakkaat/<uuid:pk>/itsearvio/",
        views_clients.assessment_create,
        name="assessment_create",
    ),
    path(
        "asiakkaat/<uuid:pk>/ehdota/",
        views_clients.placement_suggest,
        name="placement_suggest",
    ),
    path(
        "sijoitukset/<uuid:pk>/<slug:action>/",
        views_clients.placement_action,
        name="placement_action",
    ),
    path("minun/", views_clients.my_page, name="my_page"),
    path("minun/toiveet/", views_clients.my_wishes, name="my_wishes"),
]

from marketplace import views_attendance  # noqa: E402

urlpatterns += [
    path(
        "paikat/<int:pk>/lasnaolo/",
        views_attendance.site_attendance,
        name="site_attendance",
    ),
    path(
        "paikat/<int:pk>/lasnaolo.csv",
        views_attendance.site_attendance_csv,
        name="site_attendance_csv",
    ),
    path(
        "asiakkaat/<uuid:pk>/lasnaolo.csv",
        views_attendance.client_attendance_csv,
        name="client_attendance_csv",
    ),
]

urlpatterns += [path("lokit/", views_clients.access_log_search, name="access_log")]

from matching import views as matching_views  # noqa: E402

urlpatterns += [
    path(
        "asiakkaat/<uuid:pk>/ehdotukset/",
        matching_views.client_suggestions,
        name="client_suggestions",
    ),
    path(
        "asiakkaat/<uuid:pk>/ehdotukset/<int:site_id>/varaa/",
        matching_views.suggestion_book,
        name="suggestion_book",
    ),
    path(
        "asiakkaat/<uuid:pk>/ehdotukset/<int:site_id>/piilota/",
        matching_views.suggestion_hide,
        name="suggestion_hide",
    ),
    path(
        "asiakkaat/<uuid:pk>/ehdotukset/<int:site_id>/palauta/",
        matching_views.suggestion_unhide,
        name="suggestion_unhide",
    ),
    path("minun/ehdotukset/", matching_views.my_suggestions, name="my_suggestions"),
    path(
        "minun/ehdotukset/<int:site_id>/vastaus/",
        matching_views.my_suggestion_answer,
        name="my_suggestion_answer",
    ),
    path("minun/tavoitteet/", matching_views.my_goal_move, name="my_goal_move"),
]

from marketplace import views_jobs, views_money  # noqa: E402

urlpatterns += [
    path("tyopankki/", views_jobs.job_list, name="job_list"),
    path("tyopankki/uusi/", views_jobs.job_create, name="job_create"),
    path("tyopankki/<int:pk>/", views_jobs.job_manage, name="job_manage"),
    path("tyopankki/<int:pk>/muokkaa/", views_jobs.job_edit, name="job_edit"),
    path("tyopankki/<int:pk>/tarjoa/", views_jobs.job_offer_create, name="job_offer"),
    path("tyopankki/<int:pk>/maksa/", views_jobs.job_pay, name="job_pay"),
    path(
        "tyopankki/<int:pk>/maksettu/", views_jobs.job_pay_return, name="job_pay_return"
    ),
    path(
        "tyopankki/<int:pk>/tyopaivat/", views_jobs.job_work_days, name="job_work_days"
    ),
    path(
        "tyopankki/tyopaivat/<int:pk>/poista/",
        views_jobs.work_day_remove,
        name="work_day_remove",
    ),
    path(
        "tyopankki/tarjoukset/<int:pk>/<slug:action>/",
        views_jobs.offer_action,
        name="offer_action",
    ),
    path("tyopankki/<int:pk>/<slug:action>/", views_jobs.job_action, name="job_action"),
    path("maksutili/", views_money.payout_account, name="payout_account"),
    path(
        "maksutili/linkki/", views_money.payout_account_link, name="payout_account_link"
    ),
    path(
        "maksutili/valmis/",
        views_money.payout_account_return,
        name="payout_account_return",
    ),
    path("tyoosuusraha/", views_money.work_share, name="work_share"),
    path("tyoosuusraha/<int:pk>/", views_money.work_share_site, name="work_share_site"),
    path(
        "tyoosuusraha/<int:pk>/tilitys/",
        views_money.work_share_statement,
        name="work_share_statement",
    ),
    path(
        "tyoosuusraha/<int:pk>/tilitys.csv",
        views_money.work_share_statement_csv,
        name="work_share_statement_csv",
    ),
    path("rahaliikenne/", views_money.money_overview, name="money_overview"),
    path("stripe/webhook/", views_money.stripe_webhook, name="stripe_webhook"),
]

from marketplace import urls_outcomes  # noqa: E402

urlpatterns += urls_outcomes.urlpatterns

urlpatterns += [
    path("suosittelija/", matching_views.matcher_overview, name="matcher_overview"),
]
