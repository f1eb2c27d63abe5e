"""Acceptance (issue 7): a busy agency — hundreds of cases across all outcomes and a year boundary —
gets reports that pass H1–H5, and whose carry-over (结转下年度) is next year's 上年结转 (Y1)."""

import datetime as dt
import random
from zoneinfo import ZoneInfo

from gongkai.core.report.schema import Report
from gongkai.core.vocabulary import TABLE3_COLUMNS, ApplicantKind, Outcome, RemedyKind, RemedyResult
from gongkai.remedies import services as remedy_services
from gongkai.reports import services

TZ = ZoneInfo("Asia/Shanghai")
HARD = ("H1", "H2", "H3", "H4", "H5", "H6")


def _rows(n=450, seed=7):
    rng = random.Random(seed)
    kinds, outcomes = list(ApplicantKind), list(Outcome)
    rows = []
    for i in range(n):
        received = dt.date(2023, 10, 1) + dt.timedelta(days=rng.randrange(0, 810))  # to mid-Dec 2025
        decided = None if rng.random() < 0.08 else received + dt.timedelta(days=rng.randrange(0, 45))
        rows.append((kinds[i % len(kinds)].value, received, decided, outcomes[i % len(outcomes)].value if decided else ""))
    return rows


def _expected(rows, year):
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    r1 = sum(1 for _, rec, _, _ in rows if start <= rec <= end)
    r2 = sum(1 for _, rec, dec, _ in rows if rec < start and (dec is None or dec >= start))
    r3 = sum(1 for _, rec, dec, _ in rows if dec is not None and start <= dec <= end)
    r4 = sum(1 for _, rec, dec, _ in rows if rec <= end and (dec is None or dec > end))
    return r1, r2, r3, r4


def _walk_cases_through_the_services(cast, time_machine, applicant, uscc):
    """Three cases handled with the case services, two of them across the 2024/2025 boundary."""
    from gongkai.cases.actions.closing import withdraw_application
    from gongkai.cases.actions.intake import register_application
    from gongkai.cases.actions.reply import approve_reply, draft_reply

    def at(day):
        time_machine.move_to(dt.datetime(day.year, day.month, day.day, 10, tzinfo=TZ), tick=False)

    at(dt.date(2024, 12, 23))
    a = register_application(cast.dept_a, applicant(), acting_user=cast.handler_a, channel="in_person",
                                   submitted_on=dt.date(2024, 12, 23)).case
    b = register_application(cast.dept_a, applicant(applicant_kind="commercial",
                                   applicant_name="某科技有限公司", id_type="uscc", id_number=uscc()), acting_user=cast.handler_a,
                                   channel="in_person", submitted_on=dt.date(2024, 12, 23)).case
    at(dt.date(2025, 1, 6))
    draft_reply(a, acting_user=cast.handler_a, outcome=Outcome.DISCLOSE, body="随本答复书提供相关信息。")
    approve_reply(a, acting_user=cast.reviewer_a, on=dt.date(2025, 1, 6))
    withdraw_application(b, acting_user=cast.handler_a, on=dt.date(2025, 1, 6), note="申请人书面撤回。")
    at(dt.date(2025, 6, 3))
    c = register_application(cast.dept_a, applicant(), acting_user=cast.handler_a, channel="in_person",
                                   submitted_on=dt.date(2025, 6, 3)).case
    at(dt.date(2025, 6, 10))
    draft_reply(c, acting_user=cast.handler_a, outcome=Outcome.NOT_EXIST, body="经检索，本机关未制作或获取该信息。")
    approve_reply(c, acting_user=cast.reviewer_a, on=dt.date(2025, 6, 10))
    time_machine.move_to(dt.datetime(2026, 3, 1, 10, tzinfo=TZ), tick=False)
    return [("natural_person", dt.date(2024, 12, 23), dt.date(2025, 1, 6), "disclose"),
            ("commercial", dt.date(2024, 12, 23), dt.date(2025, 1, 6), "other"),
            ("natural_person", dt.date(2025, 6, 3), dt.date(2025, 6, 10), "not_exist")]


