"""The open-data API passes a schemathesis run against its own OpenAPI document (in process)."""

import datetime as dt

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from gongkai.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)
schema.config.generation.update(max_examples=10)


@pytest.fixture
def keep_connection():
    """Calling the WSGI app directly (not Django's test client) would close the test's database
    connection after each request; keep it, as django.test.Client does."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def api_data(cast, make_item, publish, keep_connection):
    from gongkai.catalog import services
    from gongkai.catalog.models import Genre

    policy = publish(make_item("关于支持科技创新的若干措施", doc_no="门科信发〔2023〕1号", keywords="科技 创新"),
                     dt.date(2023, 3, 1))
    reading = publish(make_item("《关于支持科技创新的若干措施》政策解读", genre=Genre.INTERPRETATION,
                                interprets=[policy.pk]), dt.date(2023, 3, 2))
    services.submit_for_review(make_item("待审稿件"), acting_user=cast.handler_a)
    return policy, reading


@pytest.mark.django_db
@schema.parametrize()
@settings(suppress_health_check=list(HealthCheck), deadline=None)
def test_api_conforms_to_its_openapi_document(case, api_data):
    case.call_and_validate()
