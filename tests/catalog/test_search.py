"""One search API over title, body, 文号, 索引号 (SQLite FTS5 trigram + short-term fallback; pg_trgm)."""

import datetime as dt

import pytest
from django.db import connection

from gongkai.catalog import search as search_mod
from gongkai.catalog import services
from gongkai.catalog.models import Genre
from gongkai.catalog.search import SearchFilters, highlight, parse_terms, search, snippet


@pytest.fixture
def corpus(cast, make_item, publish):
    items = {
        "budget": publish(make_item("北京市门头沟区科学技术和信息化局2022年部门预算", category="20-7",
                                    body="<p>按照区财政局统一部署，现公开2022年部门预算及“三公”经费预算。</p>"),
                          dt.date(2022, 2, 10)),
        "coupon": publish(make_item("关于开展科技创新券申领工作的通知", doc_no="门科信发[2022]3号",
                                    body="<p>申领对象为区内中小企业，预算总额500万元。</p>"), dt.date(2022, 4, 1)),
        "plan": publish(make_item("门头沟区“十四五”时期科技创新发展规划", category="20-3", genre=Genre.PLAN,
                                  body="<p>到2025年，全区科技创新能力显著提升。</p>"), dt.date(2021, 12, 1)),
    }
    draft = make_item("尚未审查的预算调整方案", body="<p>内部讨论稿：预算调整。</p>")
    services.submit_for_review(draft, acting_user=cast.handler_a)
    items["draft"] = draft
    return items


def ids(results):
    return [i.pk for i in results.items]


def test_the_backend_follows_the_database():
    expected = {"sqlite": "sqlite-fts5-trigram", "postgresql": "postgresql-pg_trgm"}[connection.vendor]
    assert search_mod.get_backend().name == expected


def test_two_character_terms_are_found(corpus):
    r = search("预算")
    assert set(ids(r)) == {corpus["budget"].pk, corpus["coupon"].pk}
    assert r.total == 2


def test_single_character_terms_are_found(corpus):
    assert corpus["coupon"].pk in ids(search("券"))


def test_longer_terms_use_the_full_text_index(corpus):
    assert ids(search("科技创新券")) == [corpus["coupon"].pk]
    assert ids(search("三公经费")) == []  # the body says “三公”经费: not a substring
    assert ids(search("部门预算")) == [corpus["budget"].pk]


def test_terms_are_anded_and_mixed_lengths_work(corpus):
    assert ids(search("科技 规划")) == [corpus["plan"].pk]
    assert ids(search("中小企业 预算")) == [corpus["coupon"].pk]


def test_doc_no_and_index_no_are_searchable_in_any_bracket_style(corpus):
    coupon = corpus["coupon"]
    assert ids(search("门科信发〔2022〕3号")) == [coupon.pk]
    assert ids(search("门科信发[2022]3号")) == [coupon.pk]
    assert ids(search("门科信发（2022）3号")) == [coupon.pk]
    assert ids(search(coupon.index_no)) == [coupon.pk]
    assert ids(search(coupon.index_no.split("/")[1])) == [coupon.pk]  # the 后段码 alone


def test_unpublished_items_are_never_found(corpus):
    assert corpus["draft"].pk not in ids(search("预算调整"))
    assert ids(search("内部讨论稿")) == []


def test_title_matches_rank_before_body_matches(corpus):
    r = search("预算")
    assert ids(r)[0] == corpus["budget"].pk  # title hit, although the coupon notice is newer


def test_filters(corpus, cast):
    assert ids(search("", SearchFilters(category="20-3"))) == [corpus["plan"].pk]
    assert set(ids(search("预算", SearchFilters(year=2022)))) == {corpus["budget"].pk, corpus["coupon"].pk}
    assert ids(search("科技", SearchFilters(year=2021))) == [corpus["plan"].pk]
    assert ids(search("科技", SearchFilters(agency=cast.dept_b.pk))) == []
    assert len(ids(search("科技", SearchFilters(agency=cast.dept_a.pk)))) == 2
    assert ids(search("", SearchFilters(validity="repealed"))) == []


