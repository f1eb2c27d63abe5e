"""Bulk import from CSV/XLSX: a dry run reports every bad row; nothing is imported unless asked."""

import datetime as dt
import io

import pytest
from openpyxl import Workbook

from gongkai.catalog import services
from gongkai.catalog.importer import run_import
from gongkai.catalog.models import CatalogItem, Status, Validity

HEADER = "索引号,标题,文号,成文日期,发布日期,主题分类,体裁,公开类别,有效性,失效/废止日期,正文\n"


def csv_bytes(rows: list[str], encoding="utf-8-sig") -> bytes:
    return (HEADER + "\n".join(rows) + "\n").encode(encoding)


@pytest.fixture
def good_rows(cast):
    code = cast.dept_a.code
    return [
        f"{code}/2021-00007,关于印发科技项目管理办法的通知,门科信发[2021]2号,2021-03-01,2021-03-05,科技、教育,"
        "行政规范性文件,第二十条第（一）项,废止,2023-01-01,第一条……",
        ",2021年部门决算,,,2022年8月30日,\"财政、金融、审计\",财政预决算,20-7,,,决算说明",
    ]


def test_a_clean_file_imports_into_review_keeping_numbers_dates_and_validity(cast, good_rows, publish):
    report = run_import(cast.handler_a, cast.dept_a, "old.csv", csv_bytes(good_rows), mode="all")
    assert report.ok and report.rows == 2 and report.imported == 2
    doc = CatalogItem.objects.get(title="关于印发科技项目管理办法的通知")
    assert doc.status == Status.IN_REVIEW  # an import publishes nothing by itself
    assert doc.index_no == f"{cast.dept_a.code}/2021-00007" and doc.doc_no == "门科信发〔2021〕2号"
    assert (doc.validity, doc.validity_changed_on) == (Validity.REPEALED, dt.date(2023, 1, 1))
    assert doc.revisions.filter(action="imported", note__contains="第2行").exists()
    publish_date = CatalogItem.objects.get(title="2021年部门决算").published_on
    assert publish_date == dt.date(2022, 8, 30)
    services.approve_review(doc, acting_user=cast.reviewer_a)
    services.publish_item(doc, acting_user=cast.handler_a)
    doc.refresh_from_db()
    assert doc.published_on == dt.date(2021, 3, 5) and doc.index_no.endswith("2021-00007")
    # The counter moved past the imported number: the next 2021 item gets 00008.
    item = services.create_draft(cast.dept_a, {"title": "补录", "category": "20-15", "body": "<p>x</p>"}, acting_user=cast.handler_a)
    publish(item, dt.date(2021, 6, 1))
    assert item.index_no.endswith("/2021-00008")


def test_the_dry_run_reports_every_bad_row_with_column_and_reason(cast, good_rows):
    code = cast.dept_a.code
    bad = [
        good_rows[0],
        ",,无标题,2021-01-01,2021-01-02,科技、教育,通知公告,20-11,,,x",                      # row 3: 标题
        ",日期错误,,2021-13-01,昨天,科技、教育,通知公告,20-11,,,x",                          # row 4: dates
        ",类别错误,,,2021-01-02,不存在的主题,奇怪体裁,第九十九条,永久,,x",                    # row 5: four columns
        f"{code}/2021-00007,重复索引号,,,2021-01-02,科技、教育,通知公告,20-11,,,x",          # row 6: duplicate of row 2
        ",规范性文件类别不对,,,2021-01-02,科技、教育,行政规范性文件,20-11,,,x",              # row 7
        ",失效无日期,,,2021-01-02,科技、教育,通知公告,20-11,失效,,x",                        # row 8
        "坏索引号,格式错误,,,2021-01-02,科技、教育,通知公告,20-11,,,x",                      # row 9
    ]
    report = run_import(cast.handler_a, cast.dept_a, "bad.csv", csv_bytes(bad), mode="dry_run")
    assert report.dry_run and report.imported == 0 and not CatalogItem.objects.exists()
    assert report.rows == 8 and report.good == 1
    assert report.bad_rows == [3, 4, 5, 6, 7, 8, 9]
    messages = [str(e) for e in report.errors]
    assert "第3行「标题」列：不能为空。" in messages
    assert any(m.startswith("第4行「成文日期」列：日期「2021-13-01」无法识别") for m in messages)
    assert any(m.startswith("第4行「发布日期」列：日期「昨天」无法识别") for m in messages)
    row5 = {e.column for e in report.errors if e.row == 5}
    assert row5 == {"主题分类", "体裁", "公开类别", "有效性"}
    assert any("第6行「索引号」列：索引号与第2行重复" in m for m in messages)
    assert any(m.startswith("第7行「公开类别」列：规章和行政规范性文件") for m in messages)
    assert any(m.startswith("第8行「失效/废止日期」列") for m in messages)
    assert any(m.startswith("第9行「索引号」列：索引号「坏索引号」格式不正确") for m in messages)


