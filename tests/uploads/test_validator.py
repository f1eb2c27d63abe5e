"""The one upload validator: by content, not by name; one policy per purpose."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.uploads import (
    APPLICANT,
    CATALOG,
    CATALOG_IMPORT,
    REMEDY,
    REPORT_AUDIT,
    REPORT_IMPORT,
    STAFF_REPLY,
    check_upload,
    content_type_for,
    validate_upload,
    validate_uploads,
)

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 20
JPG = b"\xff\xd8\xff\xe0" + b"\0" * 20
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\0" * 200
ELF = b"\x7fELF\x02\x01\x01" + b"\0" * 200


def _zip(members):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members:
            z.writestr(name, data)
    return buf.getvalue()


DOCX = _zip([("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w:document/>")])
XLSX = _zip([("[Content_Types].xml", "<Types/>"), ("xl/workbook.xml", "<workbook/>")])
OFD = _zip([("OFD.xml", "<ofd:OFD/>"), ("Doc_0/Document.xml", "<x/>")])
ZIP = _zip([("数据/名单.csv", "姓名,电话\n"), ("说明.txt", "见附件")])


def up(name, data):
    return SimpleUploadedFile(name, data)


GOOD = {
    "a.pdf": PDF, "a.png": PNG, "a.jpg": JPG, "a.jpeg": JPG, "a.doc": OLE, "a.docx": DOCX, "a.ofd": OFD,
    "a.txt": "中文文本".encode("gb18030"), "a.xls": OLE, "a.xlsx": XLSX, "a.csv": "序号,名称\n1,甲\n".encode(),
    "a.zip": ZIP,
}


@pytest.mark.parametrize("name", ["a.pdf", "a.png", "a.jpg", "a.doc", "a.docx", "a.ofd", "a.txt"])
def test_applicants_keep_the_strict_list(name):
    assert check_upload(up(name, GOOD[name]), APPLICANT) is None


@pytest.mark.parametrize("name", ["a.xls", "a.xlsx", "a.csv", "a.zip"])
def test_applicants_may_not_upload_spreadsheets_or_archives(name):
    assert "类型不允许上传" in check_upload(up(name, GOOD[name]), APPLICANT)


@pytest.mark.parametrize("name", sorted(GOOD))
def test_staff_replies_also_accept_xls_xlsx_csv_zip_and_ofd(name):
    assert check_upload(up(name, GOOD[name]), STAFF_REPLY) is None


@pytest.mark.parametrize("policy", [APPLICANT, STAFF_REPLY, CATALOG, REMEDY, REPORT_IMPORT])
def test_an_executable_named_pdf_is_refused_by_every_policy(policy):
    assert check_upload(up("通知.pdf", EXE), policy) == f"{policy.noun}「通知.pdf」是可执行程序，不能上传。"
    assert "可执行程序" in check_upload(up("通知.docx", ELF), policy)


def test_the_content_must_match_the_extension():
    assert check_upload(up("假的.pdf", b"GIF89a...."), APPLICANT) == "附件「假的.pdf」的内容与扩展名不符（不是有效的 PDF 文件）。"
    assert "不是有效的 DOCX" in check_upload(up("a.docx", XLSX), APPLICANT)  # a ZIP, but not a Word file
    assert "不是有效的 XLSX" in check_upload(up("a.xlsx", DOCX), STAFF_REPLY)
    assert "不是有效的 OFD" in check_upload(up("a.ofd", ZIP), APPLICANT)
    assert "不是有效的 DOC" in check_upload(up("a.doc", PDF), APPLICANT)
    assert "不是文本文件" in check_upload(up("a.txt", b"\x00\x01binary"), APPLICANT)
    assert "不是文本文件" in check_upload(up("a.csv", bytes(range(128, 256)) * 4), STAFF_REPLY)


def test_empty_and_oversize_files_are_refused(settings):
    settings.UPLOAD_MAX_BYTES = 1024 * 1024
    assert check_upload(up("空.pdf", b""), APPLICANT) == "附件「空.pdf」是空文件。"
    big = up("大.pdf", PDF + b"0" * (1024 * 1024))
    assert check_upload(big, APPLICANT) == "附件「大.pdf」大小为1 MB，超过了1 MB的上限。"
    assert "文件「大.pdf」大小为" in check_upload(big, REMEDY)


def test_a_zip_with_an_executable_is_refused():
    assert "含有可执行程序（setup.exe）" in check_upload(up("a.zip", _zip([("setup.exe", EXE)])), STAFF_REPLY)
    disguised = _zip([("readme.txt", "x"), ("表格.xlsx", EXE)])
    assert "「表格.xlsx」是可执行程序" in check_upload(up("a.zip", disguised), STAFF_REPLY)


def test_a_zip_bomb_is_refused_before_inflating():
    bomb = _zip([("zeros.csv", b"0" * (30 * 1024 * 1024))])
    assert "压缩炸弹" in check_upload(up("数据.zip", bomb), STAFF_REPLY)
    assert "压缩炸弹" in check_upload(up("表.xlsx", _zip([("xl/workbook.xml", b" " * (30 * 1024 * 1024))])), STAFF_REPLY)


def test_catalog_attachments_and_imports():
    assert check_upload(up("图.gif", b"GIF89a" + b"\0" * 10), CATALOG) is None
    assert check_upload(up("包.rar", b"Rar!\x1a\x07\x00" + b"\0" * 10), CATALOG) is None
    assert check_upload(up("包.7z", b"7z\xbc\xaf\x27\x1c" + b"\0" * 10), CATALOG) is None
    assert check_upload(up("文.wps", OLE), CATALOG) is None
    assert "不是有效的 RAR" in check_upload(up("包.rar", EXE[2:]), CATALOG)
    assert check_upload(up("目录.csv", "标题\n甲\n".encode()), CATALOG_IMPORT) is None
    assert "类型不允许上传" in check_upload(up("目录.pdf", PDF), CATALOG_IMPORT)


def test_report_imports_accept_the_parsers_formats():
    for name, data in (("r.html", "<html>年度报告</html>".encode()), ("r.json", b"{}"), ("r.md", "# 报告".encode()),
                       ("r.pdf", PDF), ("r.docx", DOCX), ("r.xlsx", XLSX)):
        assert check_upload(up(name, data), REPORT_IMPORT) is None, name
    assert "类型不允许上传" in check_upload(up("r.zip", ZIP), REPORT_IMPORT)
    assert check_upload(up("r.zip", ZIP), REPORT_AUDIT) is None


def test_validate_upload_raises_a_chinese_validation_error():
    validate_upload(up("a.pdf", PDF), APPLICANT)
    with pytest.raises(ValidationError, match="类型不允许上传"):
        validate_upload(up("a.exe", EXE), APPLICANT)


def test_several_files_are_counted():
    files = [up(f"{i}.pdf", PDF) for i in range(6)]
    with pytest.raises(ValidationError, match="最多上传5个附件"):
        validate_uploads(files, APPLICANT)
    validate_uploads(files, STAFF_REPLY)


def test_stored_files_are_served_with_the_checked_type():
    assert content_type_for("答复.xlsx") == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert content_type_for("x.html") == "text/plain; charset=utf-8"  # never rendered as a page of the site
    assert content_type_for("x.unknown") == "application/octet-stream"