def test_the_index_follows_edits(cast, corpus, publish):
    coupon = corpus["coupon"]
    services.withdraw_item(coupon, "更正标题", acting_user=cast.handler_a)
    services.reopen_item(coupon, acting_user=cast.handler_a)
    services.update_draft(coupon, {"title": "关于开展高新技术企业认定工作的通知"}, acting_user=cast.handler_a)
    publish(coupon)
    assert ids(search("高新技术企业")) == [coupon.pk]
    assert ids(search("科技创新券")) == []


def test_paging_across_ranking_tiers(cast, make_item, publish):
    for i in range(5):
        publish(make_item(f"公告{i}：数据公开", body="<p>x</p>"), dt.date(2023, 1, 2 + i))
    for i in range(4):
        publish(make_item(f"通知{i}", body="<p>有关数据的说明</p>"), dt.date(2023, 2, 1 + i))
    seen = []
    for page in (1, 2, 3):
        r = search("数据", page=page, per_page=4)
        assert r.total == 9
        seen += [i.title for i in r.items]
    assert seen[:5] == [f"公告{i}：数据公开" for i in (4, 3, 2, 1, 0)]
    assert seen[5:] == [f"通知{i}" for i in (3, 2, 1, 0)]


def test_counts_stop_at_the_cap(cast, make_item, publish, monkeypatch):
    monkeypatch.setattr(search_mod, "COUNT_CAP", 4)
    monkeypatch.setattr(search_mod, "SCAN_COUNT_CAP", 3)  # single characters: found by scanning
    for i in range(5):
        publish(make_item(f"信息公开{i}"))
    r = search("开", per_page=2)
    assert r.capped and r.total == 3 and r.total_label == "3 条以上" and r.pages == 2
    r = search("信息公开", per_page=2)  # an indexed term counts further
    assert r.capped and r.total == 4 and r.pages == 2
    assert len(search("信息公开", per_page=2, page=9).items) == 2  # the page is clamped to the last one


def test_query_parsing_and_presentation():
    assert parse_terms("  科技　创新  科技 ") == ["科技", "创新"]
    assert parse_terms("京发[2020]1号") == ["京发〔2020〕1号"]
    assert parse_terms("政務ＡＢ") == ["政务", "ab"]
    assert str(highlight("<b>科技</b>创新", ["科技"])) == "&lt;b&gt;<mark>科技</mark>&lt;/b&gt;创新"
    assert "<mark>关键</mark>" in str(snippet("甲" * 200 + "关键" + "乙" * 200, ["关键"]))


def test_traditional_input_finds_simplified_text_and_back(cast, make_item, publish):
    simplified = publish(make_item("关于做好2024年政务公开工作的通知", body="<p>进一步加强政务公开。</p>"), dt.date(2024, 3, 1))
    traditional = publish(make_item("關於政務公開標準化的實施意見", body="<p>推進基層政務公開。</p>"), dt.date(2024, 4, 1))
    both = {simplified.pk, traditional.pk}
    assert set(ids(search("政務公開"))) == both  # traditional query (≥3 characters: trigram index)
    assert set(ids(search("政务公开"))) == both  # simplified query finds the traditional item
    assert set(ids(search("政務"))) == both  # two characters: bigram index
    assert set(ids(search("務"))) == both  # one character: scan
    assert ids(search("標準化")) == [traditional.pk]
    # Highlighting marks the original characters the folded term matched.
    assert str(highlight("關於政務公開", parse_terms("政务"))) == "關於<mark>政務</mark>公開"


def test_word_order_of_han_and_digits_does_not_matter(cast, make_item, publish):
    report = publish(make_item("2024年部门决算", category="20-7"), dt.date(2025, 8, 1))
    other = publish(make_item("2023年部门决算", category="20-7"), dt.date(2023, 8, 1))  # (索引号 hold the year)
    for query in ("部门决算2024", "2024年部门决算", "2024 部门决算", "部门决算 2024", "部門決算２０２４"):
        assert ids(search(query)) == [report.pk], query
    assert set(ids(search("部门决算"))) == {report.pk, other.pk}
    assert parse_terms("部门决算2024") == ["部门决算", "2024"]
    assert parse_terms("京科发〔2020〕3号") == ["京科发〔2020〕3号"]  # 文号 stay whole
    assert parse_terms("第3号 GB/T9704") == ["第3号", "gb/t9704"]
