import json
from pathlib import Path

import pytest

from gongkai.core.report.render import render_html
from gongkai.core.report.schema import Report

SAMPLES = Path(__file__).resolve().parent.parent / "validate" / "samples"


def sample(name: str) -> Report:
    return Report.from_json(json.loads((SAMPLES / f"{name}.json").read_text(encoding="utf-8")))


@pytest.fixture
def reports_dir(tmp_path) -> Path:
    """A directory of published-looking reports: two clean ones, one with known errors."""
    folder = tmp_path / "reports"
    (folder / "sub").mkdir(parents=True)
    (folder / "seed.html").write_text(render_html(sample("seed")), encoding="utf-8")
    (folder / "sub" / "shuyang.html").write_text(render_html(sample("034_shuyang_xzf_2025_mdtxt")), encoding="utf-8")
    (folder / "notes.log").write_text("not a report file type", encoding="utf-8")  # ignored by the walk
    return folder


@pytest.fixture
def hongze_html(tmp_path) -> Path:
    path = tmp_path / "hongze.html"
    path.write_text(render_html(sample("003_hongze_qzf_2023_layout")), encoding="utf-8")
    return path
