# renda: `make run` sets everything up and serves the demo on SQLite; `make test` runs the whole suite.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
PYTEST_WORKERS ?= 2
HOST ?= 127.0.0.1:8000
VENDOR := renda/static/vendor
export RENDA_VAR_DIR ?= $(CURDIR)/var

.PHONY: run serve setup test fuzz drills lint format demo bench assets system-deps fonts clean ci security

run: setup fonts
	@RENDA_DEMO=1 $(PY) manage.py migrate --no-input -v0
	@RENDA_DEMO=1 $(PY) manage.py demo --quiet-if-loaded
	@RENDA_DEMO=1 $(PY) manage.py collectstatic --no-input -v0
	@echo "renda: http://$(HOST)/  (工作台 http://$(HOST)/work/)"
	@# The task consumer (deadline scans, reminders) runs beside the web server and stops with it.
	@RENDA_DEMO=1 $(PY) manage.py run_huey --quiet & huey=$$!; \
		trap "kill $$huey 2>/dev/null" EXIT INT TERM; \
		RENDA_DEMO=1 $(PY) manage.py runserver $(HOST) --noreload

# The production stack (docs/deploy.md): gunicorn workers + the Huey consumer; refuses an incomplete setup
# (SECRET_KEY, FIELD_ENCRYPTION_KEY, PostgreSQL unless RENDA_ALLOW_SQLITE=1, Redis for several workers).
serve: setup
	@$(VENV)/bin/renda serve

setup: $(VENV)/.installed $(VENDOR)/.copied

$(VENV)/.installed: requirements.lock pyproject.toml
	@test -x $(PY) || python3 -m venv $(VENV)
	@$(PIP) install -q --disable-pip-version-check -r requirements.lock
	@$(PIP) install -q --disable-pip-version-check --no-deps -e .
	@touch $@

node_modules/.installed: package.json package-lock.json
	@npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# Front-end packages are copied into static files: nothing is loaded from a CDN.
$(VENDOR)/.copied: node_modules/.installed
	@mkdir -p $(VENDOR)/tabler $(VENDOR)/htmx $(VENDOR)/echarts $(VENDOR)/axe
	@cp node_modules/@tabler/core/dist/css/tabler.min.css $(VENDOR)/tabler/
	@cp node_modules/@tabler/core/dist/js/tabler.min.js $(VENDOR)/tabler/
	@cp node_modules/htmx.org/dist/htmx.min.js $(VENDOR)/htmx/
	@cp node_modules/echarts/dist/echarts.min.js $(VENDOR)/echarts/
	@cp node_modules/axe-core/axe.min.js $(VENDOR)/axe/
	@touch $@

assets: $(VENDOR)/.copied

# Debian packages the project needs: Chromium for browser journeys, Noto CJK for screenshots,
# WenQuanYi Zen Hei, a CJK font with TrueType outlines that reportlab can embed in PDFs, and nginx, whose
# `nginx -t` checks the sample site in deploy/ (it is not started).
DEBS := chromium fonts-noto-cjk fonts-wqy-zenhei nginx
FONT_DEBS := fonts-noto-cjk fonts-wqy-zenhei
fonts:
	@if [ ! -f /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc ] || ! fc-list 2>/dev/null | grep -qi 'Noto Sans CJK'; then \
		echo "installing $(FONT_DEBS) (apt-get)"; \
		(apt-get install -y -q $(FONT_DEBS) >/dev/null 2>&1 || \
		 (apt-get update -q >/dev/null && apt-get install -y -q $(FONT_DEBS) >/dev/null)); \
	fi

system-deps:
	@if ! command -v chromium >/dev/null || ! command -v nginx >/dev/null || ! fc-list 2>/dev/null | grep -qi 'Noto Sans CJK' \
		|| [ ! -f /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc ]; then \
		echo "installing $(DEBS) (apt-get)"; \
		(apt-get install -y -q $(DEBS) >/dev/null 2>&1 || \
		 (apt-get update -q >/dev/null && apt-get install -y -q $(DEBS) >/dev/null)); \
	fi

test: setup system-deps
	@$(VENV)/bin/ruff check --quiet .
	@$(VENV)/bin/ruff format --check --quiet .
	@RENDA_TESTING=1 $(VENV)/bin/pytest -n $(PYTEST_WORKERS) -q

# Every page's query parameters with hostile values (issue 14): ~15 minutes, so not part of `make test`.
fuzz: setup
	@RENDA_TESTING=1 $(VENV)/bin/pytest -n $(PYTEST_WORKERS) -q -m fuzz tests/core/test_query_params.py

# Static checks beyond ruff (issue 21): bandit on the code (medium and high findings fail unless reviewed in
# .bandit-baseline.json, each justified in docs/security.md) and pip-audit on the lock file (fails on a known
# vulnerability; packages it cannot look up, e.g. without a vulnerability service, are listed, not failed).
security: setup
	@$(VENV)/bin/bandit -q -r renda -x renda/static,renda/*/migrations --severity-level medium -b .bandit-baseline.json
	@out=$$($(VENV)/bin/pip-audit -r requirements.lock --no-deps --disable-pip --progress-spinner off 2>&1); rc=$$?; \
		echo "$$out" | grep -v "^WARNING" | head -3; exit $$rc

# Fault drills (issue 21): a private PostgreSQL cluster restarted under write load. Once per CI, not per database.
drills: setup
	@RENDA_TESTING=1 $(VENV)/bin/pytest -n 0 -q -m drill tests/drills

lint:
	@$(VENV)/bin/ruff check .
	@$(VENV)/bin/ruff format --check .

format:
	@$(VENV)/bin/ruff check --fix .
	@$(VENV)/bin/ruff format .

demo: setup
	@RENDA_DEMO=1 $(PY) manage.py migrate --no-input -v0
	@RENDA_DEMO=1 $(PY) manage.py demo

# Benchmarks (docs/performance.md): BENCH_SCALE=county|city|province, DATABASE_URL; `hey` is the HTTP load.
bench: setup
	@command -v hey >/dev/null || (apt-get install -y -q hey >/dev/null 2>&1 || \
		(apt-get update -q >/dev/null && apt-get install -y -q hey >/dev/null))
	@$(PY) -m benchmarks.run $(BENCH_ARGS)

ci:
	@.ci/run

clean:
	rm -rf var $(VENDOR) node_modules $(VENV)
