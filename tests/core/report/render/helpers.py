"""Helpers for the renderer tests: samples, random valid reports, and span-expanded grids."""

from __future__ import annotations

import json
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser as HTMLParser

from gongkai.core.report.schema import Report

SAMPLES = Path(__file__).resolve().parent.parent / "validate" / "samples"
SAMPLE_NAMES = sorted(p.stem for p in SAMPLES.glob("*.json"))


def sample(name: str) -> Report:
    return Report.from_json(json.loads((SAMPLES / f"{name}.json").read_text(encoding="utf-8")))


def html_grids(html: str) -> list[list[list[str]]]:
    """Each <table> as a rectangular grid, rowspan/colspan expanded (the spanned text repeated)."""
    grids = []
    for table in HTMLParser(html).css("table"):
        grid: dict[tuple[int, int], str] = {}
        for r, tr in enumerate(table.css("tr")):
            c = 0
            for td in tr.css("td, th"):
                while (r, c) in grid:
                    c += 1
                rs, cs = int(td.attributes.get("rowspan") or 1), int(td.attributes.get("colspan") or 1)
                for dr in range(rs):
                    for dc in range(cs):
                        grid[(r + dr, c + dc)] = td.text(strip=True)
                c += cs
        rows = max(r for r, _ in grid) + 1
        cols = max(c for _, c in grid) + 1
        grids.append([[grid.get((r, c), "") for c in range(cols)] for r in range(rows)])
    return grids
