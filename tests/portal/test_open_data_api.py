"""Read-only JSON API (items, agencies, annual report tables) and the CSV export."""

import csv
import datetime as dt
import io

import pytest

from gongkai.catalog.models import Genre


@pytest.fixture
def data(cast, make_item, publish):
    policy = publish(make_item("关于支持科技创新的若干措施", doc_no="门科信发〔2023〕1号", keywords="科技，创新",
                               category="20-1", genre=Genre.NORMATIVE, written_on=dt.date(2023, 2, 20)),
                     dt.date(2023, 3, 1))
    reading = publish(make_item("政策解读：科技创新若干措施", genre=Genre.INTERPRETATION, interprets=[policy.pk]),
                      dt.date(2023, 3, 2))
    older = publish(make_item("2021年工作总结", category="20-15"), dt.date(2021, 12, 30))
    return policy, reading, older


def test_items_list_with_filters_and_paging(client, cast, data):
    policy, reading, older = data
    body = client.get("/api/items").json()
    assert body["count"] == 3 and not body["capped"]
    assert [r["id"] for r in body["results"]] == [reading.pk, policy.pk, older.pk]
    first = body["results"][1]
    assert first["index_no"] == policy.index_no and first["doc_no"] == "门科信发〔2023〕1号"
    assert first["keywords"] == ["科技", "创新"] and first["validity"] == "valid" and first["validity_label"] == "有效"
    assert first["category_label"].startswith("第二十条第（一）项")
    assert client.get("/api/items", {"year": 2021}).json()["count"] == 1
    assert client.get("/api/items", {"q": "科技", "category": "20-1"}).json()["results"][0]["id"] == policy.pk
    assert client.get("/api/items", {"agency": cast.dept_b.slug}).json()["count"] == 0
    assert client.get("/api/items", {"agency": "unknown-agency"}).json()["count"] == 0
    page2 = client.get("/api/items", {"per_page": 2, "page": 2}).json()
    assert [r["id"] for r in page2["results"]] == [older.pk]


@pytest.mark.parametrize("params, message", [
    ({"year": "abc"}, "须为整数"), ({"year": "1800"}, "之间"), ({"per_page": "0"}, "之间"),
    ({"category": "20-99"}, "无效"), ({"agency": "坏/标识"}, "格式"), ({"q": "长" * 201}, "200"),
])
def test_bad_parameters_get_a_chinese_400(client, data, params, message):
    response = client.get("/api/items", params)
    assert response.status_code == 400
    assert message in response.json()["error"]


def test_item_detail_has_body_attachments_and_links_both_ways(client, data):
    policy, reading, _ = data
    body = client.get(f"/api/items/{policy.pk}").json()
    assert body["interpretations"] == [reading.pk] and body["interprets"] == []
    assert client.get(f"/api/items/{reading.pk}").json()["interprets"] == [policy.pk]
    assert "<p>" in body["body_html"] and body["wechat_url"].endswith(f"/item/{policy.pk}/wechat/")
    assert client.get("/api/items/999999").status_code == 404
    assert client.get("/api/items/abc").status_code == 400


def test_agencies_carry_the_guide_facts(client, cast, data):
    body = client.get("/api/agencies").json()
    slugs = [a["slug"] for a in body["results"]]
    assert cast.dept_a.slug in slugs
    one = client.get(f"/api/agencies/{cast.dept_a.slug}").json()
    assert one["code"] == cast.dept_a.code and set(one["guide"]) >= {"address", "office_hours", "phone", "fax"}
    assert client.get("/api/agencies/nobody").status_code == 404


def test_reports_endpoint_lists_published_reports_or_nothing(client, data):
    body = client.get("/api/reports").json()
    assert body == {"count": len(body["results"]), "results": body["results"]}
    assert client.get("/api/reports", {"year": "x"}).status_code == 400


def test_csv_export_uses_the_import_columns(client, cast, data):
    response = client.get("/api/items.csv", {"agency": cast.dept_a.slug, "q": "若干措施"})
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:3] == ["索引号", "标题", "文号"]
    assert {r[1] for r in rows[1:]} == {"关于支持科技创新的若干措施", "政策解读：科技创新若干措施"}
    assert rows[1][8].startswith("第二十") and rows[1][-1].startswith("http://testserver/gk/")


def test_the_openapi_document_is_served(client, db):
    doc = client.get("/api/openapi.json").json()
    assert doc["openapi"].startswith("3.") and "/api/items" in doc["paths"]
    assert "openapi.json" in client.get("/api/").content.decode()


def test_the_csv_export_neutralises_formulas(client, cast, make_item, publish):
    publish(make_item('=HYPERLINK("http://evil.example/","点击")', keywords="@SUM(1+1)"), dt.date(2023, 3, 1))
    text = b"".join(client.get("/api/items.csv").streaming_content).decode("utf-8-sig")
    row = list(csv.reader(io.StringIO(text)))[1]
    assert row[1] == """'=HYPERLINK("http://evil.example/","点击")""" and row[11] == "'@SUM(1+1)"
