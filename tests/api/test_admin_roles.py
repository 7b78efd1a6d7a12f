"""The three admin roles read no business data through the API either (domain.md §7.1 三员分立; issue 14).

Every operation of /api/v1 that needs a session is walked from the OpenAPI schema, so a new endpoint is
covered without editing this file: the admins get 403 with the refusal body, as on the pages.
"""

import re

import pytest

from renda.api.urls import api
from renda.core.models import AuditEntry

pytestmark = pytest.mark.django_db

# Operations about the account itself, not business data: every signed-in role may call them.
ACCOUNT_OPERATIONS = {("get", "/api/v1/me")}
ADMINS = ["system_admin", "security_admin", "audit_admin"]


def _operations():
    schema = api.get_openapi_schema(path_prefix="/api/v1")
    for path, methods in schema["paths"].items():
        for method, op in methods.items():
            if op.get("security") and (method, path) not in ACCOUNT_OPERATIONS:
                yield method, path


OPERATIONS = sorted(_operations())


def test_the_walk_finds_the_business_list_endpoints():
    paths = {p for m, p in OPERATIONS if m == "get"}
    assert {"/api/v1/bodies", "/api/v1/deputies", "/api/v1/suggestions", "/api/v1/duty-records"} <= paths


@pytest.mark.parametrize("role", ADMINS)
@pytest.mark.parametrize(("method", "path"), OPERATIONS)
def test_admin_roles_are_refused_every_business_operation(request, login, role, method, path):
    user = request.getfixturevalue(role)
    client = login(user)
    url = re.sub(r"\{[^}]+\}", "1", path)
    response = client.get(url) if method == "get" else client.post(url, {}, content_type="application/json")
    assert response.status_code == 403, (url, response.status_code, response.content[:200])
    assert response.json() == {
        "code": "admin_reads_no_business_data",
        "message": "系统、安全和审计管理员不能查看业务数据",
    }
    assert AuditEntry.objects.filter(
        actor=user, action="refused", object_id="admin_reads_no_business_data"
    ).exists()


@pytest.mark.parametrize("role", ADMINS)
def test_admin_roles_still_read_their_own_account(request, login, role):
    user = request.getfixturevalue(role)
    r = login(user).get("/api/v1/me")
    assert r.status_code == 200 and r.json()["role"] == role


def test_business_roles_still_list(login, staff):
    r = login(staff).get("/api/v1/bodies")
    assert r.status_code == 200 and r.json()["count"] >= 1
