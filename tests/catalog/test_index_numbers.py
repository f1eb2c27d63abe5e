"""索引号: {前段码}/{YYYY}-{NNNNN} per agency and year; unique; never reused (docs/law.md §5.2)."""

import datetime as dt
import threading
import time

import pytest
from django.db import transaction

from gongkai.catalog import services
from gongkai.catalog.indexno import next_index_no
from gongkai.catalog.models import CatalogItem, IndexCounter
from gongkai.catalog.text import INDEX_NO_CANONICAL, format_index_no, parse_index_no


def test_it_formats_and_parses_the_canonical_form():
    assert format_index_no("0142768-8", 2022, 185) == "01427688/2022-00185"
    parsed = parse_index_no("000013338/2023-00079")
    assert (parsed.prefix, parsed.year, parsed.seq) == ("000013338", 2023, 79)
    assert parse_index_no("000013338/2023-79") is None
    assert parse_index_no("11341702486344515H/202110-00013") is None
    assert parse_index_no("11341702486344515H/202110-00013", tolerant=True).year == 2021
    with pytest.raises(ValueError):
        format_index_no("000013338", 2023, 100000)


def test_it_numbers_published_items_per_agency_and_year(cast, make_item, publish):
    a1 = publish(make_item("甲"), dt.date(2024, 3, 1))
    a2 = publish(make_item("乙"), dt.date(2024, 5, 1))
    a3 = publish(make_item("丙"), dt.date(2025, 1, 6))
    b1 = services.create_draft(cast.dept_b, {"title": "教委通知", "category": "20-11", "body": "<p>x</p>"}, acting_user=cast.handler_b)
    services.submit_for_review(b1, acting_user=cast.handler_b)
    services.approve_review(b1, acting_user=cast.admin)
    services.publish_item(b1, acting_user=cast.handler_b, published_on=dt.date(2024, 3, 2))
    b1.refresh_from_db()
    code_a = cast.dept_a.code
    assert a1.index_no == f"{code_a}/2024-00001"
    assert a2.index_no == f"{code_a}/2024-00002"
    assert a3.index_no == f"{code_a}/2025-00001"
    assert b1.index_no == f"{cast.dept_b.code}/2024-00001"
    for item in (a1, a2, a3, b1):
        assert INDEX_NO_CANONICAL.match(item.index_no)
        assert len(item.index_no) == 18 + 1 + 4 + 1 + 5  # USCC prefix in the cast


def test_it_uses_the_org_code_without_hyphen_when_there_is_one(cast, make_item, publish):
    from gongkai.core.codes import org_code_check_char

    cast.dept_a.org_code = "12345678-" + org_code_check_char("12345678")
    cast.dept_a.save()
    item = publish(make_item(), dt.date(2024, 6, 3))
    assert item.index_no.startswith("12345678" + org_code_check_char("12345678") + "/2024-")
    assert len(item.index_no) == 20  # the 指引's 20 characters


def test_drafts_have_no_number_until_published(make_item):
    item = make_item()
    assert item.index_no is None


def test_numbers_are_never_reused_after_withdrawal_or_deletion(cast, make_item, publish):
    first = publish(make_item("一"), dt.date(2024, 3, 1))
    services.withdraw_item(first, "误发", acting_user=cast.handler_a)
    first.refresh_from_db()
    assert first.index_no.endswith("2024-00001")  # withdrawn items keep theirs
    second = publish(make_item("二"), dt.date(2024, 3, 2))
    assert second.index_no.endswith("2024-00002")
    CatalogItem.objects.filter(pk=second.pk).delete()  # even a hard delete (admin, database)
    third = publish(make_item("三"), dt.date(2024, 3, 3))
    assert third.index_no.endswith("2024-00003")
    # Reopening and republishing keeps the original number.
    services.reopen_item(first, acting_user=cast.handler_a)
    publish(first)
    first.refresh_from_db()
    assert first.index_no.endswith("2024-00001")
    assert IndexCounter.objects.get(agency=cast.dept_a, year=2024).last == 3


def test_an_imported_number_pushes_the_counter_past_it(cast, make_item, publish):
    with transaction.atomic():
        services.adopt_index_no(cast.dept_a, f"{cast.dept_a.code}/2024-00041")
    item = publish(make_item(), dt.date(2024, 7, 1))
    assert item.index_no.endswith("/2024-00042")


@pytest.mark.django_db(transaction=True)
def test_allocation_needs_a_transaction(cast):
    from gongkai.catalog.indexno import IndexNoError

    with pytest.raises(IndexNoError):
        next_index_no(cast.dept_a, 2024)


@pytest.mark.django_db(transaction=True)
def test_concurrent_allocation_gives_distinct_numbers(cast):
    results, errors = [], []
    barrier = threading.Barrier(6)

    def worker():
        from django.db import connection as conn

        try:
            barrier.wait(timeout=10)
            for _ in range(5):
                for attempt in range(200):
                    try:
                        with transaction.atomic():
                            number = next_index_no(cast.dept_a, 2030)
                        results.append(number)  # only numbers whose transaction committed
                        break
                    except Exception as exc:
                        # The in-memory shared-cache SQLite of the test run reports "table is
                        # locked" at once instead of waiting (a file database waits): retry.
                        if "locked" not in str(exc) or attempt == 199:
                            raise
                        time.sleep(0.01)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            conn.close()

    threads = [threading.Thread(target=worker) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    assert len(results) == 30
    assert len(set(results)) == 30
    seqs = sorted(int(r[-5:]) for r in results)
    assert seqs == list(range(1, 31))
