"""Load test of the public surfaces: pages and online applications, on loopback only, bounded.

    .venv/bin/python bench/load_public.py                       # own server: scratch SQLite + demo data, gunicorn
    .venv/bin/python bench/load_public.py --seconds 20 --clients 8 --submit-share 0.1
    .venv/bin/python bench/load_public.py --url http://127.0.0.1:8150   # an already running server (loopback only)

Without --url the script creates a scratch var directory, runs `gongkai migrate` and `gongkai demo`,
starts gunicorn on 127.0.0.1:8150 (h15's port) with the public rate limits switched off (they would
answer 429 to one client sending everything), and stops it at the end. Each client thread loops over
the public pages (home, guide, catalogue, an item, search, /api/items, the application and tracking
forms) and, with probability --submit-share, submits an application (GET the form for the CSRF token,
POST it). Bounded: at most 120 seconds and 32 clients; the target must be a loopback address.

Prints requests/s, p50/p95 latency per kind, and errors (5xx, connection errors; 429 counted apart).
"""

from __future__ import annotations

import argparse
import ipaddress
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlparse

import requests

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PORT = 8150

APPLICANT = {
    "applicant_kind": "natural_person", "applicant_name": "压测申请人", "id_type": "id_card",
    "id_number": "11010519491231002X", "phone": "13800001234", "email": "load@example.com",
    "address": "北京市门头沟区新桥大街1号", "postcode": "102300", "info_title": "压力测试所需信息",
    "info_description": "用于压力测试的申请内容。", "provide_form": "paper", "delivery": "post",
}


def _loopback(url: str) -> None:
    host = urlparse(url).hostname or ""
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except socket.gaierror:
        sys.exit(f"无法解析 {host}")
    if not all(ipaddress.ip_address(a.split("%")[0]).is_loopback for a in addresses):
        sys.exit(f"只允许对本机（loopback）压测：{host} 不是本机地址。")


def _start_server(var: Path) -> subprocess.Popen:
    env = {**os.environ, "GONGKAI_VAR_DIR": str(var), "SECRET_KEY": "bench-" + "x" * 40,
           "APPLY_PER_CLIENT_PER_HOUR": "0", "APPLY_GLOBAL_PER_MINUTE": "0", "GONGKAI_TASKS": "immediate",
           "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend", "LOG_LEVEL": "WARNING"}
    env.pop("DATABASE_URL", None)
    for cmd in (["migrate", "--no-input", "-v", "0"], ["demo"]):
        subprocess.run([str(BIN / "gongkai"), *cmd], env=env, check=True, stdout=subprocess.DEVNULL)
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "gongkai.wsgi", "--bind", f"127.0.0.1:{PORT}", "--workers", "2", "--threads", "4",
         "--log-level", "warning"], env=env,
    )
    try:
        for _ in range(120):
            try:
                requests.get(f"http://127.0.0.1:{PORT}/", timeout=10)
                return server
            except requests.RequestException:
                time.sleep(0.5)
    except BaseException:
        server.kill()
        raise
    server.kill()
    sys.exit("服务器没有启动。")


def _pages(base: str) -> list[str]:
    home = requests.get(base + "/", timeout=10).text
    links = sorted(set(re.findall(r'href="(/gk/[^"#?]+)"', home)))[:10]
    item = ""
    for link in links:
        body = requests.get(base + link, timeout=10).text
        found = re.findall(r'href="(/gk/[^"#?]+/\d+/)"', body)
        if found:
            item = found[0]
            break
    return [p for p in ["/", *links[:3], item, "/search/?q=公开", "/api/items", "/apply/", "/track/"] if p]


def _submit(session: requests.Session, base: str, agency: str) -> requests.Response:
    form = session.get(base + "/apply/", timeout=20)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text)[1]
    data = {**APPLICANT, "agency": agency, "csrfmiddlewaretoken": token}
    return session.post(base + "/apply/", data=data, headers={"Referer": base + "/apply/"}, timeout=30,
                        allow_redirects=False)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", help="已运行的服务器（只允许本机地址）；不给则自动启动")
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--submit-share", type=float, default=0.1, help="提交申请占请求的比例")
    args = parser.parse_args(argv)
    seconds, clients = min(args.seconds, 120), max(1, min(args.clients, 32))
    server, tmp = None, None
    base = (args.url or f"http://127.0.0.1:{PORT}").rstrip("/")
    _loopback(base)
    if not args.url:
        tmp = tempfile.TemporaryDirectory(prefix="gongkai-load-")
        server = _start_server(Path(tmp.name))
    try:
        pages = _pages(base)
        agency = re.search(r'<option value="(\d+)"', requests.get(base + "/apply/", timeout=10).text)[1]
        latencies: dict[str, list[float]] = defaultdict(list)
        statuses: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
        errors: list[str] = []
        lock = threading.Lock()
        stop = time.monotonic() + seconds

        def client(seed: int) -> None:
            rng = random.Random(seed)
            session = requests.Session()
            while time.monotonic() < stop:
                kind = "submit" if rng.random() < args.submit_share else "page"
                started = time.monotonic()
                try:
                    if kind == "submit":
                        response = _submit(session, base, agency)
                    else:
                        response = session.get(base + rng.choice(pages), timeout=20)
                    code = response.status_code
                except (requests.RequestException, TypeError) as exc:
                    code = 0
                    with lock:
                        errors.append(f"{kind}: {type(exc).__name__}")
                with lock:
                    latencies[kind].append(time.monotonic() - started)
                    statuses[kind][code] += 1

        threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
        began = time.monotonic()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.monotonic() - began
    finally:
        if server is not None:
            server.terminate()
            server.wait(10)
        if tmp is not None:
            tmp.cleanup()
    total = sum(len(v) for v in latencies.values())
    print(f"公开页面压测：{clients} 个并发客户端，{elapsed:.1f} 秒，共 {total} 个请求，{total / elapsed:.1f} 请求/秒")
    for kind, values in sorted(latencies.items()):
        values.sort()
        p95 = values[min(len(values) - 1, int(len(values) * 0.95))]
        codes = "、".join(f"{c or '连接错误'}×{n}" for c, n in sorted(statuses[kind].items()))
        label = "提交申请" if kind == "submit" else "浏览页面"
        print(f"  {label}：{len(values)} 个，中位数 {statistics.median(values) * 1000:.0f} ms，"
              f"p95 {p95 * 1000:.0f} ms；状态码 {codes}")
    bad = sum(n for s in statuses.values() for c, n in s.items() if c == 0 or c >= 500)
    ok_submit = statuses["submit"].get(302, 0)
    print(f"  错误（5xx 或连接错误）：{bad} 个；成功提交的申请：{ok_submit} 件；被限流（429）："
          f"{sum(s.get(429, 0) for s in statuses.values())} 个")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
