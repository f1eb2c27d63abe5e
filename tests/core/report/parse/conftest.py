"""Fixtures for the parser tests: the sample reports (copied byte for byte from shared/samples)."""

from __future__ import annotations

from pathlib import Path

import pytest

from .rp_helpers import SAMPLES


@pytest.fixture(scope="session")
def samples() -> Path:
    return SAMPLES
