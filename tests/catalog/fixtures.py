"""Pytest fixtures for catalogue tests (imported by the tests/catalog and tests/portal conftest files)."""

import datetime as dt

import pytest


@pytest.fixture(autouse=True)
def pinned_calendar(monkeypatch):
    """The national calendar (chinese-calendar data), so tests do not depend on a seeded table."""
    from gongkai.catalog import deadlines
    from gongkai.core.law.calendar import national_calendar

    cal = national_calendar()
    monkeypatch.setattr(deadlines, "get_calendar", lambda agency=None: cal)
    return cal


@pytest.fixture
def make_item(cast):
    from gongkai.catalog import services

    def make(title="关于开展2024年科技创新券申领工作的通知", *, agency=None, author=None, **data):
        agency = agency or cast.dept_a
        author = author or cast.handler_a
        fields = {"category": "20-11", "body": "<p>为促进中小企业科技创新，现将有关事项通知如下。</p>", **data}
        return services.create_draft(agency, {"title": title, **fields}, acting_user=author)

    return make


@pytest.fixture
def publish(cast):
    """Draft → 送审 → 保密审查通过 → 发布, by the cast's handler and reviewer."""
    from gongkai.catalog import services

    def run(item, published_on: dt.date | None = None, reviewer=None):
        services.submit_for_review(item, acting_user=cast.handler_a)
        services.approve_review(item, acting_user=reviewer or cast.reviewer_a)
        services.publish_item(item, acting_user=cast.handler_a, published_on=published_on)
        item.refresh_from_db()
        return item

    return run


@pytest.fixture(autouse=True)
def fresh_cache():
    """Portal pages cache a few aggregates; each test starts without them."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
