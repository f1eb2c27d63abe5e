"""The `gongkai` command.

    gongkai report …        the annual-report engine (pure; no database needed)
    gongkai serve [ADDR]    migrate, then run the development server (default 127.0.0.1:8000)
    gongkai demo            load the demo agencies and users
    gongkai remind          send due-soon / overdue reminders (cron)
    gongkai <django command> …   any Django management command (migrate, createsuperuser, …)
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "report":
        from gongkai.core.report.cli import main as report_main

        return report_main(argv[1:])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    from django.core.management import execute_from_command_line

    if not argv or argv[0] in ("-h", "--help", "help"):
        print(__doc__)
        if not argv:
            return 0
    if argv and argv[0] == "serve":
        execute_from_command_line(["gongkai", "migrate", "--no-input", "-v", "0"])
        argv = ["runserver", *(argv[1:] or ["127.0.0.1:8000"])]
    execute_from_command_line(["gongkai", *argv])
    return 0


if __name__ == "__main__":
    sys.exit(main())
