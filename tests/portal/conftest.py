from catalog.fixtures import fresh_cache, make_item, pinned_calendar, publish  # noqa: F401
