"""Settings of the isolated gongkai in tests/tasks/engines.py: the real ones, with a parser that hangs
and crashes on request, and short parse limits so that the hanging file is stopped within seconds."""

import os

from gongkai.settings import *  # noqa: F403

AUDIT_PARSER = "tasks.hostile_parser.parse"
GONGKAI_PARSE_LIMITS = {"cpu_seconds": 5, "wall_seconds": 4, "memory_mb": 768}
# The file-based e-mail backend of the engine (tests read its outbox directory).
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH")
