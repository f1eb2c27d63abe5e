"""Input shapes derived from the shared samples' hand-read values (issue 18), for the tests and for
`bench/bench_shapes.py`: the same figures, printed the way PDF-to-markdown OCR converters print them."""

from __future__ import annotations

from gongkai.core.vocabulary import TABLE2_2021, TABLE3_ROWS, TABLE4_COLUMN_LABELS, RemedyKind


def _cell(value) -> str:
    return "" if value is None else str(value)


def _wrap(label: str, width: int) -> list[str]:
    return [label[i : i + width] for i in range(0, len(label), width)] if len(label) > width else [label]


def mineru_markdown(exp: dict, rows_per_page: int = 9) -> str:
    """A MinerU-style markdown rendering of a 2021-format report's tables.

    - 表三 is split into one markdown table per page, with `## 表三（续）` headings between;
    - header rows merged wrongly (the two header rows in one, cells shifted);
    - every third data row: the label alone on its own line, its seven values in the next row
      with an empty first cell;
    - labels longer than 16 characters wrapped across two table rows (the rest of the label in a
      row of its own, no values);
    - empty trailing cells (`| 4 |  |`).
    """
    lines = [f"# {exp['agency']}{exp['year']}年政府信息公开工作年度报告", "", "## 一、总体情况", "",
             "本机关依法做好政府信息公开工作。", "", "## 二、主动公开政府信息情况", ""]
    fee = "本年收费金额(单位:万元)"
    for block in TABLE2_2021:
        lines += [f"| {block.caption} |  |  |  |", "|---|---|---|---|"]
        lines.append("| 信息内容 | " + " | ".join(block.columns) + " |" + " |" * (3 - len(block.columns)))
        for row in block.rows:
            values = [exp["table2"][row][fee if "收费金额" in c else c] for c in block.columns]
            lines.append(f"| {row} | " + " | ".join(_cell(v) for v in values) + " |" + "  |" * (3 - len(values)))
        lines.append("")
    lines += ["## 三、收到和处理政府信息公开申请情况", ""]
    header = [
        "| （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） 申请人情况 | 自然人 | 法人或其他组织 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 其他 | 总计 |  |",
        "|---|---|---|---|---|---|---|---|",
    ]
    lines += header
    group = None
    for n, row in enumerate(TABLE3_ROWS):
        if n and n % rows_per_page == 0:
            lines += ["", "## 表三（续）", "", "| 项目 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |",
                      "|---|---|---|---|---|---|---|---|"]
        values = exp["table3"][row.label]
        label = row.label
        if row.group and row.group != group and row.group != "三、本年度办理结果":
            label = f"{row.group}{label}"
        group = row.group
        cells = " | ".join(_cell(v) for v in values)
        if n % 3 == 2:
            lines += ["", label, "", "| 项目 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |",
                      "|---|---|---|---|---|---|---|---|", f"|  | {cells} |"]
            continue
        parts = _wrap(label, 16)
        if len(parts) > 1:
            lines.append(f"| {parts[0]} | {cells} |  |")
            lines.append(f"| {''.join(parts[1:])} |  |  |  |  |  |  |  |")
        else:
            lines.append(f"| {label} | {cells} |  |")
    lines += ["", "## 四、政府信息公开行政复议、行政诉讼情况", "",
              "| 行政复议 |  |  |  |  | 行政诉讼 |", "|---|---|---|---|---|---|",
              "| " + " | ".join(TABLE4_COLUMN_LABELS) + " | 未经复议直接起诉 复议后起诉 |",
              "| " + " | ".join(TABLE4_COLUMN_LABELS * 2) + " |"]
    values = [v for kind in RemedyKind for v in exp["table4"][kind.label]]
    lines.append("| " + " | ".join(_cell(v) for v in values) + " |")
    lines += ["", "## 五、存在的主要问题及改进情况", "", "无。", "", "## 六、其他需要报告的事项", "", "无。", ""]
    return "\n".join(lines)


# The 2019 trial-format 表二 of sample 012 (上海 2019), in `pdftotext -layout` style.
TABLE2_2019 = """第二十条第（一）项
信息内容          本年新制作数量      本年新公开数量      对外公开总数量
规章                  13                13                 524
规范性文件            60                60                 368
第二十条第（五）项
信息内容          上一年项目数量      本年增/减          处理决定数量
行政许可              0                 0                  0
其他对外管理服务事项  0                 0                  0
第二十条第（六）项
信息内容          上一年项目数量      本年增/减          处理决定数量
行政处罚              0                 0                  0
行政强制              0                 0                  0
第二十条第（八）项
信息内容          上一年项目数量      本年增/减
行政事业性收费        0                 0
第二十条第（九）项
信息内容          采购项目数量        采购总金额
政府集中采购          6                 251000元
"""
