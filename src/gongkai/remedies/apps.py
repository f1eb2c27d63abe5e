from django.apps import AppConfig


class RemediesConfig(AppConfig):
    name = "gongkai.remedies"
    verbose_name = "复议诉讼"
