"""gongkai —— 政府信息公开系统的命令行。

    gongkai serve [地址:端口]   建库/升级数据库后启动开发服务器（默认 127.0.0.1:8000）
    gongkai demo               载入演示机关、用户和各模块演示数据（可重复运行）
    gongkai worker [--batch]   运行后台任务（邮件、批量审查、生成文件…）；--batch 处理完即退出
    gongkai remind             发送即将到期 / 已逾期提醒（每日由 cron 或 systemd 定时器运行）
    gongkai backup [目录]       备份数据库和全部上传文件（含校验清单）；gongkai restore 备份目录 恢复
    gongkai report …           年度报告引擎（解析、校验、生成；不需要数据库）
    gongkai migrate            建立或升级数据库（SQLite 随后更新查询统计信息）
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

    if argv[0] == "worker":
        return _worker(argv[1:])
    if argv[0] == "serve":
        worker = None
        # The autoreloader runs this command again in a child (RUN_MAIN=true): migrate and start the
        # task worker once, in the outer process, which outlives the reloads.
        if os.environ.get("RUN_MAIN") != "true":
            execute_from_command_line(["gongkai", "migrate", "--no-input", "-v", "0"])
            worker = _start_worker()
        # --insecure: the development server also serves the static files when DEBUG is off
        # (production serves them from STATIC_ROOT through the web server, see README).
        argv = ["runserver", "--insecure", *(argv[1:] or ["127.0.0.1:8000"])]
        try:
            execute_from_command_line(["gongkai", *argv])
        finally:
            _stop_worker(worker)
        return 0
    execute_from_command_line(["gongkai", *argv])
    return 0


WORKER_HELP = """用法：gongkai worker [--batch] [--queues default,bulk] [其他参数原样交给引擎的 worker]

运行后台任务（向申请人发送告知书邮件、批量审查年度报告、日历变更后重算期限…）。
引擎由环境变量 GONGKAI_TASKS 决定：
  database（默认）  任务存放在数据库中；可在多台机器上各运行若干个 worker（PostgreSQL 用 SKIP LOCKED）
  rq               任务存放在 Redis（REDIS_URL）；在任意多台机器上运行 worker
  immediate        任务在调用处立即运行，不需要 worker
  --batch          处理完队列中的任务后退出（cron、测试、基准）
  --queues         只处理这些队列（默认 default,bulk：先 default 后 bulk）
"""


def _worker(args: list[str]) -> int:
    """`gongkai worker`: the worker of the configured engine (db_worker or rqworker) on our queues."""
    from django.conf import settings
    from django.core.management import execute_from_command_line

    if args and args[0] in ("-h", "--help"):
        print(WORKER_HELP)
        return 0
    batch = "--batch" in args
    args = [a for a in args if a != "--batch"]
    queues = list(settings.TASK_QUEUES)
    if "--queues" in args:
        i = args.index("--queues")
        queues = [q for q in args[i + 1].split(",") if q] if i + 1 < len(args) else queues
        del args[i:i + 2]
    engine = settings.GONGKAI_TASKS
    if engine == "immediate":
        print("GONGKAI_TASKS=immediate：任务在调用处立即运行，不需要 worker。")
        return 0
    if engine == "rq":
        # django-tasks-rq's Job class runs the Task; --with-scheduler runs deferred tasks (retries).
        # SimpleWorker runs the jobs in the worker itself instead of forking one process per job: what
        # needs isolating (parsing untrusted files) already runs in the parse sandbox, whose fork server
        # then starts once per worker instead of once per file.
        command = ["rqworker", *queues, "--job-class", "django_tasks_rq.backend.Job", "--with-scheduler",
                   "--worker-class", "rq.worker.SimpleWorker",
                   *(["--burst"] if batch else []), *args]
    else:
        command = ["db_worker", "--queue-name", ",".join(queues), "--no-reload", *(["--batch"] if batch else []), *args]
    execute_from_command_line(["gongkai", *command])
    return 0


def _start_worker():
    """The task worker beside the development server (`gongkai serve`); it stops with the server."""
    import signal
    import subprocess

    from django.conf import settings

    if settings.GONGKAI_TASKS == "immediate":
        return None

    def die_with_parent():  # Linux: the worker gets SIGTERM if the server is killed outright
        try:
            import ctypes

            ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass

    print(f"后台任务 worker 已随服务启动（GONGKAI_TASKS={settings.GONGKAI_TASKS}）。", flush=True)
    worker = subprocess.Popen([sys.executable, "-m", "gongkai", "worker"], preexec_fn=die_with_parent)

    def stop(signum, frame):  # SIGTERM to the server: stop the worker too (finally: below)
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, stop)
    return worker


def _stop_worker(worker) -> None:
    import subprocess

    if worker is None or worker.poll() is not None:
        return
    worker.terminate()  # db_worker/rqworker finish the current task, then exit
    try:
        worker.wait(timeout=15)
    except subprocess.TimeoutExpired:
        worker.kill()


if __name__ == "__main__":
    sys.exit(main())
