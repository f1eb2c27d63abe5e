"""Size checks on ZIP containers (ZIP archives, DOCX/XLSX/OFD parts) *before* anything is decompressed.

    from gongkai.core.untrusted.archive import ArchiveLimits, ArchiveError, Budget, check_zip
    infos = check_zip(data, limits=ArchiveLimits(), what="报告.zip", budget=budget)   # raises ArchiveError

Only the central directory is read. Every member's declared uncompressed size counts; Python's
`zipfile` (used by openpyxl and python-docx too) never inflates a member beyond its declared size, so
the declared sizes bound what reading can produce. Refused: more members than `max_members`, a member
larger than `max_member_bytes`, a total above `max_total_bytes` (optionally shared by every archive of
one request through a `Budget`), and a large member compressed more than `max_ratio` : 1 (a bomb).
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

MB = 1024 * 1024


class ArchiveError(ValueError):
    """The container may not be opened; the message is Chinese, for the user."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "压缩文件无法读取。"


@dataclass(frozen=True)
class ArchiveLimits:
    max_members: int = 2000
    max_member_bytes: int = 100 * MB
    max_total_bytes: int = 200 * MB
    max_ratio: int = 200           # uncompressed : compressed, checked for members above ratio_floor
    ratio_floor: int = 1 * MB

    @classmethod
    def from_mapping(cls, values: dict | None) -> ArchiveLimits:
        values = values or {}
        return cls(**{k: v for k, v in values.items() if k in cls.__dataclass_fields__})


@dataclass
class Budget:
    """Uncompressed bytes left for all archives of one request (a batch of uploads)."""

    total_bytes: int
    used: int = 0

    def spend(self, n: int, what: str) -> None:
        self.used += n
        if self.used > self.total_bytes:
            raise ArchiveError(
                f"压缩文件{what}解压后总量超过本次上传{_mb(self.total_bytes)}的上限，请分批上传。"
            )


def _mb(n: int) -> str:
    return f"{n / MB:.0f} MB" if n >= MB else f"{n / 1024:.0f} KB"


def is_zip(data: bytes) -> bool:
    return data[:4] in (b"PK\x03\x04", b"PK\x05\x06")


def check_zip(data, *, limits: ArchiveLimits | None = None, what: str = "",
              budget: Budget | None = None) -> list[zipfile.ZipInfo]:
    """The members of a ZIP container after the size checks; raises ArchiveError.

    `data` is the bytes, or a seekable binary file (a stored batch-audit ZIP is not read into memory)."""
    limits = limits or ArchiveLimits()
    name = f"「{what}」" if what else ""
    source = io.BytesIO(data) if isinstance(data, bytes | bytearray | memoryview) else data
    try:
        with zipfile.ZipFile(source) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError, NotImplementedError):
        raise ArchiveError(f"压缩文件{name}已损坏或不是有效的 ZIP/Office 文件，无法读取。") from None
    if len(infos) > limits.max_members:
        raise ArchiveError(f"压缩文件{name}包含{len(infos)}个文件，超过{limits.max_members}个的上限。")
    total = 0
    for info in infos:
        size = info.file_size
        if size > limits.max_member_bytes:
            raise ArchiveError(
                f"压缩文件{name}中的「{info.filename[:80]}」解压后为{_mb(size)}，超过{_mb(limits.max_member_bytes)}的上限。"
            )
        if size > limits.ratio_floor and size > limits.max_ratio * max(info.compress_size, 1):
            raise ArchiveError(
                f"压缩文件{name}中的「{info.filename[:80]}」压缩比异常（{size // max(info.compress_size, 1)}:1），"
                "疑似“压缩炸弹”，已拒绝。"
            )
        total += size
        if total > limits.max_total_bytes:
            raise ArchiveError(f"压缩文件{name}解压后总量超过{_mb(limits.max_total_bytes)}的上限。")
    if budget is not None:
        budget.spend(total, name)
    return infos
