"""有效性: 有效 → 失效 / 废止 / 已修改, with dates; 规章 and 行政规范性文件 issue, amend, repeal."""

import datetime as dt

import pytest

from gongkai.catalog import services
from gongkai.catalog.models import CatalogItem, Genre, Validity
from gongkai.catalog.services import CatalogError


@pytest.fixture
def normative(cast, publish):
    def make(title="北京市门头沟区科技创新券管理办法", written=dt.date(2022, 3, 1), published=dt.date(2022, 3, 10)):
        item = services.issue_document(
            cast.dept_a,
            {"title": title, "genre": Genre.NORMATIVE, "doc_no": "门科信发[2022]1号", "written_on": written,
             "body": "<p>第一条 为规范……</p>", "formed_on": written}, acting_user=cast.handler_a,
        )
        return publish(item, published)

    return make


def test_documents_are_issued_under_article_20_item_1_with_a_normalised_doc_no(normative):
    doc = normative()
    assert doc.category == "20-1"
    assert doc.doc_no == "门科信发〔2022〕1号"
    assert doc.validity == Validity.VALID


def test_regulatory_genres_must_use_item_1(cast, make_item):
    with pytest.raises(CatalogError, match="第二十条第（一）项"):
        make_item(genre=Genre.REGULATION, category="20-11")


def test_repeal_needs_a_reason_and_a_date_not_before_issue(cast, normative):
    doc = normative()
    with pytest.raises(CatalogError, match="理由"):
        services.repeal_document(doc, dt.date(2023, 1, 1), "", acting_user=cast.handler_a)
    with pytest.raises(CatalogError, match="早于"):
        services.repeal_document(doc, dt.date(2021, 1, 1), "依据上位法调整", acting_user=cast.handler_a)
    services.repeal_document(doc, dt.date(2023, 6, 30), "依据上位法调整", acting_user=cast.handler_a)
    doc.refresh_from_db()
    assert (doc.validity, doc.validity_changed_on) == (Validity.REPEALED, dt.date(2023, 6, 30))
    assert doc.revisions.last().action == "validity_changed"
    with pytest.raises(CatalogError, match="不能再次变更"):
        services.change_validity(doc, Validity.EXPIRED, dt.date(2023, 7, 1), acting_user=cast.handler_a)


def test_validity_can_only_change_on_published_items(cast, make_item):
    item = make_item()
    with pytest.raises(CatalogError):
        services.change_validity(item, Validity.EXPIRED, dt.date(2024, 1, 1), acting_user=cast.handler_a)


def test_in_force_is_judged_by_date(cast, normative):
    doc = normative()
    services.change_validity(doc, Validity.EXPIRED, dt.date(2024, 3, 1), "有效期届满", acting_user=cast.handler_a)
    qs = CatalogItem.objects.filter(pk=doc.pk)
    assert qs.valid_on(dt.date(2022, 2, 1)).count() == 0  # not yet issued
    assert qs.valid_on(dt.date(2023, 12, 31)).count() == 1
    assert qs.valid_on(dt.date(2024, 3, 1)).count() == 0


def test_publishing_an_amendment_marks_the_old_text_amended(cast, normative, publish):
    old = normative()
    new = services.amend_document(old, {"title": "北京市门头沟区科技创新券管理办法（2024年修订）",
                                                        "doc_no": "门科信发〔2024〕2号", "written_on": dt.date(2024, 4, 1)}, acting_user=cast.handler_a)
    assert new.amends == old and new.genre == Genre.NORMATIVE
    old.refresh_from_db()
    assert old.validity == Validity.VALID  # nothing changes until the amendment is published
    publish(new, dt.date(2024, 4, 8))
    old.refresh_from_db()
    assert (old.validity, old.validity_changed_on) == (Validity.AMENDED, dt.date(2024, 4, 8))
    assert "修改" in old.validity_note
    with pytest.raises(CatalogError):
        services.amend_document(old, {}, acting_user=cast.handler_a)


def test_non_documents_cannot_be_repealed(cast, make_item, publish):
    item = publish(make_item())
    with pytest.raises(CatalogError, match="规章"):
        services.repeal_document(item, dt.date(2025, 1, 1), "x", acting_user=cast.handler_a)
