"""Table 四 counting: cases under way during the year, results as of 31 December (remedies.reporting)."""

from datetime import date

from gongkai.core.vocabulary import RemedyKind, RemedyResult
from gongkai.remedies import services
from gongkai.remedies.reporting import table4_for


def _remedy(cast, kind, filed, result=RemedyResult.PENDING, decided=None, agency=None):
    return services.record_remedy(
        agency or cast.dept_a, acting_user=cast.handler_a, kind=kind, applicant_name="某申请人", filed_on=filed,
        body="北京市门头沟区人民政府", result=result, decided_on=decided,
    )


def test_it_counts_each_kind_by_result_with_row_totals(cast):
    _remedy(cast, RemedyKind.REVIEW, date(2023, 3, 1), RemedyResult.UPHELD, date(2023, 5, 1))
    _remedy(cast, RemedyKind.REVIEW, date(2023, 4, 1), RemedyResult.CORRECTED, date(2023, 6, 1))
    _remedy(cast, RemedyKind.REVIEW, date(2023, 4, 2), RemedyResult.OTHER, date(2023, 6, 2))
    _remedy(cast, RemedyKind.DIRECT_SUIT, date(2023, 7, 1))
    _remedy(cast, RemedyKind.SUIT_AFTER_REVIEW, date(2023, 8, 1), RemedyResult.UPHELD, date(2023, 11, 30))
    table = table4_for(cast.dept_a, 2023)
    assert table == {
        "review": [1, 1, 1, 0, 3],
        "direct_suit": [0, 0, 0, 1, 1],
        "suit_after_review": [1, 0, 0, 0, 1],
    }


def test_it_counts_a_case_pending_at_year_end_again_next_year_with_its_result(cast):
    _remedy(cast, RemedyKind.REVIEW, date(2023, 12, 10), RemedyResult.CORRECTED, date(2024, 2, 1))
    assert table4_for(cast.dept_a, 2023)["review"] == [0, 0, 0, 1, 1]  # pending on 31 Dec 2023
    assert table4_for(cast.dept_a, 2024)["review"] == [0, 1, 0, 0, 1]  # P8: reappears with its result
    assert table4_for(cast.dept_a, 2025)["review"] == [0, 0, 0, 0, 0]


def test_it_keeps_counting_a_long_pending_case_every_year(cast):
    _remedy(cast, RemedyKind.DIRECT_SUIT, date(2022, 6, 1))
    for year in (2022, 2023, 2024):
        assert table4_for(cast.dept_a, year)["direct_suit"] == [0, 0, 0, 1, 1]
    assert table4_for(cast.dept_a, 2021)["direct_suit"] == [0, 0, 0, 0, 0]


def test_it_counts_only_the_agencys_own_records(cast):
    _remedy(cast, RemedyKind.REVIEW, date(2023, 3, 1))
    services.record_remedy(
        cast.dept_b, acting_user=cast.handler_b, kind=RemedyKind.REVIEW, applicant_name="乙", filed_on=date(2023, 3, 1),
        body="北京市门头沟区人民政府",
    )
    assert table4_for(cast.dept_a, 2023)["review"][-1] == 1
    assert table4_for(cast.dept_b, 2023)["review"][-1] == 1
    assert table4_for(cast.gov, 2023)["review"][-1] == 0


def test_totals_satisfy_h4(cast):
    import itertools

    days = [date(2023, 1, 5), date(2023, 6, 5), date(2023, 12, 31), date(2024, 1, 1)]
    for kind, result, (filed, decided) in itertools.product(
        RemedyKind, RemedyResult, itertools.combinations(days, 2)
    ):
        _remedy(cast, kind, filed, result, None if result == RemedyResult.PENDING else decided)
    for year in (2023, 2024):
        for values in table4_for(cast.dept_a, year).values():
            assert values[-1] == sum(values[:-1])
