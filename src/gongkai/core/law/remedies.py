"""救济告知: the remedy clause every reply must carry (docs/law.md §1.4, §4.2).

- 行政复议法(2023)第二十条: 复议 within 60 days (六十日) of knowing of the act; if the clause is
  missing or wrong the period runs from when the applicant learns of it, at most one year
  (第二十条第三款) — so the clause is mandatory, not decoration.
- 行政诉讼法第四十六条: suit within 6 months (六个月); 第四十五条: 15 days after the 复议决定.
- 行政复议法(2023)第二十三条第一款第（四）项 (in force 2024-01-01): 「申请政府信息公开，行政机关不予
  公开」 must go to 复议 first (复议前置), and 第二十三条第二款 obliges the agency to say so in the reply.
  Which outcomes are 「不予公开」 comes from `Outcome.info.refusal` (gongkai.core.vocabulary).
  Whether 部分公开 is covered is docs/law.md Q7 [U]: a per-deployment setting, default yes (conservative).

Pure Python: no Django imports.
"""

from __future__ import annotations

from gongkai.core.vocabulary import Outcome

REVIEW_DAYS = 60  # 行政复议法第二十条
SUIT_MONTHS = 6  # 行政诉讼法第四十六条
SUIT_AFTER_REVIEW_DAYS = 15  # 行政诉讼法第四十五条


def _outcome(outcome: Outcome | str) -> Outcome:
    try:
        return Outcome(outcome)
    except ValueError:
        raise ValueError(f"未知的答复结果「{outcome}」。") from None


def requires_review_first(
    outcome: Outcome | str, *, partial_requires_review_first: bool = True, special_law_requires_review_first: bool = True,
) -> bool:
    """Whether the reply must tell the applicant to apply for 复议 first (行政复议法第二十三条).

    36(七) replies (属于工商、不动产登记资料等信息, 依照有关法律、行政法规的规定办理 — the report counts them
    as 不予公开 「8.属于行政查询事项」): whether they are 「申请政府信息公开，行政机关不予公开」 (行政复议法第二十三条
    第一款第（四）项) is unsettled: the reply refers the applicant to another procedure rather than refusing.
    Decision (README「法律参数」, settings.GONGKAI_LAW["SPECIAL_LAW_REQUIRES_REVIEW_FIRST"], default yes; the
    vocabulary marks the outcome a refusal): tell the applicant to apply for 复议 first — a needless 复议
    step costs the applicant time, a missing one can cost the lawsuit; and 30号 counts these replies as
    不予公开.
    """
    o = _outcome(outcome)
    if o is Outcome.PARTIAL:
        return partial_requires_review_first  # docs/law.md Q7, settings.GONGKAI_LAW["PARTIAL_REQUIRES_REVIEW_FIRST"]
    if o is Outcome.REFER_SPECIAL_LAW:
        return special_law_requires_review_first
    return o.info.refusal


def remedy_clause(
    outcome: Outcome | str,
    review_body: str,
    court: str = "",
    *,
    partial_requires_review_first: bool = True,
    special_law_requires_review_first: bool = True,
    decision: str = "答复",
    document: str = "答复书",
) -> str:
    """The 救济告知 sentence for a reply with `outcome`.

    `review_body` is the 行政复议机关 (行政复议法第二十四条: for a local department, the 本级人民政府);
    `court` the competent 人民法院 (blank → 「有管辖权的人民法院」). `decision` / `document` name what is
    contested and the paper it is on: a third party told of a decision to disclose (第三十二条) contests
    「本决定」 from the day it receives 「本告知书」, not an 答复书 it never got.
    """
    review_body = (review_body or "").strip()
    if not review_body:
        raise ValueError("答复书必须写明行政复议机关（行政复议法第二十条），请先在机关信息中填写行政复议机关。")
    court = (court or "").strip() or "有管辖权的人民法院"
    if requires_review_first(outcome, partial_requires_review_first=partial_requires_review_first,
                             special_law_requires_review_first=special_law_requires_review_first):
        # 行政复议法第二十三条第二款: the agency must tell the applicant to apply for 复议 first.
        return (
            f"如对本{decision}不服，根据《中华人民共和国行政复议法》第二十三条的规定，应当先在收到本{document}之日起"
            f"{REVIEW_DAYS}日内向{review_body}申请行政复议；对行政复议决定不服的，可以自收到行政复议决定书之日起"
            f"{SUIT_AFTER_REVIEW_DAYS}日内依法向{court}提起行政诉讼。"
        )
    return (
        f"如对本{decision}不服，可以在收到本{document}之日起{REVIEW_DAYS}日内向{review_body}申请行政复议，"
        f"或者在{SUIT_MONTHS}个月内依法向{court}提起行政诉讼。"
    )
