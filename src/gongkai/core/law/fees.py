"""信息处理费: 《政府信息公开信息处理费管理办法》(国办函〔2020〕109号), docs/law.md §3.

条例第四十二条: providing information is free; only when 「申请公开政府信息的数量、频次明显超过合理
范围」 may a fee be charged. 109号第三条: 按件计收 or 按量计收, both 超额累进 (only the part above a
threshold pays the higher rate), one method per application, never both.

Amounts are whole yuan (integer counts and pages, docs/law.md §3.3). Pure Python: no Django imports.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from gongkai.core.vocabulary import Choice

BASIS = "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"
#: 109号 as restated by 四川 (docs/law.md §3.2 [S9]): pay within 20 working days from the day after the
#: applicant receives the notice, otherwise the application counts as abandoned.
PAYMENT_WORKING_DAYS = 20


class FeeMethod(Choice):
    NONE = "none", "不收费"
    PER_PIECE = "per_piece", "按件计收"
    PER_VOLUME = "per_volume", "按量计收"


@dataclass(frozen=True)
class FeeCalculation:
    method: FeeMethod
    amount_yuan: int
    lines: list[str] = field(default_factory=list)  # the calculation, in Chinese

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


# ---------------------------------------------------------------------------------------------
# 按件计收 (109号第四条): per applicant, per agency, per calendar month, counted after 一事一申请.
# ---------------------------------------------------------------------------------------------


def fee_per_piece(n: int) -> int:
    """The fee for the n-th application of the month (docs/law.md §3.3).

    第四条: (一) ≤10件 free; (二) 11—30件 100元/件; (三) from 31, every further 10 件 is one tier
    and each tier adds 100元/件 (31–40: 200, 41–50: 300, …).
    """
    if n < 1:
        raise ValueError("件数序号须为正整数。")
    if n <= 10:
        return 0
    if n <= 30:
        return 100
    return 100 * (1 + (n - 30 + 9) // 10)


def _piece_tier(n: int) -> tuple[int, int, int]:
    """(first, last, rate) of the tier containing the n-th piece."""
    if n <= 10:
        return 1, 10, 0
    if n <= 30:
        return 11, 30, 100
    k = (n - 31) // 10
    return 31 + 10 * k, 40 + 10 * k, 200 + 100 * k


def fee_by_piece(already_this_month: int, pieces: int = 1) -> FeeCalculation:
    """The fee for `pieces` applications after `already_this_month` earlier ones by the same
    applicant to the same agency in the same calendar month (第四条; counting scope docs/law.md Q12)."""
    if already_this_month < 0:
        raise ValueError("本月此前累计件数不能为负数。")
    if pieces < 1:
        raise ValueError("本次件数须为正整数。")
    first, last = already_this_month + 1, already_this_month + pieces
    lines = [
        f"计费方式：按件计收（{BASIS}第四条），同一申请人一个自然月内累计申请件数超额累进计算。",
        f"本月此前已累计申请{already_this_month}件，本次{pieces}件，为本月第{first}—{last}件。"
        if pieces > 1
        else f"本月此前已累计申请{already_this_month}件，本次为本月第{first}件。",
    ]
    total = 0
    n = first
    while n <= last:
        lo, hi, rate = _piece_tier(n)
        upto = min(hi, last)
        count = upto - n + 1
        span = f"第{n}—{upto}件" if count > 1 else f"第{n}件"
        if rate == 0:
            lines.append(f"{span}：10件以下（含10件）不收费（第四条第（一）项）。")
        else:
            item = "第四条第（二）项" if rate == 100 else "第四条第（三）项"
            tier = f"{lo}—{hi}件档" if rate > 100 else "11—30件档"
            lines.append(f"{span}：{tier}，{count}件 × {rate}元/件 = {count * rate}元（{item}）。")
            total += count * rate
        n = upto + 1
    lines.append(f"合计：{total}元。")
    return FeeCalculation(FeeMethod.PER_PIECE, total, lines)


def monthly_total(pieces: int) -> int:
    """Σ fee_per_piece(1..N): e.g. 45 → 5500 元 (docs/law.md §3.3)."""
    return fee_by_piece(0, pieces).amount_yuan if pieces > 0 else 0


# ---------------------------------------------------------------------------------------------
# 按量计收 (109号第五条; tiers from the official 收费公示 table, docs/law.md §3.1 [S8])
# ---------------------------------------------------------------------------------------------

_VOLUME_TIERS = (  # (first page, last page or None, 元/页, item)
    (1, 30, 0, "（一）"),
    (31, 100, 10, "（二）"),
    (101, 200, 20, "（三）"),
    (201, None, 40, "（四）"),
)


def fee_by_volume(pages: int) -> FeeCalculation:
    """The fee for one application of `pages` pages: ≤30 free; 31–100: 10元/页; 101–200: 20元/页;
    >200: 40元/页, each rate only on the part within its tier (超额累进)."""
    if pages < 0:
        raise ValueError("页数不能为负数。")
    lines = [f"计费方式：按量计收（{BASIS}第五条），本件申请共{pages}页，超额累进计算。"]
    total = 0
    for lo, hi, rate, item in _VOLUME_TIERS:
        if pages < lo:
            break
        upto = pages if hi is None else min(hi, pages)
        count = upto - lo + 1
        if rate == 0:
            lines.append(f"第1—{upto}页：30页以下（含30页）不收费（按量计收标准第{item}项）。")
        else:
            tier = f"{lo}—{hi}页" if hi else f"{lo}页以上"
            lines.append(f"第{lo}—{upto}页：{tier}部分，{count}页 × {rate}元/页 = {count * rate}元（按量计收标准第{item}项）。")
            total += count * rate
    lines.append(f"合计：{total}元。")
    return FeeCalculation(FeeMethod.PER_VOLUME, total, lines)


def tier_table() -> dict[str, list[tuple[str, str]]]:
    """The published 收费标准 (for the 指南, 条例第十二条): the tiers this module charges by, in words.
    {"按件计收": [(件数, 标准)], "按量计收": [(页数, 标准)]}; the 指南 test checks them against the
    functions above."""
    piece = [("10件以下（含10件）", "不收费"), ("11—30件（含30件）", "100元/件")]
    for k in range(3):
        lo, hi, rate = _piece_tier(31 + 10 * k)
        piece.append((f"{lo}—{hi}件", f"{rate}元/件"))
    piece.append(("此后每增加10件", "每件加收100元"))
    volume = []
    for lo, hi, rate, _item in _VOLUME_TIERS:
        span = f"{lo}—{hi}页" if hi else f"{lo}页以上"
        if lo == 1:
            span = f"{hi}页以下（含{hi}页）"
        volume.append((span, "不收费" if rate == 0 else f"{rate}元/页"))
    return {"按件计收": piece, "按量计收": volume}


# ---------------------------------------------------------------------------------------------
# One method per application (109号第三条)
# ---------------------------------------------------------------------------------------------


def choose(
    method: FeeMethod | str,
    *,
    already_this_month: int | None = None,
    pieces: int | None = None,
    pages: int | None = None,
) -> FeeCalculation:
    """The fee of one application under the one `method` the agency chose.

    109号第三条: 「对每件申请可以根据实际情况选择适用其中一种标准，但不得同时按照两种标准重复计算」,
    so giving the other method's inputs is an error, not something to add up.
    """
    try:
        m = FeeMethod(method)
    except ValueError:
        raise ValueError(f"未知的计费方式「{method}」。") from None
    both = "同一件申请只能选择按件计收或按量计收其中一种，不得同时按照两种标准重复计算（109号第三条）。"
    if m is FeeMethod.PER_PIECE:
        if pages is not None:
            raise ValueError(both)
        return fee_by_piece(already_this_month or 0, pieces or 1)
    if m is FeeMethod.PER_VOLUME:
        if already_this_month is not None or pieces is not None:
            raise ValueError(both)
        if pages is None:
            raise ValueError("按量计收须填写页数。")
        return fee_by_volume(pages)
    if already_this_month is not None or pieces is not None or pages is not None:
        raise ValueError("选择不收费时不应填写件数或页数。")
    return FeeCalculation(FeeMethod.NONE, 0, ["不收取信息处理费（《政府信息公开条例》第四十二条：依申请提供政府信息，不收取费用）。"])


def validate_single_method(methods) -> None:
    """Raise if an application's fee records use more than one charging method (109号第三条)."""
    used = {FeeMethod(m) for m in methods} - {FeeMethod.NONE}
    if len(used) > 1:
        raise ValueError("同一件申请只能选择按件计收或按量计收其中一种，不得同时按照两种标准重复计算（109号第三条）。")
