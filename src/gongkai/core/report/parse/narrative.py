"""The narrative of a report: title (year, agency), sections 一–六, quoted numbers, fee facts.

Fact keys (`Report.facts`, for the X1–X3 text-vs-table checks of docs/law.md §2.10):

    new_received          本年新收/受理的申请数            (X1: 表三 R1 总计)
    carried_over          上年结转的申请数                  (X1: 表三 R2 总计)
    handled               本年办理/答复/办结的申请数          (X1: 表三 R3g 总计)
    carried_forward       结转下年度/顺延到下年度的申请数      (X1: 表三 R4 总计)
    review_cases          行政复议案件数                    (X2: 表四 行政复议 总计)
    litigation_cases      行政诉讼案件数                    (X2: 表四 两组诉讼 总计之和)
    remedy_cases          复议和诉讼合计（"共办理相关案件74件"）(X2: 三组总计之和)
    disclosed_or_partial  予以公开及部分公开件数             (X1: 表三 R3a+R3b 总计)
    disclosed, partial    予以公开 / 部分公开件数             (X1: 表三 R3a / R3b 总计)
    all_upheld            1 when the text says 复议、诉讼「均获维持」 (X2: 表四 无纠正/其他/未审结)
    data_year             统计期限的年度                      (W5: 报告年度)
    published_items       主动公开政府信息条数               (informational)
    regulations           主动公开/制发规章件数               (X3: 表二 规章)
    normative_documents   主动公开/制发（行政）规范性文件件数   (X3: 表二 行政规范性文件)

Fee facts (`Report.fees`, docs/law.md §2.7) come from section 六 (or, failing that, the whole text):
发出收费通知的件数 → notices, 收费通知总金额 → noticed_total_yuan, 实际收取的总金额 →
collected_yuan; "无收取信息处理费情况" reads as collected 0. Amounts in 万元 are converted to 元.
"""

from __future__ import annotations

import re
from decimal import Decimal

from gongkai.core.report.parse.normalize import squeeze_cjk_digit_spaces
from gongkai.core.report.schema import Cell, Fact, Fees
from gongkai.core.vocabulary import SECTIONS

# -- title, year, agency --------------------------------------------------------------------------

_REPORT_WORDS = r"(?:政府)?信息公开(?:工作)?(?:的)?年度?报告"
_TITLE_AGENCY_FIRST = re.compile(
    r"^(?:#+\s*)?(?:标题\s*[:：]\s*)?(?P<agency>[\u4e00-\u9fff()（）]{2,40}?)\s*(?:关于)?\s*"
    r"(?P<year>(?:19|20)\d{2})\s*年度?\s*" + _REPORT_WORDS + r"(?:\s*[(（].{0,10}[)）])?$"
)
_TITLE_YEAR_FIRST = re.compile(
    r"^(?:#+\s*)?(?:标题\s*[:：]\s*)?(?P<year>(?:19|20)\d{2})\s*年度?\s*(?P<agency>[\u4e00-\u9fff()（）]{2,40}?)\s*"
    + _REPORT_WORDS
    + r"$"
)
_TITLE_NO_AGENCY = re.compile(
    r"^(?:#+\s*)?(?:关于)?\s*(?P<year>(?:19|20)\d{2})\s*年度?\s*" + _REPORT_WORDS + r"$"
)
_ORGAN = re.compile(
    r"(?:政府|办公室|办公厅|办事处|委员会|管委会|局|委|办|厅|署|院|会|中心|处|所|站|队|部|镇|乡|街道)$"
)
_BARE_PLACE = re.compile(r"^[\u4e00-\u9fff]{2,12}?(省|自治区|市|区|县|旗|州|盟)$")
_YEAR_ANY = re.compile(r"((?:19|20)\d{2})\s*年(?:度)?\s*" + _REPORT_WORDS)
_PERIOD = re.compile(r"统计期限?(?:为|从|自|是)?\s*((?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日")


