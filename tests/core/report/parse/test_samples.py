"""Every complete sample parses to its expected values; partial samples to what they contain.

The expected values were read by hand (shared/samples/expected). One deviation is deliberate and
asserted as such: the parser never invents a value that the document does not print.
"""

from __future__ import annotations

import pytest

from gongkai.core.report.parse import parse_file

from .rp_helpers import SAMPLES, expected, plain, shared_samples

COMPLETE = [
    ("000_eea4a711c55947f4.txt", "seed.json"),
    ("001_huaian_szf_2024_layout.txt", "001_huaian_szf_2024_layout.json"),
    ("001_huaian_szf_2024.pdf", "001_huaian_szf_2024_layout.json"),
    ("003_hongze_qzf_2023_layout.txt", "003_hongze_qzf_2023_layout.json"),
    ("003_hongze_qzf_2023.pdf", "003_hongze_qzf_2023_layout.json"),
    ("012_shanghai_szfbgt_2019.html", "012_shanghai_szfbgt_2019.json"),
    ("026_pingtan_qu_2021_pagetxt.txt", "026_pingtan_qu_2021_pagetxt.json"),
    ("034_shuyang_xzf_2025_mdtxt.txt", "034_shuyang_xzf_2025_mdtxt.json"),
]

# 026: 「行政规范性文件693665」 has many splits and 表二 has no 勾稽 relation to choose one; the
# expected 69|3|665 was checked against the archived HTML, which the text does not contain.
AMBIGUOUS_IN_TEXT = {("026_pingtan_qu_2021_pagetxt.txt", "table2", "行政规范性文件")}


@pytest.mark.parametrize(("name", "exp_name"), COMPLETE, ids=[c[0] for c in COMPLETE])
def test_it_reads_every_complete_sample_exactly(name, exp_name):
    exp = expected(exp_name)
    report = parse_file(SAMPLES / name)
    got = plain(report.values())

    assert got["year"] == exp["year"]
    assert got["format_version"] == exp["format_version"]
    assert got["agency"] == exp["agency"]
    for row, cols in exp["table2"].items():
        if (name, "table2", row) in AMBIGUOUS_IN_TEXT:
            continue
        for col, value in cols.items():
            assert got["table2"][row].get(col) == plain(value), (row, col)
    assert got["table3"] == plain(exp["table3"])
    assert got["table4"] == plain(exp["table4"])
    assert got["fees"] == plain(exp["fees"])
    assert got.get("table3_extra_rows") == plain(exp.get("table3_extra_rows"))


def test_it_reports_the_ambiguous_split_instead_of_guessing():
    report = parse_file(SAMPLES / "026_pingtan_qu_2021_pagetxt.txt")
    cells = report.table2["行政规范性文件"]
    assert not any(c.found for c in cells.values())
    (entry,) = [m for m in report.missing if "行政规范性文件" in m]
    assert "693665" in entry and "69|3|665" in entry or "6|93|665" in entry
    # the rows whose digits ran together were split by the 勾稽 relations, with lower confidence
    r1 = report.table3["R1"]
    assert [c.value for c in r1] == [64, 0, 0, 2, 0, 4, 70]
    assert r1[0].raw == "640020470" and r1[0].confidence < 1


def test_034_ocr_place_name_is_corrected_and_the_printed_name_kept():
    # the OCR'd text prints 「沐阳县」 everywhere; 沐阳县 does not exist, 沭阳县 (宿迁市) does
    report = parse_file(SAMPLES / "034_shuyang_xzf_2025_mdtxt.txt")
    assert report.agency == "沭阳县人民政府"
    assert report.title.startswith("沐阳县人民政府")  # the title stays as printed
    assert report.notes == ["机关名称中的“沐阳”按行政区划名称更正为“沭阳”（原文如此）"]
    provenance = report.to_json()["provenance"]["agency"]
    assert provenance["raw"] == "沐阳县人民政府" and provenance["confidence"] < 1
    assert "notes" not in report.values()


def test_agencies_of_real_divisions_are_not_corrected():
    for name in (
        "001_huaian_szf_2024_layout.txt",
        "003_hongze_qzf_2023_layout.txt",
        "019_yanbian_xinjiuzhen_2021.txt",
    ):
        report = parse_file(SAMPLES / name)
        assert report.notes == [] and report.agency_cell.raw is None, name
        assert report.agency_cell.value == report.agency and report.agency_cell.confidence == 1


def test_pdf_and_its_layout_text_agree():
    for stem in ("001_huaian_szf_2024", "003_hongze_qzf_2023"):
        pdf = parse_file(SAMPLES / f"{stem}.pdf")
        txt = parse_file(SAMPLES / f"{stem}_layout.txt")
        assert pdf.values() == txt.values()
        assert pdf.t3("R1", "total").source.startswith("第")  # "第4页第…行"
        assert "页" in pdf.t3("R1", "total").source


