"""Tracking codes: how an applicant follows a case without an account (a code and a second factor).
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

from django.db import transaction

from gongkai.agencies.permissions import Perm

from .actions.base import Submitted, audit, case_service, lock, require
from .models import (
    Application,
)

# -- tracking codes -----------------------------------------------------------------------------

_CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32: no I, L, O, U
CODE_LENGTH = 20  # 20 × 5 = 100 bits ≥ 80


def new_tracking_code() -> str:
    raw = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, CODE_LENGTH, 4))


def normalise_tracking_code(code: str) -> str:
    code = re.sub(r"[^0-9A-Za-z]", "", code or "").upper()
    return code.translate(str.maketrans({"O": "0", "I": "1", "L": "1"}))


def tracking_hash(code: str) -> str:
    return hashlib.sha256(("gongkai-track:" + normalise_tracking_code(code)).encode()).hexdigest()


def _factor_hash(code_hash: str, factor: str) -> str:
    factor = re.sub(r"\s", "", factor or "")
    return hashlib.sha256(f"{code_hash}:{factor}".encode()).hexdigest()


def phone_last4(phone: str) -> str:
    digits = re.sub(r"\D", "", phone or "")
    return digits[-4:] if len(digits) >= 4 else ""


def set_tracking_code(case: Application) -> tuple[str, str, str]:
    code = new_tracking_code()
    case.tracking_hash = tracking_hash(code)
    last4 = phone_last4(case.phone)
    if last4:
        case.tracking_factor_kind = "phone"
        case.tracking_factor_hash = _factor_hash(case.tracking_hash, last4)
        return code, "联系电话后四位", ""
    pin = f"{secrets.randbelow(10**6):06d}"
    case.tracking_factor_kind = "pin"
    case.tracking_factor_hash = _factor_hash(case.tracking_hash, pin)
    return code, "查询密码（6位数字）", pin


def find_by_tracking(code: str, factor: str) -> Application | None:
    """The case for a tracking code + second factor, or None (the caller answers a uniform 404)."""
    if len(normalise_tracking_code(code)) != CODE_LENGTH:
        return None
    h = tracking_hash(code)
    case = Application.objects.select_related("agency").filter(tracking_hash=h).first()
    expected = case.tracking_factor_hash if case else _factor_hash(h, "0000")  # same work either way
    ok = hmac.compare_digest(expected, _factor_hash(h, factor))
    return case if case is not None and ok else None


@case_service
def reissue_tracking_code(case: Application, *, acting_user, expected_version: int | None = None) -> Submitted:
    """A new tracking code (the old one stops working), e.g. when the applicant lost it."""
    require(acting_user, Perm.CASE_HANDLE, case, "重置查询码")
    with transaction.atomic():
        case = lock(case, expected_version)
        code, hint, pin = set_tracking_code(case)
        case.save(update_fields=["tracking_hash", "tracking_factor_hash", "tracking_factor_kind"])
        audit(acting_user, "tracking_code_reissued", case)
    return Submitted(case, code, hint, pin)