def find_title(lines: list[str]) -> tuple[str | None, int | None, str | None]:
    """(title, year, agency as printed) from the document's lines."""
    lines = [line for line in lines if line.strip()]
    if len(lines) > 60:
        lines = lines[:45] + lines[-8:]  # the title is at the top (or, on some sites, the bottom)
    cleaned = _LazyCleaned(lines)
    head = list(range(min(len(cleaned), 40)))
    tail = list(range(max(0, len(cleaned) - 6), len(cleaned)))
    candidates: list[tuple[int, str, int, str | None]] = []  # (rank, title, year, agency)
    has_bao = ["报" in line for line in lines]
    for i in head + tail:
        if not has_bao[i] and not (i + 1 < len(lines) and has_bao[i + 1]):
            continue  # neither the line nor the line joined with the next can hold 「报告」: no title
        line = cleaned[i]
        if len(line) > 80:
            continue
        joined = [line]
        if i + 1 < len(cleaned) and len(cleaned[i + 1]) <= 40:
            joined.append(line + cleaned[i + 1])  # 「淮安市人民政府」 / 「2024 年政府信息公开工作年度报告」
        for text in joined:
            text = text.replace(" ", "")
            if "报告" not in text:
                continue  # every title pattern ends with 报告 (_REPORT_WORDS)
            for rx in (_TITLE_AGENCY_FIRST, _TITLE_YEAR_FIRST):
                m = rx.match(text)
                if m:
                    agency = _clean_agency(m.group("agency"))
                    if agency:
                        rank = 0 if _ORGAN.search(agency) or _BARE_PLACE.match(agency) else 1
                        title = re.sub(r"^#+|^标题[:：]", "", text)
                        candidates.append((rank, title, int(m.group("year")), agency))
            m = _TITLE_NO_AGENCY.match(text)
            if m:
                # 「盐边县新九镇人民政府」 / 「关于2021年度政府信息公开工作的年度报告」
                prev = cleaned[i - 1].replace(" ", "") if i > 0 else ""
                agency = _clean_agency(prev) if len(prev) <= 30 else None
                if agency and not _ORGAN.search(agency):
                    agency = None
                candidates.append(
                    (
                        2 if agency is None else 1,
                        (prev + text) if agency else text,
                        int(m.group("year")),
                        agency,
                    )
                )
    if candidates:
        candidates.sort(key=lambda c: c[0])
        _, title, year, agency = candidates[0]
        return title, year, agency
    return None, None, None


class _LazyCleaned:
    """`squeeze_cjk_digit_spaces(" ".join(line.split()))` of each line, computed when first read."""

    def __init__(self, lines: list[str]):
        self.lines = lines
        self.done: dict[int, str] = {}

    def __len__(self) -> int:
        return len(self.lines)

    def __getitem__(self, i: int) -> str:
        if i < 0:
            i += len(self.lines)
        text = self.done.get(i)
        if text is None:
            text = self.done[i] = squeeze_cjk_digit_spaces(" ".join(self.lines[i].split()))
        return text


def _clean_agency(name: str) -> str | None:
    # agency names are written with full-width brackets (NFKC made them ASCII): 「…（全区汇总）」
    name = name.strip("#:： ").replace("(", "（").replace(")", "）")
    while name.endswith("（") or name.startswith("）"):
        name = name[:-1] if name.endswith("（") else name[1:]
    if name.count("（") != name.count("）"):
        name = name.strip("（）")
    for prefix in ("关于", "标题"):
        if name.startswith(prefix):
            name = name[len(prefix) :]
    if name.endswith("关于"):
        name = name[:-2]
    if len(name) < 2 or not re.fullmatch(r"[\u4e00-\u9fff()（）]+", name):
        return None
    return name


def find_year(flat: str) -> int | None:
    m = _PERIOD.search(flat) or _YEAR_ANY.search(flat)
    return int(m.group(1)) if m else None


_QUALIFIER_STOP = "由与向和及在是据的对为经请"


