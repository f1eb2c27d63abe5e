"""Untrusted uploaded files, for every Django app: the ONE upload validator (by content), and reading
them safely.

    from gongkai.uploads import APPLICANT, STAFF_REPLY, CATALOG, REMEDY, REPORT_IMPORT, REPORT_AUDIT, CATALOG_IMPORT
    check_upload(f, APPLICANT) -> str | None       # a Chinese message if refused
    validate_upload(f, STAFF_REPLY)                # raises django ValidationError (for forms' clean_<field>)
    content_type_for("答复.xlsx")                   # the type a stored file is served with (never the browser's)

The extension must be one of the policy's, and the content must be what the extension says: leading
bytes (PDF, images, OLE), ZIP structure with the parts the format needs (DOCX, XLSX, OFD; checked by
declared sizes, see below), text that decodes (TXT, CSV, HTML, JSON). Executables are refused whatever
their name.

    from gongkai.uploads import parse_report_upload, read_table_upload, upload_budget, check_archive
    report = parse_report_upload(content, "报告.pdf")      # raises ParseError (Chinese), never crashes the caller
    rows = read_table_upload("目录.xlsx", content, max_rows=20000)   # raises TableError (Chinese)
    budget = upload_budget()                                # one per request / batch: total unzipped bytes
    infos = check_archive(content, "报告.zip", budget=budget)      # raises ArchiveError (Chinese)

The parsing runs in a limited child process (`gongkai.core.untrusted`), with the limits of
`settings.GONGKAI_PARSE_LIMITS` and `settings.GONGKAI_ARCHIVE_LIMITS`.
"""

from __future__ import annotations

import codecs
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError

from gongkai.core.untrusted import (
    ArchiveError,
    ArchiveLimits,
    BodyImportError,
    Budget,
    Limits,
    ParseError,
    TableError,
    check_zip,
    docx_body_html,
    parse_report,
    read_table,
)

__all__ = [
    "APPLICANT", "CATALOG", "CATALOG_IMPORT", "REMEDY", "REPORT_AUDIT", "REPORT_IMPORT", "STAFF_REPLY",
    "ArchiveError", "BodyImportError", "ParseError", "TableError", "UploadPolicy", "archive_limits", "check_archive", "check_upload",
    "content_type_for", "docx_body_upload", "parse_limits", "parse_report_upload", "read_table_upload", "upload_budget",
    "validate_upload",
]

# -- the validator ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class UploadPolicy:
    """Which files one purpose accepts. `noun` names the file in messages (附件 / 文件)."""

    key: str
    extensions: tuple[str, ...]
    noun: str = "附件"
    max_files: int = 5
    max_bytes: int | None = None          # None: settings.UPLOAD_MAX_BYTES
    scan_zip_members: bool = True         # refuse ZIPs holding executables (files handed to people)
    description: str = field(default="", compare=False)

    def limit(self) -> int:
        return self.max_bytes or settings.UPLOAD_MAX_BYTES

    def allowed_label(self) -> str:
        return "、".join(e.upper() for e in self.extensions if e != "jpeg")


_APPLICANT_TYPES = ("pdf", "jpg", "jpeg", "png", "doc", "docx", "ofd", "txt")
#: Public applicants (申请、补正材料): the strict list.
APPLICANT = UploadPolicy("applicant", _APPLICANT_TYPES, description="申请人上传的材料")
#: Staff replies to applicants (提供的信息): also spreadsheets, data and archives (issue 12).
STAFF_REPLY = UploadPolicy(
    "staff_reply", (*_APPLICANT_TYPES, "xls", "xlsx", "csv", "zip"), max_files=10, description="答复附件"
)
#: Catalogue attachments (published with the item).
CATALOG = UploadPolicy(
    "catalog",
    ("pdf", "ofd", "doc", "docx", "wps", "xls", "xlsx", "et", "csv", "txt", "zip", "rar", "7z", "jpg", "jpeg",
     "png", "gif"),
    max_files=1, description="目录附件",
)
#: Remedy documents (复议决定书、判决书…).
REMEDY = UploadPolicy("remedy", _APPLICANT_TYPES, noun="文件", max_files=1, description="复议诉讼文书")
#: An annual report published before gongkai (parsed).
REPORT_IMPORT = UploadPolicy(
    "report_import", ("pdf", "html", "htm", "txt", "md", "docx", "xlsx", "json"), noun="文件", max_files=1,
    description="导入的年度报告",
)
#: Many published reports for a batch audit (parsed), also as ZIP archives.
REPORT_AUDIT = UploadPolicy(
    "report_audit", (*REPORT_IMPORT.extensions, "zip"), noun="文件", max_files=500, description="审查的年度报告",
    scan_zip_members=False,  # only the report files inside are read (reports.batch._store_source)
)
#: Catalogue bulk import.
CATALOG_IMPORT = UploadPolicy("catalog_import", ("csv", "xlsx", "txt"), noun="文件", max_files=1,
                              description="目录批量导入")

