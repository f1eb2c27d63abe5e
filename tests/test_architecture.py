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


# -- issue 10: straight layers, one service contract -------------------------------------------------

#: Django apps from the bottom up; an app imports only apps of its own level or below (reports sits above all
#: that it counts). agencies and audit are one foundation: the audit log records agencies' changes and shows
#: its entries through the agencies' permissions.
LAYERS = ("audit", "agencies", "workcal", "yearlocks", "catalog", "cases", "remedies", "reports", "portal")
LEVEL = {"audit": 0, "agencies": 0, "workcal": 1, "yearlocks": 2, "catalog": 3, "cases": 4, "remedies": 4, "reports": 5,
         "portal": 6}


def _runtime_modules():
    for path in sorted(SRC.rglob("*.py")):
        if "migrations" not in path.relative_to(SRC).parts:
            yield path


def _all_imports(path: Path) -> set[str]:
    """Absolute imports, relative imports resolved, and importlib.import_module("…") literals."""
    package = ["gongkai", *path.relative_to(SRC).parent.parts]
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package[: len(package) - node.level + 1] + ([base] if base else []))
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
        elif (isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) == "import_module"
              and node.args and isinstance(node.args[0], ast.Constant)):
            names.add(node.args[0].value)
    return names


def test_no_runtime_module_imports_a_migration():
    offenders = {
        str(path.relative_to(SRC)): sorted(m for m in _all_imports(path) if ".migrations." in m + ".")
        for path in _runtime_modules()
    }
    offenders = {k: v for k, v in offenders.items() if v and not all(m.startswith("django.db.migrations") for m in v)}
    assert offenders == {}


def test_apps_import_only_apps_below_them():
    wrong = []
    for path in _runtime_modules():
        parts = path.relative_to(SRC).parts
        if parts[0] not in LAYERS:
            continue
        level = LEVEL[parts[0]]
        for module in _all_imports(path):
            bits = module.split(".")
            if bits[0] == "gongkai" and len(bits) > 1 and bits[1] in LEVEL and LEVEL[bits[1]] > level:
                wrong.append(f"{'/'.join(parts)} imports {module}")
    assert wrong == []


def test_reports_is_imported_by_no_lower_app():
    lower = LAYERS[: LAYERS.index("reports")]
    wrong = [str(path.relative_to(SRC)) for path in _runtime_modules()
             if path.relative_to(SRC).parts[0] in lower
             and any(m == "gongkai.reports" or m.startswith("gongkai.reports.") for m in _all_imports(path))]
    assert wrong == []


def _service_modules():
    for path in sorted(SRC.glob("*/services.py")):
        if path.parent.name != "audit":  # audit.services.record_event is the recorder: its actor is the record's subject
            yield path
    yield from (p for p in sorted((SRC / "cases" / "actions").glob("*.py")) if p.name not in ("__init__.py", "base.py"))
    yield SRC / "cases" / "tracking.py"
    yield SRC / "cases" / "documents" / "editing.py"


#: Public functions of service modules that change state on the system's own account (a calendar change,
#: a daily reminder run), not a person's: no acting user to pass.
SYSTEM_SERVICES = {"recompute_for_calendar_change", "recompute_publication_deadlines", "send_report_reminders",
                   "issue_held_notices", "render_publication_files", "record_render_failure"}


def _changes_state(fn: ast.FunctionDef) -> bool:
    decorators = {ast.unparse(d) for d in fn.decorator_list}
    if decorators & {"case_service", "transaction.atomic"}:
        return True
    calls = {ast.unparse(n.func) for n in ast.walk(fn) if isinstance(n, ast.Call)}
    return bool(calls & {"record_event", "audit", "transaction.atomic"})


def test_every_service_takes_the_acting_user_keyword_only():
    wrong = []
    for path in _service_modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for fn in tree.body:
            if not isinstance(fn, ast.FunctionDef) or fn.name.startswith("_"):
                continue
            positional = [a.arg for a in fn.args.posonlyargs + fn.args.args]
            keyword_only = [a.arg for a in fn.args.kwonlyargs]
            where = f"{path.relative_to(SRC)}:{fn.name}"
            if {"actor", "reviewer", "acting_user"} & set(positional):
                wrong.append(f"{where} takes the acting user positionally")
            elif _changes_state(fn) and fn.name not in SYSTEM_SERVICES and "acting_user" not in keyword_only:
                wrong.append(f"{where} changes state without a keyword-only acting_user")
    assert wrong == []


def test_no_app_defines_its_own_error_base():
    """Every exception class of the apps is a gongkai.errors.ServiceError, except these, which never reach a
    form: a database invariant, an unregistered audit code (a programming error), the open-data API's HTTP 400,
    the backup command's failure and a background
    parse's internal stop signal."""
    from django.utils.module_loading import import_string

    from gongkai.errors import ServiceError

    allowed = {"gongkai.audit.models.AppendOnlyError", "gongkai.audit.services.UnregisteredAction",
               "gongkai.portal.api.BadRequest", "gongkai.backup.BackupError",
               "gongkai.reports.tasks.ParseFailed"}
    wrong = []
    for path in _runtime_modules():
        if path.relative_to(SRC).parts[0] == "core":
            continue
        module = ".".join(("gongkai", *path.relative_to(SRC).with_suffix("").parts))
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.ClassDef) and any(
                ast.unparse(b).endswith(("Error", "Exception", "Blocked", "Locked", "Update")) for b in node.bases
            ):
                cls = import_string(f"{module}.{node.name}")
                if issubclass(cls, Exception) and not issubclass(cls, ServiceError) and f"{module}.{node.name}" not in allowed:
                    wrong.append(f"{module}.{node.name}")
    assert wrong == []


def test_the_search_module_names_the_bigram_structures_of_its_migration():
    """The search module spells the names itself (runtime code imports no migration); they must match."""
    import importlib

    from gongkai.catalog import search

    migration = importlib.import_module("gongkai.catalog.migrations.0005_search_text")
    assert (search.FTS_TABLE, search.BIGRAM_TABLE, search.BIGRAM_PG_EXPRESSION) == (
        migration.FTS, migration.BIGRAMS, migration.PG_EXPRESSION)


#: Staff view modules on the one view idiom (issue 10 item 4).
IDIOM_VIEWS = ("cases/views/staff.py", "catalog/views.py", "reports/views.py")


def _decorator_names(fn: ast.FunctionDef) -> set[str]:
    names = set()
    for deco in fn.decorator_list:
        target = deco.func if isinstance(deco, ast.Call) else deco
        names.add(getattr(target, "id", getattr(target, "attr", "")))
    return names


def test_staff_views_use_one_idiom():
    """Every view is `@require_perm(...)` (login, then 403 without the permission anywhere) and fetches its
    object with `get_object` (404 outside the user's agencies) — no `login_required` + hand-made checks."""
    wrong = []
    for rel in IDIOM_VIEWS:
        source = (SRC / rel).read_text(encoding="utf-8")
        tree = ast.parse(source)
        if "login_required" in source:
            wrong.append(f"{rel}: login_required")
        if "get_object(" not in source:
            wrong.append(f"{rel}: no get_object")
        for fn in tree.body:
            if (isinstance(fn, ast.FunctionDef) and not fn.name.startswith("_") and fn.args.args
                    and fn.args.args[0].arg == "request" and "require_perm" not in _decorator_names(fn)):
                wrong.append(f"{rel}: {fn.name} has no @require_perm")
    assert wrong == []
