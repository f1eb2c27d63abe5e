"""The statutory vocabulary, defined once.

Applicant categories, reply outcomes and the rows and columns of the annual-report tables come
from 《中华人民共和国政府信息公开条例》(2019) and the report format 国办公开办函〔2021〕30号
(docs/law.md §1.5, §2.4–§2.6, §2.9). The case system stores these keys, the report generator counts
them, and the report parser reads the official labels back into them, so none of the three can
drift from the others.

Pure Python: no Django imports (Django models turn these into choices with `choices()`).
"""

from __future__ import annotations

import enum
import unicodedata
from dataclasses import dataclass


class Choice(enum.StrEnum):
    """A str enum whose members carry a Chinese label: `Member = "key", "标签"`."""

    label: str

    def __new__(cls, value: str, label: str = ""):
        obj = str.__new__(cls, value)
        obj._value_ = value
        obj.label = label or value
        return obj


def choices(enum_cls: type[Choice]) -> list[tuple[str, str]]:
    """Django-style `choices` for a model or form field."""
    return [(m.value, m.label) for m in enum_cls]


# ---------------------------------------------------------------------------------------------
# Applicants (条例 第二十七条: 公民、法人或者其他组织) and the columns of table 三 (docs/law.md §2.5)
# ---------------------------------------------------------------------------------------------


class ApplicantKind(Choice):
    """Who applied. The five organisation kinds are the sub-columns of 「法人或其他组织」."""

    NATURAL_PERSON = "natural_person", "自然人"
    COMMERCIAL = "commercial", "商业企业"
    RESEARCH = "research", "科研机构"
    PUBLIC_WELFARE = "public_welfare", "社会公益组织"
    LEGAL_SERVICE = "legal_service", "法律服务机构"
    OTHER_ORG = "other_org", "其他"

    @property
    def is_organisation(self) -> bool:
        return self is not ApplicantKind.NATURAL_PERSON


#: Table 三 columns C1..C7 in printed order; the last one is the row total.
TABLE3_COLUMNS: tuple[str, ...] = tuple(k.value for k in ApplicantKind) + ("total",)
TABLE3_COLUMN_LABELS: tuple[str, ...] = tuple(k.label for k in ApplicantKind) + ("总计",)


# ---------------------------------------------------------------------------------------------
# Table 三 rows (2021 format, docs/law.md §2.5). Keys are the row ids of docs/law.md so that the validator
# rules (H1–H6) read like the spec.
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    key: str  # stable id, e.g. "R3c1"
    label: str  # the official label, full-width punctuation as in 30号
    group: str | None = None  # label of the rowspan group heading (no data of its own)

    @property
    def short(self) -> str:
        """The label without its numbering, e.g. 「属于国家秘密」."""
        return self.label.split(".", 1)[-1] if self.label[:1].isdigit() else self.label


G_RESULTS = "三、本年度办理结果"
G_DENY = "（三）不予公开"
G_UNABLE = "（四）无法提供"
G_NOT_PROCESSED = "（五）不予处理"
G_OTHER = "（六）其他处理"

