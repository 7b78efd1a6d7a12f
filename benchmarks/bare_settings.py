"""Settings for the bare baseline server: renda's settings (same database pool), plain Django middleware only."""

from renda.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.bare"
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]