_CONTENT_TYPES = {
    "pdf": "application/pdf", "jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "gif": "image/gif",
    "doc": "application/msword", "wps": "application/vnd.ms-works",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xls": "application/vnd.ms-excel", "et": "application/vnd.ms-excel",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ofd": "application/ofd", "zip": "application/zip", "rar": "application/vnd.rar",
    "7z": "application/x-7z-compressed", "txt": "text/plain; charset=utf-8", "csv": "text/csv; charset=utf-8",
    "md": "text/plain; charset=utf-8", "html": "text/plain; charset=utf-8", "htm": "text/plain; charset=utf-8",
    "json": "application/json",
}


def content_type_for(name: str) -> str:
    """The type a stored file is served with, from its (checked) extension, never from the browser's claim.
    HTML is served as text: an uploaded page must never run in the site's origin."""
    return _CONTENT_TYPES.get(Path(name or "").suffix.lower().lstrip("."), "application/octet-stream")


_MAGIC: dict[str, tuple[bytes, ...]] = {
    "pdf": (b"%PDF-",),
    "jpg": (b"\xff\xd8\xff",), "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "gif": (b"GIF87a", b"GIF89a"),
    "rar": (b"Rar!\x1a\x07",),
    "7z": (b"7z\xbc\xaf\x27\x1c",),
}
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_OLE_TYPES = {"doc", "xls", "wps", "et"}
#: ZIP-based formats: the part that makes the format (checked in the central directory).
_ZIP_PARTS = {"docx": ("word/document.xml",), "xlsx": ("xl/workbook.xml",), "ofd": ("OFD.xml",)}
_TEXT_TYPES = {"txt", "csv", "md", "html", "htm", "json"}
_EXECUTABLE_MAGIC = (b"MZ", b"\x7fELF", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe", b"\xce\xfa\xed\xfe", b"#!")
_EXECUTABLE_EXTENSIONS = {
    "exe", "dll", "com", "scr", "bat", "cmd", "msi", "ps1", "vbs", "vbe", "js", "jse", "wsf", "hta", "jar",
    "sh", "lnk", "pif", "cpl", "apk", "app", "elf", "so", "dylib",
}
TEXT_SNIFF_BYTES = 256 * 1024


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.0f} MB" if n >= 1024 * 1024 else f"{n / 1024:.0f} KB"


def _read_all(f) -> bytes:
    f.seek(0)
    data = f.read()
    f.seek(0)
    return data


def _head(f, n: int) -> bytes:
    f.seek(0)
    data = f.read(n)
    f.seek(0)
    return data


def _is_text(data: bytes) -> bool:
    if b"\x00" in data:
        return False
    for encoding in ("utf-8-sig", "gb18030"):
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            decoder.decode(data, final=False)  # a sniffed prefix may end inside a character
            return True
        except UnicodeDecodeError:
            continue
    return False


