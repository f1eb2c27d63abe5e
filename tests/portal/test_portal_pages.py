"""Public portal pages: 指南 (第十二条), 目录 by category and theme, item pages, 公众号 rendering."""

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.catalog import services
from gongkai.catalog.models import Genre


def _docx() -> bytes:
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return buf.getvalue()


@pytest.fixture
def site(cast, make_item, publish):
    a = cast.dept_a
    a.disclosure_office = "区科信局办公室"
    a.address = "北京市门头沟区新桥南大街1号"
    a.office_hours = "工作日 9:00-12:00，13:30-17:30"
    a.phone = "010-69800000"
    a.fax = "010-69800001"
    a.email = "gongkai@example.gov.cn"
    a.save()
    policy = make_item("门头沟区促进科技创新若干措施", doc_no="门科信发〔2023〕5号", subject="科技、教育",
                       category="20-1", genre=Genre.NORMATIVE, written_on=dt.date(2023, 4, 1),
                       body='<h2>一、总则</h2><p>为促进科技创新<a href="https://www.gov.cn/">（国务院）</a>。</p>'
                            "<table><tr><th>项目</th><td>金额</td></tr></table>")
    services.add_attachment(policy, SimpleUploadedFile("申报表.docx", _docx()), acting_user=cast.handler_a)
    publish(policy, dt.date(2023, 4, 6))
    reading = publish(make_item("《门头沟区促进科技创新若干措施》政策解读", genre=Genre.INTERPRETATION,
                                subject="科技、教育", interprets=[policy.pk]), dt.date(2023, 4, 7))
    budget = publish(make_item("2023年部门预算", category="20-7", subject="财政、金融、审计"), dt.date(2023, 2, 1))
    return policy, reading, budget


def test_the_guide_shows_the_article_12_facts_from_the_agency_record(client, cast, site):
    body = client.get(f"/gk/{cast.dept_a.slug}/").content.decode()
    for fact in ("区科信局办公室", "北京市门头沟区新桥南大街1号", "工作日 9:00-12:00", "010-69800000", "010-69800001",
                 "gongkai@example.gov.cn", "政府信息的分类", "编排体系", "获取方式", cast.dept_a.code):
        assert fact in body, fact
    assert "第二十条第（七）项" in body  # the categories, with links where items exist
    assert f"/gk/{cast.dept_a.slug}/catalog/?category=20-7" in body


def test_the_catalog_browses_by_category_and_theme(client, cast, site):
    policy, reading, budget = site
    url = f"/gk/{cast.dept_a.slug}/catalog/"
    body = client.get(url).content.decode()
    assert all(f"/item/{i.pk}/" in body for i in site)
    assert "科技、教育" in body and "财政、金融、审计" in body  # theme menu with counts
    by_cat = client.get(url, {"category": "20-7"}).content.decode()
    assert f"/item/{budget.pk}/" in by_cat and f"/item/{policy.pk}/" not in by_cat
    by_theme = client.get(url, {"subject": "科技、教育"}).content.decode()
    assert f"/item/{policy.pk}/" in by_theme and f"/item/{budget.pk}/" not in by_theme
    bad = client.get(url, {"year": "二〇二三"})
    assert bad.status_code == 200 and "年度须为四位数字" in bad.content.decode()


def test_the_item_page_shows_metadata_attachments_and_both_interpretation_links(client, cast, site):
    policy, reading, _ = site
    slug = cast.dept_a.slug
    body = client.get(f"/gk/{slug}/item/{policy.pk}/").content.decode()
    for text in (policy.index_no, "门科信发〔2023〕5号", "2023-04-01", "2023-04-06", "行政规范性文件", "有效",
                 "科技、教育", "第二十条第（一）项", "申报表.docx", "政策解读", reading.title):
        assert text in body, text
    att = policy.attachments.get()
    download = client.get(f"/gk/{slug}/item/{policy.pk}/attachments/{att.pk}/")
    assert download.status_code == 200 and "attachment" in download["Content-Disposition"]
    back = client.get(f"/gk/{slug}/item/{reading.pk}/").content.decode()
    assert "解读的政策" in back and f"/item/{policy.pk}/" in back


