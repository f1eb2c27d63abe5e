import datetime as dt
import secrets

import pytest


@pytest.fixture
def bulk_case(db):
    """`bulk_case(agency, year, seq)`: one received case row (the remedy tests only need it to exist)."""
    from django.utils import timezone

    from gongkai.cases.models import Application, Status

    def make(agency, year, seq):
        return Application.objects.create(
            agency=agency, year=year, seq=seq, tracking_hash=secrets.token_hex(16),
            tracking_factor_hash=secrets.token_hex(16), applicant_kind="natural_person", applicant_name="某人",
            id_type="other", id_number="X1", applicant_key=f"k{seq}", info_title="某信息", provide_form="paper",
            delivery="post", channel="in_person", submitted_at=timezone.now(), received_on=dt.date(year, 3, 1),
            status=Status.OPEN,
        )

    return make
