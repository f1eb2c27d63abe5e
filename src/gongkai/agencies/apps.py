from django.apps import AppConfig


class AgenciesConfig(AppConfig):
    name = "gongkai.agencies"
    verbose_name = "机关与账户"

    def ready(self):
        from .queues import autodiscover

        autodiscover()  # 待办 queues of every app (agencies/queues.py)
        from gongkai import publiccache

        from .models import Agency

        publiccache.watch(Agency)  # names, 指南 facts and active flags show on the public pages
