"""Tidy the text of a notice once its template is filled in (pure Python).

A template joins fixed wording and what staff wrote (理由, 检索情况 …), so the seams can double up:

    tidy(["经审查，您申请获取的政府信息属于…。理由：经审查，该信息…", "因项目评审尚未结束。，本机关…"])
    -> ["经审查，您申请获取的政府信息属于…。理由：该信息…", "因项目评审尚未结束，本机关…"]

- 「。，」「；，」「。。」「，。」: a value that ends a sentence inside a sentence of the template keeps one mark;
- 经审查 / 经查 / 经审核 and 经检索 open a finding once per notice: a later 「经审查，」 in what staff wrote
  is dropped (「经审查，现答复如下：经审查，…经查，…」, issue 12).

Addressing people (您 / 贵单位 / 贵方) is `addressed_as` below: one word per addressee, never 「您（单位）」.
"""

from __future__ import annotations

import re

#: Phrases that open a finding; each family once per notice.
_FINDINGS = (
    re.compile(r"经(?:审查|查|审核|核查)[，,]\s*"),
    re.compile(r"经检索[，,]\s*"),
)
#: (doubled marks, the one kept)
_DOUBLED = (
    (re.compile(r"[。；]+([，、])"), r"\1"),  # 「理由。，本机关」→「理由，本机关」
    (re.compile(r"([。；！？])[。；]+"), r"\1"),  # 「。。」「。；」
    (re.compile(r"[，、]+([。；])"), r"\1"),  # 「，。」
    (re.compile(r"：[。，]"), "："),
)


def _dedupe_findings(paragraphs: list[str]) -> list[str]:
    out = []
    seen: set[int] = set()
    for text in paragraphs:
        for i, pattern in enumerate(_FINDINGS):
            def keep_first(match: re.Match, i=i) -> str:
                if i in seen:
                    return ""
                seen.add(i)
                return match.group(0)

            text = pattern.sub(keep_first, text)
        out.append(text)
    return out


def tidy(paragraphs: list[str]) -> list[str]:
    """The paragraphs with doubled punctuation collapsed and repeated 「经审查，」 dropped."""
    out = []
    for text in _dedupe_findings(list(paragraphs)):
        for pattern, repl in _DOUBLED:
            text = pattern.sub(repl, text)
        out.append(text)
    return out


#: How a notice addresses its recipient.
PERSON = "您"
ORGANISATION = "贵单位"
#: A third party whose kind is not recorded: 「贵方」 is correct for a person and an organisation alike.
EITHER = "贵方"


def addressed_as(is_person: bool | None) -> str:
    """您 (a natural person), 贵单位 (法人或者其他组织), 贵方 (not known)."""
    if is_person is None:
        return EITHER
    return PERSON if is_person else ORGANISATION
