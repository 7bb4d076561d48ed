"""Root URLs: accounts, the user's own pages, Wagtail admin, and the Wagtail site."""

from django.conf import settings
from django.templatetags.static import static as static_url
from django.urls import include, path
from django.utils.functional import lazy
from django.views.generic import RedirectView
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from marketplace.access.admin_scope import PageTypesUsageView
from marketplace.accounts.views import password_reset
from marketplace.accounts.views.account import LoginView, LogoutView

# A busy database (SQLite) is a "try again" page; anything else the plain error page.
handler500 = "marketplace.shared.database_busy.server_error"

urlpatterns = [
    # browsers ask for /favicon.ico whatever the page says
    path(
        "favicon.ico",
        RedirectView.as_view(
            url=lazy(static_url, str)("img/favicon.ico"), permanent=True
        ),
        name="favicon",
    ),
    # Wagtail's page-type usage report, over the pages the user may see
    # (marketplace/access/admin_scope.py); before Wagtail's admin so it answers
    path(
        "admin/reports/page-types-usage/",
        PageTypesUsageView.as_view(),
        name="polku_page_types_usage",
    ),
    path(
        "admin/reports/page-types-usage/results/",
        PageTypesUsageView.as_view(results_only=True),
        name="polku_page_types_usage_results",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("kieli/", set_language, name="set_language"),
    path("kirjaudu/", LoginView.as_view(), name="login"),
    path("kirjaudu-ulos/", LogoutView.as_view(), name="logout"),
    path(
        "kirjaudu/unohtunut-salasana/",
        password_reset.password_reset_request,
        name="password_reset",
    ),
    path(
        "kirjaudu/unohtunut-salasana/lahetetty/",
        password_reset.password_reset_done,
        name="password_reset_done",
    ),
    path(
        "kirjaudu/uusi-salasana/<uidb64>/<token>/",
        password_reset.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "kirjaudu/uusi-salasana/valmis/",
        password_reset.password_reset_complete,
        name="password_reset_complete",
    ),
    path("oma/", include("marketplace.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
