from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MarketplaceConfig(AppConfig):
    name = "marketplace"
    verbose_name = _("Work-activity sites and organisations")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from wagtail.signals import page_published

        from marketplace.access.admin_scope import scope_admin_filters
        from marketplace.access.pages import register_page_policy
        from marketplace.jobs.receivers import job_page_published
        from marketplace.models import Job
        from marketplace.notifications import signals as notification_signals
        from marketplace.search import signals as search_signals

        search_signals.connect()
        # before Wagtail's apps: see marketplace/notifications/signals.py
        notification_signals.connect()
        # every page queryset of the Wagtail admin scoped to the user's pages
        register_page_policy()
        scope_admin_filters()
        # a job's history says "open for offers" once its page is published
        page_published.connect(job_page_published, sender=Job)
