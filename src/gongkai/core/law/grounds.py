"""The grounds of a refusal in the words of the 条例 (not the annual report's row labels).

    refusal_ground(Outcome.DENY_PROCESS_INFO) -> "行政机关在履行行政管理职能过程中形成的过程性信息"
    regulation_citations(["…《政府信息公开条例》第十四条…", …]) -> the first mention in full

A 答复书 must state the ground of a refusal (第三十六条第（三）项: 告知申请人不予公开并说明理由). The
report's labels (「属于四类过程性信息」「危及“三安全一稳定”」) are statistics shorthand; a reply names what
第十四条–第十六条 say. Pure Python.
"""

from __future__ import annotations

import re

from gongkai.core.vocabulary import Outcome

FULL_TITLE = "《中华人民共和国政府信息公开条例》"
SHORT_TITLE = "《条例》"

#: Outcome → (the category in the article's words, the article).
REFUSAL_GROUNDS: dict[Outcome, tuple[str, str]] = {
    # 第十四条：依法确定为国家秘密的政府信息，法律、行政法规禁止公开的政府信息，以及公开后可能危及国家安全、
    # 公共安全、经济安全、社会稳定的政府信息，不予公开。
    Outcome.DENY_STATE_SECRET: ("依法确定为国家秘密的政府信息", "第十四条"),
    Outcome.DENY_LAW_PROHIBITED: ("法律、行政法规禁止公开的政府信息", "第十四条"),
    Outcome.DENY_SECURITY_STABILITY: ("公开后可能危及国家安全、公共安全、经济安全、社会稳定的政府信息", "第十四条"),
    # 第十五条：涉及商业秘密、个人隐私等公开会对第三方合法权益造成损害的政府信息，行政机关不得公开。
    Outcome.DENY_THIRD_PARTY: ("涉及商业秘密、个人隐私等公开会对第三方合法权益造成损害的政府信息", "第十五条"),
    # 第十六条第一款：行政机关的内部事务信息，包括人事管理、后勤管理、内部工作流程等方面的信息，可以不予公开。
    Outcome.DENY_INTERNAL_AFFAIRS: ("行政机关的内部事务信息", "第十六条第一款"),
    # 第十六条第二款：行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息
    # 以及行政执法案卷信息，可以不予公开。
    Outcome.DENY_PROCESS_INFO: ("行政机关在履行行政管理职能过程中形成的过程性信息", "第十六条第二款"),
    Outcome.DENY_ENFORCEMENT_FILE: ("行政执法案卷信息", "第十六条第二款"),
}


def refusal_ground(outcome: Outcome | str) -> str:
    """The category of withheld information as the article words it ('' for other outcomes)."""
    try:
        o = Outcome(outcome)
    except ValueError:
        return ""
    return REFUSAL_GROUNDS.get(o, ("", ""))[0]


_TITLE = re.compile(r"《(?:(?:中华人民共和国)?政府信息公开)?条例》")
_DEFINED = re.compile(r"[（(]以下简称《条例》[)）]")


def regulation_citations(paragraphs: list[str]) -> list[str]:
    """The 条例 named by its full title at its first mention; when it is named again, the first mention
    adds 「（以下简称《条例》）」 and the later ones use 《条例》 (the usual drafting convention). A template
    may write the full title, 《政府信息公开条例》 or 《条例》 anywhere: the first of them becomes the full title."""
    paragraphs = [_DEFINED.sub("", p) for p in paragraphs]
    total = sum(len(_TITLE.findall(p)) for p in paragraphs)
    if total == 0:
        return list(paragraphs)
    seen = 0

    def swap(match: re.Match) -> str:
        nonlocal seen
        seen += 1
        if seen == 1:
            return FULL_TITLE + ("（以下简称《条例》）" if total > 1 else "")
        return SHORT_TITLE

    return [_TITLE.sub(swap, p) for p in paragraphs]
