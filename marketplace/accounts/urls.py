"""URLs of accounts: the dashboard, organisations and users, and the user's own
sign-in security under ``tili/``."""

from django.urls import include, path

from marketplace.accounts.views import account as views
from marketplace.accounts.views import dashboard, organisations, session

account_patterns = [
    path("", views.account_page, name="account"),
    path("vahvistus/", views.two_factor_verify, name="two_factor_verify"),
    path("todennussovellus/", views.two_factor_setup, name="two_factor_setup"),
    path("varakoodit/", views.recovery_codes, name="recovery_codes"),
    path("kaksivaiheinen-pois/", views.two_factor_disable, name="two_factor_disable"),
    path("kirjaudu-ulos-kaikkialta/", views.sessions_end, name="sessions_end"),
    path("salasana/", views.PasswordChangeView.as_view(), name="password_change"),
    path("istunto/", session.session_status, name="session_status"),
    path("istunto/jatka/", session.session_keepalive, name="session_keepalive"),
    path("kayttajat/", views.user_security_list, name="user_security_list"),
    path("kayttajat/<int:pk>/", views.user_security, name="user_security"),
    path(
        "kayttajat/<int:pk>/nollaa/",
        views.user_security_reset,
        name="user_security_reset",
    ),
    path(
        "kayttajat/<int:pk>/avaa/",
        views.user_security_unlock,
        name="user_security_unlock",
    ),
]

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("organisaatiot/", organisations.organisation_list, name="organisation_list"),
    path(
        "organisaatiot/uusi/",
        organisations.organisation_edit,
        name="organisation_create",
    ),
    path(
        "organisaatiot/<int:pk>/",
        organisations.organisation_edit,
        name="organisation_edit",
    ),
    path("kayttajat/", organisations.user_list, name="user_list"),
    path("kayttajat/uusi/", organisations.user_edit, name="user_create"),
    path("kayttajat/<int:pk>/", organisations.user_edit, name="user_edit"),
    path("tili/", include(account_patterns)),
]
