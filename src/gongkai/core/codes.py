"""Check digits of Chinese identification codes (pure functions).

- 统一社会信用代码 (18 characters): GB 32100-2015.
- 组织机构代码 (9 characters, printed as 8 + "-" + 1): GB 11714-1997.
- 居民身份证号码 (18 characters): GB 11643-1999.

Each `check_*` returns None when the code is valid, or a Chinese message saying what is wrong.
"""

from __future__ import annotations

import datetime as dt
import re

_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # no I, O, S, V, Z
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def normalise_code(code: str) -> str:
    return (code or "").strip().upper().replace(" ", "")


def org_code_check_char(first8: str) -> str:
    """The 9th character of a 组织机构代码 computed from the first 8."""
    total = sum(int(c, 36) * w for c, w in zip(first8, _ORG_WEIGHTS, strict=True))
    value = 11 - total % 11
    return {10: "X", 11: "0"}.get(value, str(value))


def check_org_code(code: str) -> str | None:
    code = normalise_code(code).replace("-", "")
    if not re.fullmatch(r"[0-9A-Z]{8}[0-9X]", code):
        return "组织机构代码应为9位（8位本体代码加1位校验码，可写作 XXXXXXXX-X）。"
    if org_code_check_char(code[:8]) != code[8]:
        return "组织机构代码校验位不正确，请核对。"
    return None


def uscc_check_char(first17: str) -> str:
    total = sum(_USCC_ALPHABET.index(c) * w for c, w in zip(first17, _USCC_WEIGHTS, strict=True))
    return _USCC_ALPHABET[(31 - total % 31) % 31]


def check_uscc(code: str) -> str | None:
    code = normalise_code(code)
    if len(code) != 18:
        return f"统一社会信用代码应为18位，当前为{len(code)}位。"
    bad = sorted({c for c in code if c not in _USCC_ALPHABET})
    if bad:
        return f"统一社会信用代码含有不允许的字符：{'、'.join(bad)}（不使用 I、O、S、V、Z）。"
    if uscc_check_char(code[:17]) != code[17]:
        return "统一社会信用代码校验位不正确，请核对。"
    # Positions 9–17 embed the 组织机构代码, itself check-digited.
    if check_org_code(code[8:17]) is not None:
        return "统一社会信用代码中的组织机构代码部分（第9至17位）校验不通过，请核对。"
    return None


def id_card_check_char(first17: str) -> str:
    return _ID_CHECK[sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS, strict=True)) % 11]


def check_id_card(number: str) -> str | None:
    """Validate an 18-digit 居民身份证号码 (birth date and check digit)."""
    number = normalise_code(number)
    if not re.fullmatch(r"\d{17}[0-9X]", number):
        return "居民身份证号码应为18位：前17位为数字，最后一位为数字或 X。"
    try:
        born = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return "居民身份证号码中的出生日期无效，请核对。"
    if born.year < 1900 or born > dt.date.today():
        return "居民身份证号码中的出生日期无效，请核对。"
    if id_card_check_char(number[:17]) != number[17]:
        return "居民身份证号码校验位不正确，请核对。"
    return None


def mask_identity(number: str) -> str:
    """Show only the first 3 and last 4 characters (lists and exports, 个人信息保护法)."""
    number = normalise_code(number)
    if len(number) <= 7:
        return "*" * len(number)
    return number[:3] + "*" * (len(number) - 7) + number[-4:]
