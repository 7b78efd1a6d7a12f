"""Settings come from the environment with safe defaults (issue 4 "Setup and run")."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _check(env_extra: dict) -> subprocess.CompletedProcess:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "DEBUG", "RENDA_DEMO", "RENDA_TESTING", "DATABASE_URL"}
    }
    env.update(env_extra)
    return subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )


def test_production_start_without_secret_key_refuses_with_clear_message(tmp_path):
    result = _check({"RENDA_VAR_DIR": str(tmp_path)})
    assert result.returncode != 0
    assert "缺少 SECRET_KEY" in result.stderr


def test_malformed_database_url_gets_a_clear_message(tmp_path):
    result = _check({"RENDA_VAR_DIR": str(tmp_path), "SECRET_KEY": "k" * 50, "DATABASE_URL": "nonsense://::"})
    assert result.returncode != 0
    assert "DATABASE_URL" in result.stderr and "格式错误" in result.stderr


def test_debug_is_off_unless_asked_for():
    from django.conf import settings

    assert "DEBUG" not in os.environ or os.environ["DEBUG"] in {"", "0"}
    assert settings.DEBUG is False


def test_security_headers_and_csp_without_inline_scripts(client, db):
    r = client.get("/work/accounts/login/")
    csp = r.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert r.headers["X-Frame-Options"] == "DENY"
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert "<script>" not in r.content.decode()


def test_pages_load_nothing_from_another_host(client, db):
    import re

    html = client.get("/work/accounts/login/").content.decode() + client.get("/").content.decode()
    assert not re.search(r'(src|href)="(https?:)?//', html)


def test_production_settings_pass_check_deploy(tmp_path):
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        timeout=60,
        capture_output=True,
        text=True,
        env={
            **{
                k: v
                for k, v in os.environ.items()
                if k not in {"DEBUG", "RENDA_DEMO", "RENDA_TESTING", "DATABASE_URL"}
            },
            "SECRET_KEY": "p" * 20 + "Q9!x" * 10,
            "ALLOWED_HOSTS": "renda.example.gov.cn",
            "RENDA_VAR_DIR": str(tmp_path),
        },
    )
    assert result.returncode == 0, result.stderr


def test_an_english_browser_still_gets_chinese_form_messages(client, db):
    # The site is Chinese only (docs/architecture.md "Translation"): Django's own validation messages follow
    # LANGUAGE_CODE, not the browser's Accept-Language, so no "This field is required." in a Chinese form.
    from django.conf import settings
    from django.urls import reverse

    r = client.post(
        reverse(settings.LOGIN_URL), {"username": "someone"}, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9"
    )
    page = r.content.decode()
    assert r.status_code in (200, 422) and "This field is required" not in page
    assert 'lang="zh-CN"' in page
