"""URLs of the user's own sign-in security, under ``/oma/tili/``."""

from django.urls import path

from marketplace import views_account as views

urlpatterns = [
    path("", views.account_page, name="account"),
    path("vahvistus/", views.two_factor_verify, name="two_factor_verify"),
    path("todennussovellus/", views.two_factor_setup, name="two_factor_setup"),
    path("varakoodit/", views.recovery_codes, name="recovery_codes"),
    path("kaksivaiheinen-pois/", views.two_factor_disable, name="two_factor_disable"),
    path("kirjaudu-ulos-kaikkialta/", views.sessions_end, name="sessions_end"),
    path("salasana/", views.PasswordChangeView.as_view(), name="password_change"),
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
