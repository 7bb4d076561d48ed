"""URLs of money: payout accounts, work-share money, the overview, Stripe's webhook."""

from django.urls import path

from marketplace.money import views

urlpatterns = [
    path("maksutili/", views.payout_account, name="payout_account"),
    path("maksutili/linkki/", views.payout_account_link, name="payout_account_link"),
    path(
        "maksutili/valmis/",
        views.payout_account_return,
        name="payout_account_return",
    ),
    path("tyoosuusraha/", views.work_share, name="work_share"),
    path("tyoosuusraha/<int:pk>/", views.work_share_site, name="work_share_site"),
    path(
        "tyoosuusraha/<int:pk>/tilitys/",
        views.work_share_statement,
        name="work_share_statement",
    ),
    path(
        "tyoosuusraha/<int:pk>/tilitys.csv",
        views.work_share_statement_csv,
        name="work_share_statement_csv",
    ),
    path(
        "tyoosuusraha/<int:pk>/tilitys.pdf",
        views.work_share_statement_pdf,
        name="work_share_statement_pdf",
    ),
    path("rahaliikenne/", views.money_overview, name="money_overview"),
    path("stripe/webhook/", views.stripe_webhook, name="stripe_webhook"),
]
