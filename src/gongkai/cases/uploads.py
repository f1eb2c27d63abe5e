"""Attachment rules of the case system: the applicant policy of the one validator (`gongkai.uploads`).

Kept as a thin alias until cases/services.py imports `gongkai.uploads` directly."""

from __future__ import annotations

from gongkai.uploads import _CONTENT_TYPES, APPLICANT, check_upload  # noqa: F401

MAX_FILES = APPLICANT.max_files
#: The type a stored file is served with, from its (checked) extension, never from the browser's claim.
CONTENT_TYPES = {f".{ext}": ctype for ext, ctype in _CONTENT_TYPES.items()}
