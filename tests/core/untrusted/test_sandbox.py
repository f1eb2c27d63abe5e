"""The sandbox: whatever a child does on an untrusted input, the caller gets an Outcome and carries on."""

import os
import signal

import pytest

from gongkai.core.untrusted import Limits, ParseError, parse_report, run_limited

from . import hostile

# Nothing below waits for this wall-time limit, but every call must finish within it, and the first call
# of a test process starts the fork server (imports the parsers: 1.3–1.9 s at load 6, more under CI load).
FAST = Limits(cpu_seconds=2, wall_seconds=30, memory_mb=400)


def test_it_returns_the_value_of_a_well_behaved_function():
    outcome = run_limited(hostile.double, 21, limits=FAST)
    assert outcome.ok and outcome.value == 42 and outcome.reason == "" and outcome.error == ""


def test_it_runs_in_another_process():
    outcome = run_limited(hostile.my_pid, limits=FAST)
    assert outcome.ok and outcome.value != os.getpid()


def test_a_segfault_becomes_a_failure_with_a_chinese_message():
    outcome = run_limited(hostile.segfault, limits=FAST, what="坏.pdf")
    assert not outcome.ok and outcome.reason == "crash"
    assert outcome.error == "文件「坏.pdf」使解析程序异常退出（SIGSEGV），无法读取。"
    assert run_limited(hostile.double, 2, limits=FAST).value == 4  # the caller carries on


@pytest.mark.parametrize("sig", [signal.SIGABRT, signal.SIGBUS])
def test_other_fatal_signals_are_crashes(sig):
    outcome = run_limited(hostile.kill_self, sig, limits=FAST)
    assert outcome.reason == "crash" and signal.Signals(sig).name in outcome.error


def test_a_loop_is_stopped_by_the_cpu_limit():
    outcome = run_limited(hostile.spin, limits=Limits(cpu_seconds=1, wall_seconds=30, memory_mb=400), what="x.docx")
    assert outcome.reason == "cpu" and outcome.seconds < 30
    assert outcome.error == "文件「x.docx」解析占用的计算时间超过1秒上限，已停止解析。"


def test_ignoring_sigxcpu_does_not_escape_the_cpu_limit():
    outcome = run_limited(hostile.ignore_xcpu_and_spin, limits=Limits(cpu_seconds=1, wall_seconds=30, memory_mb=400))
    assert outcome.reason == "cpu" and outcome.seconds < 30  # the hard limit sends SIGKILL


def test_a_sleeping_child_is_killed_at_the_wall_time_limit():
    outcome = run_limited(hostile.sleep_forever, limits=Limits(cpu_seconds=5, wall_seconds=1, memory_mb=400))
    assert outcome.reason == "timeout" and 1 <= outcome.seconds < 8
    assert outcome.error == "文件解析超过1秒仍未完成，已停止解析。"


def test_memory_exhaustion_is_stopped_by_the_memory_limit():
    outcome = run_limited(hostile.eat_memory, limits=Limits(cpu_seconds=10, wall_seconds=20, memory_mb=300))
    assert outcome.reason == "memory"
    assert outcome.error == "文件解析时所需内存超过300 MB上限，已停止解析。"


def test_an_exception_comes_back_as_it_was_raised():
    outcome = run_limited(hostile.raise_value_error, limits=FAST)
    assert outcome.reason == "error" and isinstance(outcome.exception, ValueError)
    assert outcome.error == "这是一条中文错误"


def test_an_unpicklable_exception_is_still_reported():
    outcome = run_limited(hostile.unpicklable_error, limits=FAST)
    assert outcome.reason == "error" and "局部异常" in outcome.error


def test_a_large_result_comes_back_whole():
    outcome = run_limited(hostile.big_result, 8, limits=FAST)
    assert outcome.ok and len(outcome.value) == 8 * 1024 * 1024


def test_parse_report_passes_the_parsers_own_chinese_error_through():
    with pytest.raises(ParseError, match="PDF"):
        parse_report(b"%PDF-1.4 not a pdf", "x.pdf", limits=FAST)


def test_parse_report_returns_a_report():
    text = (
        "北京市门头沟区教育委员会2023年政府信息公开工作年度报告\n一、总体情况\n本机关依法做好政府信息公开工作。\n"
    ).encode()
    try:
        report = parse_report(text, "r.txt", limits=FAST)
    except ParseError as error:  # a short text may lack tables: then the parser's own words come back
        assert not error.internal
    else:
        assert report.year == 2023
