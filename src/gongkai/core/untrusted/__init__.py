"""Reading untrusted files (uploaded reports, batch audits, catalogue imports) without risk to the caller.

    from gongkai.core.untrusted import Limits, ArchiveLimits, parse_report, read_table
    report = parse_report(data, "报告.pdf", limits=Limits(cpu_seconds=60, wall_seconds=90, memory_mb=1024))
    rows = read_table("目录.xlsx", data, max_rows=20000)

Both first check ZIP containers (DOCX, XLSX, ZIP) by their declared sizes (`archive.check_zip`), then
run the parser in a separate, limited process (`sandbox.run_limited`). A crash (SIGSEGV), a hang, a CPU
or memory blow-up becomes an ordinary failure with a Chinese message: `ParseError` from
`parse_report`, `TableError` from `read_table`. One bad file fails alone; the caller carries on.
"""

from __future__ import annotations

from gongkai.core.report.parse.errors import ParseError
from gongkai.core.untrusted.archive import ArchiveError, ArchiveLimits, Budget, check_zip, is_zip
from gongkai.core.untrusted.docx_body import BodyImportError
from gongkai.core.untrusted.sandbox import Limits, Outcome, run_limited
from gongkai.core.untrusted.tables import TableError

__all__ = [
    "ArchiveError", "BodyImportError", "docx_body_html", "ArchiveLimits", "Budget", "Limits", "Outcome", "ParseError", "TableError", "check_zip",
    "parse_report", "read_table", "run_limited",
]


def _parse_in_child(data: bytes, filename: str | None):
    from gongkai.core.report.parse import parse_bytes

    return parse_bytes(data, filename)


def parse_report(data: bytes, filename: str | None = None, *, limits: Limits | None = None,
                 archive_limits: ArchiveLimits | None = None):
    """`parse_bytes` in the sandbox. Returns a Report; raises ParseError (Chinese) for every failure."""
    if isinstance(data, (bytes, bytearray, memoryview)) and is_zip(bytes(data[:4])):
        try:
            check_zip(bytes(data), limits=archive_limits, what=filename or "")
        except ArchiveError as exc:
            raise ParseError(str(exc)) from None
    outcome = run_limited(_parse_in_child, data, filename, limits=limits, what=filename or "")
    if outcome.ok:
        return outcome.value
    if isinstance(outcome.exception, ParseError):
        raise outcome.exception
    raise ParseError(outcome.error or "文件无法读取。")


def _read_in_child(name: str, data: bytes, max_rows: int | None):
    from gongkai.core.untrusted.tables import read_rows

    return read_rows(name, data, max_rows=max_rows)


def read_table(name: str, data: bytes, *, max_rows: int | None = None, limits: Limits | None = None,
               archive_limits: ArchiveLimits | None = None) -> list[list]:
    """`tables.read_rows` in the sandbox. Raises TableError (Chinese) for every failure."""
    if is_zip(bytes(data[:4])):
        try:
            check_zip(bytes(data), limits=archive_limits, what=name)
        except ArchiveError as exc:
            raise TableError(str(exc)) from None
    outcome = run_limited(_read_in_child, name, data, max_rows, limits=limits, what=name)
    if outcome.ok:
        return outcome.value
    if isinstance(outcome.exception, TableError):
        raise outcome.exception
    if outcome.reason == "error":
        raise TableError(f"无法读取文件「{name}」。")
    raise TableError(outcome.error)


def _docx_in_child(data: bytes) -> str:
    from gongkai.core.untrusted.docx_body import docx_to_html

    return docx_to_html(data)


def docx_body_html(data: bytes, name: str = "", *, limits: Limits | None = None,
                   archive_limits: ArchiveLimits | None = None) -> str:
    """A .docx body as (unsanitised) HTML, read in the sandbox. Raises BodyImportError (Chinese)."""
    try:
        check_zip(bytes(data), limits=archive_limits, what=name)
    except ArchiveError as exc:
        raise BodyImportError(str(exc)) from None
    outcome = run_limited(_docx_in_child, data, limits=limits, what=name)
    if outcome.ok:
        return outcome.value
    if isinstance(outcome.exception, BodyImportError):
        raise outcome.exception
    raise BodyImportError(outcome.error or f"无法读取文件「{name}」。")
