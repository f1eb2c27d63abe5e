"""正文 like an office writes it (issue 17 item 5): a Word (.docx) body imported with its headings, lists and
tables, through the upload validator (CATALOG policy), the sandbox and the sanitiser; the 落款 and 成文日期
right-aligned; the rich-text editor's output is the same sanitised HTML."""

import io

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from docx.enum.text import WD_ALIGN_PARAGRAPH

from gongkai.catalog.models import CatalogItem
from gongkai.catalog.sanitize import align_signature, clean_html
from gongkai.core.untrusted.docx_body import docx_to_html

from .test_staff_pages import form_data


def word_file() -> bytes:
    d = docx.Document()
    d.add_heading("关于开展科技创新券申领工作的通知", level=1)
    p = d.add_paragraph("各有关单位：")
    d.add_heading("一、申领条件", level=2)
    p = d.add_paragraph("注册地在本区的")
    p.add_run("科技型中小企业").bold = True
    p.add_run("。")
    d.add_paragraph("营业执照", style="List Number")
    d.add_paragraph("申领表", style="List Number")
    t = d.add_table(rows=3, cols=3)
    t.cell(0, 0).text, t.cell(0, 1).text, t.cell(0, 2).text = "类别", "额度（万元）", "备注"
    t.cell(1, 0).text, t.cell(1, 1).text, t.cell(1, 2).text = "研发", "20", "按季度兑付"
    t.cell(2, 0).merge(t.cell(2, 1)).text = "合计"
    t.cell(2, 2).text = "20"
    d.add_paragraph("特此通知。")
    d.add_paragraph("北京市门头沟区科学技术和信息化局").alignment = WD_ALIGN_PARAGRAPH.RIGHT
    d.add_paragraph("2026年3月2日").alignment = WD_ALIGN_PARAGRAPH.RIGHT
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def test_the_converter_keeps_headings_lists_tables_and_alignment():
    html = clean_html(docx_to_html(word_file()))
    assert "<h2>关于开展科技创新券申领工作的通知</h2>" in html
    assert "<h3>一、申领条件</h3>" in html
    assert "<p>注册地在本区的<strong>科技型中小企业</strong>。</p>" in html
    assert "<ol><li>营业执照</li><li>申领表</li></ol>" in html.replace("\n", "")
    assert "<td>额度（万元）</td>" in html and '<td colspan="2">合计</td>' in html
    assert html.endswith('<p class="right">北京市门头沟区科学技术和信息化局</p>\n<p class="right">2026年3月2日</p>')


@pytest.fixture
def handler(client, cast):
    client.force_login(cast.handler_a)
    return client


def test_a_word_body_is_imported_on_saving_and_shown_right_aligned(handler, cast):
    upload = SimpleUploadedFile("通知.docx", word_file())
    response = handler.post("/staff/catalog/new/", {**form_data(body=""), "body_docx": upload})
    assert response.status_code == 302, response.content.decode()[:2000]
    item = CatalogItem.objects.get()
    assert "<h3>一、申领条件</h3>" in item.body and "<table>" in item.body
    assert '<p class="right">2026年3月2日</p>' in item.body
    page = handler.get(f"/staff/catalog/{item.pk}/").content.decode()
    assert '<p class="right">北京市门头沟区科学技术和信息化局</p>' in page


def test_a_file_that_is_not_word_is_refused_and_the_typed_body_kept(handler):
    fake = SimpleUploadedFile("通知.docx", b"MZ\x90\x00 not a document")
    response = handler.post("/staff/catalog/new/", {**form_data(body="手写的正文"), "body_docx": fake})
    body = response.content.decode()
    assert response.status_code == 200 and not CatalogItem.objects.exists()
    assert "手写的正文" in body
    assert "body_docx" in body and "errorlist" in body
    doc = SimpleUploadedFile("通知.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    response = handler.post("/staff/catalog/new/", {**form_data(), "body_docx": doc})
    assert "请选择 .docx 格式的 Word 文档" in response.content.decode()


def test_a_broken_docx_gets_a_chinese_error():
    from gongkai.uploads import BodyImportError, docx_body_upload

    with pytest.raises(BodyImportError, match="无法读取"):
        docx_body_upload(b"PK\x03\x04" + b"\0" * 100, "坏.docx")


@pytest.mark.parametrize(("html", "expected"), [
    ("<p>特此通知。</p><p>区科信局</p><p>2026年3月2日</p>",
     '<p>特此通知。</p><p class="right">区科信局</p><p class="right">2026年3月2日</p>'),
    ("<p>特此通知。</p><p>区科信局</p><p>区财政局</p><p>二〇二六年三月二日</p>",
     '<p>特此通知。</p><p class="right">区科信局</p><p class="right">区财政局</p><p class="right">二〇二六年三月二日</p>'),
    # A sentence before the date is not a signature; a body that does not end with a date is untouched.
    ("<p>请于下列日期前报送：</p><p>2026年3月2日</p>", '<p>请于下列日期前报送：</p><p class="right">2026年3月2日</p>'),
    ("<p>区科信局</p><p>2026年3月2日前报送。</p>", "<p>区科信局</p><p>2026年3月2日前报送。</p>"),
])
def test_the_signature_and_date_that_end_a_body_are_right_aligned(html, expected):
    assert align_signature(html) == expected


def test_only_alignment_classes_survive_the_sanitiser():
    assert clean_html('<p class="right">a</p><p class="center">b</p><p class="evil">c</p><h2 class="right">d</h2>') \
        == '<p class="right">a</p><p class="center">b</p><p>c</p><h2>d</h2>'
