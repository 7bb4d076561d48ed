"""The user's own pages under ``/oma/``: one URL module per domain.

URL names are global (no namespaces), so ``{% url "client_detail" … %}`` works from
any template.
"""

from django.urls import include, path

urlpatterns = [
    path("", include("marketplace.notifications.urls")),
    path("", include("marketplace.accounts.urls")),
    path("", include("marketplace.sites.urls")),
    path("", include("marketplace.clients.urls")),
    path("", include("matching.urls")),
    path("", include("marketplace.jobs.urls")),
    path("", include("marketplace.money.urls")),
    path("", include("marketplace.competence.urls")),
    path("", include("marketplace.network.urls")),
    path("", include("marketplace.maps.urls")),
    path("", include("marketplace.outcomes.urls")),
]
