"""The 政府信息公开指南 (条例第十二条) of the demo agencies has every element, generated from their data, and
its 申请表 downloads as DOCX and PDF with the online form's fields (issue 17 item 2; docs/law.md §10.2)."""

import datetime as dt
import io
import re
from html import unescape

import pytest

from gongkai.agencies import demo as agencies_demo
from gongkai.agencies.models import Agency
from gongkai.audit.models import AuditEvent
from gongkai.cases.forms import ApplicationForm
from gongkai.core.law.fees import fee_by_volume, fee_per_piece, tier_table
from gongkai.portal.guide import NOT_ON_PAPER
from printcheck import check_print, libreoffice_pdf, page_texts

DEMO_SLUGS = [a[0] for a in agencies_demo.AGENCIES]
# 行政复议法第二十四条: a department's 复议机关 is the 本级人民政府; the county government's the city's
REVIEW_BODY = {"mtg": "北京市人民政府"}


@pytest.fixture
def demo_agencies(db):
    ctx = agencies_demo.DemoContext(today=dt.date(2026, 3, 2), log=lambda s: None)
    agencies_demo.load(ctx, password="demo-pass-2026")
    return ctx


def _text(html: str) -> str:
    return unescape(re.sub(r"\s+", "", re.sub(r"<[^>]+>", "", html)))


def _section(html: str, anchor: str) -> str:
    m = re.search(rf'<section aria-labelledby="{anchor}">(.*?)</section>', html, re.S)
    assert m, f"no section {anchor}"
    return _text(m.group(1))


@pytest.mark.parametrize("slug", DEMO_SLUGS)
def test_every_article_12_element_is_on_the_demo_guide(client, demo_agencies, slug):
    agency = Agency.objects.get(slug=slug)
    response = client.get(f"/gk/{slug}/")
    assert response.status_code == 200
    html = response.content.decode()
    # 分类: every 第二十条/第二十一条 category
    classes = _section(html, "g1")
    assert "政府信息的分类" in classes and "第二十条第（一）项" in classes and "第二十一条" in classes
    # 编排体系: the 索引号 rule with this agency's 前段码
    assert "索引号" in _section(html, "g2") and agency.code in _section(html, "g2")
    # 获取方式: 主动公开 and 依申请公开
    obtaining = _section(html, "g3")
    assert "主动公开" in obtaining and "依申请公开" in obtaining
    # 工作机构: 名称、地址、时间、电话、传真、网址 from the agency record
    office = _section(html, "g4")
    for value in (agency.disclosure_office, agency.address, agency.office_hours, agency.phone, agency.fax,
                  agency.website, agency.email):
        assert value and value.replace(" ", "") in office, value
    # 办理流程 with 期限 (the clock's constants)
    steps = _section(html, "g5")
    for words in ("收到申请之日", "7个工作日内告知补正", "20个工作日", "延长不超过20个工作日", "15个工作日", "第三十一条"):
        assert words in steps, words
    # 收费标准: the fee engine's tiers, which are what the engine charges
    fees = _section(html, "g6")
    for rows in tier_table().values():
        for span, rate in rows:
            assert span in fees and rate in fees, (span, rate)
    assert "109号" in fees
    assert (fee_per_piece(10), fee_per_piece(11), fee_per_piece(31), fee_per_piece(41)) == (0, 100, 200, 300)
    assert (fee_by_volume(30).amount_yuan, fee_by_volume(31).amount_yuan, fee_by_volume(101).amount_yuan) == (0, 10, 700 + 20)
    # 救济途径: the 复议机关 and the court named
    remedies = _section(html, "g7")
    review_body = REVIEW_BODY.get(slug, "北京市门头沟区人民政府")
    assert f"行政复议机关{review_body}" in remedies and f"向{review_body}申请行政复议" in remedies
    assert agency.court and f"向{agency.court}提起行政诉讼" in remedies
    # 申请表 downloads
    downloads = _section(html, "g8")
    assert "申请表" in downloads
    assert f'href="/gk/{slug}/form.docx"' in html and f'href="/gk/{slug}/form.pdf"' in html


def _form_labels() -> list[str]:
    form = ApplicationForm()
    return [f.label for name, f in form.fields.items() if name not in NOT_ON_PAPER]


