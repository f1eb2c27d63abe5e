"""The day an application counts as received (条例第三十一条, docs/law.md §1.5).

The receipt day is day 0 of every statutory period of the case: the 7-working-day 补正告知
(第三十条) and the 20-working-day reply (第三十三条) both count from the day after it.

Pure Python: no Django imports.
"""

from __future__ import annotations

from datetime import date

from gongkai.core.vocabulary import Choice


class Channel(Choice):
    """How the application reached the agency (条例第二十九条: 信件、数据电文; 口头 → 代为填写)."""

    IN_PERSON = "in_person", "当面"
    POST_SIGNED = "post_signed", "邮寄（签收）"
    POST_ORDINARY = "post_ordinary", "平常信函"
    ONLINE = "online", "互联网"
    FAX = "fax", "传真"
    EMAIL = "email", "电子邮件"
    ORAL = "oral", "口头（代为填写）"


# 第三十一条: which date is the receipt date, per channel, and which argument carries it.
_RULES: dict[Channel, tuple[str, str, str]] = {
    # (一) 当面提交的，以提交之日为收到申请之日
    Channel.IN_PERSON: ("submitted_on", "提交之日", "第三十一条第（一）项"),
    # 第二十九条第一款: 口头提出的由工作机构当场代为填写 — the same as handing it in (derived)
    Channel.ORAL: ("submitted_on", "提出并代为填写之日", "第二十九条第一款、第三十一条第（一）项"),
    # (二) 以邮寄方式提交的，以行政机关签收之日为收到申请之日
    Channel.POST_SIGNED: ("signed_on", "行政机关签收之日", "第三十一条第（二）项"),
    # (二) 平常信函等无需签收的，工作机构应当于收到申请的当日与申请人确认，确认之日为收到申请之日
    Channel.POST_ORDINARY: ("confirmed_on", "与申请人确认之日", "第三十一条第（二）项"),
    # (三) 通过互联网渠道或者工作机构的传真提交的，以双方确认之日为收到申请之日
    Channel.ONLINE: ("confirmed_on", "双方确认之日", "第三十一条第（三）项"),
    Channel.FAX: ("confirmed_on", "双方确认之日", "第三十一条第（三）项"),
    # E-mail is an 互联网渠道 under the 2019 条例; 207号's older 「自电子邮件系统接收之日」 conflicts
    # with 第三十一条(三) and the 条例 prevails (docs/law.md Q8).
    Channel.EMAIL: ("confirmed_on", "双方确认之日", "第三十一条第（三）项"),
}

_ARG_LABELS = {"submitted_on": "提交日期", "signed_on": "签收日期", "confirmed_on": "确认日期"}


def _channel(channel: Channel | str) -> Channel:
    try:
        return Channel(channel)
    except ValueError:
        raise ValueError(f"未知的申请渠道「{channel}」。") from None


def needs_confirmation(channel: Channel | str) -> bool:
    """Whether the receipt date is the day of confirmation with the applicant (第三十一条(二)(三))."""
    return _RULES[_channel(channel)][0] == "confirmed_on"


def receipt_rule(channel: Channel | str) -> str:
    """The rule in words, e.g. 「邮寄（签收）：以行政机关签收之日为收到申请之日（第三十一条第（二）项）」."""
    ch = _channel(channel)
    _, what, article = _RULES[ch]
    return f"{ch.label}：以{what}为收到申请之日（《政府信息公开条例》{article}）"


def receipt_date(
    channel: Channel | str,
    *,
    submitted_on: date | None = None,
    signed_on: date | None = None,
    confirmed_on: date | None = None,
) -> date:
    """The receipt date under 第三十一条. Raises ValueError (Chinese) when the needed date is missing
    or impossible (e.g. confirmed before it was submitted)."""
    ch = _channel(channel)
    arg, what, article = _RULES[ch]
    value = {"submitted_on": submitted_on, "signed_on": signed_on, "confirmed_on": confirmed_on}[arg]
    if value is None:
        raise ValueError(
            f"{ch.label}提交的申请以{what}为收到申请之日（《政府信息公开条例》{article}），"
            f"请填写{_ARG_LABELS[arg]}。"
        )
    if submitted_on is not None and value < submitted_on:
        raise ValueError(f"{_ARG_LABELS[arg]}（{value.isoformat()}）不能早于提交日期（{submitted_on.isoformat()}）。")
    return value


# -- the other side's receipt of a 征求意见书 (第三十二条, 第三十四条) ---------------------------------------

#: How a 征求意见书 was delivered, and when its receipt is presumed when no date was recorded
#: (docs/law.md §9.1): by hand — the day it is handed over and signed for; electronically
#: (e-mail, an online platform, fax) — the day it is sent, as a 数据电文 arrives when it enters the
#: recipient's system (民法典第一百三十七条第二款); by post — the date on the 回执 (民事诉讼法第九十条 by
#: analogy), which must be recorded: nothing is presumed.
CONSULTATION_CHANNELS: dict[str, tuple[str, bool]] = {
    "in_person": ("直接送达", True),
    "email": ("电子邮件", True),
    "online": ("网上平台", True),
    "fax": ("传真", True),
    "post": ("邮寄", False),
}


def consultation_receipt(sent_on: date, channel: str = "", received_on: date | None = None) -> tuple[date | None, str]:
    """The day the other side received the 征求意见书 and how that is known: (day or None, words).

    A recorded date wins (it may not precede dispatch). Otherwise the day is presumed by channel;
    for post it stays unknown (None) until the 回执 is recorded. With no channel recorded the
    dispatch day is used (the shortest pause, in the applicant's favour)."""
    if received_on is not None:
        if received_on < sent_on:
            raise ValueError(
                f"对方收到征求意见书的日期（{received_on.isoformat()}）不能早于发出日期（{sent_on.isoformat()}）。"
            )
        return received_on, "对方收到之日为"
    if not channel:
        return sent_on, "未登记对方收到之日，按发出之日计算："
    try:
        label, same_day = CONSULTATION_CHANNELS[channel]
    except KeyError:
        raise ValueError(f"未知的征求意见书送达方式「{channel}」。") from None
    if same_day:
        return sent_on, f"{label}，推定对方当日收到："
    return None, ""
