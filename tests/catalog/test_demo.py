"""The demo catalogue matches the seed report's 2022 figures and loads idempotently."""

import datetime as dt
from types import SimpleNamespace

import pytest

from gongkai.catalog import demo
from gongkai.catalog.models import CatalogItem, Status
from gongkai.catalog.reporting import published_count, table2_for
from gongkai.core.vocabulary import TABLE2_2021


@pytest.mark.slow
def test_demo_matches_the_seed_report_and_is_idempotent(cast):
    lines = []
    ctx = SimpleNamespace(
        agencies={"mtg-kxj": cast.dept_a}, users={"kxj_handler": cast.handler_a, "kxj_reviewer": cast.reviewer_a},
        today=dt.date(2026, 11, 27), log=lines.append,
    )
    demo.load(ctx)
    assert published_count(cast.dept_a, 2022) == 70
    t = table2_for(cast.dept_a, 2022)
    assert t["行政规范性文件"] == {"本年制发件数": 4, "本年废止件数": 0, "现行有效件数": 4}
    assert t["规章"] == {"本年制发件数": 0, "本年废止件数": 0, "现行有效件数": 0}
    assert all(v == 0 for block in TABLE2_2021[1:] for row in block.rows for v in t[row].values())
    assert CatalogItem.objects.filter(status=Status.PUBLISHED, published_on__year__in=(2024, 2025)).count() == 12
    assert CatalogItem.objects.filter(status=Status.IN_REVIEW).count() == 2
    reading = CatalogItem.objects.get(title__startswith="《门头沟区支持科技创新发展若干措施》")
    assert reading.interprets.get().doc_no == "门科信发〔2022〕3号"
    total = CatalogItem.objects.count()
    demo.load(ctx)
    assert CatalogItem.objects.count() == total
    assert lines[-1].startswith("主动公开目录：新增 0 条")