def qualify_agency(agency: str, flat: str) -> str:
    """The full name of the agency as the text itself spells it.

    A county-level title (「洪泽区人民政府」) is often qualified elsewhere in the text by its city
    (「本报告由淮安市洪泽区人民政府办公室…编制」); the longer form names the agency unambiguously.
    A bare region name as title (「平潭综合实验区」) is the consolidated report of the whole region.
    """
    bare = _BARE_PLACE.match(agency)
    if bare and not _ORGAN.search(agency):
        scope = {
            "省": "全省",
            "自治区": "全区",
            "市": "全市",
            "区": "全区",
            "县": "全县",
            "旗": "全旗",
            "州": "全州",
            "盟": "全盟",
        }[bare.group(1)]
        return f"{agency}（{scope}汇总）"
    if not re.match(r"^[\u4e00-\u9fff]{1,6}?[区县旗]", agency) or re.match(
        r"^[\u4e00-\u9fff]{1,6}?[省市]", agency
    ):
        return agency
    counts: dict[str, int] = {}
    for m in re.finditer(re.escape(agency), flat):
        before = flat[max(0, m.start() - 12) : m.start()]
        cut = max((before.rfind(ch) for ch in _QUALIFIER_STOP + "，,。、：:；;（）() \n"), default=-1)
        prefix = before[cut + 1 :]
        if re.fullmatch(r"(?:[\u4e00-\u9fff]{2,6}?(?:省|自治区|市|自治州|州|地区|盟))+", prefix or "-"):
            counts[prefix] = counts.get(prefix, 0) + 1
    if counts:
        prefix = max(counts, key=lambda p: (counts[p], len(p)))
        return prefix + agency
    return agency


# -- sections -------------------------------------------------------------------------------------

_SECTION_PATTERNS = (
    r"一\s*、\s*(?:总体情况|工作基本情况|概述|基本情况)",
    r"二\s*、\s*主动公开(?:政府信息)?(?:情况|工作)?",
    r"三\s*、\s*(?:收到和处理政府信息公开申请情况|收到和处理|依申请公开)",
    r"四\s*、\s*(?:政府信息公开|因政府信息公开)?(?:申请)?(?:工作)?(?:被申请)?行政复议",
    r"五\s*、\s*(?:政府信息公开工作)?存在(?:的)?(?:主要)?问题",
    r"六\s*、\s*其[他它]需要报告",
)


_SECTION_RX = tuple(re.compile(pattern) for pattern in _SECTION_PATTERNS)
_HEADING_REST = re.compile(r"[^\n。，,]{0,30}?(?:情况|事项|改进情况)?(?=\n|$|\s|[（(一1])")


def find_sections(flat: str) -> dict[str, str]:
    """{official heading: text} for the six sections, in order (docs/law.md §2.2 and variants)."""
    found: list[tuple[int, int, str]] = []
    pos = 0
    for rx, heading in zip(_SECTION_RX, SECTIONS, strict=True):
        m = rx.search(flat, pos)
        if not m:
            continue
        # the heading line ends at the first sentence or after the heading words
        end = m.end()
        rest = _HEADING_REST.match(flat, end)  # (at a position: no copy of the rest of the document)
        if rest:
            end = rest.end()
        found.append((m.start(), end, heading))
        pos = end
    sections: dict[str, str] = {}
    for i, (_start, end, heading) in enumerate(found):
        stop = found[i + 1][0] if i + 1 < len(found) else len(flat)
        sections[heading] = flat[end:stop].strip()
    return sections


# -- quoted numbers -------------------------------------------------------------------------------

