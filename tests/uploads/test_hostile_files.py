"""Hostile files in the real upload paths: each fails alone with a Chinese message, nothing else is lost.

The files are generated (tests/untrusted/hostile.py); the CPU limit is small here to keep the run short.
The wall-time limit is not: the good files must finish within it too, and a sandboxed parse of a small
report (a fork of the fork server, milliseconds of parsing) took up to 3.3 s on a machine at load 9 — with
5 s a good file could be stopped by chance. The hostile files here spin, so the CPU limit stops them.
"""

import io
import time

import pytest
from django.test import override_settings

from core.untrusted import hostile
from gongkai.catalog.importer import run_import
from gongkai.core.report.render import render
from gongkai.core.report.schema import Report
from gongkai.reports import services
from gongkai.reports.services import ReportBlocked

LIMITS = override_settings(GONGKAI_PARSE_LIMITS={"cpu_seconds": 1, "wall_seconds": 20, "memory_mb": 500})

HOSTILE = {
    "merged.xlsx": hostile.xlsx_merged_bomb,
    "bomb.xlsx": hostile.xlsx_compression_bomb,
    "nested.pdf": hostile.pdf_nested,
    "huge-content.pdf": hostile.pdf_huge_content,
    "bomb.docx": hostile.docx_bomb,
    "wide-table.docx": hostile.docx_wide_table,
    "bomb.zip": hostile.zip_bomb,
    "many.zip": hostile.zip_many,
}


def _good():
    report = Report.blank(year=2024, agency="北京市门头沟区财政局", title="北京市门头沟区财政局2024年政府信息公开工作年度报告")
    report.table3["R1"][0].value = report.table3["R1"][-1].value = 4
    return render(report, "html").encode()


@LIMITS
def test_a_batch_of_hostile_files_fails_file_by_file(cast, monkeypatch, django_capture_on_commit_callbacks):
    from gongkai.reports import batch

    # A batch ZIP is a container of up to batch.MAX_FILES reports; here its limit is the one of other archives.
    monkeypatch.setattr(batch, "MAX_FILES", 2000)
    files = [(name, make()) for name, make in HOSTILE.items()] + [("good.html", _good())]
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):  # one background task per file, run here
        audit = services.audit_external_reports("恶意文件", files, cast.gov, acting_user=cast.supervisor)
    elapsed = time.monotonic() - started
    audit.refresh_from_db()
    assert audit.state == "done"
    items = {i.filename: i for i in audit.items.all()}
    assert set(items) == set(HOSTILE) | {"good.html"}
    assert not items["good.html"].parse_error and items["good.html"].agency_name == "北京市门头沟区财政局"
    for name in HOSTILE:
        message = items[name].parse_error
        assert message, name
        assert any("\u4e00" <= ch <= "\u9fff" for ch in message), (name, message)
    for name in ("bomb.xlsx", "bomb.docx", "bomb.zip"):
        assert "压缩炸弹" in items[name].parse_error
    assert "超过2000个的上限" in items["many.zip"].parse_error
    for name in ("merged.xlsx", "huge-content.pdf"):  # stopped by a limit (CPU, memory or wall time)
        assert "已停止解析" in items[name].parse_error, items[name].parse_error
    assert elapsed < 60


@LIMITS
def test_an_imported_report_that_hangs_is_refused_with_a_reason(cast):
    with pytest.raises(ReportBlocked, match="无法读取该文件：文件「merged.xlsx」.*已停止解析"):
        services.import_previous_report(cast.dept_a, 2020, "merged.xlsx", hostile.xlsx_merged_bomb(), acting_user=cast.handler_a)


@LIMITS
def test_a_hostile_catalogue_import_fails_alone(cast):
    report = run_import(cast.handler_a, cast.dept_a, "bomb.xlsx", hostile.xlsx_compression_bomb())
    assert "压缩炸弹" in report.file_error
    report = run_import(cast.handler_a, cast.dept_a, "merged.xlsx", hostile.xlsx_merged_bomb())
    assert report.file_error  # read-only openpyxl survives the merged range; then the headers are missing
    csv_ok = "标题,公开类别,发布日期,正文\n甲,20-1,2020-01-01,正文\n".encode()
    assert run_import(cast.handler_a, cast.dept_a, "ok.csv", csv_ok).file_error == ""


@LIMITS
def test_archives_of_one_request_share_one_budget(cast):
    one_mb = bytes(range(256)) * 4096
    buf = io.BytesIO()
    import zipfile

    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("a.txt", one_mb)
        z.writestr("b.txt", one_mb)
    archive = buf.getvalue()
    with override_settings(AUDIT_MAX_BYTES=3 * 1024 * 1024), pytest.raises(ReportBlocked, match="请分批上传"):
        services.audit_external_reports("两个压缩包", [("1.zip", archive), ("2.zip", archive)], acting_user=cast.supervisor)
