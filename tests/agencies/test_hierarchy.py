"""The hierarchy 人民政府 → (主管部门, 部门) → 下属机构 and its materialised path."""

import hashlib

import pytest
from django.core.exceptions import ValidationError

from gongkai.agencies.demo import demo_uscc
from gongkai.agencies.models import Agency, AgencyKind
from gongkai.agencies.services import update_agency


def make_uscc(key: str) -> str:
    return demo_uscc(hashlib.sha256(key.encode()).hexdigest()[:8].upper())


def _new(cast, key, kind, parent):
    return Agency(name=f"机关{key}", slug=key, kind=kind, parent=parent, uscc=make_uscc(key))


def _parent_error(agency) -> str:
    with pytest.raises(ValidationError) as exc:
        agency.full_clean()
    return exc.value.message_dict["parent"][0]


def test_departments_and_offices_hang_under_a_government(cast):
    assert "部门的上级须为人民政府" in _parent_error(_new(cast, "x1", AgencyKind.DEPARTMENT, cast.dept_a))
    assert "部门的上级须为人民政府" in _parent_error(_new(cast, "x2", AgencyKind.DEPARTMENT, None))
    _new(cast, "x3", AgencyKind.DEPARTMENT, cast.gov).full_clean()


def test_subordinates_hang_under_a_department(cast):
    assert "下属机构的上级须为部门或下属机构" in _parent_error(_new(cast, "x1", AgencyKind.SUBORDINATE, cast.gov))
    _new(cast, "x2", AgencyKind.SUBORDINATE, cast.dept_a).full_clean()
    _new(cast, "x3", AgencyKind.SUBORDINATE, cast.sub_a).full_clean()


def test_a_government_hangs_only_under_a_government(cast):
    assert "人民政府的上级只能是人民政府" in _parent_error(_new(cast, "x1", AgencyKind.GOVERNMENT, cast.dept_a))
    _new(cast, "x2", AgencyKind.GOVERNMENT, cast.gov).full_clean()


def test_a_government_has_one_disclosure_office(cast):
    with pytest.raises(ValidationError) as exc:
        _new(cast, "x1", AgencyKind.OFFICE, cast.gov).full_clean()
    assert "已有政府信息公开工作主管部门" in exc.value.message_dict["kind"][0]


def test_it_refuses_cycles(cast):
    cast.sub_a.kind = AgencyKind.SUBORDINATE
    sub_sub = Agency.objects.create(
        name="下属的下属", slug="subsub", kind=AgencyKind.SUBORDINATE, parent=cast.sub_a, uscc=make_uscc("ss")
    )
    cast.sub_a.parent = sub_sub
    assert "循环" in _parent_error(cast.sub_a)
    cast.sub_a.parent = cast.sub_a
    assert "不能是本机关" in _parent_error(cast.sub_a)


def test_path_and_descendants(cast):
    assert cast.sub_a.path == f"/{cast.gov.pk:010d}/{cast.dept_a.pk:010d}/{cast.sub_a.pk:010d}/"
    below_gov = set(cast.gov.descendants(include_self=False).values_list("slug", flat=True))
    assert below_gov == {"office", "dept-a", "dept-b", "sub-a"}
    assert cast.sub_a.government == cast.gov
    assert cast.other_gov.government == cast.other_gov


def test_moving_an_agency_moves_its_subtree(cast):
    new_gov = Agency.objects.create(
        name="新政府", slug="newgov", kind=AgencyKind.GOVERNMENT, uscc=make_uscc("newgov")
    )
    update_agency(cast.dept_a, {"parent": new_gov}, acting_user=cast.admin)
    cast.sub_a.refresh_from_db()
    assert cast.sub_a.path == f"/{new_gov.pk:010d}/{cast.dept_a.pk:010d}/{cast.sub_a.pk:010d}/"
    assert cast.sub_a.government == new_gov


def test_the_review_body_defaults_to_the_government_of_the_same_level(cast):
    # 行政复议法(2023) 第二十四条
    assert cast.dept_a.default_review_body() == "北京市门头沟区人民政府"
    cast.dept_a.review_body = "另行指定的复议机关"
    assert cast.dept_a.default_review_body() == "另行指定的复议机关"


def test_the_tree_order_is_creation_order_whatever_the_ids_width(cast):
    """Ordering by path once put department 100 before department 99 ("/1/100/" < "/1/99/"): the supervision
    pages and the government report's list of missing departments changed order as ids grew."""
    first = _new(cast, "w99", AgencyKind.DEPARTMENT, cast.gov)
    first.pk = 99_999
    first.save()
    second = _new(cast, "w100", AgencyKind.DEPARTMENT, cast.gov)
    second.pk = 100_000
    second.save()
    order = [a.pk for a in cast.gov.descendants(include_self=False) if a.pk in (first.pk, second.pk)]
    assert order == [first.pk, second.pk]
