"""Data scope: own body and below, nothing else; unit users see their unit; admins see no business data."""

import pytest

from renda.core.models import Unit
from renda.core.permissions import bodies_in_scope, scope

pytestmark = pytest.mark.django_db


def test_county_staff_see_the_whole_county_tree(staff, county, township_a, township_b):
    # A standing-committee member acts for the congress: the whole county is in scope.
    assert set(bodies_in_scope(staff)) >= {county, township_a, township_b}


def test_township_staff_see_only_their_township(township_staff, township_a, township_b, county):
    assert list(bodies_in_scope(township_staff)) == [township_a]


def test_township_a_cannot_open_township_b_page_or_api(login, township_staff, township_b, township_a):
    c = login(township_staff)
    assert c.get(f"/work/bodies/{township_a.pk}/").status_code == 200
    assert c.get(f"/work/bodies/{township_b.pk}/").status_code == 404
    assert c.get(f"/api/v1/bodies/{township_a.pk}").status_code == 200
    assert c.get(f"/api/v1/bodies/{township_b.pk}").status_code == 404
    listed = c.get("/api/v1/bodies").json()
    assert [b["id"] for b in listed["items"]] == [township_a.pk]
    assert township_b.name not in c.get("/work/bodies/").content.decode()


def test_unit_user_sees_only_their_own_unit(login, unit_user, unit, other_unit):
    assert list(scope(Unit.objects.all(), unit_user, unit_field="pk")) == [unit]
    page = login(unit_user).get("/work/units/").content.decode()
    assert unit.name in page and other_unit.name not in page


@pytest.mark.parametrize("admin", ["system_admin", "security_admin", "audit_admin"])
def test_admin_roles_read_no_business_data(request, login, admin, county, unit):
    user = request.getfixturevalue(admin)
    assert not bodies_in_scope(user).exists()
    c = login(user)
    assert c.get("/work/bodies/").status_code == 403
    assert c.get("/api/v1/bodies").status_code == 403
    assert c.get("/api/v1/bodies").json()["code"] == "admin_reads_no_business_data"
