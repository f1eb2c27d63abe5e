"""`gongkai report parse FILE` starts fast: the report command imports only what parsing a text
report needs — not Django, WeasyPrint or the readers of other formats (issue 16). Checked in a
fresh interpreter, where sys.modules shows every module the command loaded."""

import json
import subprocess
import sys
from pathlib import Path

SEED = Path(__file__).resolve().parents[1] / "parse" / "samples" / "000_eea4a711c55947f4.txt"

# Loaded only by the commands or inputs that need them (render, PDF/DOCX/XLSX input, -j, batches);
# bz2/lzma come with shutil, which argparse would import for the terminal width (cli._Formatter).
HEAVY = ("django", "weasyprint", "pdfplumber", "pdfminer", "docx", "openpyxl", "selectolax", "jsonschema",
         "tqdm", "PIL", "zipfile", "multiprocessing", "concurrent", "bz2", "lzma")

PROBE = """
import io, json, sys
from gongkai.cli import main
out = io.StringIO()
sys.stdout = out
status = main(sys.argv[1:])
sys.stdout = sys.__stdout__
print(json.dumps({"status": status, "out": out.getvalue(), "modules": sorted(sys.modules)}))
"""


def run_probe(*argv: str) -> dict:
    done = subprocess.run([sys.executable, "-c", PROBE, *argv], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


def loaded(modules: list[str], top: str) -> bool:
    return any(m == top or m.startswith(top + ".") for m in modules)


def test_report_parse_of_a_text_file_loads_no_django_weasyprint_or_office_readers():
    result = run_probe("report", "parse", str(SEED))
    assert "北京市门头沟区科学技术和信息化局" in result["out"]  # it did parse (and validate) the report
    assert result["status"] in (0, 1, 3)
    assert [top for top in HEAVY if loaded(result["modules"], top)] == []


def test_importing_the_report_cli_loads_neither_django_nor_weasyprint():
    done = subprocess.run(
        [sys.executable, "-c", "import gongkai.cli, gongkai.core.report.cli, json, sys; print(json.dumps(sorted(sys.modules)))"],
        capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    modules = json.loads(done.stdout)
    assert [top for top in HEAVY if loaded(modules, top)] == []
