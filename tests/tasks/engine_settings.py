"""Settings of the isolated gongkai in tests/tasks/engines.py: the real ones, with a parser that hangs
and crashes on request, and parse limits short enough that the hanging file is stopped within seconds."""

import os
import time

from gongkai.settings import *  # noqa: F403

# Every process of one engine (snippets, `gongkai worker`, `gongkai serve`) runs on the same shifted,
# ticking clock that the test chose (engines.engine(now=…)): what the system does on a given day —
# a 受理回执 is held while its due date falls in a year not yet entered — must not depend on the day
# the suite happens to run.
_SHIFT = os.environ.get("GONGKAI_ENGINE_CLOCK_SHIFT")
if _SHIFT:
    import time_machine

    time_machine.travel(time.time() + float(_SHIFT), tick=True).start()

AUDIT_PARSER = "tasks.hostile_parser.parse"
# The hanging file is stopped by the wall-time limit, so the test waits that long; but every good file
# must finish within it too, and a sandboxed parse of a small report (a fork of the fork server, 3 ms of
# parsing) took up to 3.3 s on this machine at load 9 — 4 s made a good file fail by chance. 20 s.
GONGKAI_PARSE_LIMITS = {"cpu_seconds": 5, "wall_seconds": 20, "memory_mb": 768}
# The file-based e-mail backend of the engine (tests read its outbox directory).
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH")
