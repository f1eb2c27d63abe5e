"""Layering and migration hygiene."""

import ast
import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import translation

import gongkai

SRC = Path(gongkai.__file__).parent


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _forbidden_in_core(module: str) -> bool:
    top = module.split(".")[0]
    if top in ("django", "axes"):
        return True
    # gongkai.core may use itself, but none of the Django apps (agencies, cases, …).
    return top == "gongkai" and module != "gongkai" and not module.startswith("gongkai.core")


def test_the_pure_core_imports_no_django():
    offenders = {}
    files = sorted((SRC / "core").rglob("*.py"))
    assert files, "gongkai/core has no modules"
    for path in files:
        bad = sorted(n for n in _imports(path) if _forbidden_in_core(n))
        if bad:
            offenders[str(path.relative_to(SRC))] = bad
    assert not offenders, f"core must stay pure Python (no Django, no Django apps): {offenders}"


def test_the_scan_catches_a_django_import(tmp_path):
    sample = tmp_path / "m.py"
    sample.write_text("def f():\n    from django.db import models\n")
    assert "django.db" in _imports(sample)
    assert _forbidden_in_core("django.db") and _forbidden_in_core("gongkai.cases.models")
    assert not _forbidden_in_core("gongkai.core.codes") and not _forbidden_in_core("datetime")


def _makemigrations_check() -> str:
    out = io.StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit:
        pytest.fail(f"models and migrations differ; run `gongkai makemigrations <app>`:\n{out.getvalue()}")
    return out.getvalue()


@pytest.mark.django_db
def test_migrations_are_complete():
    assert "No changes detected" in _makemigrations_check()


@pytest.mark.django_db
def test_migrations_do_not_depend_on_the_interface_language():
    # Chinese verbose names are plain strings; switching the language must not produce migrations.
    with override_settings(LANGUAGE_CODE="en-us", LANGUAGES=[("en-us", "English")]), translation.override("en-us"):
        assert "No changes detected" in _makemigrations_check()
