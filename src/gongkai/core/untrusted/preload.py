"""Imported once by the sandbox's fork server, so each child starts with the parsers loaded."""

import contextlib

with contextlib.suppress(ImportError):
    import gongkai.core.report.parse  # noqa: F401
    import gongkai.core.report.parse.core  # noqa: F401
    import gongkai.core.report.parse.html  # noqa: F401
    import gongkai.core.report.parse.office  # noqa: F401
    import gongkai.core.report.parse.pdf  # noqa: F401
    import gongkai.core.untrusted.tables  # noqa: F401
with contextlib.suppress(ImportError):
    import docx  # noqa: F401
    import openpyxl  # noqa: F401
    import pdfplumber  # noqa: F401
