import pytest


@pytest.fixture(autouse=True)
def _fresh_public_limits():
    """The public API's read limits count in this process's memory (ratelimit.py): start each test at zero."""
    from renda.dashboards import ratelimit

    ratelimit.reset()