TABLE3_ROWS: tuple[Row, ...] = (
    Row("R1", "一、本年新收政府信息公开申请数量"),
    Row("R2", "二、上年结转政府信息公开申请数量"),
    Row("R3a", "（一）予以公开", G_RESULTS),
    Row("R3b", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", G_RESULTS),
    Row("R3c1", "1.属于国家秘密", G_DENY),
    Row("R3c2", "2.其他法律行政法规禁止公开", G_DENY),
    Row("R3c3", "3.危及“三安全一稳定”", G_DENY),
    Row("R3c4", "4.保护第三方合法权益", G_DENY),
    Row("R3c5", "5.属于三类内部事务信息", G_DENY),
    Row("R3c6", "6.属于四类过程性信息", G_DENY),
    Row("R3c7", "7.属于行政执法案卷", G_DENY),
    Row("R3c8", "8.属于行政查询事项", G_DENY),
    Row("R3d1", "1.本机关不掌握相关政府信息", G_UNABLE),
    Row("R3d2", "2.没有现成信息需要另行制作", G_UNABLE),
    Row("R3d3", "3.补正后申请内容仍不明确", G_UNABLE),
    Row("R3e1", "1.信访举报投诉类申请", G_NOT_PROCESSED),
    Row("R3e2", "2.重复申请", G_NOT_PROCESSED),
    Row("R3e3", "3.要求提供公开出版物", G_NOT_PROCESSED),
    Row("R3e4", "4.无正当理由大量反复申请", G_NOT_PROCESSED),
    Row("R3e5", "5.要求行政机关确认或重新出具已获取信息", G_NOT_PROCESSED),
    Row("R3f1", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", G_OTHER),
    Row("R3f2", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", G_OTHER),
    Row("R3f3", "3.其他", G_OTHER),
    Row("R3g", "（七）总计", G_RESULTS),
    Row("R4", "四、结转下年度继续办理"),
)
TABLE3_ROW = {r.key: r for r in TABLE3_ROWS}

#: The 2019 trial format prints （六）其他处理 as one data row (docs/law.md §2.9): 23 data rows.
R3F_2019 = Row("R3f", "（六）其他处理", G_RESULTS)
TABLE3_ROWS_2019: tuple[Row, ...] = tuple(r for r in TABLE3_ROWS if r.group != G_OTHER)
TABLE3_ROWS_2019 = TABLE3_ROWS_2019[: TABLE3_ROWS_2019.index(TABLE3_ROW["R3g"])] + (
    R3F_2019,
) + TABLE3_ROWS_2019[TABLE3_ROWS_2019.index(TABLE3_ROW["R3g"]) :]

#: The result rows whose sum is （七）总计 (H3), 2021 format.
TABLE3_RESULT_ROWS: tuple[str, ...] = tuple(
    r.key for r in TABLE3_ROWS if r.key.startswith("R3") and r.key != "R3g"
)

TABLE3_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


# ---------------------------------------------------------------------------------------------
# Reply outcomes (条例 第三十五条–第三十九条, 第三十条; 109号) → exactly one table 三 row.
# The mapping is docs/law.md §1.5 [D]; open questions are noted where they bear.
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OutcomeInfo:
    label: str
    basis: str  # the article(s) the reply must cite
    row: str  # table 三 row key
    refusal: bool  # 「不予公开」 in the sense of 行政复议法(2023) 第二十三条第一款第（四）项


class Outcome(Choice):
    ALREADY_PUBLIC = "already_public", "已主动公开，告知获取方式和途径"
    DISCLOSE = "disclose", "予以公开"
    PARTIAL = "partial", "部分公开（区分处理）"
    DENY_STATE_SECRET = "deny_state_secret", "不予公开：属于国家秘密"
    DENY_LAW_PROHIBITED = "deny_law_prohibited", "不予公开：其他法律行政法规禁止公开"
    DENY_SECURITY_STABILITY = "deny_security_stability", "不予公开：危及“三安全一稳定”"
    DENY_THIRD_PARTY = "deny_third_party", "不予公开：保护第三方合法权益"
    DENY_INTERNAL_AFFAIRS = "deny_internal_affairs", "不予公开：属于三类内部事务信息"
    DENY_PROCESS_INFO = "deny_process_info", "不予公开：属于四类过程性信息"
    DENY_ENFORCEMENT_FILE = "deny_enforcement_file", "不予公开：属于行政执法案卷"
    REFER_SPECIAL_LAW = "refer_special_law", "不予公开：属于行政查询事项（依照有关法律、行政法规办理）"
    NOT_EXIST = "not_exist", "无法提供：经检索没有所申请公开信息"
    NOT_OUR_INFO = "not_our_info", "无法提供：不属于本机关负责公开"
    NEED_CREATION = "need_creation", "无法提供：没有现成信息需要另行制作"
    STILL_UNCLEAR = "still_unclear", "无法提供：补正后申请内容仍不明确"
    PETITION_LIKE = "petition_like", "不予处理：信访举报投诉类申请"
    REPEAT = "repeat", "不予处理：重复申请"
    PUBLICATION = "publication", "不予处理：要求提供公开出版物"
    MASS_REPEAT = "mass_repeat", "不予处理：无正当理由大量反复申请"
    CONFIRM_OR_REISSUE = "confirm_or_reissue", "不予处理：要求行政机关确认或重新出具已获取信息"
    ABANDONED_NO_CORRECTION = "abandoned_no_correction", "其他处理：逾期不补正，视为放弃申请"
    ABANDONED_NO_FEE = "abandoned_no_fee", "其他处理：逾期未缴纳信息处理费，视为放弃申请"
    OTHER = "other", "其他处理：其他（如申请人撤回申请）"

    @property
    def info(self) -> OutcomeInfo:
        return OUTCOMES[self]

    @property
    def row(self) -> str:
        return OUTCOMES[self].row


_O = Outcome
OUTCOMES: dict[Outcome, OutcomeInfo] = {
    # Q5: 36(一) replies are counted as 予以公开; the format has no row of their own.
    _O.ALREADY_PUBLIC: OutcomeInfo(_O.ALREADY_PUBLIC.label, "《政府信息公开条例》第三十六条第（一）项", "R3a", False),
    _O.DISCLOSE: OutcomeInfo(_O.DISCLOSE.label, "《政府信息公开条例》第三十六条第（二）项", "R3a", False),
    # 部分公开 withholds a part: it is treated as a refusal for the 复议前置 notice (Q7, conservative).
    _O.PARTIAL: OutcomeInfo(_O.PARTIAL.label, "《政府信息公开条例》第三十七条", "R3b", True),
    _O.DENY_STATE_SECRET: OutcomeInfo(
        _O.DENY_STATE_SECRET.label, "《政府信息公开条例》第十四条、第三十六条第（三）项", "R3c1", True
    ),
    _O.DENY_LAW_PROHIBITED: OutcomeInfo(
        _O.DENY_LAW_PROHIBITED.label, "《政府信息公开条例》第十四条、第三十六条第（三）项", "R3c2", True
    ),
    _O.DENY_SECURITY_STABILITY: OutcomeInfo(
        _O.DENY_SECURITY_STABILITY.label, "《政府信息公开条例》第十四条、第三十六条第（三）项", "R3c3", True
    ),
    _O.DENY_THIRD_PARTY: OutcomeInfo(
        _O.DENY_THIRD_PARTY.label,
        "《政府信息公开条例》第十五条、第三十二条、第三十六条第（三）项",
        "R3c4",
        True,
    ),
    _O.DENY_INTERNAL_AFFAIRS: OutcomeInfo(
        _O.DENY_INTERNAL_AFFAIRS.label, "《政府信息公开条例》第十六条第一款、第三十六条第（三）项", "R3c5", True
    ),
    _O.DENY_PROCESS_INFO: OutcomeInfo(
        _O.DENY_PROCESS_INFO.label, "《政府信息公开条例》第十六条第二款、第三十六条第（三）项", "R3c6", True
    ),
    _O.DENY_ENFORCEMENT_FILE: OutcomeInfo(
        _O.DENY_ENFORCEMENT_FILE.label, "《政府信息公开条例》第十六条第二款、第三十六条第（三）项", "R3c7", True
    ),
    # 36(七) 行政查询事项: counted as 不予公开 (30号) and, conservatively, a refusal for the 复议前置 notice
    # (gongkai.core.law.remedies.requires_review_first; GONGKAI_LAW["SPECIAL_LAW_REQUIRES_REVIEW_FIRST"]).
    _O.REFER_SPECIAL_LAW: OutcomeInfo(_O.REFER_SPECIAL_LAW.label, "《政府信息公开条例》第三十六条第（七）项", "R3c8", True),
    _O.NOT_EXIST: OutcomeInfo(_O.NOT_EXIST.label, "《政府信息公开条例》第三十六条第（四）项", "R3d1", False),
    # Q4: 36(五) has no row of its own; practice counts it under 三(四)1.
    _O.NOT_OUR_INFO: OutcomeInfo(_O.NOT_OUR_INFO.label, "《政府信息公开条例》第三十六条第（五）项", "R3d1", False),
    _O.NEED_CREATION: OutcomeInfo(_O.NEED_CREATION.label, "《政府信息公开条例》第三十八条", "R3d2", False),
    _O.STILL_UNCLEAR: OutcomeInfo(_O.STILL_UNCLEAR.label, "《政府信息公开条例》第三十条", "R3d3", False),
    _O.PETITION_LIKE: OutcomeInfo(_O.PETITION_LIKE.label, "《政府信息公开条例》第三十九条第一款", "R3e1", False),
    _O.REPEAT: OutcomeInfo(_O.REPEAT.label, "《政府信息公开条例》第三十六条第（六）项", "R3e2", False),
    _O.PUBLICATION: OutcomeInfo(_O.PUBLICATION.label, "《政府信息公开条例》第三十九条第二款", "R3e3", False),
    _O.MASS_REPEAT: OutcomeInfo(_O.MASS_REPEAT.label, "《政府信息公开条例》第三十五条", "R3e4", False),
    # Q6: the row exists in the format only; no 条例 article backs it.
    _O.CONFIRM_OR_REISSUE: OutcomeInfo(
        _O.CONFIRM_OR_REISSUE.label, "《中华人民共和国政府信息公开工作年度报告格式》三(五)5", "R3e5", False
    ),
    _O.ABANDONED_NO_CORRECTION: OutcomeInfo(_O.ABANDONED_NO_CORRECTION.label, "《政府信息公开条例》第三十条", "R3f1", False),
    _O.ABANDONED_NO_FEE: OutcomeInfo(
        _O.ABANDONED_NO_FEE.label, "《政府信息公开条例》第四十二条；《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）", "R3f2", False
    ),
    _O.OTHER: OutcomeInfo(_O.OTHER.label, "", "R3f3", False),
}
del _O

assert set(OUTCOMES) == set(Outcome)
assert {o.row for o in OUTCOMES.values()} == set(TABLE3_RESULT_ROWS)


# ---------------------------------------------------------------------------------------------
# Table 二 (主动公开, docs/law.md §2.4) and table 四 (复议/诉讼, docs/law.md §2.6)
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Table2Block:
    caption: str  # 第二十条第（N）项
    columns: tuple[str, ...]  # data column labels (without 「信息内容」)
    rows: tuple[str, ...]


TABLE2_FEE_COLUMN = "本年收费金额（单位：万元）"
#: The JSON interchange spells this one column label with ASCII punctuation, as the samples do.
TABLE2_FEE_COLUMN_JSON = "本年收费金额(单位:万元)"
TABLE2_2021: tuple[Table2Block, ...] = (
    Table2Block("第二十条第（一）项", ("本年制发件数", "本年废止件数", "现行有效件数"), ("规章", "行政规范性文件")),
    Table2Block("第二十条第（五）项", ("本年处理决定数量",), ("行政许可",)),
    Table2Block("第二十条第（六）项", ("本年处理决定数量",), ("行政处罚", "行政强制")),
    Table2Block("第二十条第（八）项", (TABLE2_FEE_COLUMN,), ("行政事业性收费",)),
)
TABLE2_2019: tuple[Table2Block, ...] = (
    Table2Block("第二十条第（一）项", ("本年新制作数量", "本年新公开数量", "对外公开总数量"), ("规章", "规范性文件")),
    Table2Block("第二十条第（五）项", ("上一年项目数量", "本年增/减", "处理决定数量"), ("行政许可", "其他对外管理服务事项")),
    Table2Block("第二十条第（六）项", ("上一年项目数量", "本年增/减", "处理决定数量"), ("行政处罚", "行政强制")),
    Table2Block("第二十条第（八）项", ("上一年项目数量", "本年增/减"), ("行政事业性收费",)),
    Table2Block("第二十条第（九）项", ("采购项目数量", "采购总金额"), ("政府集中采购",)),
)


class RemedyKind(Choice):
    """The three row groups of table 四."""

    REVIEW = "review", "行政复议"
    DIRECT_SUIT = "direct_suit", "未经复议直接起诉"
    SUIT_AFTER_REVIEW = "suit_after_review", "复议后起诉"


class RemedyResult(Choice):
    UPHELD = "upheld", "结果维持"
    CORRECTED = "corrected", "结果纠正"
    OTHER = "other", "其他结果"
    PENDING = "pending", "尚未审结"


# ---------------------------------------------------------------------------------------------
# Consultations during a case (条例 第三十二条–第三十四条, docs/law.md §9.1): whom the agency asks. The case
# records, the consultation form, the notices and the law engine's clock all read this one enum.
# ---------------------------------------------------------------------------------------------


class ConsultationKind(Choice):
    THIRD_PARTY = "third_party", "第三方（第三十二条）"
    CO_PRODUCER = "co_producer", "共同制作机关（第三十四条）"
    OTHER_AGENCY = "other_agency", "其他机关（第三十三条第三款）"

    @property
    def party(self) -> str:
        """Who is consulted: 「第三方」, 「共同制作机关」, 「其他机关」."""
        return self.label.split("（", 1)[0]

    @property
    def article(self) -> str:
        return self.label.split("（", 1)[1].rstrip("）")

    @property
    def activity(self) -> str:
        """The step as the clock explains it, e.g. 「征求第三方意见（第三十二条）」."""
        return f"征求{self.party}意见（{self.article}）"

    @property
    def has_window(self) -> bool:
        """Whether the 条例 gives the other side 15 working days from receipt (第三十二条, 第三十四条)."""
        return self is not ConsultationKind.OTHER_AGENCY

    @property
    def silence(self) -> str:
        """What silence after the 15 working days means (only where the 条例 says)."""
        if self is ConsultationKind.THIRD_PARTY:
            return "第三十二条：第三方逾期未提出意见的，由行政机关依照本条例的规定决定是否公开"
        if self is ConsultationKind.CO_PRODUCER:
            return "第三十四条：被征求意见机关逾期未提出意见的视为同意公开"
        return "第三十三条第三款：条例未规定其他机关的答复期限"


TABLE4_COLUMNS: tuple[str, ...] = tuple(r.value for r in RemedyResult) + ("total",)
TABLE4_COLUMN_LABELS: tuple[str, ...] = tuple(r.label for r in RemedyResult) + ("总计",)


# ---------------------------------------------------------------------------------------------
# Section headings (docs/law.md §2.2)
# ---------------------------------------------------------------------------------------------

SECTIONS: tuple[str, ...] = (
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
)


def normalise_label(text: str) -> str:
    """The comparison form of a label (docs/law.md §0): NFKC, no white space, loose quotes.

    NFKC folds full-width （）：， to ASCII; curly and straight quotes are dropped so that
    「危及“三安全一稳定”」 and 「危及"三安全一稳定"」 compare equal.
    """
    text = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in text if not ch.isspace() and ch not in "\"'“”‘’「」")


# ---------------------------------------------------------------------------------------------
# 主动公开 categories: 条例 第二十条（一）–（十五）and 第二十一条 (docs/law.md §1.2). Catalogue items carry
# one of these as their legal basis; only (一), (五), (六), (八) feed table 二 (docs/law.md §2.4).
# ---------------------------------------------------------------------------------------------


class DisclosureCategory(Choice):
    ART20_1 = "20-1", "第二十条第（一）项：行政法规、规章和规范性文件"
    ART20_2 = "20-2", "第二十条第（二）项：机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名"
    ART20_3 = "20-3", "第二十条第（三）项：国民经济和社会发展规划、专项规划、区域规划及相关政策"
    ART20_4 = "20-4", "第二十条第（四）项：国民经济和社会发展统计信息"
    ART20_5 = "20-5", "第二十条第（五）项：办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果"
    ART20_6 = "20-6", "第二十条第（六）项：实施行政处罚、行政强制的依据、条件、程序以及具有一定社会影响的行政处罚决定"
    ART20_7 = "20-7", "第二十条第（七）项：财政预算、决算信息"
    ART20_8 = "20-8", "第二十条第（八）项：行政事业性收费项目及其依据、标准"
    ART20_9 = "20-9", "第二十条第（九）项：政府集中采购项目的目录、标准及实施情况"
    ART20_10 = "20-10", "第二十条第（十）项：重大建设项目的批准和实施情况"
    ART20_11 = "20-11", "第二十条第（十一）项：扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况"
    ART20_12 = "20-12", "第二十条第（十二）项：突发公共事件的应急预案、预警信息及应对情况"
    ART20_13 = "20-13", "第二十条第（十三）项：环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况"
    ART20_14 = "20-14", "第二十条第（十四）项：公务员招考的职位、名额、报考条件等事项以及录用结果"
    ART20_15 = "20-15", "第二十条第（十五）项：法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息"
    ART21 = "21", "第二十一条：市政建设、公共服务、公益事业、土地征收、房屋征收、治安管理、社会救助等"

    @property
    def article(self) -> str:
        """The citation alone, e.g. 「第二十条第（一）项」."""
        return self.label.split("：", 1)[0]

    @property
    def short(self) -> str:
        """The subject matter alone, for menus and filters."""
        return self.label.split("：", 1)[1]