@pytest.mark.parametrize("slug", DEMO_SLUGS)
def test_both_application_forms_download_with_the_online_forms_fields(client, demo_agencies, slug):
    from docx import Document

    agency = Agency.objects.get(slug=slug)
    docx = client.get(f"/gk/{slug}/form.docx")
    assert docx.status_code == 200 and "attachment" in docx["Content-Disposition"]
    assert docx["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    doc = Document(io.BytesIO(docx.content))
    cells = {c.text for t in doc.tables for r in t.rows for c in r.cells}
    text = "\n".join([p.text for p in doc.paragraphs] + sorted(cells))
    pdf = client.get(f"/gk/{slug}/form.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF") and "attachment" in pdf["Content-Disposition"]
    pdf_text = "".join("".join(lines) for lines in page_texts(pdf.content))
    for label in [*_form_labels(), "申请人签名或者盖章", "申请日期", "政府信息公开申请表", agency.name]:
        assert label in text, label
        assert label.replace(" ", "")[:12] in pdf_text, label  # long labels wrap inside their cell
    assert "□自然人" in text and "□纸质" in text and "□邮寄" in text  # choices as check boxes
    check_print(pdf.content)


def test_the_docx_form_prints_in_libreoffice_like_the_pdf(client, demo_agencies, tmp_path):
    docx = client.get("/gk/mtg-kxj/form.docx").content
    pdf = libreoffice_pdf(docx, tmp_path, "form")
    pages = check_print(pdf)
    assert pages <= 2
    assert any("所需政府信息的名称" in line for p in page_texts(pdf) for line in p)


def test_the_home_page_links_the_governments_guide_and_the_columns(client, demo_agencies):
    body = client.get("/").content.decode()
    for href in ('href="/gk/mtg/"', 'href="/gk/mtg/rules/"', 'href="/gk/mtg/catalog/"', 'href="/gk/mtg/reports/"',
                 'href="/gk/mtg/apply/"', 'href="/zfxxgk/"', 'href="/deadline/"'):
        assert href in body, href
    assert "政府信息公开指南" in body


@pytest.mark.parametrize("path", ["/gk/{slug}/", "/gk/{slug}/rules/", "/gk/{slug}/catalog/", "/gk/{slug}/reports/",
                                  "/gk/{slug}/apply/"])
def test_every_column_page_shows_the_five_columns(client, demo_agencies, path):
    body = client.get(path.format(slug="mtg-kxj")).content.decode()
    nav = re.search(r'<nav class="tabs column-nav"[^>]*>(.*?)</nav>', body, re.S).group(1)
    assert [unescape(t) for t in re.findall(r">([^<>]+)</a>", nav)] == [
        "政府信息公开指南", "政府信息公开制度", "法定主动公开内容", "政府信息公开年报", "依申请公开"]
    assert nav.count('aria-current="page"') == 1


def test_the_column_index_lists_every_agency(client, demo_agencies):
    body = client.get("/zfxxgk/").content.decode()
    for slug in DEMO_SLUGS:
        assert f'href="/gk/{slug}/rules/"' in body and f'href="/gk/{slug}/apply/"' in body


def test_staff_edit_the_guide_texts_and_the_rules_list(client, cast):
    url = f"/staff/portal/guide/{cast.dept_a.slug}/"
    client.force_login(cast.handler_a)
    response = client.post(url, {"foreword": "本指南于2026年3月更新。", "obtaining": "政府信息查阅场所：区档案馆一层。",
                                 "rules": "区科信局政府信息公开保密审查制度｜https://example.gov.cn/bm.html\n区科信局依申请公开办理规程"})
    assert response.status_code == 302
    guide = client.get(f"/gk/{cast.dept_a.slug}/").content.decode()
    assert "本指南于2026年3月更新。" in guide and "政府信息查阅场所：区档案馆一层。" in guide
    rules = client.get(f"/gk/{cast.dept_a.slug}/rules/").content.decode()
    assert '<a href="https://example.gov.cn/bm.html" rel="noopener">区科信局政府信息公开保密审查制度</a>' in rules
    assert "区科信局依申请公开办理规程" in rules and "国办公开办函〔2019〕61号" in rules
    event = AuditEvent.objects.filter(action="portal.guide_updated").get()
    assert event.action_label == "修改政府信息公开指南" and set(event.details["fields"]) == {"foreword", "obtaining", "rules"}


def test_only_the_agencys_handler_edits_its_guide(client, cast):
    from permissions import assert_no_access

    url = f"/staff/portal/guide/{cast.dept_a.slug}/"
    assert_no_access(client, cast.handler_b, [url])
    assert_no_access(client, cast.reviewer_a, [url])
    assert_no_access(client, None, [url])


def test_the_sitemap_lists_the_new_columns(client, demo_agencies):
    index = client.get("/sitemap.xml").content.decode()
    assert "sitemap-columns.xml" in index
    columns = client.get("/sitemap-columns.xml").content.decode()
    assert "/gk/mtg-kxj/rules/" in columns and "/gk/mtg/apply/" in columns
    assert "/zfxxgk/" in client.get("/sitemap-pages.xml").content.decode()


def test_an_unknown_form_format_is_a_404(client, cast):
    assert client.get(f"/gk/{cast.dept_a.slug}/form.doc").status_code == 404
    assert client.get("/gk/no-such-agency/form.pdf").status_code == 404
