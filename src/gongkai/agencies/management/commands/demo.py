"""`gongkai demo`: load the demo agencies, users and (when those apps provide it) their data.

Idempotent: a second run creates nothing and prints which objects already exist. Passwords of
new users are printed once, at the end, and never stored in clear.
"""

import datetime as dt
import importlib
import importlib.util
import sys
import traceback

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from gongkai import dbstats
from gongkai.agencies import demo
from gongkai.agencies.models import Role

#: Apps whose `gongkai.<app>.demo.load(ctx)` runs after the agencies, in this order (ARCHITECTURE.md).
DEMO_APPS = ("workcal", "catalog", "cases", "remedies", "reports", "portal")


def _module_exists(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:  # the app package itself is missing
        return False


class Command(BaseCommand):
    help = "载入演示数据：门头沟区政府及其部门、各角色的演示用户，以及各模块的演示数据（可重复运行）。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--today", type=dt.date.fromisoformat, default=None,
            help="演示数据的“今天”（YYYY-MM-DD），默认为当前日期。",
        )
        parser.add_argument(
            "--password", default=None,
            help="新建用户统一使用此密码（仅供测试；默认每个用户随机生成）。",
        )

    def handle(self, *args, today=None, password=None, verbosity=1, **options):
        if "agencies_agency" not in connection.introspection.table_names():
            raise CommandError("数据库尚未建立，请先运行：gongkai migrate")

        def log(line: str) -> None:
            if verbosity >= 1:
                self.stdout.write(line)

        ctx = demo.DemoContext(today=today or timezone.localdate(), log=log)
        with transaction.atomic():
            demo.load(ctx, password=password)

        failed = []
        for app in DEMO_APPS:
            name = f"gongkai.{app}.demo"
            if not _module_exists(name):
                continue
            try:
                with transaction.atomic():
                    importlib.import_module(name).load(ctx)
            except Exception as exc:  # one app's broken demo must not hide the others
                failed.append(app)
                self.stderr.write(f"演示数据（{app}）载入失败：{exc!r}")
                if verbosity >= 2:
                    traceback.print_exc(file=sys.stderr)

        if (tables := dbstats.analyze()) is not None:  # the demo's rows, like an upgrade's, get statistics
            log(f"已更新 SQLite 查询统计信息（ANALYZE，{tables} 张表）。")
        self._print_accounts(ctx)
        if failed:
            raise CommandError(f"以下模块的演示数据载入失败：{'、'.join(failed)}（用 -v 2 查看详情）。")

    def _print_accounts(self, ctx):
        if not ctx.new_passwords:
            self.stdout.write("演示用户均已存在，密码未改动（忘记密码可运行：gongkai changepassword 用户名）。")
            return
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS("演示用户（密码只显示这一次，请记下）："))
        for username, _slug, roles, _name in demo.USERS:
            if username not in ctx.new_passwords:
                continue
            user = ctx.users[username]
            role_text = "、".join(Role(r).label for r in roles)
            where = user.agency.short_name if user.agency else ""
            self.stdout.write(f"  {username:<14} {ctx.new_passwords[username]:<20} {role_text}（{where}）")
        self.stdout.write(f"登录地址：{settings.SITE_URL}/accounts/login/")
