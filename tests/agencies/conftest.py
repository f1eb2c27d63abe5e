# The catalogue fixtures, for the 待办 queue tests (agencies/queues.py is filled by catalog/queues.py too).
from gongkai.catalog.testing import fresh_cache, make_item, pinned_calendar, publish  # noqa: F401
