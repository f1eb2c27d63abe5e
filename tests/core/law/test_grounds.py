"""Refusal grounds in the words of 第十四条–第十六条; the 条例's full title at its first mention."""

import pytest

from gongkai.core.law.grounds import REFUSAL_GROUNDS, refusal_ground, regulation_citations
from gongkai.core.vocabulary import Outcome


@pytest.mark.parametrize("outcome", [o for o in Outcome if o.value.startswith("deny_")])
def test_every_refusal_has_the_article_wording(outcome):
    ground = refusal_ground(outcome)
    assert ground.endswith("信息")
    assert ground not in outcome.label  # not the report row label
    assert REFUSAL_GROUNDS[outcome][1] in outcome.info.basis


def test_other_outcomes_have_no_ground():
    assert refusal_ground(Outcome.DISCLOSE) == "" and refusal_ground("nonsense") == ""


def test_full_title_first_then_short():
    out = regulation_citations([
        "根据《政府信息公开条例》第三十一条的规定，", "根据《中华人民共和国政府信息公开条例》第三十三条的规定，",
        "依据《政府信息公开条例》第十四条、第三十六条第（三）项",
    ])
    assert out[0] == "根据《中华人民共和国政府信息公开条例》（以下简称《条例》）第三十一条的规定，"
    assert out[1] == "根据《条例》第三十三条的规定，" and out[2] == "依据《条例》第十四条、第三十六条第（三）项"


def test_a_single_mention_is_the_full_title_alone():
    assert regulation_citations(["依据《政府信息公开条例》第三十条。", "其他"]) == [
        "依据《中华人民共和国政府信息公开条例》第三十条。", "其他"]
    assert regulation_citations(["无"]) == ["无"]
