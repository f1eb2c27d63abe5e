from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "gongkai.reports"
    verbose_name = "年度报告"

    def ready(self):
        from gongkai import publiccache

        from .models import AnnualReport, PublishedFile

        publiccache.watch(AnnualReport)  # the published reports listed on the 指南 and /reports/
        publiccache.watch(PublishedFile)
