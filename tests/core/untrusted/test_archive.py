"""ZIP containers are checked by their declared sizes before anything is inflated."""

import io
import zipfile

import pytest

from gongkai.core.untrusted.archive import ArchiveError, ArchiveLimits, Budget, check_zip

from . import hostile


def _zip(members):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members:
            z.writestr(name, data)
    return buf.getvalue()


def test_an_ordinary_archive_passes_and_lists_its_members():
    infos = check_zip(_zip([("a.txt", b"hello"), ("b/c.html", b"<p>x</p>")]))
    assert [i.filename for i in infos] == ["a.txt", "b/c.html"]


def test_too_many_members_are_refused():
    with pytest.raises(ArchiveError, match="包含10000个文件，超过2000个的上限"):
        check_zip(hostile.zip_many(10000), what="批量.zip")


def test_a_highly_compressed_member_is_refused_as_a_bomb():
    with pytest.raises(ArchiveError, match="压缩比异常.*压缩炸弹"):
        check_zip(hostile.zip_bomb(20))


def test_a_member_above_the_member_limit_is_refused():
    with pytest.raises(ArchiveError, match="「big.bin」解压后为3 MB，超过2 MB的上限"):
        check_zip(_zip([("big.bin", bytes(range(256)) * 12288)]), limits=ArchiveLimits(max_member_bytes=2 * 1024 * 1024))


def test_the_total_is_limited():
    data = _zip([(f"{i}.bin", bytes(range(256)) * 4096) for i in range(3)])  # 3 × 1 MB
    with pytest.raises(ArchiveError, match="解压后总量超过2 MB的上限"):
        check_zip(data, limits=ArchiveLimits(max_total_bytes=2 * 1024 * 1024))


def test_a_budget_is_shared_by_all_archives_of_one_request():
    data = _zip([("a.bin", bytes(range(256)) * 4096)])  # 1 MB each
    budget = Budget(total_bytes=int(2.5 * 1024 * 1024))
    check_zip(data, budget=budget)
    check_zip(data, budget=budget)
    with pytest.raises(ArchiveError, match="本次上传.*请分批上传"):
        check_zip(data, budget=budget, what="third.zip")


def test_a_damaged_archive_is_refused_in_chinese():
    with pytest.raises(ArchiveError, match="已损坏或不是有效的"):
        check_zip(b"PK\x03\x04" + b"\0" * 100)


@pytest.mark.parametrize("make", [hostile.xlsx_compression_bomb, hostile.docx_bomb, hostile.docx_wide_table])
def test_office_bombs_are_refused_before_parsing(make):
    with pytest.raises(ArchiveError):
        check_zip(make())
