"""The access matrix, generated from the URL conf (issue 21 "Tests that prove it"; domain.md §7.1 三员分立):
every page of /work/ is tried anonymously and as each of the three admins. A new page is in the matrix the
moment it is mounted, so it cannot be forgotten: anonymous visitors are sent to sign in, and the admins
are refused (403) or told there is nothing (404) — never shown a business page. The API has the same walk
over the OpenAPI schema in tests/api/test_admin_roles.py.
"""

import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db

ADMINS = ["system_admin", "security_admin", "audit_admin"]
# The pages the admins work on (accounts, calendar, lockouts, the audit log), their own account and inbox,
# and the work area's home: the only /work/ pages an admin may open.
ADMIN_PAGES = re.compile(r"^work/(admin/|accounts/|inbox/|$|me/|password)")
ARG = re.compile(r"<(?:(\w+):)?(\w+)>")


def _routes(resolver=None, prefix=""):
    for p in (resolver or get_resolver()).url_patterns:
        if isinstance(p, URLResolver):
            yield from _routes(p, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), p.callback


def _concrete(route: str) -> str:
    """A path for the route: every converter filled with a value that names nothing (404 when reached)."""
    path = ARG.sub(lambda m: "99999999" if (m.group(1) or "str") == "int" else "zz9", route)
    return "/" + path.lstrip("^").rstrip("$")


ROUTES = [(r, v) for r, v in _routes() if r.startswith("work/") and "(?P" not in r]
WORK = sorted({_concrete(r) for r, _ in ROUTES})
# Pages marked @login_not_required (sign-in, its second factor, password reset): open to everyone.
OPEN = {_concrete(r) for r, v in ROUTES if getattr(v, "login_required", True) is False}


def test_the_matrix_finds_the_pages_of_every_app():
    apps = {p.split("/")[2] for p in WORK if p.count("/") > 2}
    assert {"deputies", "suggestions", "duties", "contact"} <= apps
    assert "/work/accounts/login/" in OPEN and len(OPEN) < 10  # a handful of sign-in pages, no more


@pytest.mark.parametrize("path", sorted(OPEN))
def test_the_open_work_pages_answer_without_an_error(client: Client, path):
    assert client.get(path).status_code < 500


@pytest.mark.parametrize("path", sorted(set(WORK) - OPEN))
def test_anonymous_visitors_are_sent_to_sign_in(client: Client, path):
    response = client.get(path)
    assert response.status_code in (302, 401, 403, 404, 405), (path, response.status_code)
    if response.status_code == 302:
        assert "/login" in response["Location"], (path, response["Location"])


@pytest.mark.parametrize("admin", ADMINS)
def test_the_three_admins_open_no_business_page(request, login, admin, county):
    client = login(request.getfixturevalue(admin))
    shown = []
    for path in WORK:
        if ADMIN_PAGES.match(path.lstrip("/")):
            continue
        status = client.get(path).status_code
        if status not in (302, 403, 404, 405):
            shown.append((path, status))
    assert shown == []
