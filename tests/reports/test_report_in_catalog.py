"""A published annual report is public information: listed in the 公开目录, searchable, withdrawn with it."""

import pytest

from gongkai.audit.models import AuditEvent
from gongkai.catalog.models import CatalogItem, Status
from gongkai.catalog.search import search
from gongkai.catalog.text import parse_index_no
from gongkai.reports import services
from gongkai.reports.models import ReportStatus


def _published(cast, year=2025):
    obj = services.compute_report(cast.dept_a, year, acting_user=cast.head_a)
    obj = services.save_report_text(
        obj, acting_user=cast.head_a, section1=obj.section1.replace("（请填写）", "加强平台建设和监督保障。"),
        section5="一是解读形式不够丰富；二是将进一步规范依申请公开。", section6=obj.section6,
    )
    obj = services.approve_report(services.submit_report(obj, acting_user=cast.head_a), acting_user=cast.supervisor)
    return services.publish_report(obj, acting_user=cast.supervisor, formats=("json",))


def test_publishing_a_report_lists_it_in_the_catalog(cast):
    obj = _published(cast)
    item = obj.catalog_item
    assert item is not None and item.status == Status.PUBLISHED and item.agency == cast.dept_a
    assert item.title == "北京市门头沟区科学技术和信息化局2025年政府信息公开工作年度报告"
    assert item.category == "20-15" and item.reviewed_by == cast.supervisor
    index = parse_index_no(item.index_no)
    assert index is not None and index.prefix == cast.dept_a.code.replace("-", "")
    assert obj.public_url() in item.body and "加强平台建设和监督保障" in item.body_text
    # Listed and searchable like any other item, in simplified or traditional characters.
    assert [i.pk for i in search("2025年政府信息公开工作年度报告").items] == [item.pk]
    assert [i.pk for i in search("年度報告 2025").items] == [item.pk]
    assert CatalogItem.objects.public().filter(pk=item.pk).exists()
    assert AuditEvent.objects.for_object(item).filter(action="catalog.item_published").exists()


def test_withdrawing_the_report_withdraws_its_item_and_republishing_keeps_the_index_no(cast):
    obj = _published(cast)
    item, index_no = obj.catalog_item, obj.catalog_item.index_no
    with pytest.raises(services.ReportBlocked, match="说明理由"):
        services.withdraw_report(obj, " ", acting_user=cast.supervisor)
    obj = services.withdraw_report(obj, "表三数字有误，更正后重新公开", acting_user=cast.supervisor)
    item.refresh_from_db()
    assert obj.status == ReportStatus.APPROVED and item.status == Status.WITHDRAWN
    assert search("2025年政府信息公开工作年度报告").total == 0
    assert AuditEvent.objects.for_object(obj).filter(action="report.withdrawn").exists()
    obj = services.publish_report(obj, acting_user=cast.supervisor, formats=("json",))
    item.refresh_from_db()
    assert obj.catalog_item_id == item.pk and item.status == Status.PUBLISHED and item.index_no == index_no
    assert CatalogItem.objects.filter(title=item.title).count() == 1
