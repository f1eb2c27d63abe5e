"""Attachment rules: a type whitelist checked against the file's leading bytes, and a size limit
(`settings.UPLOAD_MAX_BYTES`). Stored files are served with the type of their checked extension."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

#: Allowed attachment types: extension → accepted leading bytes (checked, not trusted from the name).
ALLOWED_UPLOADS: dict[str, tuple[bytes, ...]] = {
    ".pdf": (b"%PDF",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".doc": (b"\xd0\xcf\x11\xe0",),
    ".docx": (b"PK\x03\x04",),
    ".ofd": (b"PK\x03\x04",),
    ".txt": (),
}
MAX_FILES = 5
#: The type a stored file is served with, from its (checked) extension, never from the browser's claim.
CONTENT_TYPES = {
    ".pdf": "application/pdf", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png",
    ".doc": "application/msword",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".ofd": "application/ofd", ".txt": "text/plain; charset=utf-8",
}


def _human_size(n: int) -> str:
    return f"{n / 1024 / 1024:.0f} MB" if n >= 1024 * 1024 else f"{n / 1024:.0f} KB"


def check_upload(f) -> str | None:
    """A Chinese message if the file may not be accepted, else None."""
    name = getattr(f, "name", "") or ""
    ext = Path(name).suffix.lower()
    limit = settings.UPLOAD_MAX_BYTES
    if ext not in ALLOWED_UPLOADS:
        allowed = "、".join(e.lstrip(".").upper() for e in ALLOWED_UPLOADS if e != ".jpeg")
        return f"附件「{name}」的类型不允许上传。可上传的类型：{allowed}。"
    if f.size > limit:
        return f"附件「{name}」大小为{_human_size(f.size)}，超过了{_human_size(limit)}的上限。"
    if f.size == 0:
        return f"附件「{name}」是空文件。"
    head = f.read(16)
    f.seek(0)
    magic = ALLOWED_UPLOADS[ext]
    if magic and not any(head.startswith(m) for m in magic):
        return f"附件「{name}」的内容与扩展名不符（不是有效的 {ext.lstrip('.').upper()} 文件）。"
    if ext == ".txt":
        try:
            f.read(65536).decode("utf-8")
        except UnicodeDecodeError:
            f.seek(0)
            try:
                f.read(65536).decode("gb18030")
            except UnicodeDecodeError:
                return f"附件「{name}」不是文本文件。"
        finally:
            f.seek(0)
    return None


