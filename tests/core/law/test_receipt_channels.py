"""条例第三十一条: the receipt date of every channel."""

from datetime import date

import pytest

from gongkai.core.law.receipt import Channel, needs_confirmation, receipt_date, receipt_rule

SUB, SIGN, CONF = date(2025, 3, 3), date(2025, 3, 5), date(2025, 3, 6)


@pytest.mark.parametrize(
    ("channel", "expected"),
    [
        (Channel.IN_PERSON, SUB),  # (一) 提交之日
        (Channel.ORAL, SUB),  # 口头 → 代为填写 on the spot
        (Channel.POST_SIGNED, SIGN),  # (二) 签收之日
        (Channel.POST_ORDINARY, CONF),  # (二) 平常信函: 确认之日
        (Channel.ONLINE, CONF),  # (三) 双方确认之日
        (Channel.FAX, CONF),
        (Channel.EMAIL, CONF),  # 互联网渠道 (docs/law.md Q8: the 2019 条例 prevails over 207号)
    ],
)
def test_every_channel_uses_its_statutory_date(channel, expected):
    assert receipt_date(channel, submitted_on=SUB, signed_on=SIGN, confirmed_on=CONF) == expected
    assert receipt_date(channel.value, submitted_on=SUB, signed_on=SIGN, confirmed_on=CONF) == expected


@pytest.mark.parametrize("channel", list(Channel))
def test_a_missing_date_is_a_chinese_error(channel):
    with pytest.raises(ValueError, match="请填写") as exc:
        receipt_date(channel)
    assert "第" in str(exc.value) and "条" in str(exc.value)


def test_confirmation_channels():
    assert {c for c in Channel if needs_confirmation(c)} == {
        Channel.POST_ORDINARY, Channel.ONLINE, Channel.FAX, Channel.EMAIL
    }


def test_confirmation_cannot_precede_submission():
    with pytest.raises(ValueError, match="不能早于提交日期"):
        receipt_date(Channel.ONLINE, submitted_on=date(2025, 3, 6), confirmed_on=date(2025, 3, 5))


def test_unknown_channel():
    with pytest.raises(ValueError, match="未知的申请渠道"):
        receipt_date("pigeon", submitted_on=SUB)


def test_rule_text_cites_the_article():
    assert receipt_rule(Channel.POST_SIGNED) == "邮寄（签收）：以行政机关签收之日为收到申请之日（《政府信息公开条例》第三十一条第（二）项）"
    assert Channel.ORAL.label == "口头（代为填写）"
