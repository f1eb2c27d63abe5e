from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "gongkai.catalog"
    verbose_name = "主动公开"

    def ready(self):
        from . import signals

        signals.connect()
        from gongkai import publiccache

        from .models import Attachment, CatalogItem

        publiccache.watch(CatalogItem, "interprets")  # publish, withdraw, edits: the public lists and feeds
        publiccache.watch(Attachment)
