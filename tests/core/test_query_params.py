"""No query parameter of any page answers 500 (issue 14 "Found by black-box checks"; design.md house rule 5).

The demo county is loaded once; every page of the URL resolver (the API has schemathesis) is reached by
crawling links from the arg-less pages as each role, so detail pages are fuzzed with a real object in scope.
Each page's parameter names come from its GET forms, its own links and its view's code, plus the common
filter names; each is sent alone with hostile values, and all of them together with each value.
"""

import contextlib
import inspect
import re

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import Resolver404, URLResolver, get_resolver, resolve

from renda.core.models import User
from tests.conftest import verified_client

# ~2,000 requests over the demo county: 15 minutes on two busy cores, too long for every `make test`;
# `make fuzz` runs it (see the Makefile), and `make test` runs everything else.
pytestmark = pytest.mark.fuzz

ROLES = ["staff", "leader", "deputy", "handler", "unithead", "keeper", "township", "sysadmin", "secadmin"]
ROLES += ["auditor", None]
COMMON = ["body", "page", "year", "status", "q", "sort", "station", "unit", "from", "to", "deputy", "type"]
ALONE = ["x", "99999999999999999999", "\x00"]
TOGETHER = ["x", "-1", "99999999999999999999", "'", "\x00", "2026-13-45", "x" * 3000]
SRC = re.compile(r"""GET(?:\.get|\.getlist)?\s*[\(\[]\s*["']([\w-]+)["']""")
FORM = re.compile(r"<form\b([^>]*)>(.*?)</form>", re.S)
NAME = re.compile(r'name="([\w-]+)"')
LINK = re.compile(r'(?:href|src|action)="(/[^"#?]*)')


def _patterns(res=None, prefix="", ns=None):
    for p in (res or get_resolver()).url_patterns:
        if isinstance(p, URLResolver):
            yield from _patterns(p, prefix + str(p.pattern), p.namespace or ns)
        else:
            route = prefix + str(p.pattern)
            if not route.startswith("api/") and route != "healthz":
                yield route, f"{ns}:{p.name}" if ns else p.name


PATTERNS = dict((name, route) for route, name in _patterns())


def _name(url):
    m = resolve(url)
    return f"{m.namespace}:{m.url_name}" if m.namespace else m.url_name


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    """{pattern name: (url, role, status, html)} for every page reached, with the demo county loaded."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
        clients = {r: (verified_client(User.objects.get(username=r)) if r else None) for r in ROLES}
        from django.test import Client

        clients[None] = Client()
        found, seen = {}, set()
        queue = ["/" + r for r in PATTERNS.values() if "<" not in r]
        while queue:
            url = queue.pop(0)
            if url in seen:
                continue
            seen.add(url)
            try:
                name = _name(url)
            except Resolver404:  # a link outside the resolver (static files)
                continue
            if name in found or name not in PATTERNS:
                continue
            for role in ROLES:
                r = clients[role].get(url)
                if r.status_code in (200, 302, 405):
                    html = r.content.decode(errors="replace") if "html" in r.get("Content-Type", "") else ""
                    found[name] = (url, role, r.status_code, html)
                    queue += [h for h in LINK.findall(html) if h not in seen]
                    if r.status_code == 200:
                        break
        yield found, clients
        transaction.set_rollback(True)


def _names(url, html) -> set[str]:
    names = set(COMMON)
    for attrs, body in FORM.findall(html):
        if 'method="post"' not in attrs.lower():
            names |= set(NAME.findall(body))
    for q in re.findall(r'href="' + re.escape(url) + r'\?([^"#]*)', html):
        names |= {kv.split("=")[0] for kv in q.replace("&amp;", "&").split("&")}
    with contextlib.suppress(OSError, TypeError):
        names |= set(SRC.findall(open(inspect.getsourcefile(resolve(url).func)).read()))  # noqa: SIM115
    return names - {"csrfmiddlewaretoken", ""}


def _params():
    for name in sorted(PATTERNS):
        yield pytest.param(name, id=name)


@pytest.mark.django_db
@pytest.mark.parametrize("name", list(_params()))
def test_no_query_parameter_answers_500(site, name):
    found, clients = site
    if name not in found:
        return  # a write endpoint or an object the demo does not link: see the coverage test
    url, role, status, html = found[name]
    if status == 405:
        return  # POST only: no GET parameters to parse
    client = clients[role]
    names = sorted(_names(url, html))
    failures = []
    for value in TOGETHER:
        r = client.get(url, dict.fromkeys(names, value))
        if r.status_code >= 500:
            failures.append(("*", value[:20]))
    for p in names:
        for value in ALONE:
            if client.get(url, {p: value}).status_code >= 500:
                failures.append((p, value[:20]))
    assert not failures, f"{url} as {role}: 500 for {failures}"


@pytest.mark.django_db
def test_every_list_page_and_the_main_detail_pages_are_fuzzed(site):
    found, _clients = site
    missing = [n for n, r in PATTERNS.items() if "<" not in r and n not in found]
    assert not missing, missing
    details = {
        "core:body_detail",
        "deputies:person",
        "deputies:station",
        "suggestions:detail",
        "contact:detail",
    }
    details |= {"duties:record", "duties:activity", "duties:file", "deputies_public:profile"}
    assert details <= {n for n, v in found.items() if v[2] == 200}
