"""Synthetic reports for the layout tests: one set of values, printed the ways sites flatten it."""

from __future__ import annotations

import random

from gongkai.core.vocabulary import (
    TABLE2_2021,
    TABLE3_COLUMN_LABELS,
    TABLE3_NOTE,
    TABLE3_ROWS,
    TABLE4_COLUMN_LABELS,
    RemedyKind,
)


def random_values(rng: random.Random, big: bool = False) -> dict:
    """Values that satisfy the 勾稽 relations (a consistent 2021-format report)."""
    hi = 3000 if big else 9
    t3 = {}
    for row in TABLE3_ROWS:
        if row.key in ("R3g", "R4", "R1", "R2"):
            continue
        parts = [rng.choice([0, 0, rng.randint(0, hi)]) for _ in range(6)]
        t3[row.key] = parts + [sum(parts)]
    results = [k for k in t3 if k.startswith("R3")]
    t3["R3g"] = [sum(t3[k][c] for k in results) for c in range(7)]
    t3["R4"] = [rng.randint(0, 3) for _ in range(6)]
    t3["R4"].append(sum(t3["R4"]))
    t3["R2"] = [min(t3["R4"][c], rng.randint(0, 2)) for c in range(6)]
    t3["R2"].append(sum(t3["R2"]))
    t3["R1"] = [t3["R3g"][c] + t3["R4"][c] - t3["R2"][c] for c in range(7)]
    t2 = {}
    for block in TABLE2_2021:
        for row in block.rows:
            t2[row] = {col: rng.randint(0, hi * 10) for col in block.columns}
    t4 = {}
    for kind in RemedyKind:
        parts = [rng.randint(0, 5) for _ in range(4)]
        t4[kind.value] = parts + [sum(parts)]
    return {"t2": t2, "t3": t3, "t4": t4}


def table_rows(values: dict) -> list[list[str]]:
    """The three tables as rows of printed cells, in the official reading order."""
    rows: list[list[str]] = []
    for block in TABLE2_2021:
        rows.append([block.caption])
        rows.append(["信息内容", *block.columns])
        for row in block.rows:
            rows.append([row, *(str(values["t2"][row][c]) for c in block.columns)])
    rows.append(["三、收到和处理政府信息公开申请情况"])
    rows.append([TABLE3_NOTE, "申请人情况"])
    rows.append(["自然人", "法人或其他组织", "总计"])
    rows.append(list(TABLE3_COLUMN_LABELS[1:6]))
    group = None
    for row in TABLE3_ROWS:
        labels = []
        if row.group and row.group != group:
            labels.append(row.group)  # a rowspan label is printed once, before its first row
            group = row.group
        labels.append(row.label)
        rows.append([*labels, *(str(v) for v in values["t3"][row.key])])
    rows.append(["四、政府信息公开行政复议、行政诉讼情况"])
    rows.append(["行政复议", "行政诉讼"])
    rows.append([*TABLE4_COLUMN_LABELS, "未经复议直接起诉", "复议后起诉"])
    rows.append([*TABLE4_COLUMN_LABELS, *TABLE4_COLUMN_LABELS])
    rows.append([str(v) for kind in RemedyKind for v in values["t4"][kind.value]])
    return rows


HEAD = "北京市门头沟区测试局2023年政府信息公开工作年度报告\n一、总体情况\n本年度我局认真落实条例。\n二、主动公开政府信息情况\n"
TAIL = "五、存在的主要问题及改进情况\n无。\n六、其他需要报告的事项\n发出收费通知的件数为2件，总金额为300元，实际收取的总金额为200元。\n"


def layout(values: dict, style: str) -> str:
    rows = table_rows(values)
    out: list[str] = []
    for row in rows:
        if style == "cell_pipe":  # the seed: one cell per line ending " |"
            out.extend(f"{cell} |" for cell in row)
        elif style == "row_pipe":  # rows as "a | b |"
            out.append(" | ".join(row) + " |")
        elif style == "markdown":  # "| a | b |" with a rule after each header-like row
            out.append("| " + " | ".join(row) + " |")
            if not any(c.isdigit() for c in "".join(row)):
                out.append("|" + "---|" * len(row))
        elif style == "cell_line":  # one cell per line, no separators
            out.extend(row)
        elif style == "paragraph":  # one cell per paragraph
            for cell in row:
                out.extend([cell, ""])
        elif style == "bar_line":  # "|" on its own line after each cell
            for cell in row:
                out.extend([cell, "|"])
        elif style == "spaces":  # pdftotext -layout: cells separated by runs of spaces
            out.append("    ".join(row))
        else:  # pragma: no cover
            raise ValueError(style)
    return HEAD + "\n".join(out) + "\n" + TAIL


STYLES = ("cell_pipe", "row_pipe", "markdown", "cell_line", "paragraph", "bar_line", "spaces")


# Pieces of real reports, so that random input reaches deep into the extractor.
FRAGMENTS = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "第二十条第(一)项",
    "信息内容",
    "本年制发件数",
    "规章",
    "行政规范性文件",
    "三、收到和处理政府信息公开申请情况",
    "(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)",
    "一、本年新收政府信息公开申请数量",
    "二、上年结转政府信息公开申请数量",
    "(一)予以公开",
    "1.属于国家秘密",
    "(六)其他处理",
    "3.其他",
    "(七)总计",
    "四、结转下年度继续办理",
    "四、政府信息公开行政复议、行政诉讼情况",
    "行政复议",
    "行政诉讼",
    "结果维持",
    "尚未审结",
    "总计",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
    "发出收费通知的件数为",
    "件",
    "元",
    "2023年政府信息公开工作年度报告",
    "本年新制作数量",
    "当面申请数",
    "|",
    " | ",
    "||",
    "\n",
    " ",
    "0",
    "7",
    "713000074",
    "12.5",
    "-4-",
    "/",
    "<table>",
    "<td rowspan=9>",
    "</tr>",
    "區(qū)",
    "\u00a0",
    "？",
    "万元",
]
