"""HTML (charset, spans), DOCX built with python-docx, XLSX, JSON interchange, file sniffing."""

from __future__ import annotations

import io
import json

import pytest

from gongkai.core.report.parse import ParseError, parse_bytes, parse_file
from gongkai.core.report.schema import Report

_T3_HEAD = (
    '<tr><td colspan="3" rowspan="3">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td>'
    '<td colspan="7">申请人情况</td></tr>'
    '<tr><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td><td rowspan="2">总计</td></tr>'
    "<tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>"
)


def _html(charset: str, agency: str) -> str:
    return (
        f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}"></head><body>'
        f"<p>{agency}2023年政府信息公开工作年度报告</p><p>一、总体情况</p>"
        f"<p>三、收到和处理政府信息公开申请情况</p><table>{_T3_HEAD}"
        '<tr><td colspan="3">一、本年新收政府信息公开申请数量</td><td>5</td><td>&nbsp;</td><td></td><td></td><td>1</td>'
        "<td></td><td>6</td></tr>"
        '<tr><td rowspan="20">三、本年度办理结果</td><td colspan="2">（一）予以公开</td>'
        "<td>4</td><td></td><td></td><td></td><td>1</td><td></td><td>5</td></tr>"
        '<tr><td rowspan="8">（三）不予公开</td><td>1.属于国家秘密</td>'
        "<td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>1</td></tr>"
        "</table></body></html>"
    )


def test_gb2312_declared_page_with_gbk_only_characters():
    html = _html("gb2312", "朱镕堃县人民政府")  # 镕 and 堃 are not in GB2312
    r = parse_bytes(html.encode("gb18030"), "report.html")
    assert r.agency == "朱镕堃县人民政府"
    assert r.source["encoding"] == "gb18030"
    assert [c.value for c in r.table3["R1"]] == [5, None, None, None, 1, None, 6]
    assert [c.value for c in r.table3["R3a"]] == [4, None, None, None, 1, None, 5]
    assert r.table3["R3c1"][6].source == "表格1 第6行第10列"  # grid position after span expansion


def test_utf8_page_without_meta_is_sniffed_as_html():
    r = parse_bytes(_html("", "测试区人民政府").replace("charset=", "").encode("utf-8"))
    assert r.source["kind"] == "html" and r.year == 2023


def _docx_bytes() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("测试市测试局2022年政府信息公开工作年度报告")
    document.add_paragraph("一、总体情况")
    document.add_paragraph("三、收到和处理政府信息公开申请情况")
    table = document.add_table(rows=4, cols=10)
    head = table.cell(0, 0).merge(table.cell(2, 2))  # the 勾稽 note spans 3×3
    head.text = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    table.cell(0, 3).merge(table.cell(0, 9)).text = "申请人情况"
    for i, label in enumerate(
        ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")
    ):
        table.cell(1, 3 + i).text = label
    label = table.cell(3, 0).merge(table.cell(3, 2))  # colspan 3: repeated in row.cells
    label.text = "一、本年新收政府信息公开申请数量"
    for i, v in enumerate(("7", "1", "", "", "", "0", "8")):
        table.cell(3, 3 + i).text = v
    document.add_paragraph("六、其他需要报告的事项")
    document.add_paragraph("本年度发出收费通知的件数为1件，总金额为100元，实际收取的总金额为100元。")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_docx_with_merged_cells():
    r = parse_bytes(_docx_bytes(), "report.docx")
    assert (r.year, r.agency, r.source["kind"]) == (2022, "测试市测试局", "docx")
    assert [c.value for c in r.table3["R1"]] == [7, 1, None, None, None, 0, 8]
    assert (r.fees.notices.value, r.fees.noticed_total_yuan.value, r.fees.collected_yuan.value) == (
        1,
        100,
        100,
    )


def test_xlsx_rows_and_merged_ranges():
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["测试县人民政府2021年政府信息公开工作年度报告"])
    ws.append(["三、收到和处理政府信息公开申请情况"])
    ws.append(["一、本年新收政府信息公开申请数量", None, None, 3, 0, 0, 0, 0, 0, 3])
    ws.merge_cells("A3:C3")
    ws.append(["四、结转下年度继续办理", None, None, 1, None, None, None, None, None, 1])
    ws.merge_cells("A4:C4")
    out = io.BytesIO()
    wb.save(out)
    r = parse_bytes(out.getvalue(), "r.xlsx")
    assert [c.value for c in r.table3["R1"]] == [3, 0, 0, 0, 0, 0, 3]
    assert [c.value for c in r.table3["R4"]] == [1, None, None, None, None, None, 1]
    assert r.table3["R4"][6].source == "工作表Sheet J4"


def test_json_interchange_round_trip(samples):
    report = parse_file(samples / "001_huaian_szf_2024_layout.txt")
    back = parse_bytes(json.dumps(report.to_json(), ensure_ascii=False).encode(), "r.json")
    assert back.values() == report.values()
    with pytest.raises(ParseError, match="表三"):
        parse_bytes(b'{"table3": {"not a label": [1,2,3,4,5,6,7]}}', "bad.json")
    with pytest.raises(ParseError, match="7列"):
        parse_bytes(json.dumps({"table3": {"（七）总计": [1, 2]}}, ensure_ascii=False).encode(), "bad.json")


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "x.txt", "空的"),
        (b"%PDF-1.7\nnot really", "x.pdf", "PDF"),
        (b"PK\x03\x04broken", "x.docx", "损坏"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "x.doc", ".doc"),
        (b"\x00\x01\x02\x03" * 50, "x.bin", "二进制"),
        (b"hello", "x.docx", "不是有效的 Office"),
    ],
)
def test_unreadable_inputs_get_a_clear_message(data, name, message):
    with pytest.raises(ParseError, match=message) as info:
        parse_bytes(data, name)
    assert not info.value.internal


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(ParseError, match="文件不存在"):
        parse_file(tmp_path / "nope.txt")
    with pytest.raises(ParseError, match="目录"):
        parse_file(tmp_path)


def test_pdf_without_text_layer(tmp_path):
    pdf = (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj "
        b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
        b"xref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000052 00000 n \n0000000101 00000 n \n"
        b"trailer<</Size 4/Root 1 0 R>>\nstartxref\n165\n%%EOF"
    )
    with pytest.raises(ParseError, match="没有文字层"):
        parse_bytes(pdf, "scan.pdf")


def test_report_values_shape_is_the_interchange():
    assert set(Report().values()) >= {
        "table2",
        "table3",
        "table4",
        "fees",
        "format_version",
        "year",
        "agency",
    }


def test_pathologically_nested_html_is_read_as_text_in_linear_time():
    import time

    start = time.process_time()
    with pytest.raises(ParseError) as info:
        parse_bytes(b"<div>" * 100_000 + "无关内容".encode(), "deep.html")
    assert not info.value.internal
    assert time.process_time() - start < 5
