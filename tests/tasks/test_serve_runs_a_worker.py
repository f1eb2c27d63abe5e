"""`gongkai serve` (what `./dev serve` runs) starts the task worker beside the web server; it stops with it."""

import signal
import socket
import subprocess
import sys
import time

from .engines import engine

ENQUEUE = """
from tasks.sample_tasks import remember
result = remember.enqueue("服务中").id
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _children(pid: int) -> list[str]:
    out = subprocess.run(["ps", "-o", "pid=,args=", "--ppid", str(pid)], capture_output=True, text=True).stdout
    return [line.strip() for line in out.splitlines() if line.strip()]


def _wait(condition, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if value := condition():
            return value
        time.sleep(0.2)
    return None


def test_serve_runs_queued_tasks_and_its_worker_stops_with_it():
    with engine("database") as eng:
        log = open(eng.root / "serve.log", "w")  # noqa: SIM115
        server = subprocess.Popen(
            [sys.executable, "-m", "gongkai", "serve", f"127.0.0.1:{_free_port()}"], env=eng.env, cwd=eng.root,
            stdout=log, stderr=subprocess.STDOUT,
        )
        try:
            worker_line = _wait(lambda: next((c for c in _children(server.pid) if "gongkai worker" in c), None))
            assert worker_line, (eng.root / "serve.log").read_text()
            worker_pid = int(worker_line.split()[0])
            task_id = eng.run(ENQUEUE)
            status = f"from gongkai.tasks import default_task_backend\nresult = default_task_backend.get_result({task_id!r}).status"
            assert _wait(lambda: eng.run(status) == "SUCCESSFUL", timeout=60), (eng.root / "serve.log").read_text()
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
            assert _wait(lambda: subprocess.run(["ps", "-p", str(worker_pid)], capture_output=True).returncode != 0, 30)
        finally:
            if server.poll() is None:
                server.kill()