def test_2021_report_with_one_other_row_keeps_it_apart():
    report = parse_file(SAMPLES / "003_hongze_qzf_2023_layout.txt")
    assert [c.value for c in report.table3_extra_rows["（六）其他处理"]] == [0] * 7
    assert not any(c.found for c in report.table3["R3f1"])
    assert any("（六）其他处理 1.申请人无正当理由逾期不补正" in m and "印成一行" in m for m in report.missing)
    # the typo 「2.其他法律行政止公开」 still finds its row, with less confidence
    assert [c.value for c in report.table3["R3c2"]] == [0] * 7


def test_html_2019_keeps_blank_apart_from_zero_and_text_cells():
    report = parse_file(SAMPLES / "012_shanghai_szfbgt_2019.html")
    assert report.format_version == "2019"
    r3a = report.table3["R3a"]
    assert r3a[6].found and r3a[6].value is None  # printed blank (&nbsp;), not missing
    assert report.table2["政府集中采购"]["采购总金额"].value == "251000元"
    assert report.table3["R3f"][0].is_blank
    assert report.published_on == "2020-01-31"
    assert report.t3("R1", 0).source == "表格2 第4行第4列"


def test_seed_narrative_facts_and_sections():
    report = parse_file(SAMPLES / "000_eea4a711c55947f4.txt")
    assert list(report.sections)[0] == "一、总体情况" and len(report.sections) == 6
    assert report.facts["new_received"].value == 0
    assert report.facts["published_items"].value == 70
    assert report.fees.notices.value == 0 and report.fees.collected_yuan.value == 0
    assert report.t3("R1", "total").source == "第71行"  # the line the 总计 value is printed on


# -- partial samples: what is there, and precisely what is missing -------------------------------


def _values(report, key):
    return [c.value if c.found else "缺" for c in report.table3[key]]


def test_005_cut_inside_table_three():
    r = parse_file(SAMPLES / "005_bjbahr_haidian_dept_a.txt")
    assert r.table2["行政处罚"]["本年处理决定数量"].value == 187
    assert _values(r, "R1") == [49, 0, 0, 0, 0, 0, 49]
    assert _values(r, "R3d2") == [1, 0, 0, 0, 0, 0, 1]
    assert _values(r, "R3e1") == ["缺"] * 7
    assert "表三 （五）不予处理 1.信访举报投诉类申请：找到行标签但没有数值，全部7列缺失" in r.missing
    assert "表三 四、结转下年度继续办理：未找到该行，全部7列缺失" in r.missing
    assert any(m.startswith("表四：") for m in r.missing)


def test_006_row_cut_in_the_middle():
    r = parse_file(SAMPLES / "006_longgang_qzfgzbm_2024.txt")
    assert r.year == 2024
    assert r.table2["行政规范性文件"]["现行有效件数"].value == 25
    assert _values(r, "R3c7") == [0, 0, 0, 0, 0, 0, "缺"]
    assert "表三 （三）不予公开 7.属于行政执法案卷：文档在此处截断，第7列（总计）缺失" in r.missing
    assert r.missing[0].startswith("文档不完整：在表三中途结束")


def test_007_skeleton_without_values_is_all_missing():
    r = parse_file(SAMPLES / "007_xiongxian_township_2019.txt")
    assert r.format_version == "2019"
    assert not any(c.found for _, c in r.cells())
    assert any("规章：只找到1个数值（0）" in m for m in r.missing)
    assert any(m.startswith("表三：找到表头或行标签，但没有读到任何数值") for m in r.missing)


def test_008_dropped_blank_cells_are_not_placed_by_guess():
    r = parse_file(SAMPLES / "008_yueyang_nanhu_dept_2019.txt")
    assert r.table2["政府集中采购"]["采购总金额"].value == 0
    assert _values(r, "R1") == ["缺"] * 7
    assert any(
        "一、本年新收政府信息公开申请数量：只找到2个数值（3、3），空白单元格被省略" in m for m in r.missing
    )


def test_009_bar_on_its_own_line_and_multi_line_cells():
    r = parse_file(SAMPLES / "009_taojiang_sjj_2020.txt")
    assert r.table2["规范性文件"] == {
        k: r.table2["规范性文件"][k] for k in ("本年新制作数量", "本年新公开数量", "对外公开总数量")
    }
    assert [c.value for c in r.table2["规范性文件"].values()] == [2, 2, 2]
    assert _values(r, "R3b") == [0] * 7
    assert "表三 （三）不予公开 1.属于国家秘密：找到行标签但没有数值，全部7列缺失" in r.missing


def test_010_slash_cells_and_single_bar_blanks():
    r = parse_file(SAMPLES / "010_qu_tjj_ipsite_2023.txt")
    assert r.table2["规章"]["本年制发件数"].value == "/"
    assert _values(r, "R1") == [None] * 6 + [0]
    assert _values(r, "R3a") == [None] * 7


