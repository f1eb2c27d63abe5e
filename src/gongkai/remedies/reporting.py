"""Table 四 figures (条例 第五十条第（三）项; docs/law.md §2.6).

Counting rule for year N, as of 31 December N:

- a record is counted when the proceedings were under way during year N: filed on or before
  31 Dec N and not decided before 1 Jan N. 第五十条第（三）项 asks for 「因政府信息公开工作被申请行政复议、
  提起行政诉讼的情况」 of the year; docs/law.md §2.10 P8 expects last year's 尚未审结 cases to reappear with
  their results this year, so a case pending at a year end is counted again the next year;
- its column is its result if it was decided by 31 Dec N, else 尚未审结 (docs/law.md §2.6 columns);
- the row is its kind (行政复议 / 未经复议直接起诉 / 复议后起诉).

The last column is the row total (H4).
"""

from __future__ import annotations

from datetime import date

from django.db.models import Q

from gongkai.core.vocabulary import TABLE4_COLUMNS, RemedyKind, RemedyResult

from .models import Remedy


def counted_in(year: int) -> Q:
    """The records table 四 of `year` counts (see the module docstring)."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    return Q(filed_on__lte=end) & (Q(decided_on__isnull=True) | Q(decided_on__gte=start) | Q(result=RemedyResult.PENDING))


def table4_for(agency, year: int) -> dict[str, list[int]]:
    """{RemedyKind value: [维持, 纠正, 其他, 尚未审结, 总计]} for `agency` and `year`."""
    end = date(year, 12, 31)
    table = {kind.value: [0] * len(TABLE4_COLUMNS) for kind in RemedyKind}
    rows = Remedy.objects.filter(counted_in(year), agency=agency).values_list("kind", "result", "decided_on")
    for kind, result, decided_on in rows:
        if result != RemedyResult.PENDING and decided_on is not None and decided_on <= end:
            column = TABLE4_COLUMNS.index(result)
        else:
            column = TABLE4_COLUMNS.index(RemedyResult.PENDING)
        table[kind][column] += 1
        table[kind][-1] += 1
    return table


def remedies_counted(agency, year: int) -> int:
    """How many records table 四 of `year` counts (for the narrative of section 一)."""
    return Remedy.objects.filter(counted_in(year), agency=agency).count()
