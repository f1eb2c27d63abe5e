"""Helpers for the annual-report tests: catalog items pushed through 保密审查 and publication, cases
walked through the case services, and bulk case rows for the busy-agency and benchmark scenarios."""

import datetime as dt
import json
import secrets
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"


def _uscc(body8: str = "87654321") -> str:
    from gongkai.core.codes import org_code_check_char, uscc_check_char

    org = body8 + org_code_check_char(body8)
    first17 = "91110109" + org
    return first17 + uscc_check_char(first17)


def _applicant(**overrides) -> dict:
    """Valid 第二十九条 applicant data for the case services."""
    from gongkai.core.codes import id_card_check_char

    first17 = "11010519491231002"
    data = {
        "applicant_kind": "natural_person", "applicant_name": "张三", "id_type": "id_card",
        "id_number": first17 + id_card_check_char(first17), "contact_person": "", "phone": "13800001234",
        "email": "zhangsan@example.com", "address": "北京市门头沟区新桥大街1号", "postcode": "102300",
        "needs_assistance": False, "info_title": "区级科技项目立项清单", "info_doc_number": "",
        "info_description": "区科信局批准立项的科技项目名称和资助金额。", "provide_form": "paper", "delivery": "post",
    }
    data.update(overrides)
    return data


@pytest.fixture
def seed_expected():
    """The seed report's true values (shared/samples/expected/seed.json, copied)."""
    return json.loads((DATA / "seed.json").read_text(encoding="utf-8"))


@pytest.fixture
def publish_items(cast):
    """`publish_items(agency, year, n, normative=k)`: n items published in `year`, k of them 行政规范性文件."""
    from gongkai.catalog import services
    from gongkai.catalog.models import Genre

    def run(agency, year, n, normative=0, author=None, reviewer=None):
        author, reviewer = author or cast.handler_a, reviewer or cast.reviewer_a
        genres = [Genre.NOTICE, Genre.NEWS, Genre.INTERPRETATION, Genre.BUDGET, Genre.ENFORCEMENT]
        items = []
        for i in range(n):
            day = dt.date(year, 1 + i % 12, 1 + i % 27)
            if i < normative:
                item = services.issue_document(agency, {
                    "title": f"关于科技创新券管理的规定（{i + 1}）", "genre": Genre.NORMATIVE, "written_on": day,
                    "formed_on": day, "doc_no": f"门科信发〔{year}〕{i + 1}号", "body": "<p>第一条 为规范……</p>",
                }, acting_user=author)
            else:
                item = services.create_draft(agency, {
                    "title": f"{year}年第{i + 1}条主动公开信息", "genre": genres[i % len(genres)], "category": "20-11",
                    "formed_on": day, "body": "<p>现将有关情况公开如下。</p>",
                }, acting_user=author)
            services.submit_for_review(item, acting_user=author)
            services.approve_review(item, acting_user=reviewer)
            services.publish_item(item, acting_user=author, published_on=day)
            items.append(item)
        return items

    return run


def _bulk_cases(agency, rows, start_seq=1000):
    """Insert case rows directly: (applicant_kind, received_on, decided_on | None, outcome | "").

    The case services walk a few cases end to end in the tests; hundreds of cases (and the
    benchmark's 10 000) are inserted as rows with the same fields those services set.
    """
    from django.utils import timezone

    from gongkai.cases.models import Application, Status

    objs = []
    for n, (kind, received, decided, outcome) in enumerate(rows, start_seq):
        done = decided is not None
        objs.append(Application(
            agency=agency, year=received.year, seq=n, tracking_hash=secrets.token_hex(16),
            tracking_factor_hash=secrets.token_hex(16), applicant_kind=kind, applicant_name=f"申请人{n}",
            id_type="other", id_number=f"X{n:08d}", applicant_key=f"k{n}", info_title=f"信息{n}",
            provide_form="paper", delivery="post", channel="in_person",
            submitted_at=timezone.make_aware(dt.datetime.combine(received, dt.time(9))), received_on=received,
            status=Status.REPLIED if done else Status.OPEN, outcome=outcome if done else "", decided_on=decided,
            due_date=received + dt.timedelta(days=28), clock_state="stopped" if done else "running",
            # bulk_create skips Application.save(), which derives these two from status and due_date
            sort_due=received + dt.timedelta(days=28), in_progress=not done,
        ))
    Application.objects.bulk_create(objs, batch_size=2000)
    return objs


@pytest.fixture
def applicant():
    return _applicant


@pytest.fixture
def uscc():
    return _uscc


@pytest.fixture
def bulk_cases(db):
    return _bulk_cases
