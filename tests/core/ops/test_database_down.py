"""A database that cannot be reached answers 503 with Retry-After, in Chinese, as a page or as the API's JSON
error — not the 500 of a bug (issue 21 "Faults": requests fail cleanly while PostgreSQL restarts)."""

import json

import pytest
from django.db import OperationalError

from renda.core.views.errors import server_error


def _during(exc, rf, path):
    try:
        raise exc
    except Exception:
        return server_error(rf.get(path))


def test_the_page_says_the_database_is_restarting(rf):
    response = _during(OperationalError("connection refused"), rf, "/work/")
    assert response.status_code == 503 and response["Retry-After"] == "30"
    assert "数据库暂时不可用" in response.content.decode()


def test_the_api_answers_with_its_json_error(rf):
    response = _during(OperationalError("terminating connection"), rf, "/api/v1/deputies")
    assert response.status_code == 503
    assert json.loads(response.content)["code"] == "database_unavailable"


@pytest.mark.parametrize("path", ["/work/", "/api/v1/deputies"])
def test_other_errors_stay_a_500(rf, path):
    response = _during(KeyError("bug"), rf, path)
    assert response.status_code == 500 and not response.has_header("Retry-After")
