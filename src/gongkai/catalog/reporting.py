"""Table 二 「二、主动公开政府信息情况」 of the annual report (docs/law.md §2.4), from catalogue records.

- 第二十条第（一）项 (规章, 行政规范性文件) comes from the documents themselves:
  本年制发 = published documents whose 成文日期 (else 发布日期) falls in the year;
  本年废止 = documents whose validity ended as 废止 or 失效 during the year;
  现行有效 = documents in force at the end of the year.
  The 30号 format's own definitions could not be read (docs/law.md Q1); these are the natural reading.
  A document 「已修改」 counts neither as 废止 nor as 现行有效: its amended text, issued as a new
  document, takes its place.
- 行政许可 / 行政处罚 / 行政强制 decision counts and the 行政事业性收费 amount (万元) are the figures
  entered for the year (`YearlyFigure`); where none was entered, the decision counts are computed
  from published decision items (体裁 行政许可决定 / 行政处罚决定 / 行政强制决定) and the fee is 0.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import Q

from gongkai.core.vocabulary import TABLE2_2021

from .models import CatalogItem, FigureKind, Genre, Status, Validity, YearlyFigure

_B1, _B5, _B6, _B8 = TABLE2_2021
ISSUED, REPEALED, IN_FORCE = _B1.columns
DECISIONS = _B5.columns[0]
FEE_COLUMN = _B8.columns[0]

_DOC_GENRES = {_B1.rows[0]: Genre.REGULATION, _B1.rows[1]: Genre.NORMATIVE}
_DECISION_GENRES = {FigureKind.PERMIT: Genre.PERMIT, FigureKind.PENALTY: Genre.PENALTY, FigureKind.COERCION: Genre.COERCION}


def _published_documents(agency, genre):
    # Withdrawn items were taken back as wrongly published; they are not counted.
    return CatalogItem.objects.filter(agency=agency, genre=genre, status=Status.PUBLISHED)


def document_counts(agency, year: int, genre: str) -> dict[str, int]:
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    docs = _published_documents(agency, genre)
    issued = docs.filter(
        Q(written_on__range=(start, end)) | Q(written_on__isnull=True, published_on__range=(start, end))
    ).count()
    repealed = docs.filter(
        validity__in=(Validity.REPEALED, Validity.EXPIRED), validity_changed_on__range=(start, end)
    ).count()
    in_force = docs.valid_on(end).count()
    return {ISSUED: issued, REPEALED: repealed, IN_FORCE: in_force}


def _plain(value: Decimal) -> Decimal:
    """12.5000 → 12.5 and 100.0000 → 100 (not 1E+2)."""
    return Decimal(format(value.normalize(), "f"))


def figure_sources(agency, year: int) -> dict[str, tuple[Decimal | int, str]]:
    """Each entered-or-computed figure with where it came from (「填报」 or 「按已发布信息统计」)."""
    entered = {f.kind: f for f in YearlyFigure.objects.filter(agency=agency, year=year)}
    out: dict[str, tuple[Decimal | int, str]] = {}
    for kind, genre in _DECISION_GENRES.items():
        if kind in entered:
            out[kind] = (int(entered[kind].value), f"填报（{entered[kind].entered_by}）")
        else:
            n = CatalogItem.objects.filter(
                agency=agency, genre=genre, status=Status.PUBLISHED, published_on__year=year
            ).count()
            out[kind] = (n, "按已发布信息统计")
    if FigureKind.FEE in entered:
        out[FigureKind.FEE] = (_plain(entered[FigureKind.FEE].value), f"填报（{entered[FigureKind.FEE].entered_by}）")
    else:
        out[FigureKind.FEE] = (Decimal("0"), "未填报")
    return out


def table2_for(agency, year: int) -> dict[str, dict[str, int | Decimal]]:
    """Contract (ARCHITECTURE.md): {row label: {column label: value}} with labels of TABLE2_2021."""
    table: dict[str, dict[str, int | Decimal]] = {}
    for row, genre in _DOC_GENRES.items():
        table[row] = document_counts(agency, year, genre)
    figures = figure_sources(agency, year)
    table[_B5.rows[0]] = {DECISIONS: figures[FigureKind.PERMIT][0]}
    table[_B6.rows[0]] = {DECISIONS: figures[FigureKind.PENALTY][0]}
    table[_B6.rows[1]] = {DECISIONS: figures[FigureKind.COERCION][0]}
    table[_B8.rows[0]] = {FEE_COLUMN: figures[FigureKind.FEE][0]}
    return table


def published_count(agency, year: int) -> int:
    """主动公开 items published in the year (the 「本年主动公开政府信息数」 of section 一)."""
    return CatalogItem.objects.filter(agency=agency, published_on__year=year, status=Status.PUBLISHED).count()
