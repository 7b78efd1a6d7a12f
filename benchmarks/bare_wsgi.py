"""WSGI entry of the bare baseline server (`gunicorn benchmarks.bare_wsgi`); benchmark-only, never deployed."""

import os

from django.core.wsgi import get_wsgi_application

os.environ["DJANGO_SETTINGS_MODULE"] = "benchmarks.bare_settings"
application = get_wsgi_application()
