from django.apps import AppConfig


class YearlocksConfig(AppConfig):
    name = "gongkai.yearlocks"
    verbose_name = "年度数据锁定"
