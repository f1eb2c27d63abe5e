"""`flush` that respects the append-only audit log: only the test suite may empty it.

Django's test cases call `flush` after each transactional test; the audit table's triggers would refuse
it. With settings.TESTING the triggers are switched off for the flush; anywhere else `flush` refuses,
because emptying the database would erase the audit log (README「账户、权限与审计」).
"""

from django.conf import settings
from django.core.management.base import CommandError
from django.core.management.commands.flush import Command as FlushCommand
from django.db import connections

from gongkai.audit.triggers import maintenance


class Command(FlushCommand):
    def handle(self, **options):
        if not getattr(settings, "TESTING", False):
            raise CommandError("审计日志只能追加：不能清空数据库。要重建开发数据库，请删除 var/gongkai.sqlite3 后运行 gongkai migrate。")
        connection = connections[options["database"]]
        with maintenance(connection):
            return super().handle(**options)
