"""统一社会信用代码 / 组织机构代码 are checked (GB 32100-2015, GB 11714-1997) with Chinese messages."""

import pytest
from django.core.exceptions import ValidationError

from gongkai.agencies.demo import demo_uscc
from gongkai.agencies.models import Agency, AgencyKind

VALID = demo_uscc("00001803")


def _agency(**kw):
    fields = {"name": "测试局", "slug": "ceshi", "kind": AgencyKind.GOVERNMENT, **kw}
    return Agency(**fields)


def _errors(agency) -> dict:
    with pytest.raises(ValidationError) as exc:
        agency.full_clean()
    return exc.value.message_dict


@pytest.mark.django_db
def test_it_accepts_a_valid_uscc():
    _agency(uscc=VALID).full_clean()


@pytest.mark.django_db
def test_it_rejects_a_wrong_check_digit_in_chinese():
    last = VALID[-1]
    wrong = VALID[:-1] + ("0" if last != "0" else "1")
    assert _errors(_agency(uscc=wrong))["uscc"] == ["统一社会信用代码校验位不正确，请核对。"]


@pytest.mark.django_db
def test_it_rejects_a_wrong_length_and_forbidden_letters():
    assert "应为18位" in _errors(_agency(uscc=VALID[:-1]))["uscc"][0]
    assert "不允许的字符" in _errors(_agency(uscc="I" + VALID[1:]))["uscc"][0]


@pytest.mark.django_db
def test_it_checks_the_embedded_organisation_code():
    from gongkai.core import codes

    # A USCC whose own check digit is right but whose 组织机构代码 part (9–17) is not.
    body = VALID[:16] + ("0" if VALID[16] != "0" else "1")
    forged = body + codes.uscc_check_char(body)
    assert "组织机构代码部分" in _errors(_agency(uscc=forged))["uscc"][0]


@pytest.mark.django_db
def test_it_validates_the_organisation_code_when_given_alone():
    _agency(org_code="00001803-" + VALID[16]).full_clean()
    assert _errors(_agency(org_code="00001803-" + ("0" if VALID[16] != "0" else "1")))["org_code"] == [
        "组织机构代码校验位不正确，请核对。"
    ]


@pytest.mark.django_db
def test_it_requires_one_of_the_two_codes():
    assert "至少填写一项" in _errors(_agency())["__all__"][0]


@pytest.mark.django_db
def test_it_normalises_codes_on_save():
    agency = _agency(uscc=" " + VALID.lower() + " ")
    agency.full_clean()
    agency.save()
    assert Agency.objects.get().uscc == VALID


@pytest.mark.django_db
def test_it_refuses_the_same_uscc_twice_in_chinese():
    _agency(uscc=VALID).save()
    errors = _errors(_agency(name="另一局", slug="another", uscc=VALID))
    assert errors["__all__"] == ["该统一社会信用代码已被其他机关使用。"]


def test_the_admin_form_rejects_an_invalid_uscc(client, cast):
    client.force_login(cast.admin)
    response = client.post("/admin/agencies/agency/add/", {
        "name": "北京市门头沟区测试局", "slug": "test-ju", "kind": "department", "parent": cast.gov.pk,
        "uscc": "111101090000180399", "is_active": "on",
    })
    assert response.status_code == 200  # re-rendered, not saved
    assert "统一社会信用代码校验位不正确，请核对。" in response.content.decode()
    assert not Agency.objects.filter(slug="test-ju").exists()


def test_the_staff_form_rejects_an_invalid_uscc_and_keeps_the_input(client, cast):
    client.force_login(cast.admin)
    response = client.post(f"/staff/agencies/{cast.dept_a.slug}/edit/", {
        "short_name": "区科信局", "uscc": "91110000ABCDEFGHIJ", "address": "新地址 1 号",
    })
    body = response.content.decode()
    assert response.status_code == 200
    assert "统一社会信用代码含有不允许的字符" in body
    assert "新地址 1 号" in body  # nothing the user typed is lost
    cast.dept_a.refresh_from_db()
    assert cast.dept_a.address == ""