_N = r"(\d+(?:\.\d+)?)"
_FACTS: tuple[tuple[str, str], ...] = (
    (
        "new_received",
        r"(?:共|全年|本年度?|累计)?(?:新收到|收到|受理|新收|接收)(?:各类)?(?:政府信息公开|依申请公开)?(?:的)?申请(?:共|总数为|数为|数量为|为)?\s*"
        + _N
        + r"\s*(?:件|宗|个|条)",
    ),
    ("new_received", r"(?:共|全年|本年度?)(?:收到|受理)\s*" + _N + r"\s*(?:件|宗)(?:政府信息公开)?申请"),
    ("new_received", r"申请总数为\s*" + _N + r"\s*件"),
    ("carried_over", r"(?:含|其中)?上年(?:度)?结转(?:的)?(?:政府信息公开)?(?:申请)?\s*" + _N + r"\s*件"),
    ("handled", r"(?:共|依法)?(?:答复|办结|办理)(?:政府信息公开申请)?(?:数为|共)?\s*" + _N + r"\s*件"),
    ("carried_forward", _N + r"\s*件(?:申请)?(?:按照《条例》)?(?:顺延|结转)到?下(?:一)?年度?"),
    ("carried_forward", r"结转下(?:一)?年(?:度)?(?:继续办理)?\s*" + _N + r"\s*件"),
    ("review_cases", r"(?:政府信息公开|信息公开类)?行政复议(?:案件)?(?:共)?\s*" + _N + r"\s*件"),
    ("litigation_cases", r"(?:政府信息公开|信息公开类)?(?:行政)?诉讼(?:案件)?(?:共)?\s*" + _N + r"\s*件"),
    (
        "remedy_cases",
        r"(?:行政复议、行政诉讼|复议诉讼|复议、诉讼)案件.{0,12}?(?:共办理|共|办理)(?:相关案件)?\s*"
        + _N
        + r"\s*件",
    ),
    (
        "published_items",
        r"主动公开(?:各类|我区各级单位|本单位)?(?:政府)?信息(?:数|总数)?\s*(?:共|为)?\s*"
        + _N
        + r"\s*(?:余|多)?条",
    ),
    ("disclosed_or_partial", r"予以公开(?:及|和|与|、)部分公开(?:的)?(?:共)?\s*" + _N + r"\s*件"),
    ("disclosed", r"(?<![不及和与、])予以公开(?:的)?(?:共)?\s*" + _N + r"\s*件"),
    ("partial", r"(?<![及和与、])部分公开(?:的)?(?:共)?\s*" + _N + r"\s*件"),
    ("regulations", r"(?:公开|制发|出台|制定)(?:市政府|区政府|县政府)?规章\s*" + _N + r"\s*件"),
    ("normative_documents", r"(?:行政)?规范性文件\s*" + _N + r"\s*件"),
)
_SENTENCE_END = re.compile(r"[。；;!?！？\n]")
_DIGIT = re.compile(r"\d")
_ALL_UPHELD = re.compile(r"(?:行政)?复议[^。；;]{0,30}?诉讼[^。；;]{0,12}?均(?:获|被)?(?:维持|胜诉)")
_FACTS_RX = tuple((key, re.compile(rx)) for key, rx in _FACTS)
# Words every match of the pattern of the same index contains: a sentence without them is not searched
# (the patterns start with optional words, which the regex engine tries at every position).
_FACTS_NEED: tuple[tuple[str, ...], ...] = (
    ("申请",), ("申请",), ("申请总数为",), ("结转",), ("件",), ("下",), ("结转下",), ("行政复议",), ("诉讼",),
    ("案件",), ("主动公开",), ("予以公开", "部分公开"), ("予以公开",), ("部分公开",), ("规章",), ("规范性文件",),
)


