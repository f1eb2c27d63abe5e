"""Run one function on untrusted input in a separate process with CPU-time, wall-time and memory limits.

    from gongkai.core.untrusted.sandbox import Limits, run_limited
    outcome = run_limited(parse_bytes, data, "x.pdf", limits=Limits(cpu_seconds=60, wall_seconds=90, memory_mb=1024))
    outcome.ok, outcome.value              # the function's return value (pickled back)
    outcome.reason                         # "" | "error" | "timeout" | "cpu" | "memory" | "crash"
    outcome.error                          # Chinese, for the user; outcome.exception: the child's exception

The child is forked from a fork server (`multiprocessing` "forkserver" context) that has imported the
parsers once, so a call costs a fork, not an interpreter start, and nothing of the caller (database
connections, threads, locks) is inherited. The child sets `resource.setrlimit` on itself before running:
RLIMIT_AS (memory), RLIMIT_CPU (CPU seconds; the kernel sends SIGXCPU, then SIGKILL), RLIMIT_CORE 0.
The caller waits at most `wall_seconds` and then kills the child. Whatever the child does — raise,
exhaust memory, loop, die of SIGSEGV — the caller gets an `Outcome`; it is never taken down.

`fn` must be importable by name in the child (a module-level function); arguments and the return value
are pickled. No Django here (pure core): Django callers pass limits from `settings.GONGKAI_PARSE_LIMITS`.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import pickle
import signal
import threading
import time
from dataclasses import dataclass
from typing import Any

#: Modules the fork server imports once, so children start with the parsers loaded.
PRELOAD = (
    "gongkai.core.untrusted.preload",
)


@dataclass(frozen=True)
class Limits:
    cpu_seconds: int = 60
    wall_seconds: float = 90.0
    memory_mb: int = 1024

    @classmethod
    def from_mapping(cls, values: dict | None) -> Limits:
        values = values or {}
        return cls(**{k: v for k, v in values.items() if k in ("cpu_seconds", "wall_seconds", "memory_mb")})


@dataclass
class Outcome:
    ok: bool
    value: Any = None
    reason: str = ""          # "" when ok; "error" (the function raised), "timeout", "cpu", "memory", "crash"
    error: str = ""           # Chinese message for the user
    exception: BaseException | None = None
    seconds: float = 0.0


_lock = threading.Lock()
_ctx = None


def _context():
    global _ctx
    with _lock:
        if _ctx is None:
            ctx = multiprocessing.get_context("forkserver")
            ctx.set_forkserver_preload(list(PRELOAD))
            _ctx = ctx
        return _ctx


def _apply_limits(limits: Limits) -> None:
    import resource

    memory = int(limits.memory_mb) * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    cpu = max(1, int(limits.cpu_seconds))
    # soft limit → SIGXCPU (terminates: default disposition); hard limit → SIGKILL one second later
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _child(conn, limits: Limits, fn, args, kwargs) -> None:
    signal.signal(signal.SIGXCPU, signal.SIG_DFL)
    # without the resource module (or if refused) the wall-time limit still holds
    with contextlib.suppress(ImportError, ValueError, OSError):
        _apply_limits(limits)
    try:
        value = fn(*args, **kwargs)
        payload = pickle.dumps(("ok", value), protocol=pickle.HIGHEST_PROTOCOL)
    except MemoryError:
        payload = pickle.dumps(("memory", None))
    except BaseException as exc:  # noqa: BLE001 — reported to the parent, never raised here
        try:
            payload = pickle.dumps(("raised", exc), protocol=pickle.HIGHEST_PROTOCOL)
            pickle.loads(payload)
        except Exception:
            payload = pickle.dumps(("raised", RuntimeError(f"{type(exc).__name__}: {exc}")))
    try:
        conn.send_bytes(payload)
    except MemoryError:
        conn.send_bytes(pickle.dumps(("memory", None)))
    finally:
        conn.close()


_CRASH_SIGNALS = {signal.SIGSEGV: "SIGSEGV", signal.SIGBUS: "SIGBUS", signal.SIGABRT: "SIGABRT",
                  signal.SIGILL: "SIGILL", signal.SIGFPE: "SIGFPE"}


def _label(what: str) -> str:
    return f"「{what}」" if what else ""


def run_limited(fn, /, *args, limits: Limits | None = None, what: str = "", **kwargs) -> Outcome:
    """Call fn(*args, **kwargs) in a limited child process; never raises for anything the child does.

    `what` names the input (a file name) in the Chinese messages.
    """
    limits = limits or Limits()
    started = time.monotonic()
    ctx = _context()
    parent_conn, child_conn = ctx.Pipe(duplex=False)
    process = ctx.Process(target=_child, args=(child_conn, limits, fn, args, kwargs), daemon=True)
    process.start()
    child_conn.close()
    payload = None
    deadline = started + float(limits.wall_seconds)
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                break
            if parent_conn.poll(min(left, 0.5)):
                try:
                    payload = parent_conn.recv_bytes()
                except (EOFError, OSError):
                    payload = None
                break
            if not process.is_alive() and not parent_conn.poll(0):
                break
    finally:
        timed_out = payload is None and time.monotonic() >= deadline and process.is_alive()
        if process.is_alive() and (payload is None or timed_out):
            process.kill()
        process.join(5)
        if process.is_alive():  # pragma: no cover — SIGKILL cannot be ignored
            process.kill()
            process.join()
        parent_conn.close()
    seconds = time.monotonic() - started
    name = _label(what)
    if payload is not None:
        status, value = pickle.loads(payload)
        if status == "ok":
            return Outcome(True, value=value, seconds=seconds)
        if status == "memory":
            return Outcome(False, reason="memory", seconds=seconds,
                           error=f"文件{name}解析时所需内存超过{limits.memory_mb} MB上限，已停止解析。")
        return Outcome(False, reason="error", exception=value, error=str(value) or type(value).__name__,
                       seconds=seconds)
    if timed_out:
        return Outcome(False, reason="timeout", seconds=seconds,
                       error=f"文件{name}解析超过{limits.wall_seconds:g}秒仍未完成，已停止解析。")
    code = process.exitcode
    if code in (-signal.SIGXCPU, -signal.SIGKILL) and seconds < limits.wall_seconds:
        return Outcome(False, reason="cpu", seconds=seconds,
                       error=f"文件{name}解析占用的计算时间超过{limits.cpu_seconds}秒上限，已停止解析。")
    if code is not None and code < 0 and -code in _CRASH_SIGNALS:
        return Outcome(False, reason="crash", seconds=seconds,
                       error=f"文件{name}使解析程序异常退出（{_CRASH_SIGNALS[-code]}），无法读取。")
    return Outcome(False, reason="crash", seconds=seconds,
                   error=f"文件{name}使解析程序异常退出（退出码 {code}），无法读取。")
