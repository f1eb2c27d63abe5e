"""Hypothesis strategies: random *valid* reports (tables that satisfy H1–H5)."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import strategies as st

from gongkai.core.report.schema import (
    FORMAT_2019,
    FORMAT_2021,
    Cell,
    Fees,
    Report,
    table2_blocks,
    table3_rows,
)
from gongkai.core.vocabulary import TABLE2_FEE_COLUMN, RemedyKind

AGENCIES = (
    "北京市门头沟区科学技术和信息化局", "淮安市人民政府", "沭阳县人民政府", "上海市人民政府办公厅",
    "某某市生态环境局", "平潭综合实验区管理委员会", "广州市从化区太平镇人民政府", "长春市统计局",
)

count = st.integers(min_value=0, max_value=3000)
small = st.integers(min_value=0, max_value=60)


@st.composite
def fee_amount(draw) -> Decimal | int:
    """万元, as agencies print it: whole numbers or up to 6 decimals."""
    places = draw(st.sampled_from((0, 0, 1, 2, 4, 6)))
    units = draw(st.integers(min_value=0, max_value=10**6 * 10**places))
    return units if places == 0 else Decimal(units).scaleb(-places)


def _cell(draw, value, blanks: bool) -> Cell:
    # A printed 0 may be left blank (S4 practice); blank is kept distinct from 0.
    if blanks and value == 0 and draw(st.booleans()):
        return Cell(None)
    return Cell(value)


@st.composite
def valid_reports(draw, *, blanks: bool = True, negative: bool = True, formats=(FORMAT_2021, FORMAT_2019)) -> Report:
    fv = draw(st.sampled_from(formats))
    year = draw(st.integers(2019, 2020) if fv == FORMAT_2019 else st.integers(2021, 2025))
    report = Report(format_version=fv, year=year, agency=draw(st.sampled_from(AGENCIES)))

    for block in table2_blocks(fv):
        for row in block.rows:
            cols = {}
            for col in block.columns:
                if col in (TABLE2_FEE_COLUMN, "采购总金额"):
                    value = draw(fee_amount())
                elif col == "本年增/减":  # 2019 trial format: a change, may be negative
                    value = draw(st.integers(-50 if negative else 0, 50))
                else:
                    value = draw(count)
                cols[col] = _cell(draw, value, blanks)
            report.table2[row] = cols

    rows = [r.key for r in table3_rows(fv)]
    results = [k for k in rows if k.startswith("R3") and k != "R3g"]
    parts = {k: [draw(small) for _ in range(6)] for k in results}
    carried_forward = [draw(small) for _ in range(6)]
    handled = [sum(parts[k][c] for k in results) for c in range(6)]
    carried_over = [draw(st.integers(0, handled[c] + carried_forward[c])) for c in range(6)]
    new = [handled[c] + carried_forward[c] - carried_over[c] for c in range(6)]
    values = dict(parts, R1=new, R2=carried_over, R3g=handled, R4=carried_forward)
    for key in rows:
        numbers = values[key] + [sum(values[key])]
        report.table3[key] = [_cell(draw, v, blanks) for v in numbers]

    for kind in RemedyKind:
        numbers = [draw(small) for _ in range(4)]
        report.table4[kind.value] = [_cell(draw, v, blanks) for v in numbers + [sum(numbers)]]

    stated = draw(st.booleans())
    if stated:
        notices = draw(st.integers(0, 20))
        noticed = 100 * draw(st.integers(0, 5)) * notices
        collected = draw(st.integers(0, noticed // 10)) * 10
        report.fees = Fees(Cell(notices), Cell(noticed), Cell(collected))
    else:
        collected = draw(st.one_of(st.none(), st.integers(0, 50).map(lambda n: n * 10)))
        report.fees = Fees(Cell(None), Cell(None), Cell(collected))
    return report
