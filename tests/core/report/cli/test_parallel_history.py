"""`gongkai report check DIR -j N` without --previous pairs one agency's consecutive years like the
sequential command (crossyear.check_history): Y1 errors and rows decided by last year's report are
the same, and -j 1 and -j 2 print the same output."""

import io
import json

from gongkai.core.report.cli import main
from gongkai.core.report.validate.crossyear import history_groups, pair_keys

from ..validate.test_cross_year_reading import SAMPLE, _ambiguous_2022, previous_2021, year_2022


def run(*argv) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(map(str, argv)), out=out), out.getvalue()


def _corpus(root):
    """Two agencies' years in separate folders, each pair found only by pairing across the batch:
    平潭 2021 → 2022 (last year's carry-forward decides this year's ambiguous split), a second copy
    of the agency's 2022 with a 2021 that carried 2 forward (Y1 error) under another name, and a
    lone report (no pair)."""
    (root / "a").mkdir(parents=True)
    (root / "b").mkdir()
    (root / "c").mkdir()
    (root / "a" / "2022.txt").write_text(_ambiguous_2022(), encoding="utf-8")
    previous_2021(root / "b", [11, 0, 0, 0, 0, 0, 11])  # b/2021.json: decides a/2022.txt
    other = year_2022(SAMPLE.read_text(encoding="utf-8")).replace("平潭综合实验区", "某某实验区")
    (root / "c" / "2022.txt").write_text(other, encoding="utf-8")
    last = json.loads((root / "b" / "2021.json").read_text(encoding="utf-8"))
    last["agency"] = last["agency"].replace("平潭综合实验区", "某某实验区")
    last["table3"]["四、结转下年度继续办理"] = [2, 0, 0, 0, 0, 0, 2]
    last["table3"]["一、本年新收政府信息公开申请数量"] = [
        a + b for a, b in zip(last["table3"]["（七）总计"], [2, 0, 0, 0, 0, 0, 2], strict=True)]
    (root / "c" / "2021.json").write_text(json.dumps(last, ensure_ascii=False), encoding="utf-8")
    lone = SAMPLE.read_text(encoding="utf-8").replace("2021", "2019")  # 平潭 2019: no 2018 or 2020 beside it
    (root / "lone.txt").write_text(lone, encoding="utf-8")
    return root


def test_parallel_check_pairs_years_like_the_sequential_command(tmp_path):
    corpus = _corpus(tmp_path / "in")
    status_seq, seq = run("check", corpus, "--json")
    by_file_seq = {r["file"]: r for r in json.loads(seq)}
    # the sequential command paired them: a decided row, and a Y1 error
    assert not any(f["rule"] == "Y1" for f in by_file_seq[str(corpus / "a" / "2022.txt")]["findings"])
    assert any(f["rule"] == "Y1" and f["severity"] == "error"
               for f in by_file_seq[str(corpus / "c" / "2022.txt")]["findings"])

    a22 = str(corpus / "a" / "2022.txt")
    _status, alone = run("check", a22, "--json")
    assert by_file_seq[a22]["reading"]["undecidable"] < json.loads(alone)[0]["reading"]["undecidable"]

    outputs = {}
    for jobs in ("1", "2"):
        status, text = run("check", corpus, "-j", jobs, "--json")
        assert status == status_seq == 1
        lines = [json.loads(line) for line in text.splitlines()]
        assert sorted(r["file"] for r in lines) == sorted(by_file_seq)  # each file exactly once
        for r in lines:
            expected = by_file_seq[r["file"]]
            assert (r["verdict"], r["findings"], r["reading"]) == (expected["verdict"], expected["findings"], expected["reading"])
        outputs[jobs] = text
    assert outputs["1"] == outputs["2"]  # the same lines in the same order

    # the text form too: the same lines as -j 1, and the sequential command's per-file lines
    _status, text1 = run("check", corpus, "-j", "1")
    _status, text2 = run("check", corpus, "-j", "2")
    assert text1 == text2
    _status, seq_text = run("check", corpus)
    assert sorted(text1.splitlines()) == sorted(seq_text.splitlines())


def test_groups_are_an_agencys_chain_of_years_and_duplicates_stay_alone():
    a, b = "甲机关", "乙机关"
    keys = [(a, 2021), (b, 2020), None, (a, 2023), (a, 2022), (b, 2022), (b, 2021), (b, 2021)]
    # 乙 2021 is printed twice: neither copy is paired, so 乙 2020 and 2022 stay alone too
    assert pair_keys(keys) == {4: 0, 3: 4}
    assert history_groups(keys) == [[0, 3, 4], [1], [2], [5], [6], [7]]
