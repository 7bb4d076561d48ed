from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MarketplaceConfig(AppConfig):
    name = "marketplace"
    verbose_name = _("Work-activity sites and organisations")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from marketplace.notifications import signals as notification_signals
        from marketplace.search import signals as search_signals

        search_signals.connect()
        # before Wagtail's apps: see marketplace/notifications/signals.py
        notification_signals.connect()
