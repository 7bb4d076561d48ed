from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Site pages")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from cms.models import ContentPage
        from cms.templatetags.cms_tags import footer_cache_clear

        def clear(sender, **kwargs):  # type: ignore[no-untyped-def]
            footer_cache_clear()

        # the footer lists content pages: any change to one may change it
        for signal in (page_published, page_unpublished, post_delete, post_save):
            signal.connect(clear, sender=ContentPage, weak=False)
        post_page_move.connect(clear, weak=False)
