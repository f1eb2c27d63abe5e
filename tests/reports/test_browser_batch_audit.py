"""Acceptance (issue 14), in a browser: upload a ZIP of 50 reports → the progress advances → results
appear → leave and come back → done.

The system runs as in production — the web server and `gongkai worker` processes on one database
(tests/tasks/engines.py) — and the test decides when the worker runs: first for 20 files, then, while
the page is closed, for the rest. So every step is seen for certain, however fast or slow the machine.
"""

import io
import socket
import subprocess
import sys
import time
import zipfile

import pytest
from playwright.sync_api import expect

from gongkai.core.report.render import render
from gongkai.core.report.schema import Report

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

USER = """
from conftest import make_uscc
from gongkai.agencies.models import Agency, AgencyKind, Role, RoleAssignment, User
gov = Agency.objects.create(name="北京市门头沟区人民政府", slug="gov", kind=AgencyKind.GOVERNMENT, uscc=make_uscc("gov"))
office = Agency.objects.create(name="北京市门头沟区人民政府办公室", slug="office", kind=AgencyKind.OFFICE, parent=gov,
                               uscc=make_uscc("office"))
user = User.objects.create_user(username="supervisor", password="test-pass-123", agency=office, full_name="钱主管")
RoleAssignment.objects.create(user=user, role=Role.SUPERVISOR)
"""


def _zip_of_reports(n: int) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        for i in range(n):
            agency = f"北京市门头沟区第{i + 1}局"
            report = Report.blank(year=2024, agency=agency, title=f"{agency}2024年政府信息公开工作年度报告")
            for key in ("R1", "R3g", "R3a"):
                report.table3[key][0].value = report.table3[key][-1].value = i
            if i % 10 == 9:
                report.table3["R1"][-1].value = i + 1  # 总计 ≠ 合计: a known error in every tenth
            archive.writestr(f"2024/{i:02d}.html", render(report, "html"))
    return buf.getvalue()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_a_zip_of_50_reports_is_checked_in_the_background_while_the_page_follows(page):
    from tasks.engines import engine

    with engine("database", settings_module="gongkai.settings") as eng:
        eng.run(USER)
        port = _free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "gongkai", "runserver", "--noreload", "--insecure", f"127.0.0.1:{port}"],
            env=eng.env, cwd=eng.root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            for _ in range(150):
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    time.sleep(0.2)
            page.goto(f"{base}/accounts/login/")
            page.get_by_label("用户名").fill("supervisor")
            page.get_by_label("密码").fill("test-pass-123")
            page.get_by_role("button", name="登录").click()
            page.wait_for_url(f"{base}/staff/")

            # Upload: the request only stores the files and queues them; nothing is checked yet.
            page.goto(f"{base}/staff/reports/audits/")
            page.get_by_label("名称").fill("2024年度全区年报核查")
            page.get_by_label("年度报告文件（可多选）").set_input_files(
                {"name": "全区.zip", "mimeType": "application/zip", "buffer": _zip_of_reports(50)}
            )
            page.get_by_role("button", name="解析并校验").click()
            expect(page.get_by_role("heading", name="2024年度全区年报核查")).to_be_visible()
            audit_url = page.url
            finished = page.get_by_test_id("audit-finished")
            expect(finished).to_have_text("0")
            expect(page.locator("#audit-rows tr")).to_have_count(50)
            expect(page.locator("#audit-rows tr.state-pending")).to_have_count(50)

            # A worker checks 20 files: the open page follows without reloading.
            assert eng.start_worker("--batch", "--max-tasks", "20").wait(timeout=300) == 0, eng.worker_logs()
            expect(finished).to_have_text("20", timeout=20_000)
            expect(page.locator("progress")).to_have_attribute("value", "20")
            expect(page.locator("#audit-rows tr.state-done")).to_have_count(20)
            expect(page.locator("#audit-rows tr.state-done").first).to_contain_text("一致")

            # Leave; the rest is checked while nobody watches; come back through the list.
            page.goto(f"{base}/staff/reports/audits/")
            assert eng.start_worker("--batch").wait(timeout=300) == 0, eng.worker_logs()
            page.get_by_role("link", name="2024年度全区年报核查").click()
            assert page.url == audit_url
            expect(finished).to_have_text("50")
            expect(page.locator("#audit-progress")).to_contain_text("已完成：已完成 50 / 50 份（100%）")
            expect(page.locator("#audit-rows tr.state-done")).to_have_count(50)
            expect(page.locator("#audit-rows tr", has_text="有错误")).to_have_count(5)
            expect(page.get_by_role("button", name="取消审查")).to_have_count(0)
            # One file's findings open in place.
            row = page.locator("#audit-rows tr", has_text="2024/09.html")
            row.get_by_text("详情").click()
            expect(row.locator(".audit-item-detail")).to_contain_text("错误")
        finally:
            server.terminate()
            server.wait(30)
