"""`gongkai report parse|check DIR -j N`: N processes, one streamed result per file, the same results as
the sequential command, the worst exit status, a summary written row by row."""

import csv
import io
import json

from gongkai.core.report import parallel
from gongkai.core.report.cli import main
from gongkai.core.report.render import render_html

from .conftest import sample


def run(*argv) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(map(str, argv)), out=out), out.getvalue()


def _corpus(folder, copies=6):
    """Clean reports, one with known errors, one unreadable file, in nested folders."""
    (folder / "a" / "b").mkdir(parents=True)
    for n in range(copies):
        (folder / "a" / f"seed{n}.html").write_text(render_html(sample("seed")), encoding="utf-8")
    (folder / "a" / "b" / "hongze.html").write_text(render_html(sample("003_hongze_qzf_2023_layout")), encoding="utf-8")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 not a pdf")
    return folder


def test_check_in_two_processes_streams_one_json_line_per_file_with_the_sequential_results(tmp_path):
    corpus = _corpus(tmp_path / "in")
    status, text = run("check", corpus, "-j", "2", "--json", "--summary", tmp_path / "s.csv")
    lines = [json.loads(line) for line in text.splitlines()]
    files = sorted(str(p) for p in corpus.rglob("*") if p.is_file())
    assert sorted(line["file"] for line in lines) == files  # each file exactly once
    assert status == 2  # the worst: one file is unreadable
    by_file = {line["file"]: line for line in lines}
    assert by_file[str(corpus / "broken.pdf")]["verdict"] == "unreadable"
    # the same verdicts and findings as the sequential command, file by file
    for path in files:
        if path.endswith(".pdf"):
            continue
        _status, one = run("check", path, "--json")
        expected = json.loads(one)[0]
        assert by_file[path]["verdict"] == expected["verdict"]
        assert by_file[path]["findings"] == expected["findings"]
    rows = list(csv.DictReader((tmp_path / "s.csv").open(encoding="utf-8-sig")))
    assert sorted(r["file"] for r in rows) == files and {r["status"] for r in rows} >= {"consistent", "unreadable"}


def test_parse_with_one_process_keeps_the_folder_order_and_prints_text(tmp_path):
    corpus = _corpus(tmp_path / "in", copies=2)
    status, text = run("parse", corpus, "-j", "1")
    names = [line.split("：", 1)[0] for line in text.splitlines() if not line.startswith(("  ", "共"))]
    # a folder's files before its subfolders, each sorted: stable from run to run
    assert names == [str(corpus / "broken.pdf"), str(corpus / "a" / "seed0.html"), str(corpus / "a" / "seed1.html"),
                     str(corpus / "a" / "b" / "hongze.html")]
    assert text.strip().splitlines()[-1].startswith("共4份：无法读取1份") and status == 2


def test_a_missing_path_is_reported_and_the_rest_is_read(tmp_path):
    corpus = _corpus(tmp_path / "in", copies=1)
    status, text = run("check", corpus / "a", tmp_path / "nope", "-j", "2", "--json")
    lines = [json.loads(line) for line in text.splitlines()]
    assert {"error": "文件不存在", "file": str(tmp_path / "nope"), "verdict": "unreadable"} in lines
    assert len(lines) == 3 and status == 2


def test_the_walk_is_lazy_and_in_flight_work_is_bounded(tmp_path, monkeypatch):
    corpus = _corpus(tmp_path / "in", copies=8)
    walk = parallel.iter_files([str(corpus)], {".html"}, [])
    assert iter(walk) is walk  # a generator: the corpus is never listed in memory
    seen = []

    real_wait = parallel.wait

    def spy(pending, **kwargs):
        seen.append(len(pending))
        return real_wait(pending, **kwargs)

    monkeypatch.setattr(parallel, "wait", spy)
    status, _text = run("parse", corpus, "-j", "2", "--json")
    assert seen and max(seen) <= 4  # at most 2·N files in flight
