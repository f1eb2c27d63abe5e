"""The annual-report engine (docs/law.md §2): schema, parse/, validate/, render/, aggregate, cli."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

SCHEMA_PATH = Path(__file__).with_name("report.schema.json")


@cache
def _schema_text() -> str:
    return SCHEMA_PATH.read_text(encoding="utf-8")


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the interchange format (`Report.to_json`)."""
    import json  # not at the top: `gongkai report parse` does not need it to start

    return json.loads(_schema_text())
