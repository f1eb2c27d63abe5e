"""A report parser that hangs on a file named *hang* and dies of SIGSEGV on a file named *crash*; every
other file goes to the real parser. The batch-audit tests of the real workers put it in place through
settings.AUDIT_PARSER (tests/tasks/engine_settings.py); it runs inside the parse sandbox's child.
No Django here."""

import os
import signal
import time


def parse(data: bytes, filename: str | None = None):
    name = (filename or "").lower()
    if "hang" in name:
        time.sleep(3600)
    if "crash" in name:
        os.kill(os.getpid(), signal.SIGSEGV)
    from gongkai.core.report.parse import parse_bytes

    return parse_bytes(data, filename)
