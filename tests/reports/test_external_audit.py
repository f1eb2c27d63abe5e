"""Auditing external published reports in a batch: parse, check, findings per agency, last year (Y1)."""

import io
import json
import zipfile
from pathlib import Path

import pytest

from gongkai.core.report.render import render
from gongkai.core.report.schema import Report
from gongkai.reports import services
from gongkai.reports.models import ExternalAudit

SEED = Path(__file__).parent / "data" / "seed_2022.txt"


def _report(agency, year, r1, r4, r2=0):
    report = Report.blank(year=year, agency=agency, title=f"{agency}{year}年政府信息公开工作年度报告")
    for key, value in (("R1", r1), ("R2", r2), ("R3g", r1 + r2 - r4), ("R3a", r1 + r2 - r4), ("R4", r4)):
        report.table3[key][0].value = value
        report.table3[key][-1].value = value
    return report


def _files():
    a23 = _report("北京市门头沟区教育委员会", 2023, 10, 2)
    a24 = _report("北京市门头沟区教育委员会", 2024, 5, 0, r2=3)  # last year carried 2 over, not 3 (Y1)
    b24 = _report("北京市门头沟区财政局", 2024, 4, 1)
    broken = _report("北京市门头沟区生态环境局", 2024, 4, 1)
    broken.table3["R1"][-1].value = 9  # 总计 ≠ sum of the columns (H2) and H1 fails
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("2024/财政局.html", render(b24, "html"))
        z.writestr("2024/生态环境局.json", json.dumps(broken.to_json(provenance=False), ensure_ascii=False))
        z.writestr("readme.exe", b"ignored")
    return [
        ("jw_2023.html", render(a23, "html").encode()),
        ("jw_2024.docx", render(a24, "docx")),
        ("seed.txt", SEED.read_bytes()),
        ("scan.pdf", b"%PDF-1.4 not really a pdf"),
        ("batch.zip", archive.getvalue()),
    ]


def test_a_batch_is_parsed_checked_and_compared_with_last_year(cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        audit = services.audit_external_reports("2024年度各部门年报抽查", _files(), cast.gov, acting_user=cast.supervisor)
    audit.refresh_from_db()
    assert audit.state == "done" and audit.total == 6
    items = {i.filename: i for i in audit.items.all()}
    assert set(items) == {"jw_2023.html", "jw_2024.docx", "seed.txt", "scan.pdf", "batch.zip/2024/财政局.html",
                          "batch.zip/2024/生态环境局.json"}
    assert items["scan.pdf"].parse_error and items["scan.pdf"].error_count == 0
    seed = items["seed.txt"]
    assert seed.agency_name == "北京市门头沟区科学技术和信息化局" and seed.year == 2022 and seed.error_count == 0

    jw = items["jw_2024.docx"]
    assert jw.previous == items["jw_2023.html"] and "jw_2023.html" in jw.previous_label
    y1 = [f for f in jw.findings if f["rule"] == "Y1"]
    assert y1 and "previous.table3.R4.total" in {c for f in y1 for c in f["cells"]}
    assert items["batch.zip/2024/财政局.html"].error_count == 0
    broken = items["batch.zip/2024/生态环境局.json"]
    assert {f["rule"] for f in broken.findings} >= {"H1", "H2"}


def test_the_audit_pages(client, cast, django_capture_on_commit_callbacks):
    client.force_login(cast.supervisor)
    assert client.get("/staff/reports/audits/").status_code == 200
    uploads = [io.BytesIO(content) for _name, content in _files()]
    for upload, (name, _content) in zip(uploads, _files(), strict=True):
        upload.name = name
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/staff/reports/audits/new/", {"title": "抽查", "files": uploads})
    audit = ExternalAudit.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/staff/reports/audits/{audit.pk}/"
    body = client.get(response["Location"]).content.decode()
    assert "北京市门头沟区教育委员会" in body and "有错误" in body and "无法读取" in body
    assert "every 1s" not in body  # done: the page no longer polls
    scan = audit.items.get(filename="scan.pdf")
    detail = client.get(f"/staff/reports/audits/{audit.pk}/items/{scan.pk}/").content.decode()
    assert "无法解析" in detail
    jw = audit.items.get(filename="jw_2024.docx")
    detail = client.get(f"/staff/reports/audits/{audit.pk}/items/{jw.pk}/").content.decode()
    assert "与上年对比" in detail and "不一致" in detail
    # Other supervisors do not see this batch; agency staff cannot audit.
    client.force_login(cast.other_supervisor)
    for url in ("", "progress/", f"items/{jw.pk}/"):
        assert client.get(f"/staff/reports/audits/{audit.pk}/{url}").status_code == 404
    assert client.post(f"/staff/reports/audits/{audit.pk}/cancel/").status_code == 404
    client.force_login(cast.head_a)
    assert client.get("/staff/reports/audits/").status_code == 403


def test_an_empty_upload_gets_a_chinese_error(client, cast):
    client.force_login(cast.supervisor)
    response = client.post("/staff/reports/audits/new/", {"title": "抽查"})
    assert response.status_code == 400 and "请上传至少一个文件" in response.content.decode()
    assert "服务器目录" not in response.content.decode()  # the folder option is for administrators


def test_administrators_can_point_at_a_server_folder(cast, tmp_path, django_capture_on_commit_callbacks):
    for name, content in _files():
        (tmp_path / name).write_bytes(content)
    with django_capture_on_commit_callbacks(execute=True):
        audit = services.audit_external_reports("目录", services.read_folder(str(tmp_path)), acting_user=cast.admin)
    assert audit.items.count() == 6 and not audit.items.exclude(state="done").exists()
    with pytest.raises(services.ReportBlocked, match="目录不存在"):
        services.read_folder(str(tmp_path / "nope"))
