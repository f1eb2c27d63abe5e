"""One way for each job: checks over the source tree (issue 10, items 5–7)."""

import ast
from pathlib import Path

import gongkai

SRC = Path(gongkai.__file__).parent
ROOT = SRC.parent.parent
TESTS = ROOT / "tests"


def _python(*roots: Path):
    for root in roots:
        yield from (p for p in sorted(root.rglob("*.py")) if "__pycache__" not in p.parts)


def test_the_shipped_package_has_no_test_code():
    """Fixtures and helpers of the suite live under tests/, not in the installed package."""
    offenders = []
    for path in _python(SRC):
        if path.name in ("test_settings.py",):  # the settings module pytest-django loads
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            if any(n.split(".")[0] in ("pytest", "hypothesis", "pytest_django") for n in names):
                offenders.append(str(path.relative_to(SRC)))
    assert not offenders, f"test code in the package: {offenders}"


def test_the_test_tree_is_laid_out_in_packages():
    """Every directory of tests (but tests/ itself, which pytest puts on sys.path) is a package."""
    missing = [
        str(d.relative_to(ROOT)) for d in sorted(TESTS.rglob("*"))
        if d.is_dir() and d.name != "__pycache__" and any(d.glob("*.py")) and not (d / "__init__.py").exists()
    ]
    assert not missing, f"test directories without __init__.py: {missing}"