def test_all_or_nothing_unless_good_rows_only_is_chosen(cast, good_rows):
    rows = good_rows + [",,缺标题,,2021-01-02,科技、教育,通知公告,20-11,,,x"]
    report = run_import(cast.handler_a, cast.dept_a, "mixed.csv", csv_bytes(rows), mode="all")
    assert not report.ok and report.imported == 0 and not CatalogItem.objects.exists()
    report = run_import(cast.handler_a, cast.dept_a, "mixed.csv", csv_bytes(rows), mode="good_only")
    assert report.imported == 2 and CatalogItem.objects.count() == 2


def test_xlsx_and_gb18030_csv_are_read(cast, good_rows):
    wb = Workbook()
    ws = wb.active
    ws.append(["标题", "公开类别", "发布日期", "成文日期", "正文"])
    ws.append(["XLSX 导入的通知", "第二十条第（十一）项", dt.datetime(2020, 5, 6), "2020/05/01", "正文"])
    ws.append(["没有正文", "20-11", "2020-05-07", None, None])
    buf = io.BytesIO()
    wb.save(buf)
    report = run_import(cast.handler_a, cast.dept_a, "old.xlsx", buf.getvalue(), mode="good_only")
    assert report.imported == 1 and [str(e) for e in report.errors] == [
        "第3行「正文」列：正文和内容概述不能同时为空（送保密审查需要其一）。"]
    assert CatalogItem.objects.get(title="XLSX 导入的通知").published_on == dt.date(2020, 5, 6)
    gbk = run_import(cast.handler_a, cast.dept_a, "gbk.csv", csv_bytes(good_rows[1:], "gb18030"), mode="dry_run")
    assert gbk.ok and gbk.good == 1


def test_file_level_problems_are_explained(cast):
    assert "缺少必需的列" in run_import(cast.handler_a, cast.dept_a, "x.csv", "标题\n甲\n".encode()).file_error
    assert "空" in run_import(cast.handler_a, cast.dept_a, "x.csv", b"").file_error
    assert "CSV 或 XLSX" in run_import(cast.handler_a, cast.dept_a, "x.pdf", b"%PDF").file_error
    assert "XLSX" in run_import(cast.handler_a, cast.dept_a, "x.xlsx", b"not a zip").file_error
    unknown = run_import(cast.handler_a, cast.dept_a, "x.csv", "标题,公开类别,发布日期,备注\n甲,20-1,2020-01-01,x\n".encode())
    assert any(e.row == 1 and e.column == "备注" for e in unknown.errors)


def test_the_import_page_runs_a_dry_run(client, cast, good_rows, django_capture_on_commit_callbacks):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(cast.handler_a)
    upload = SimpleUploadedFile("old.csv", csv_bytes(good_rows + [",,缺标题,,2021-01-02,,,20-11,,,x"]))
    with django_capture_on_commit_callbacks(execute=True):  # the check runs as a task after the commit
        response = client.post("/staff/catalog/import/", {"file": upload, "mode": "dry_run"})
    body = client.get(response["Location"]).content.decode()
    assert "共 3 行，无误 2 行，有误 1 行" in body and "这是检查，没有导入任何数据" in body
    assert not CatalogItem.objects.exists()
    assert "索引号" in client.get("/staff/catalog/import/template.csv").content.decode("utf-8-sig")