def test_a_repealed_document_says_so(client, cast, site):
    policy = site[0]
    services.repeal_document(policy, dt.date(2024, 6, 30), "被新办法替代", acting_user=cast.handler_a)
    body = client.get(f"/gk/{cast.dept_a.slug}/item/{policy.pk}/").content.decode()
    assert "本文件已废止" in body and "2024年6月30日" in body and "被新办法替代" in body


def test_the_wechat_rendering_is_inline_styled_and_script_free(client, cast, site):
    policy = site[0]
    body = client.get(f"/gk/{cast.dept_a.slug}/item/{policy.pk}/wechat/").content.decode()
    start = body.index('id="wechat-content">') + len('id="wechat-content">')
    html = body[start:body.index("</section></div>", start) + len("</section>")]
    assert html.startswith("<section style=")
    assert "<script" not in html and "class=" not in html and "<style" not in html
    assert "<a " not in html and "（链接：https://www.gov.cn/）" in html
    for tag in ("<h1 style=", "<h2 style=", "<p style=", "<table style=", "<th style=", "<td style="):
        assert tag in html, tag
    assert policy.index_no in html and "门科信发〔2023〕5号" in html


def test_feeds_per_agency_and_category(client, cast, site):
    policy, reading, budget = site
    slug = cast.dept_a.slug
    atom = ET.fromstring(client.get(f"/feeds/{slug}/atom.xml").content)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    titles = [e.findtext("a:title", namespaces=ns) for e in atom.findall("a:entry", ns)]
    assert titles == [reading.title, policy.title, budget.title]  # newest first
    rss = ET.fromstring(client.get(f"/feeds/{slug}/20-7/rss.xml").content)
    assert [i.findtext("title") for i in rss.iter("item")] == [budget.title]
    assert client.get(f"/feeds/{slug}/20-99/rss.xml").status_code == 404
    assert client.get("/feeds/no-such-agency/rss.xml").status_code == 404


def test_the_sitemap_lists_agency_pages_and_items(client, cast, site):
    index = client.get("/sitemap.xml").content.decode()
    assert "sitemap-items.xml" in index
    items = client.get("/sitemap-items.xml").content.decode()
    assert all(f"/gk/{cast.dept_a.slug}/item/{i.pk}/" in items for i in site)
    assert f"/gk/{cast.dept_a.slug}/" in client.get("/sitemap-agencies.xml").content.decode()


def test_the_reports_page_has_an_empty_state(client, db):
    body = client.get("/reports/").content.decode()
    assert "年度报告" in body


def test_pages_are_phone_friendly_and_labelled(client, cast, site):
    body = client.get("/search/?q=科技").content.decode()
    assert 'name="viewport"' in body
    assert '<label for="id_q"' in body and 'role="search"' in body
    assert '<html lang="zh-CN">' in body


def test_the_guide_links_to_the_application_form_when_there_is_one(client, cast, site):
    from django.urls import NoReverseMatch, reverse

    try:
        url = reverse("cases:apply-agency", args=[cast.dept_a.slug])
    except NoReverseMatch:
        pytest.skip("the cases app has no per-agency application form")
    assert f'href="{url}"' in client.get(f"/gk/{cast.dept_a.slug}/").content.decode()


@pytest.mark.parametrize("query", ["page=abc", "page=-1", "agency=no-such-agency", "year=1800", "category=99"])
def test_bad_browse_parameters_get_a_chinese_message(client, cast, site, query):
    for url in ("/search/", "/catalog/", f"/gk/{cast.dept_a.slug}/catalog/"):
        response = client.get(f"{url}?{query}")
        body = response.content.decode()
        assert response.status_code == 200, url
        assert 'class="message error"' in body and "Page" not in body, url
