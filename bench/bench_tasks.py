"""Scale of the batch work (issue 14): the parallel CLI, the task queue on each engine, the web meanwhile.

    .venv/bin/python bench/bench_tasks.py [--cli 10000] [--queue 2000] [--skip-cli] [--skip-queue] [--skip-web]

(a) CLI: a corpus of N reports generated from the shared samples (/work/shared/samples/reports, else the
    repository's parser samples) in every text shape (pdftotext -layout, page text, markdown, run-together
    digits, pipes, HTML…), checked with `gongkai report check DIR -j 1` and `-j 2 --json`: reports/s, the
    scaling ratio, the peak memory of one worker process, one output line per file.
(b) Queue: M reports as one batch audit through the database engine and RQ (Redis db 14), with 1 and 2
    `gongkai worker --batch` processes: reports/s, peak memory per worker, every file exactly one result.
(c) Web: requests/s of two pages (portal home, the running audit's progress) through gunicorn (2 workers),
    idle and while 2 workers run a batch audit.

Figures depend on the machine's load (README「基准测试」: measured on a 2-core machine shared with
other work). Needs Redis at 127.0.0.1:6379 for the RQ rows.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
SHARED = Path("/work/shared/samples/reports")
LOCAL = ROOT / "tests" / "core" / "report" / "parse" / "samples"
TEXT_SHAPES = (".txt", ".md", ".html", ".htm")
GONGKAI = [sys.executable, "-m", "gongkai"]


def samples() -> list[Path]:
    folder = SHARED if SHARED.is_dir() else LOCAL
    found = sorted(p for p in folder.iterdir() if p.suffix.lower() in TEXT_SHAPES)
    if not found:
        sys.exit(f"no text samples in {folder}")
    return found


def make_corpus(folder: Path, n: int) -> dict[str, int]:
    """n files, the samples in turn, 500 to a folder (as a province's reports would be filed)."""
    shapes: dict[str, int] = {}
    source = samples()
    for i in range(n):
        sample = source[i % len(source)]
        target = folder / f"{i // 500:03d}" / f"{i:05d}_{sample.name}"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(sample, target)
        shapes[sample.name] = shapes.get(sample.name, 0) + 1
    return shapes


def peak_rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


class PeakWatcher(threading.Thread):
    """Polls the peak RSS (VmHWM) of a process and its descendants while it runs."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.peaks, self.running = pid, {}, True

    def _tree(self) -> list[int]:
        out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(self.pid)], capture_output=True, text=True).stdout
        children = [int(x) for x in out.split()]
        grand = []
        for c in children:
            out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(c)], capture_output=True, text=True).stdout
            grand += [int(x) for x in out.split()]
        return [self.pid, *children, *grand]

    def run(self) -> None:
        while self.running:
            for pid in self._tree():
                self.peaks[pid] = max(self.peaks.get(pid, 0.0), peak_rss_mb(pid))
            time.sleep(0.2)

    def stop(self) -> dict:
        self.running = False
        self.join(2)
        return self.peaks


# -- (a) the parallel CLI ----------------------------------------------------------------------------


def bench_cli(n: int) -> None:
    work = Path(tempfile.mkdtemp(prefix="gongkai-bench-cli-"))
    try:
        shapes = make_corpus(work / "corpus", n)
        print(f"(a) CLI: {n} reports in {len(shapes)} text shapes ({', '.join(sorted(shapes))})")
        rates = {}
        for jobs in (1, 2):
            out = work / f"out-{jobs}.jsonl"
            started = time.monotonic()
            with out.open("w") as stdout:
                proc = subprocess.Popen([*GONGKAI, "report", "check", str(work / "corpus"), "-j", str(jobs), "--json"],
                                        stdout=stdout, stderr=subprocess.DEVNULL)
                watcher = PeakWatcher(proc.pid)
                watcher.start()
                code = proc.wait()
                peaks = watcher.stop()
            elapsed = time.monotonic() - started
            lines = [json.loads(line) for line in out.read_text().splitlines()]
            files = {line["file"] for line in lines}
            rates[jobs] = n / elapsed
            worker_peaks = sorted((mb for pid, mb in peaks.items() if pid != proc.pid), reverse=True)
            print(f"  -j {jobs}: {elapsed:6.1f} s, {rates[jobs]:6.1f} reports/s, exit {code}, "
                  f"{len(lines)} lines for {len(files)} distinct files, peak memory: main "
                  f"{peaks.get(proc.pid, 0):.0f} MB, largest worker {worker_peaks[0] if worker_peaks else 0:.0f} MB")
        print(f"  scaling -j 2 / -j 1: {rates[2] / rates[1]:.2f}×")
    finally:
        shutil.rmtree(work, ignore_errors=True)


# -- (b) the task queue ------------------------------------------------------------------------------

START = """
from pathlib import Path
from gongkai.agencies.models import User
from gongkai.reports import batch
user, _ = User.objects.get_or_create(username="bench")
folder = Path({folder!r})
sources = [(str(p.relative_to(folder)), p) for p in sorted(folder.rglob("*")) if p.is_file()]
result = batch.start_audit("bench", sources, acting_user=user).pk
"""

CHECK = """
from django.db.models import Count, Max, Min
from gongkai.reports.models import ExternalAudit
audit = ExternalAudit.objects.get(pk={pk})
items = audit.items.all()
result = {{"state": audit.state, "items": items.count(),
          "states": dict(items.values_list("state").annotate(n=Count("id"))),
          "attempts": list(items.aggregate(Min("attempts"), Max("attempts")).values()),
          "outcomes": dict(items.values_list("outcome").annotate(n=Count("id")))}}
"""


def bench_queue(m: int, kinds=("database", "rq"), web: bool = False) -> None:
    from tasks.engines import engine

    corpus = Path(tempfile.mkdtemp(prefix="gongkai-bench-queue-"))
    make_corpus(corpus, m)
    try:
        for kind in kinds:
            for workers in (1, 2):
                with engine(kind, settings_module="gongkai.settings") as eng:
                    pk = eng.run(START.format(folder=str(corpus)))
                    started = time.monotonic()
                    procs = [eng.start_worker("--batch") for _ in range(workers)]
                    watchers = [PeakWatcher(p.pid) for p in procs]
                    for w in watchers:
                        w.start()
                    for p in procs:
                        p.wait(timeout=3600)
                    elapsed = time.monotonic() - started
                    peaks = [w.stop() for w in watchers]
                    result = eng.run(CHECK.format(pk=pk))
                    exact = result["items"] == m and result["attempts"] == [1, 1] and result["state"] == "done"
                    own = [pk_peaks.get(p.pid, 0) for p, pk_peaks in zip(procs, peaks, strict=True)]
                    # the largest single process under a worker: the sandbox's fork server or one parse child
                    tree = [max((mb for pid, mb in pk_peaks.items() if pid != p.pid), default=0)
                            for p, pk_peaks in zip(procs, peaks, strict=True)]
                    print(f"(b) {kind:8} {workers} worker(s): {m} reports in {elapsed:6.1f} s = {m / elapsed:5.1f} reports/s; "
                          f"peak memory per worker {max(own):.0f} MB (largest sandbox process {max(tree):.0f} MB); "
                          f"every file exactly one result: {'yes' if exact else 'NO'} {result['states']} {result['outcomes']}")
    finally:
        shutil.rmtree(corpus, ignore_errors=True)


# -- (c) the web pages while a batch runs -----------------------------------------------------------

def _hammer(url: str, seconds: float, threads: int = 2) -> float:
    count = [0]
    deadline = time.monotonic() + seconds

    def loop():
        while time.monotonic() < deadline:
            with urllib.request.urlopen(url, timeout=30) as r:
                r.read()
            count[0] += 1

    pool = [threading.Thread(target=loop) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    return count[0] / seconds


def bench_web(m: int, seconds: float = 15) -> None:
    from tasks.engines import engine

    corpus = Path(tempfile.mkdtemp(prefix="gongkai-bench-web-"))
    make_corpus(corpus, m)
    port = 8149
    try:
        with engine("database", settings_module="gongkai.settings") as eng:
            eng.gongkai("demo")
            server = subprocess.Popen(
                [str(Path(sys.executable).parent / "gunicorn"), "gongkai.wsgi", "-w", "2", "-b", f"127.0.0.1:{port}"],
                env=eng.env, cwd=eng.root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )
            try:
                url = f"http://127.0.0.1:{port}/"
                for _ in range(100):
                    try:
                        urllib.request.urlopen(url, timeout=2).read()
                        break
                    except OSError:
                        time.sleep(0.3)
                idle = _hammer(url, seconds)
                eng.run(START.format(folder=str(corpus)))
                procs = [eng.start_worker("--batch") for _ in range(2)]
                busy = _hammer(url, seconds)
                done_during = all(p.poll() is not None for p in procs)
                for p in procs:
                    p.wait(timeout=3600)
                print(f"(c) portal home page through gunicorn (2 processes, 2 client threads): idle {idle:5.1f} req/s, "
                      f"while 2 workers check a {m}-report batch {busy:5.1f} req/s "
                      f"({busy / idle:.0%}){' — the batch finished within the window' if done_during else ''}")
            finally:
                server.terminate()
                server.wait(30)
    finally:
        shutil.rmtree(corpus, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cli", type=int, default=10_000)
    parser.add_argument("--queue", type=int, default=2_000)
    parser.add_argument("--web", type=int, default=1_000)
    parser.add_argument("--skip-cli", action="store_true")
    parser.add_argument("--skip-queue", action="store_true")
    parser.add_argument("--skip-web", action="store_true")
    parser.add_argument("--engines", default="database,rq")
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}")
    if not args.skip_cli:
        bench_cli(args.cli)
    if not args.skip_queue:
        bench_queue(args.queue, tuple(args.engines.split(",")))
    if not args.skip_web:
        bench_web(args.web)


if __name__ == "__main__":
    main()