def test_011_markdown_rows_with_nbsp():
    r = parse_file(SAMPLES / "011_changchun_styjrswj_2023.txt")
    assert r.table2["行政许可"]["本年处理决定数量"].value == 0
    assert _values(r, "R1") == [3, 0, 0, 0, 0, 0, 3]
    assert r.facts["new_received"].value == 2


def test_013_row_pipes_with_blank_cells():
    r = parse_file(SAMPLES / "013_xuwen_sfj_2023.txt")
    assert r.table2["行政规范性文件"]["现行有效件数"].value == 101
    assert _values(r, "R1") == [0, None, None, None, None, None, 0]
    assert _values(r, "R3c5") == [None] * 6 + [0]


def test_014_page_fragment_with_page_header():
    r = parse_file(SAMPLES / "014_wendeng_sjj_2020_flipbook_p9.txt")
    assert _values(r, "R4") == [0] * 7
    assert [c.value for c in r.table4["review"]] == [0] * 5
    assert "表二：文档中未找到该表，全部10个单元格缺失" in r.missing


def test_015_report_without_tables_is_read_not_refused():
    r = parse_file(SAMPLES / "015_conghua_kfq_2022_notables.txt")
    assert not any(c.found for _, c in r.cells())
    assert r.missing[0] == "文档中没有可读的统计表（表二、表三、表四均未找到）"
    assert "一、总体情况" in r.sections and r.facts["new_received"].value == 0


def test_016_traditional_characters_with_pinyin_glosses():
    r = parse_file(SAMPLES / "016_qhpw_mirror_conghua_tzcjj_2022_trad.txt")
    assert [c.value for c in r.table2["行政规范性文件"].values()] == [1, 0, 1]
    assert r.table2["行政事业性收费"]["本年收费金额（单位：万元）"].value == 0
    assert any(m.startswith("表三：找到表头或行标签，但没有读到任何数值") for m in r.missing)


def test_017_018_row_pipes_2021_and_2019():
    r = parse_file(SAMPLES / "017_xuwen_bureau_2025.txt")
    assert _values(r, "R2") == [0] * 7 and _values(r, "R3a") == ["缺"] * 7
    r = parse_file(SAMPLES / "018_weishan_liangchengzhen_2020.txt")
    assert r.format_version == "2019" and r.year == 2020
    assert r.table2["政府集中采购"]["采购总金额"].value == 0
    assert "表三 （一）予以公开：找到行标签但没有数值，全部7列缺失" in r.missing


def test_019_one_cell_per_paragraph_and_title_on_two_lines():
    r = parse_file(SAMPLES / "019_yanbian_xinjiuzhen_2021.txt")
    assert (r.year, r.agency) == (2021, "盐边县新九镇人民政府")
    assert r.published_on == "2022-01-25"
    assert _values(r, "R3a") == [0] * 7
    assert (
        "表三 （二）部分公开（区分处理的，只计这一情形，不计其他情形）：找到行标签但没有数值，全部7列缺失"
        in r.missing
    )


def test_020_2019_format_in_a_2023_report():
    r = parse_file(SAMPLES / "020_mirror_county_mzj_2023_oldformat.txt")
    assert r.format_version == "2019" and r.year == 2023
    assert [c.value for c in r.table2["其他对外管理服务事项"].values()] == [0, 0, 0]
    assert not r.table2["行政处罚"]["处理决定数量"].found
    assert r.missing[0].startswith("文档不完整：在表二中途结束")


def test_022_023_bar_lines_and_mangled_spaces():
    r = parse_file(SAMPLES / "022_xinjiang_nlk_town_2023.txt")
    assert r.table2["规章"]["现行有效件数"].value == 6
    assert _values(r, "R3c5") == [0] * 7
    r = parse_file(SAMPLES / "023_pjmajestic_mirror_bureau_2021_trad.txt")
    cell = r.table2["规章"]["本年废止件数"]
    assert cell.value == 0 and cell.raw == "? 0" and cell.confidence < 1
    assert _values(r, "R1") == [0, 0, "缺", "缺", "缺", "缺", "缺"]


def test_sample_copies_are_byte_exact():
    """The fixtures are copies of shared/samples; when shared/ is beside the repo, they must match."""
    shared = shared_samples()
    if shared is None:
        pytest.skip("shared/samples is not beside the repository")
    for copy in SAMPLES.iterdir():
        if copy.is_file() and copy.suffix in (".txt", ".pdf", ".html"):
            origin = shared / "reports" / copy.name
            if not origin.exists():
                origin = shared.parent / "seed" / copy.name
            assert origin.read_bytes() == copy.read_bytes(), copy.name
    for copy in (SAMPLES / "expected").iterdir():
        assert (shared / "expected" / copy.name).read_bytes() == copy.read_bytes(), copy.name
