from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "gongkai.portal"
    verbose_name = "门户"

    def ready(self):
        from gongkai import publiccache

        from .models import GuideText

        publiccache.watch(GuideText)  # the staff-written parts of the 指南 (cached with the page)
