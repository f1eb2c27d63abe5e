"""One table of case event kinds (issue 10 item 2): each kind's staff timeline label and applicant-facing
text sit beside it in `cases.models.EventKind`; one consultation-kind enum lives in the vocabulary."""

import re
from pathlib import Path

import pytest

import gongkai
from gongkai.cases import forms as case_forms
from gongkai.cases import models as case_models
from gongkai.cases.actions.consultation import send_consultation
from gongkai.cases.models import CONSULTATION_NOTICES, Consultation, DocKind, EventKind
from gongkai.cases.views.public import public_progress
from gongkai.core.law import clock
from gongkai.core.vocabulary import ConsultationKind

SRC = Path(gongkai.__file__).parent


def test_every_kind_has_a_timeline_label_and_internal_steps_have_no_public_text():
    for kind in EventKind:
        assert kind.label and not kind.label.isascii()
    internal = {k for k in EventKind if k.public is None}
    assert {EventKind.ASSIGNED, EventKind.REPLY_DRAFTED, EventKind.REPLY_RETURNED, EventKind.DOCUMENT_HELD,
            EventKind.DEADLINE_RECOMPUTED, EventKind.FEE_PROPOSED, EventKind.EXTENSION_REQUESTED} <= internal
    assert EventKind.CONSULTATION_SENT.public == "征求意见（期间不计入答复期限）"
    assert EventKind.CONSULTATION_SENT.label == "发出征求意见"
    assert EventKind("consultation_sent") is EventKind.CONSULTATION_SENT  # stored values read back


@pytest.mark.django_db
def test_the_tracking_page_shows_exactly_the_public_texts(cast, register):
    case = register()
    send_consultation(case, acting_user=cast.handler_a, kind=ConsultationKind.THIRD_PARTY, party_name="某公司",
                      matter="合同金额")
    kinds = [EventKind(e.kind) for e in case.events.order_by("on", "id")]
    assert EventKind.CONSULTATION_SENT in kinds and any(k.public is None for k in kinds)  # e.g. a document issued
    shown = [e["label"] for e in public_progress(case)["events"]]
    assert shown == [k.public for k in kinds if k.public]
    assert "征求意见（期间不计入答复期限）" in shown and "生成文书" not in shown


def test_one_consultation_kind_enum():
    assert not hasattr(case_models, "ConsultKind")
    assert clock.ConsultationKind is ConsultationKind
    every = [k.value for k in ConsultationKind]
    assert [c for c, _ in Consultation._meta.get_field("kind").choices] == every
    assert [c for c, _ in case_forms.ConsultationForm.base_fields["kind"].choices] == every
    assert set(CONSULTATION_NOTICES) == set(ConsultationKind)  # each kind has its notice
    assert CONSULTATION_NOTICES[ConsultationKind.THIRD_PARTY] == DocKind.CONSULT_THIRD
    assert ConsultationKind.THIRD_PARTY.activity == "征求第三方意见（第三十二条）"
    assert ConsultationKind.OTHER_AGENCY.article == "第三十三条第三款" and not ConsultationKind.OTHER_AGENCY.has_window
    defined = [
        str(p.relative_to(SRC)) for p in SRC.rglob("*.py")
        if "migrations" not in p.parts and p.name != "vocabulary.py"
        and re.search(r"""["'](third_party|co_producer|other_agency)["']""", p.read_text(encoding="utf-8"))
    ]
    assert not defined, f"consultation kinds defined outside core.vocabulary: {defined}"
