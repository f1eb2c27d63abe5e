"""Untrusted uploaded files, for every Django app: reading them safely.

    from gongkai.uploads import parse_report_upload, read_table_upload, upload_budget, check_archive
    report = parse_report_upload(content, "报告.pdf")      # raises ParseError (Chinese), never crashes the caller
    rows = read_table_upload("目录.xlsx", content, max_rows=20000)   # raises TableError (Chinese)
    budget = upload_budget()                                # one per request / batch: total unzipped bytes
    infos = check_archive(content, "报告.zip", budget=budget)      # raises ArchiveError (Chinese)

The parsing runs in a limited child process (`gongkai.core.untrusted`), with the limits of
`settings.GONGKAI_PARSE_LIMITS` and `settings.GONGKAI_ARCHIVE_LIMITS`.
"""

from __future__ import annotations

from django.conf import settings

from gongkai.core.untrusted import (
    ArchiveError,
    ArchiveLimits,
    Budget,
    Limits,
    ParseError,
    TableError,
    check_zip,
    parse_report,
    read_table,
)

__all__ = [
    "ArchiveError", "ParseError", "TableError", "archive_limits", "check_archive", "parse_limits",
    "parse_report_upload", "read_table_upload", "upload_budget",
]


def parse_limits() -> Limits:
    return Limits.from_mapping(settings.GONGKAI_PARSE_LIMITS)


def archive_limits() -> ArchiveLimits:
    return ArchiveLimits.from_mapping(settings.GONGKAI_ARCHIVE_LIMITS)


def upload_budget() -> Budget:
    """The uncompressed bytes all archives of one request (or one batch) may expand to together."""
    return Budget(archive_limits().max_total_bytes)


def check_archive(content: bytes, name: str, *, budget: Budget | None = None):
    """The ZIP members after the declared-size checks; raises ArchiveError."""
    return check_zip(content, limits=archive_limits(), what=name, budget=budget)


def parse_report_upload(content: bytes, name: str | None):
    """An annual report parsed in the sandbox; raises ParseError with a Chinese message for any failure."""
    return parse_report(content, name, limits=parse_limits(), archive_limits=archive_limits())


def read_table_upload(name: str, content: bytes, *, max_rows: int | None = None) -> list[list]:
    """A CSV/XLSX sheet read in the sandbox; raises TableError with a Chinese message for any failure."""
    return read_table(name, content, max_rows=max_rows, limits=parse_limits(), archive_limits=archive_limits())
