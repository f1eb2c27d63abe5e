"""One way for each job: checks over the source tree (issue 10, items 5–7)."""

import ast
import re
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


# -- the project's own legal reference ------------------------------------------------------------

CITED_FILES = ("src", "tests", "bench", "scripts", "docs", "README.md")
def _cited_text():
    for name in CITED_FILES:
        root = ROOT / name
        paths = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.suffix in (".py", ".md", ".html", ".txt"))
        for path in paths:
            if "__pycache__" in path.parts or path.name in ("law.md", "stack.md") or path == Path(__file__):
                continue
            yield path, path.read_text(encoding="utf-8", errors="replace")


def _anchors(doc: str) -> set[str]:
    text = (ROOT / "docs" / doc).read_text(encoding="utf-8")
    anchors = set(re.findall(r"^#+ (§[\d.]*\d)", text, re.M))
    anchors |= set(re.findall(r"^\| (Q\d+|S\d+) \|", text, re.M))
    return anchors


def test_legal_and_engineering_notes_are_cited_from_the_repository():
    """Every citation names docs/law.md or docs/stack.md (files of this repository) and an anchor
    that exists there (§N.N, an open question Qn, a source Sn)."""
    anchors = {"law": _anchors("law.md"), "stack": _anchors("stack.md")}
    bare, dangling = [], []
    for path, text in _cited_text():
        for m in re.finditer(r"(?<![\w/.])(?:\.\./spec/)?(law|stack)\.md", text):
            if not text[: m.start()].endswith("docs/"):
                bare.append(f"{path.relative_to(ROOT)}: {m.group(0)}")
        for m in re.finditer(r"docs/(law|stack)\.md`?\s*(§[\d.]*\d|Q\d+|S\d+)", text):
            if m.group(2) not in anchors[m.group(1)]:
                dangling.append(f"{path.relative_to(ROOT)}: {m.group(0)}")
    assert not bare, f"cite docs/law.md or docs/stack.md: {bare}"
    assert not dangling, f"no such anchor: {dangling}"
    assert {"§2.10", "§6.2", "§9.1", "§9.2", "§9.3", "Q7", "S3"} <= anchors["law"]
DISPOSITION = re.compile(r"""\[\s*["']Content-Disposition["']\s*\]\s*=(?P<rhs>.*)""")


def test_every_download_names_its_file_through_django():
    """Content-Disposition is built by content_disposition_header (RFC 6266, non-ASCII names), or by
    FileResponse(as_attachment=…, filename=…), never by hand."""
    offenders = []
    for path in _python(SRC):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if (m := DISPOSITION.search(line)) and "content_disposition_header(" not in m["rhs"]:
                offenders.append(f"{path.relative_to(SRC)}:{number}")
    assert not offenders, f"hand-made Content-Disposition: {offenders}"


def test_every_e_mail_is_written_by_templates():
    """Modules that send mail build subject and body with gongkai.mail.render_mail."""
    offenders = []
    for path in _python(SRC):
        text = path.read_text(encoding="utf-8")
        if re.search(r"\b(send_mail|EmailMessage|EmailMultiAlternatives)\(", text) and "render_mail(" not in text:
            offenders.append(str(path.relative_to(SRC)))
    assert not offenders, f"e-mail text written in code: {offenders}"


# -- one way to render a form ---------------------------------------------------------------------

def test_every_form_renders_through_the_project_renderer():
    """`{{ form }}` / `{{ field.as_field_group }}` (settings.FORM_RENDERER, templates/forms/) — no template
    hand-rolls label, help text and errors, or asks for Django's plain layouts, and no form class sets
    aria attributes itself (Django 5.2 and the field template already tie help and errors to the input)."""
    from django.conf import settings

    assert settings.FORM_RENDERER == "gongkai.forms.AccessibleRenderer"
    layouts = re.compile(r"\.as_(p|div|table|ul)\b|\.label_tag\b|<label for=\"\{\{ *\w+\.id_for_label")
    offenders = [
        f"{path.relative_to(SRC)}: {m.group(0)}"
        for path in sorted(SRC.rglob("*.html")) if "forms" not in path.relative_to(SRC).parts[:2]
        for m in layouts.finditer(path.read_text(encoding="utf-8"))
    ]
    offenders += [
        str(path.relative_to(SRC)) for path in _python(SRC)
        if re.search(r"""\[["']aria-(describedby|invalid)["']\]\s*=""", path.read_text(encoding="utf-8"))
    ]
    assert not offenders, f"forms rendered outside the project renderer: {offenders}"
