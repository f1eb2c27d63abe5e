"""Statutory notices: numbered, DOCX with East Asian fonts, PDF, per-agency templates in a sandbox."""

import io

import pytest
from docx import Document as Docx

from gongkai.cases.actions.base import CaseError
from gongkai.cases.actions.reply import approve_reply, draft_reply
from gongkai.cases.documents import rendering, templates
from gongkai.cases.documents.editing import save_template
from gongkai.cases.models import Document
from gongkai.core.vocabulary import Outcome

pytestmark = pytest.mark.django_db


def test_documents_are_numbered_per_agency_and_year(cast, register):
    a = register()
    b = register()
    c = register(agency=cast.dept_b, actor=cast.handler_b)
    numbers = [x.documents.get().number for x in (a, b, c)]
    assert numbers == ["门科信公开〔2026〕第1号", "门科信公开〔2026〕第2号", "区教委公开〔2026〕第1号"]


def test_docx_has_the_text_and_east_asian_fonts(cast, register):
    case = register()
    doc = case.documents.get()
    data = rendering.to_docx(rendering.Rendered.of(doc))
    d = Docx(io.BytesIO(data))
    text = "\n".join(p.text for p in d.paragraphs)
    assert "政府信息公开申请受理回执" in text and doc.number in text and "张三：" in text
    xml = d.element.xml
    assert 'w:eastAsia="仿宋_GB2312"' in xml and 'w:eastAsia="方正小标宋简体"' in xml  # GB/T 9704 body and title faces


def test_pdf_renders_the_notice(cast, register):
    import pdfplumber

    case = register(info_title='<img src="file:///etc/passwd">')
    data = rendering.to_pdf(rendering.Rendered.of(case.documents.get()))
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        text = "".join(page.extract_text() or "" for page in pdf.pages)
        fonts = {c["fontname"] for page in pdf.pages for c in page.chars}
    assert "受理回执" in text and "门科信公开〔2026〕第1号" in text
    assert rendering.FONT_FILE.exists()
    assert any("Gongkai-Serif-SC" in f for f in fonts)  # the shipped subset font, not only a fallback


def test_the_download_views(client, cast, register):
    case = register()
    doc = case.documents.get()
    client.force_login(cast.handler_a)
    resp = client.get(f"/staff/cases/{case.pk}/documents/{doc.pk}.docx")
    assert resp.status_code == 200 and resp.content[:2] == b"PK"
    assert resp["Content-Disposition"].lower().startswith("attachment; filename*=utf-8''")  # RFC 6266/5987: the 中文 name
    html = client.get(f"/staff/cases/{case.pk}/documents/{doc.pk}/").content.decode()
    assert "受理回执" in html
    assert client.get(f"/staff/cases/{case.pk}/documents/{doc.pk}.txt").status_code == 404


def test_values_are_escaped(cast, register):
    case = register(info_title="<script>alert(1)</script>")
    body = case.documents.get().body
    assert "<script>" not in body and "&lt;script&gt;" in body
    assert "<script>" in rendering.Rendered.of(case.documents.get()).text()  # plain text for e-mail and DOCX


@pytest.mark.parametrize(
    "source",
    ["{% load static %}x", "{% include 'base.html' %}", "{% extends 'base.html' %}", "{% debug %}", "{{ x|bogus }}",
     "{% if %}", "{{ addressee|safe }}", "{% autoescape off %}{{ x }}{% endautoescape %}"],
)
def test_unsafe_or_broken_templates_are_refused(cast, source):
    with pytest.raises(CaseError):
        save_template(cast.dept_a, "receipt", acting_user=cast.admin, title="回执", body=source)


def test_an_agency_template_changes_new_notices_only(client, cast, register, agency_ready):
    first = register()
    old = first.documents.get()
    client.force_login(cast.admin)
    url = f"/staff/cases/templates/receipt/?agency={cast.dept_a.pk}"
    assert "addressee" in client.get(url).content.decode()
    resp = client.post(url, {"agency": cast.dept_a.pk, "title": "受理通知",
                             "body": "{{ addressee }}：\n本局已收到您的申请（{{ case_number }}）。\n{{ remedy|default:'' }}"})
    assert resp.status_code == 302
    second = register()
    new = second.documents.get()
    assert new.title == "受理通知" and "本局已收到您的申请（2026-0002）" in new.body
    old.refresh_from_db()
    assert "本局已收到" not in old.body  # issued documents are frozen
    client.post(url, {"agency": cast.dept_a.pk, "reset": "1"})
    assert register().documents.get().title == "政府信息公开申请受理回执"
    # Other agencies keep their own texts; staff without TEMPLATE_MANAGE cannot edit.
    assert register(agency=cast.dept_b, actor=cast.handler_b).documents.get().title == "政府信息公开申请受理回执"
    client.force_login(cast.handler_a)
    assert client.post(url, {"agency": cast.dept_a.pk, "title": "x", "body": "y"}).status_code == 403


def test_a_template_syntax_error_gets_a_chinese_message(client, cast):
    client.force_login(cast.admin)
    resp = client.post(f"/staff/cases/templates/reply.disclose/?agency={cast.dept_a.pk}",
                       {"agency": cast.dept_a.pk, "title": "答复书", "body": "{% if x %}没有结束"})
    assert resp.status_code == 400 and "模板语法错误" in resp.content.decode()
    assert "没有结束" in resp.content.decode()


def test_every_default_template_renders(cast):
    for key in templates.TEMPLATE_KEYS:
        title, body = templates.DEFAULT_TEMPLATES[key]
        assert templates.paragraphs(templates.render_text(body, templates.sample_context())), key


def test_reply_documents_are_kept_with_the_case(cast, register, agency_ready):
    case = register()
    draft_reply(case, acting_user=cast.handler_a, outcome=Outcome.DISCLOSE, body="提供。")
    approve_reply(case, acting_user=cast.reviewer_a)
    assert list(Document.objects.filter(case=case).values_list("kind", flat=True)) == ["receipt", "reply"]
