"""Helpers for the parser tests: where the samples are, their expected values, number folding."""

from __future__ import annotations

import json
import os
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
SAMPLES = HERE / "samples"


def shared_samples() -> Path | None:
    """shared/samples beside the repo (CI lays it there), or GONGKAI_SHARED."""
    env = os.environ.get("GONGKAI_SHARED")
    root = Path(env) if env else Path(__file__).resolve().parents[4] / ".." / "shared"
    path = root / "samples"
    return path if path.is_dir() else None


def expected(name: str) -> dict:
    return json.loads((SAMPLES / "expected" / name).read_text(encoding="utf-8"))


def plain(value):
    """Numbers compared as numbers: Decimal/float/int alike; the rest unchanged."""
    if isinstance(value, Decimal):
        value = float(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value
