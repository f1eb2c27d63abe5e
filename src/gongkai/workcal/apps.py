from django.apps import AppConfig


class WorkcalConfig(AppConfig):
    name = "gongkai.workcal"
    verbose_name = "工作日历"
