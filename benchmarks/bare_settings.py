"""Settings for the bare baseline server: renda's settings (same database pool), plain Django middleware only.

BENCH_BARE_MIDDLEWARE=renda keeps renda's whole middleware stack instead: the API benchmark serves the bare
view that way too, to show how much of the gap is middleware and how much the API layer.
"""

import os

from renda.settings import *  # noqa: F403
from renda.settings import MIDDLEWARE as RENDA_MIDDLEWARE

ROOT_URLCONF = "benchmarks.bare"
PLAIN_MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]
MIDDLEWARE = RENDA_MIDDLEWARE if os.environ.get("BENCH_BARE_MIDDLEWARE") == "renda" else PLAIN_MIDDLEWARE
