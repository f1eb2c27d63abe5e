"""索引号 allocation (docs/law.md §5.2): `{前段码}/{YYYY}-{NNNNN}`, unique and never reused.

The 流水号 comes from `IndexCounter`, one row per agency and year, locked with
`select_for_update` and only ever incremented: a deleted or withdrawn item does not give its
number back (指引：「索引号……是每条信息唯一不变的标识」).
"""

from __future__ import annotations

from django.db import IntegrityError, transaction

from gongkai.errors import ServiceError

from .models import CatalogItem, IndexCounter
from .text import SEQ_MAX, format_index_no, parse_index_no


class IndexNoError(ServiceError):
    pass


def _locked_counter(agency, year: int) -> IndexCounter:
    try:
        with transaction.atomic():  # savepoint: a concurrent creator may win the insert
            IndexCounter.objects.get_or_create(agency=agency, year=year)
    except IntegrityError:
        pass
    return IndexCounter.objects.select_for_update().get(agency=agency, year=year)


def next_index_no(agency, year: int) -> str:
    """Allocate the next 索引号 of `agency` for `year`. Call inside the publishing transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise IndexNoError("索引号只能在事务中分配。")
    prefix = agency.code
    if not prefix:
        raise IndexNoError(f"机关「{agency.name}」没有组织机构代码或统一社会信用代码，无法生成索引号。")
    counter = _locked_counter(agency, year)
    while True:
        counter.last += 1
        if counter.last > SEQ_MAX:
            raise IndexNoError(f"{year}年的索引号流水号已用尽（{SEQ_MAX}）。")
        number = format_index_no(prefix, year, counter.last)
        # An imported item may already hold this number (import bumps the counter, but a
        # number imported under the same prefix for another year-sequence could still clash).
        if not CatalogItem.objects.filter(index_no=number).exists():
            break
    counter.save(update_fields=["last"])
    return number


def reserve_imported_index_no(agency, index_no: str) -> None:
    """An existing 索引号 brought in by an import: later numbers of that year must come after it."""
    parsed = parse_index_no(index_no, tolerant=True)
    if parsed is None or parsed.prefix != agency.code.replace("-", ""):
        return
    counter = _locked_counter(agency, parsed.year)
    if parsed.seq > counter.last:
        counter.last = parsed.seq
        counter.save(update_fields=["last"])
