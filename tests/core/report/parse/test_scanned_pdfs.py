"""Scanned PDFs (no text layer), made at test time by rasterising the sample PDFs (issue 18).

OCR (tesseract, offline) reads them; whatever the scan does not confirm — a low-confidence or
disputed number, a row whose total does not add up, a label not recognised — is listed as
undecidable. So a scan reads to the same values as the text-layer PDF, or lists exactly the cells
it could not confirm: never another value."""

from __future__ import annotations

import pytest

from gongkai.core.report.parse import ocr, parse_bytes, parse_file
from gongkai.core.report.validate import Verdict, validate, verdict

from .rp_helpers import SAMPLES

pytestmark = pytest.mark.skipif(not ocr.available(), reason="tesseract-ocr with chi_sim is not installed")


@pytest.fixture(scope="module")
def scans():
    out = {}
    for stem in ("001_huaian_szf_2024", "003_hongze_qzf_2023"):
        pdf = (SAMPLES / f"{stem}.pdf").read_bytes()
        out[stem] = (parse_file(SAMPLES / f"{stem}.pdf"), parse_bytes(ocr.image_only_pdf(pdf), f"{stem}_scan.pdf"))
    return out


def assert_same_or_listed(text_layer, scan):
    undecided = scan.undecided_paths()
    text_cells = dict(text_layer.cells())
    for path, cell in scan.cells():
        if cell.found:
            assert text_cells[path].found and cell.value == text_cells[path].value, path  # 0 invented values
            assert path not in undecided
        else:
            assert path in undecided, path  # not confirmed: listed, with the reason
    return sum(1 for _, c in scan.cells() if c.found)


@pytest.mark.parametrize("stem", ["001_huaian_szf_2024", "003_hongze_qzf_2023"])
def test_a_scan_reads_as_the_text_layer_or_lists_what_it_could_not_confirm(scans, stem):
    text_layer, scan = scans[stem]
    assert scan.source["kind"] == "pdf-ocr"
    assert (scan.year, scan.format_version) == (text_layer.year, text_layer.format_version)
    read = assert_same_or_listed(text_layer, scan)
    assert read > 0
    reading = scan.reading()
    assert reading["read"] == read and reading["absent"] == 0
    assert reading["read"] + reading["undecidable"] == reading["expected"]


def test_the_scan_of_001_is_undecidable_not_wrong(scans):
    _, scan = scans["001_huaian_szf_2024"]
    validate(scan)
    assert verdict(scan) is Verdict.UNDECIDABLE
    assert not [f for f in scan.findings if f.severity == "error"]
    some = next(iter(scan.undecided.values()))
    assert some.reason  # why: low confidence, two readings disagree, a total that does not add up …
    found = [c for _, c in scan.cells() if c.found]
    assert all("扫描件文字识别" in c.source for c in found if c.source)


def test_a_slightly_rotated_noisy_scan_is_straightened_and_never_misread():
    pdf = (SAMPLES / "001_huaian_szf_2024.pdf").read_bytes()
    text_layer = parse_file(SAMPLES / "001_huaian_szf_2024.pdf")
    scan_pdf = ocr.image_only_pdf(pdf, angle=1.2, noise=0.002, pages=[0, 3])  # title page and 表三
    import io

    import pypdfium2
    from PIL import Image

    page = pypdfium2.PdfDocument(scan_pdf)[1].render(scale=1).to_pil().convert("L")
    del Image, io
    assert abs(ocr.skew_angle(page) + 1.2) <= 0.3  # the rotation is found …
    scan = parse_bytes(scan_pdf, "rotated_noisy.pdf")
    assert scan.year == 2024
    read = assert_same_or_listed(text_layer, scan)  # … and nothing is misread
    assert read > 0


def test_without_tesseract_a_scan_is_unreadable_with_a_clear_message(monkeypatch):
    monkeypatch.setattr(ocr, "available", lambda: False)
    pdf = ocr.image_only_pdf((SAMPLES / "001_huaian_szf_2024.pdf").read_bytes(), dpi=50, pages=[0])
    from gongkai.core.report.parse import ParseError

    with pytest.raises(ParseError, match="tesseract-ocr"):
        parse_bytes(pdf, "scan.pdf")