def _remedies(cast):
    def rec(kind, filed, result=RemedyResult.PENDING, decided=None):
        remedy_services.record_remedy(cast.dept_a, acting_user=cast.handler_a, kind=kind, applicant_name="某申请人", filed_on=filed,
                                      body="北京市门头沟区人民政府", result=result, decided_on=decided)

    rec(RemedyKind.REVIEW, dt.date(2024, 11, 20), RemedyResult.CORRECTED, dt.date(2025, 2, 10))
    rec(RemedyKind.REVIEW, dt.date(2025, 3, 1), RemedyResult.UPHELD, dt.date(2025, 5, 1))
    rec(RemedyKind.DIRECT_SUIT, dt.date(2025, 3, 5))
    rec(RemedyKind.SUIT_AFTER_REVIEW, dt.date(2025, 5, 20), RemedyResult.OTHER, dt.date(2025, 10, 8))


def test_a_busy_agency_passes_h1_to_h5_and_its_carry_over_chains(cast, time_machine, applicant, uscc, bulk_cases):
    rows = _rows()
    walked = _walk_cases_through_the_services(cast, time_machine, applicant, uscc)
    bulk_cases(cast.dept_a, rows)
    _remedies(cast)
    rows += walked
    assert len(rows) > 400 and {r[3] for r in rows if r[3]} == {o.value for o in Outcome}

    r2024 = services.compute_report(cast.dept_a, 2024, acting_user=cast.head_a)
    r2025 = services.compute_report(cast.dept_a, 2025, acting_user=cast.head_a)
    for obj in (r2024, r2025):
        hard = [f for f in obj.findings if f["rule"] in HARD]
        assert hard == [], hard
        assert obj.error_count == 0, obj.findings

    t24, t25 = Report.from_json(r2024.data), Report.from_json(r2025.data)
    total = TABLE3_COLUMNS.index("total")
    for year, report in ((2024, t24), (2025, t25)):
        r1, r2, r3, r4 = _expected(rows, year)
        got = [report.t3(k, total).value for k in ("R1", "R2", "R3g", "R4")]
        assert got == [r1, r2, r3, r4], year
        assert r1 > 100 and r4 > 0  # busy, and the year boundary carries cases over

    # Y1: the carry-over of 2024 is 2025's 上年结转, column by column; the validator agrees.
    assert [c.value for c in t25.table3["R2"]] == [c.value for c in t24.table3["R4"]]
    assert r2025.provenance["headline"]["carried_in"] == r2024.provenance["headline"]["carried_over"]
    assert not [f for f in r2025.findings if f["rule"] == "Y1"]

    # Table 四 across the boundary: the 2024 复议 is 尚未审结 in 2024 and 纠正 in 2025.
    assert [c.value for c in t24.table4["review"]] == [0, 0, 0, 1, 1]
    assert [c.value for c in t25.table4["review"]] == [1, 1, 0, 0, 2]
    assert [c.value for c in t25.table4["direct_suit"]] == [0, 0, 0, 1, 1]
    assert [c.value for c in t25.table4["suit_after_review"]] == [0, 0, 1, 0, 1]


def test_a_broken_previous_year_is_caught_by_y1(cast, bulk_cases):
    """Y1 really compares: last year's stored carry-over that disagrees is reported."""
    bulk_cases(cast.dept_a, [("natural_person", dt.date(2024, 12, 30), None, "")])
    r2024 = services.compute_report(cast.dept_a, 2024, acting_user=cast.head_a)
    data = dict(r2024.data)
    data["table3"] = dict(data["table3"])
    data["table3"]["四、结转下年度继续办理"] = [5, 0, 0, 0, 0, 0, 5]
    type(r2024).objects.filter(pk=r2024.pk).update(data=data)
    r2025 = services.compute_report(cast.dept_a, 2025, acting_user=cast.head_a)
    y1 = [f for f in r2025.findings if f["rule"] == "Y1"]
    assert y1 and y1[0]["severity"] == "error"
    assert any("table3.R2" in c for f in y1 for c in f["cells"])
