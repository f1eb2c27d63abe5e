"""gongkai —— 政府信息公开系统的命令行。

    gongkai serve [地址:端口]   建库/升级数据库后启动开发服务器（默认 127.0.0.1:8000）
    gongkai demo               载入演示机关、用户和各模块演示数据（可重复运行）
    gongkai remind             发送即将到期 / 已逾期提醒（每日由 cron 或 systemd 定时器运行）
    gongkai report …           年度报告引擎（解析、校验、生成；不需要数据库）
    gongkai migrate            建立或升级数据库
    gongkai <Django 命令> …     其他 Django 管理命令，如 createsuperuser、changepassword、
                               collectstatic、axes_reset（解除登录锁定）、check --deploy

环境变量见 README「生产部署」：GONGKAI_ENV、SECRET_KEY、DATABASE_URL、ALLOWED_HOSTS 等。
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "report":
        from gongkai.core.report.cli import main as report_main

        return report_main(argv[1:])
    if not argv or argv[0] in ("-h", "--help") or argv == ["help"]:
        print(__doc__)
        if argv != ["help"]:
            return 0  # `gongkai help` goes on to list every Django command
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    from django.core.management import execute_from_command_line

    if argv[0] == "serve":
        execute_from_command_line(["gongkai", "migrate", "--no-input", "-v", "0"])
        # --insecure: the development server also serves the static files when DEBUG is off
        # (production serves them from STATIC_ROOT through the web server, see README).
        argv = ["runserver", "--insecure", *(argv[1:] or ["127.0.0.1:8000"])]
    execute_from_command_line(["gongkai", *argv])
    return 0


if __name__ == "__main__":
    sys.exit(main())
