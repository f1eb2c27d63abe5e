"""The PDF rendering: the subset CJK font is embedded, the text layer reads back."""

import io
import shutil
import subprocess

import pdfplumber
import pytest

from gongkai.core.report.render import render_pdf
from gongkai.core.report.render.pdf import FONT_FILE

from .helpers import sample


@pytest.fixture(scope="module")
def huaian_pdf() -> bytes:
    return render_pdf(sample("001_huaian_szf_2024_layout"))


def test_the_shipped_subset_font_exists_with_its_licence():
    assert FONT_FILE.exists() and FONT_FILE.stat().st_size > 1_000_000
    assert (FONT_FILE.parent / "OFL.txt").read_text(encoding="utf-8").count("SIL OPEN FONT LICENSE") >= 1


def test_fonts_are_embedded_subsets_of_the_shipped_font(huaian_pdf, tmp_path):
    assert huaian_pdf.startswith(b"%PDF")
    if shutil.which("pdffonts"):
        (tmp_path / "r.pdf").write_bytes(huaian_pdf)
        lines = subprocess.run(["pdffonts", str(tmp_path / "r.pdf")], capture_output=True, text=True).stdout
        fonts = lines.splitlines()[2:]
        assert fonts and all(line.split()[-5:-2] == ["yes", "yes", "yes"] for line in fonts)  # emb sub uni
    with pdfplumber.open(io.BytesIO(huaian_pdf)) as pdf:
        fonts = {c["fontname"] for page in pdf.pages for c in page.chars}
    assert fonts and all("Gongkai-Serif-SC" in f for f in fonts)
    assert all(f.split("+")[0].isupper() and len(f.split("+")[0]) == 6 for f in fonts)  # subset tag


def test_text_layer_has_the_title_labels_and_values(huaian_pdf):
    with pdfplumber.open(io.BytesIO(huaian_pdf)) as pdf:
        text = "".join(page.extract_text() for page in pdf.pages).replace("\n", "").replace(" ", "")
    assert "淮安市人民政府2024年政府信息公开工作年度报告" in text
    assert "一、本年新收政府信息公开申请数量3001530061" in text.replace("\u3000", "")
    assert "96171.6" in text and "实际收取的总金额为3940元" in text


def test_a_character_outside_gb2312_still_renders():
    report = sample("seed")
    report.agency = "北京市堃镕区科学技术局"  # 堃 and 镕 are not in GB2312
    report.title = None
    with pdfplumber.open(io.BytesIO(render_pdf(report))) as pdf:
        text = pdf.pages[0].extract_text().replace(" ", "")
    assert "北京市堃镕区科学技术局2022年" in text
