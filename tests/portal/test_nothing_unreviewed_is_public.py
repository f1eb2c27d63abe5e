"""Nothing unreviewed (or withdrawn) reaches any public surface: pages, search, feeds, API,
sitemap, CSV, attachments, 公众号 rendering."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.catalog import services

MARK = "甲乙丙丁戊己"  # in every hidden title and body; never typed into a query
SECRET = MARK + "涉密草稿"
PUBLIC = "已经公开的科技政策"


@pytest.fixture
def items(cast, make_item, publish):
    published = publish(make_item(f"{PUBLIC}通知", body="<p>公开正文。</p>"), dt.date(2024, 5, 6))
    draft = make_item(f"{SECRET}（草稿）", body=f"<p>{SECRET}</p>")
    services.add_attachment(draft, SimpleUploadedFile("机密.pdf", b"%PDF-1.4 secret"), acting_user=cast.handler_a)
    in_review = make_item(f"{SECRET}（待审）", body=f"<p>{SECRET}</p>")
    services.submit_for_review(in_review, acting_user=cast.handler_a)
    approved = make_item(f"{SECRET}（已审未发）", body=f"<p>{SECRET}</p>")
    services.submit_for_review(approved, acting_user=cast.handler_a)
    services.approve_review(approved, acting_user=cast.reviewer_a)
    withdrawn = publish(make_item(f"{SECRET}（已撤回）", body=f"<p>{SECRET}</p>"), dt.date(2024, 5, 7))
    services.withdraw_item(withdrawn, "误发", acting_user=cast.handler_a)
    rejected = make_item(f"{SECRET}（退回）", body=f"<p>{SECRET}</p>")
    services.submit_for_review(rejected, acting_user=cast.handler_a)
    services.reject_review(rejected, "涉密", acting_user=cast.reviewer_a)
    hidden = [draft, in_review, approved, withdrawn, rejected]
    return published, hidden, draft


def _urls(cast):
    slug = cast.dept_a.slug
    return [
        "/", "/catalog/", "/search/?q=涉密", f"/search/?q={PUBLIC}", "/search/?q=草稿",
        "/search/?q=涉密草稿", f"/gk/{slug}/", f"/gk/{slug}/catalog/", f"/gk/{slug}/catalog/?category=20-11",
        f"/gk/{slug}/catalog/?q=涉密",
        f"/feeds/{slug}/rss.xml", f"/feeds/{slug}/atom.xml", f"/feeds/{slug}/20-11/rss.xml",
        f"/feeds/{slug}/20-11/atom.xml",
        "/sitemap.xml", "/sitemap-items.xml",
        "/api/items", "/api/items?q=涉密草稿", "/api/items?q=涉密", f"/api/items?agency={slug}",
        "/api/items.csv", "/api/items.csv?q=涉密", f"/api/agencies/{slug}",
    ]


def _text(response):
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def test_public_surfaces_show_the_published_item_and_nothing_else(client, cast, items):
    published, hidden, _ = items
    seen_public = 0
    for url in _urls(cast):
        response = client.get(url)
        assert response.status_code == 200, url
        body = _text(response)
        assert MARK not in body, url
        for item in hidden:
            assert f"/item/{item.pk}/" not in body, url
        seen_public += PUBLIC in body or f"/item/{published.pk}/" in body
    assert seen_public >= 11  # the published item does show on the list surfaces


def test_hidden_items_have_no_public_page_api_record_wechat_page_or_attachment(client, cast, items):
    _, hidden, draft = items
    slug = cast.dept_a.slug
    for item in hidden:
        assert client.get(f"/gk/{slug}/item/{item.pk}/").status_code == 404
        assert client.get(f"/gk/{slug}/item/{item.pk}/wechat/").status_code == 404
        assert client.get(f"/api/items/{item.pk}").status_code == 404
    att = draft.attachments.get()
    assert client.get(f"/gk/{slug}/item/{draft.pk}/attachments/{att.pk}/").status_code == 404
    client.force_login(cast.handler_b)  # staff of another agency: still not found
    assert client.get(f"/gk/{slug}/item/{draft.pk}/attachments/{att.pk}/").status_code == 404
    client.force_login(cast.reviewer_a)  # the agency's own reviewer may open it before publication
    response = client.get(f"/gk/{slug}/item/{draft.pk}/attachments/{att.pk}/")
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1.4 secret"


def test_an_item_of_an_inactive_agency_is_not_public(client, cast, items):
    published, _, _ = items
    cast.dept_a.is_active = False
    cast.dept_a.save()
    assert client.get(f"/gk/{cast.dept_a.slug}/item/{published.pk}/").status_code == 404
    assert f"/item/{published.pk}/" not in _text(client.get(f"/search/?q={PUBLIC}"))
    assert client.get("/api/items").json()["count"] == 0
