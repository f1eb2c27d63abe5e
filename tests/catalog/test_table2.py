"""Table 二 figures (docs/law.md §2.4) from the catalogue: documents, decisions, fees."""

import datetime as dt
from decimal import Decimal

import pytest

from gongkai.audit.models import AuditEvent
from gongkai.catalog import services
from gongkai.catalog.models import FigureKind, Genre, YearlyFigure
from gongkai.catalog.reporting import table2_for
from gongkai.catalog.services import CatalogError
from gongkai.core.vocabulary import TABLE2_2021


@pytest.fixture
def doc(cast, publish):
    def make(genre, written, published=None, title=None):
        item = services.issue_document(
            cast.dept_a,
            {"title": title or f"{genre}{written}", "genre": genre, "written_on": written, "formed_on": written,
             "body": "<p>正文</p>"}, acting_user=cast.handler_a,
        )
        return publish(item, published or written + dt.timedelta(days=5))

    return make


def test_labels_follow_the_2021_format(cast):
    table = table2_for(cast.dept_a, 2022)
    expected = {row: set(block.columns) for block in TABLE2_2021 for row in block.rows}
    assert {row: set(cols) for row, cols in table.items()} == expected
    assert table["规章"] == {"本年制发件数": 0, "本年废止件数": 0, "现行有效件数": 0}


def test_document_counts_per_year(cast, doc, make_item, publish):
    n1 = doc(Genre.NORMATIVE, dt.date(2021, 6, 1))
    n2 = doc(Genre.NORMATIVE, dt.date(2022, 2, 1))
    doc(Genre.NORMATIVE, dt.date(2022, 5, 1))
    n4 = doc(Genre.NORMATIVE, dt.date(2022, 12, 20), published=dt.date(2023, 1, 5))  # 成文 2022
    r1 = doc(Genre.REGULATION, dt.date(2022, 7, 1))
    services.repeal_document(n1, dt.date(2022, 9, 1), "清理", acting_user=cast.handler_a)
    services.change_validity(n2, "expired", dt.date(2023, 2, 1), "有效期届满", acting_user=cast.handler_a)
    # Things that must not count: a draft, a withdrawn document, another agency's, another genre.
    services.issue_document(cast.dept_a, {"title": "草稿", "genre": Genre.NORMATIVE,
                                                          "written_on": dt.date(2022, 3, 3), "body": "<p>x</p>"}, acting_user=cast.handler_a)
    gone = doc(Genre.NORMATIVE, dt.date(2022, 4, 4))
    services.withdraw_item(gone, "误发", acting_user=cast.handler_a)
    publish(make_item("普通通知", written_on=dt.date(2022, 4, 4)), dt.date(2022, 4, 5))

    t22 = table2_for(cast.dept_a, 2022)
    assert t22["行政规范性文件"] == {"本年制发件数": 3, "本年废止件数": 1, "现行有效件数": 3}
    assert t22["规章"] == {"本年制发件数": 1, "本年废止件数": 0, "现行有效件数": 1}
    t23 = table2_for(cast.dept_a, 2023)
    assert t23["行政规范性文件"] == {"本年制发件数": 0, "本年废止件数": 1, "现行有效件数": 2}
    t21 = table2_for(cast.dept_a, 2021)
    assert t21["行政规范性文件"]["现行有效件数"] == 1
    assert table2_for(cast.dept_b, 2022)["行政规范性文件"]["本年制发件数"] == 0
    # An amendment: the new text is issued, the old one is neither repealed nor in force.
    new = services.amend_document(n4, {"title": "修订稿", "written_on": dt.date(2024, 3, 1)}, acting_user=cast.handler_a)
    publish(new, dt.date(2024, 3, 5))
    t24 = table2_for(cast.dept_a, 2024)
    assert t24["行政规范性文件"] == {"本年制发件数": 1, "本年废止件数": 0, "现行有效件数": 2}
    assert r1.pk


