"""Abuse limits of the public application form (settings.GONGKAI_LIMITS; README「访问限制」).

    message = submission_refused(request)     # Chinese, or None: rate limits per client and overall
    HONEYPOT = "website"                        # a field people never see; bots fill it

The submissions already counted are the audit events 「case.submitted」 (with the client's real
address, gongkai.clientip), so no extra table is kept.
"""

from __future__ import annotations

from django.conf import settings

from gongkai.audit.limits import exceeded

HONEYPOT = "website"
SUBMITTED = "case.submitted"


def submission_refused(request) -> str | None:
    limits = settings.GONGKAI_LIMITS
    per_hour = int(limits["APPLY_PER_CLIENT_PER_HOUR"])
    hit = exceeded(SUBMITTED, request, per_minute=int(limits["APPLY_GLOBAL_PER_MINUTE"]), per_client_per_hour=per_hour)
    if hit == "global":
        return "当前在线提交的申请较多，请稍候一分钟再提交。您填写的内容仍在本页，无需重新填写。"
    if hit == "client":
        return (f"同一网络地址一小时内最多在线提交{per_hour}件申请，请稍后再提交，或通过信函、当面等方式提出申请。"
                "您填写的内容仍在本页，无需重新填写。")
    return None
