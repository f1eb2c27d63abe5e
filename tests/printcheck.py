"""Checks a person makes on a printed document, for the DOCX (via LibreOffice) and the PDF alike.

    from printcheck import libreoffice_pdf, check_print
    pages = check_print(pdf_bytes, signature=("北京市…局", "2026年3月5日"))

- every page is A4 portrait;
- no page holds only the 落款 (署名 and 成文日期 with nothing of the body: GB/T 9704 §7.3.5.4);
- no table cell is narrower than its text needs: a label is never broken one character per line
  (LibreOffice collapsed 表三's label columns that way), a number is never broken at all.

`libreoffice_pdf` converts a DOCX headless with Debian's `libreoffice-writer-nogui` (installed by
./dev and .ci/run), with the fontconfig aliases of src/gongkai/fonts/fonts.conf so the faces the
DOCX names map to the faces the PDF embeds.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import uuid
from pathlib import Path

import pdfplumber

from gongkai.core import gbt9704

A4 = (595.28, 841.89)
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
FONTS_CONF = gbt9704.FONT_DIR / "fonts.conf"


def libreoffice_pdf(docx: bytes, workdir: Path, name: str = "document") -> bytes:
    return libreoffice_pdfs({name: docx}, workdir)[name]


def libreoffice_pdfs(docs: dict[str, bytes], workdir: Path) -> dict[str, bytes]:
    """Convert several DOCX files in one LibreOffice run (start-up is most of the cost)."""
    assert SOFFICE, "LibreOffice (libreoffice-writer-nogui) is not installed: ./dev test installs it"
    sources = []
    for name, data in docs.items():
        src = workdir / f"{name}.docx"
        src.write_bytes(data)
        sources.append(str(src))
    profile = workdir / f"lo-{uuid.uuid4().hex}"  # one profile per run: LibreOffice allows one instance each
    env = {**os.environ, "FONTCONFIG_FILE": str(FONTS_CONF), "HOME": str(workdir)}
    subprocess.run(
        [SOFFICE, "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}",
         "--convert-to", "pdf", "--outdir", str(workdir), *sources],
        check=True, capture_output=True, timeout=60 + 20 * len(sources), env=env,
    )
    return {name: (workdir / f"{name}.pdf").read_bytes() for name in docs}


_PAGE_NUMBER = re.compile(r"^[—–-]\s*\d+\s*[—–-]$")
_NUMBER = re.compile(r"^[\d.,%]+$")


def _lines(chars: list[dict], tolerance: float = 3.0) -> list[str]:
    rows: list[list[dict]] = []
    for ch in sorted(chars, key=lambda c: (round(c["top"], 1), c["x0"])):
        if rows and abs(ch["top"] - rows[-1][0]["top"]) <= tolerance:
            rows[-1].append(ch)
        else:
            rows.append([ch])
    return ["".join(c["text"] for c in sorted(r, key=lambda c: c["x0"])).strip() for r in rows]


def page_texts(pdf: bytes) -> list[list[str]]:
    """The text lines of each page (page numbers dropped)."""
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return [[ln.replace(" ", "") for ln in _lines(p.chars) if ln and not _PAGE_NUMBER.match(ln.replace(" ", ""))]
                for p in doc.pages]


def check_print(pdf: bytes, *, signature: tuple[str, str] | None = None, max_pages: int | None = None) -> int:
    """Assert the print checks above; return the page count."""
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        pages = list(doc.pages)
        assert pages, "the PDF has no page"
        for number, page in enumerate(pages, start=1):
            assert abs(page.width - A4[0]) < 1.5 and abs(page.height - A4[1]) < 1.5, (
                f"page {number} is {page.width:.1f} × {page.height:.1f} pt, not A4")
            _check_table_cells(page, number)
        count = len(pages)
    if max_pages is not None:
        assert count <= max_pages, f"{count} pages, expected at most {max_pages}"
    if signature is not None:
        name, date_text = (s.replace(" ", "") for s in signature)
        texts = page_texts(pdf)
        holding = [i for i, lines in enumerate(texts) if date_text in lines]
        assert holding, f"the 成文日期 {date_text} is not printed on a line of its own"
        last = holding[-1]
        body = [ln for ln in texts[last] if ln not in (name, date_text)]
        assert body, f"page {last + 1} holds only the 落款 ({name} / {date_text})"
    return count


def _check_table_cells(page, number: int) -> None:
    for table in page.find_tables():
        for cell in table.cells:
            x0, top, x1, bottom = cell
            chars = [c for c in page.chars if x0 <= (c["x0"] + c["x1"]) / 2 <= x1 and top <= (c["top"] + c["bottom"]) / 2 <= bottom
                     and c["text"].strip()]
            if not chars:
                continue
            lines = [ln for ln in _lines(chars) if ln]
            text = "".join(lines)
            if _NUMBER.match(text):
                assert len(lines) == 1, f"page {number}: the number {text} is broken over {len(lines)} lines"
                continue
            if len(text) <= 1:
                continue
            single = [ln for ln in lines[:-1] if len(ln) == 1]
            assert not single, (
                f"page {number}: the cell 「{text}」 is {x1 - x0:.0f} pt wide and prints one character per line")
