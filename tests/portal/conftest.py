from gongkai.catalog.testing import make_item, pinned_calendar, publish  # noqa: F401
