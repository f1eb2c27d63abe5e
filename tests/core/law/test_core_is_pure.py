"""The law engine is pure Python: importing it must not import Django."""

import subprocess
import sys


def test_core_law_imports_no_django():
    code = (
        "import sys\n"
        "import gongkai.core.law.calendar, gongkai.core.law.clock, gongkai.core.law.receipt\n"
        "import gongkai.core.law.fees, gongkai.core.law.remedies, gongkai.core.law.publication\n"
        "bad = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'))\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
