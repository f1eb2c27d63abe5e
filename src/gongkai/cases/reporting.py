"""Table 三 of the annual report (国办公开办函〔2021〕30号, docs/law.md §2.5) and the section 六 fee facts,
computed from the cases.

Counting rules (one application = one 件; docs/law.md Q1 leaves 一事一申请 splitting open):

- R1 本年新收: received (第三十一条 receipt date) in the year. Web/fax/e-mail applications still
  「待确认」 have no receipt date and are not counted anywhere.
- R2 上年结转: received before 1 January and not decided before it.
- R3* results: decided (replied, or closed as 视为放弃/撤回) in the year — `decided_on`, which for a 答复书
  served on paper is the 交邮/签收 day (docs/law.md §4.3), one row per outcome
  (`Outcome.row`; 「区分处理的，只计这一情形」 holds because a case has exactly one outcome).
- R4 结转下年度: received by 31 December and not decided by then.

Columns are the applicant kinds (自然人 + the five organisation kinds) plus 总计. Since a case is
decided on or after its receipt date, every case counted in R1 or R2 is counted in exactly one of
R3g and R4, so H1 (R1 + R2 = R3g + R4, per column) holds by construction, as do H2 and H3.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import Count, Q, Sum

from gongkai.core.vocabulary import (
    TABLE3_COLUMNS,
    TABLE3_RESULT_ROWS,
    TABLE3_ROW,
    TABLE3_ROWS,
    ApplicantKind,
    Outcome,
)

from .models import Application, FeeNotice

_KINDS = [k.value for k in ApplicantKind]


def table3_for(agency, year: int) -> dict[str, list[int]]:
    """All 25 rows × 7 columns (TABLE3_COLUMNS order) for `agency` and `year`, as of 31 December."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    table: dict[str, list[int]] = {r.key: [0] * len(TABLE3_COLUMNS) for r in TABLE3_ROWS}
    received = Application.objects.filter(agency=agency, received_on__isnull=False, received_on__lte=end)
    not_decided_before = Q(decided_on__isnull=True) | Q(decided_on__gte=start)
    counts = received.values("applicant_kind").annotate(
        r1=Count("id", filter=Q(received_on__gte=start)),
        r2=Count("id", filter=Q(received_on__lt=start) & not_decided_before),
        r4=Count("id", filter=Q(decided_on__isnull=True) | Q(decided_on__gt=end)),
    )
    for row in counts:
        col = _KINDS.index(row["applicant_kind"])
        table["R1"][col] += row["r1"]
        table["R2"][col] += row["r2"]
        table["R4"][col] += row["r4"]
    results = (
        received.filter(decided_on__gte=start, decided_on__lte=end)
        .exclude(outcome="")
        .values("applicant_kind", "outcome")
        .annotate(n=Count("id"))
    )
    for row in results:
        col = _KINDS.index(row["applicant_kind"])
        table[Outcome(row["outcome"]).row][col] += row["n"]
    for col in range(len(_KINDS)):
        table["R3g"][col] = sum(table[key][col] for key in TABLE3_RESULT_ROWS)
    for values in table.values():
        values[-1] = sum(values[:-1])
    return table


def table3_rows(table: dict[str, list[int]]) -> list[tuple[object, list[int]]]:
    """(Row, values) in printed order, for display."""
    return [(TABLE3_ROW[r.key], table[r.key]) for r in TABLE3_ROWS]


def fee_facts_for(agency, year: int) -> tuple[int, Decimal, Decimal]:
    """Section 六 (docs/law.md §2.7): 发出收费通知的件数, 总金额 (元), 实际收取的总金额 (元)."""
    sent = FeeNotice.objects.filter(case__agency=agency, sent_on__year=year)
    notices = sent.count()
    noticed = sent.aggregate(s=Sum("amount_yuan"))["s"] or Decimal(0)
    collected = FeeNotice.objects.filter(case__agency=agency, paid_on__year=year).aggregate(s=Sum("paid_amount_yuan"))["s"]
    return notices, Decimal(noticed), Decimal(collected or 0)