def test_decisions_are_entered_or_counted_from_published_items(cast, make_item, publish):
    for i in range(3):
        publish(make_item(f"行政处罚决定书{i}", genre=Genre.PENALTY, category="20-6"), dt.date(2022, 5, 1 + i))
    publish(make_item("行政许可决定", genre=Genre.PERMIT, category="20-5"), dt.date(2021, 5, 1))
    t = table2_for(cast.dept_a, 2022)
    assert t["行政处罚"] == {"本年处理决定数量": 3}
    assert t["行政许可"] == {"本年处理决定数量": 0}
    services.set_yearly_figure(cast.dept_a, 2022, FigureKind.PENALTY, "12", "执法系统导出", acting_user=cast.handler_a)
    services.set_yearly_figure(cast.dept_a, 2022, FigureKind.FEE, "3.25", acting_user=cast.handler_a)
    t = table2_for(cast.dept_a, 2022)
    assert t["行政处罚"] == {"本年处理决定数量": 12}  # entered figures win
    assert t["行政事业性收费"] == {"本年收费金额（单位：万元）": Decimal("3.25")}
    assert isinstance(t["行政事业性收费"]["本年收费金额（单位：万元）"], Decimal)
    fig = YearlyFigure.objects.get(agency=cast.dept_a, year=2022, kind=FigureKind.PENALTY)
    assert fig.entered_by == cast.handler_a
    event = AuditEvent.objects.filter(action="catalog.figure_entered").first()
    assert event.details["new"] == "3.25"
    services.set_yearly_figure(cast.dept_a, 2022, FigureKind.PENALTY, None, acting_user=cast.handler_a)
    assert table2_for(cast.dept_a, 2022)["行政处罚"] == {"本年处理决定数量": 3}


def test_fee_of_a_round_amount_prints_plainly(cast):
    services.set_yearly_figure(cast.dept_a, 2022, FigureKind.FEE, "100", acting_user=cast.handler_a)
    assert str(table2_for(cast.dept_a, 2022)["行政事业性收费"]["本年收费金额（单位：万元）"]) == "100"


@pytest.mark.parametrize(
    "kind, value, message",
    [(FigureKind.PERMIT, "1.5", "整数"), (FigureKind.PENALTY, "-1", "负数"), (FigureKind.FEE, "十万", "数字")],
)
def test_bad_figures_are_refused_in_chinese(cast, kind, value, message):
    with pytest.raises(CatalogError, match=message):
        services.set_yearly_figure(cast.dept_a, 2022, kind, value, acting_user=cast.handler_a)


def test_figures_need_permission_for_that_agency(cast):
    with pytest.raises(CatalogError, match="权限"):
        services.set_yearly_figure(cast.dept_a, 2022, FigureKind.PERMIT, "1", acting_user=cast.handler_b)


def test_a_locked_report_year_freezes_the_figures_it_counted(cast, doc, make_item, publish):
    from gongkai.yearlocks.models import YearLock

    n = doc(Genre.NORMATIVE, dt.date(2022, 3, 1))
    YearLock.objects.create(agency=cast.dept_a, year=2022, locked=True)
    with pytest.raises(CatalogError, match="已锁定"):
        services.set_yearly_figure(cast.dept_a, 2022, FigureKind.PERMIT, "3", acting_user=cast.handler_a)
    with pytest.raises(CatalogError, match="已锁定"):
        services.withdraw_item(n, "误发", acting_user=cast.handler_a)
    with pytest.raises(CatalogError, match="已锁定"):
        publish(make_item("补发的2022年信息"), dt.date(2022, 12, 30))
    services.repeal_document(n, dt.date(2023, 2, 1), "清理", acting_user=cast.handler_a)  # 2023 is open
    assert table2_for(cast.dept_a, 2022)["行政规范性文件"] == {"本年制发件数": 1, "本年废止件数": 0, "现行有效件数": 1}