def find_facts(section_one: str, source: str = "第一部分") -> dict:
    facts: dict[str, Fact] = {}
    # only the sentences that quote a number can hold a fact (and scanning them alone is fast)
    sentences = _SENTENCE_END.split(squeeze_cjk_digit_spaces(section_one))
    text = "。".join(t for t in sentences if _DIGIT.search(t))
    for (key, rx), need in zip(_FACTS_RX, _FACTS_NEED, strict=True):
        if key in facts or not all(word in text for word in need):
            continue
        m = rx.search(text)
        if m:
            value = Decimal(m.group(1)) if "." in m.group(1) else int(m.group(1))
            quote = text[max(0, m.start() - 10) : m.end() + 4]
            facts[key] = Fact(value, source, quote)
    m = _ALL_UPHELD.search(text)
    if m:  # 「复议7件，诉讼9件，均获维持」: a claim about every 表四 result (X2), value 1
        facts["all_upheld"] = Fact(1, source, m.group(0))
    m = _PERIOD.search(text)
    if m:  # 「统计期限从2019年1月1日到12月31日止」 (W5)
        facts["data_year"] = Fact(int(m.group(1)), source, m.group(0))
    # 「相关案件74件」 is the combined figure, not the 复议 count
    if (
        "remedy_cases" in facts
        and "review_cases" in facts
        and facts["review_cases"].value == facts["remedy_cases"].value
    ):
        del facts["review_cases"]
    return facts


# -- fees (docs/law.md §2.7) -------------------------------------------------------------------------

_AMOUNT = r"(\d+(?:\.\d+)?)\s*(万元|元)"
_NOTICES = re.compile(
    r"(?:发出|发放|送达)(?:了)?(?:信息处理费)?收费通知(?:书)?(?:的)?(?:件数|数量)?(?:为|共|：|:)?\s*(\d+)\s*(?:件|份|次)"
)
_NOTICED = re.compile(
    r"(?<!收取的)(?<!实际收取)(?<!收取)(?:收费通知)?(?:的)?总金额(?:为|共|：|:)?\s*" + _AMOUNT
)
_COLLECTED = re.compile(
    r"(?:实际)?收取(?:的)?(?:政府信息公开)?(?:信息处理费)?(?:的)?(?:总金额|总额|金额|费用)?(?:共计|合计|共|为|：|:)*\s*"
    + _AMOUNT
)
_NONE_COLLECTED = re.compile(
    r"(?:无|未|没有)(?:发生|产生)?(?:收取)?(?:政府信息公开)?信息处理费|信息处理费[^。]{0,6}(?:为)?(?:零|0元|无)|(?:无|未)收取"
)


def _yuan(value: str, unit: str) -> int | Decimal:
    amount = Decimal(value) * (10000 if unit == "万元" else 1)
    return int(amount) if amount == amount.to_integral_value() else amount


def find_fees(section_six: str | None, flat: str, source: str) -> Fees:
    fees = Fees()
    for text, where in ((section_six, source), (flat, "全文")):
        if not text or "处理费" not in text and "收费通知" not in text:
            continue
        text = squeeze_cjk_digit_spaces(text)
        m = _NOTICES.search(text)
        if m:
            fees.notices = Cell(int(m.group(1)), True, where, 0.9, m.group(0))
            n = _NOTICED.search(text, m.end())
            if n:
                fees.noticed_total_yuan = Cell(_yuan(n.group(1), n.group(2)), True, where, 0.9, n.group(0))
        for c in _COLLECTED.finditer(text):
            fees.collected_yuan = Cell(_yuan(c.group(1), c.group(2)), True, where, 0.9, c.group(0))
            break
        if not fees.collected_yuan.found and _NONE_COLLECTED.search(text):
            fees.collected_yuan = Cell(0, True, where, 0.7, _NONE_COLLECTED.search(text).group(0))
        if any(getattr(fees, k).found for k in Fees.KEYS):
            return fees
    return fees


_PUBLISHED = re.compile(
    r"(?:发布|成文)(?:时间|日期)\s*[:：]?\s*((?:19|20)\d{2})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})"
)
_SIGNED = re.compile(r"^[(（]?((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日[)）]?$")


def find_published(lines: list[str]) -> str | None:
    for line in lines[:15]:
        m = _PUBLISHED.search(line)
        if m:
            return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
    for line in [*lines[-4:], *lines[:6]]:
        m = _SIGNED.match(line.strip().replace(" ", ""))
        if m:
            return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
    return None