def _zip_problem(f, ext: str, what: str, policy: UploadPolicy) -> str | None:
    data = _read_all(f)
    try:
        infos = check_archive(data, Path(what).name)
    except ArchiveError as error:
        return str(error)
    names = {i.filename for i in infos}
    needed = _ZIP_PARTS.get(ext)
    if needed and not any(part in names for part in needed):
        return "structure"
    if ext == "zip" and policy.scan_zip_members:
        bad = sorted({n for n in names if Path(n).suffix.lower().lstrip(".") in _EXECUTABLE_EXTENSIONS})
        if bad:
            return f"压缩包「{what}」中含有可执行程序（{'、'.join(bad[:3])}），不能上传。"
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for info in infos:
                if info.is_dir() or info.file_size < 2:
                    continue
                with archive.open(info) as member:
                    if member.read(4).startswith(_EXECUTABLE_MAGIC):
                        return f"压缩包「{what}」中的「{info.filename[:80]}」是可执行程序，不能上传。"
    return None


def check_upload(f, policy: UploadPolicy = APPLICANT) -> str | None:
    """A Chinese message if the uploaded file may not be accepted under `policy`, else None."""
    name = Path(getattr(f, "name", "") or "").name or "未命名"
    noun = policy.noun
    ext = Path(name).suffix.lower().lstrip(".")
    if ext not in policy.extensions:
        return f"{noun}「{name}」的类型不允许上传。可上传的类型：{policy.allowed_label()}。"
    limit = policy.limit()
    size = f.size
    if size > limit:
        return f"{noun}「{name}」大小为{_size(size)}，超过了{_size(limit)}的上限。"
    if size == 0:
        return f"{noun}「{name}」是空文件。"
    head = _head(f, 64)
    if ext not in _TEXT_TYPES and head.startswith(_EXECUTABLE_MAGIC):
        return f"{noun}「{name}」是可执行程序，不能上传。"
    mismatch = f"{noun}「{name}」的内容与扩展名不符（不是有效的 {ext.upper()} 文件）。"
    if ext in _MAGIC:
        return None if head.startswith(_MAGIC[ext]) else mismatch
    if ext in _OLE_TYPES:
        if head.startswith(_OLE) or (ext in ("wps", "et") and head.startswith(b"PK\x03\x04")):
            return None
        return mismatch
    if ext in _ZIP_PARTS or ext == "zip":
        if not head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
            return mismatch
        problem = _zip_problem(f, ext, name, policy)
        return mismatch if problem == "structure" else problem
    if ext in _TEXT_TYPES:
        return None if _is_text(_head(f, TEXT_SNIFF_BYTES)) else f"{noun}「{name}」不是文本文件。"
    return mismatch  # pragma: no cover — every policy extension has a rule above


def validate_upload(f, policy: UploadPolicy = APPLICANT) -> None:
    """For forms: raise ValidationError with the Chinese message if the file is refused."""
    if (message := check_upload(f, policy)) is not None:
        raise ValidationError(message, code="upload")


def validate_uploads(files, policy: UploadPolicy) -> None:
    """Several files of one field: the count, each file, and their total size (one submission)."""
    if len(files) > policy.max_files:
        raise ValidationError(f"最多上传{policy.max_files}个{policy.noun}。", code="upload_count")
    errors = [message for f in files if (message := check_upload(f, policy))]
    if errors:
        raise ValidationError(errors, code="upload")


# -- reading untrusted files -------------------------------------------------------------------------


def parse_limits() -> Limits:
    return Limits.from_mapping(settings.GONGKAI_PARSE_LIMITS)


_sandbox_warm = False


def warm_sandbox() -> None:
    """Start the sandbox's fork server (it imports the parsers: seconds on a busy machine) outside any
    file's time limit; a worker calls this once before its first untrusted file."""
    global _sandbox_warm
    if not _sandbox_warm:
        from gongkai.core.untrusted import run_limited

        run_limited(len, b"", limits=Limits(cpu_seconds=60, wall_seconds=120, memory_mb=1024))
        _sandbox_warm = True


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


def docx_body_upload(content: bytes, name: str) -> str:
    """The body of an uploaded .docx as HTML (unsanitised), read in the sandbox; raises BodyImportError."""
    return docx_body_html(content, name, limits=parse_limits(), archive_limits=archive_limits())
