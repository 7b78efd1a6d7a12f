"""A real server for browser journeys and the API fuzzer: a fresh SQLite database, migrated and loaded
with the demo county (as `make run` does), served on a free port. One per test session (xdist group)."""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.demo_install import build_env, demo_installation

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(config, items):
    """RENDA_BROWSER_DONE=1 (CI's PostgreSQL half) leaves these tests out: the server they drive runs the demo
    on SQLite whatever DATABASE_URL says, so a second run repeats the first one's ~8 minutes exactly."""
    if os.environ.get("RENDA_BROWSER_DONE") != "1":
        return
    here = Path(__file__).parent
    done = [item for item in items if here in Path(item.fspath).parents]
    if done:
        config.hook.pytest_deselected(items=done)
        items[:] = [item for item in items if item not in done]


def _answers(url: str) -> bool:
    try:
        urllib.request.urlopen(url, timeout=2)  # noqa: S310  (our own loopback server)
        return True
    except OSError:
        return False


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    var = tmp_path_factory.mktemp("renda-var")
    env = build_env()
    shutil.copytree(demo_installation(), var, dirs_exist_ok=True)
    env["RENDA_VAR_DIR"] = str(var)
    env["DJANGO_SETTINGS_MODULE"] = "tests.browser.server_settings"  # one address for every visitor
    manage = [sys.executable, "manage.py"]
    port = _free_port()
    proc = subprocess.Popen(
        [*manage, "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60  # runserver's start took ~9 s on a saturated 2-core machine
    while not _answers(base + "/healthz"):
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            raise RuntimeError("renda did not start")
        time.sleep(0.2)
    yield base
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture(scope="module")
def browser():
    """One Chromium per test module, closed before the worker moves on. While playwright's sync API is open it
    marks an event loop running on this thread, and Django then refuses every database call as "async": a
    session-wide browser made the transactional tests that xdist gave the same worker fail (CI of stops 27
    and 28). DJANGO_ALLOW_ASYNC_UNSAFE instead would leak into every subprocess the worker starts."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield b
        b.close()


AXE = ROOT / "renda" / "static" / "vendor" / "axe" / "axe.min.js"


@pytest.fixture
def page_for(browser, server):
    """page_for(user=None, phone=False) → a Playwright page, signed in as a demo account, that records every
    request to another host (the site must load nothing from elsewhere) and can run axe-core."""
    contexts = []

    def make(user: str | None = None, phone: bool = False):
        size = {"width": 390, "height": 844} if phone else {"width": 1366, "height": 768}
        # A Chinese browser, as the county's users have: date inputs read 年/月/日, file inputs 选择文件.
        ctx = browser.new_context(viewport=size, locale="zh-CN", timezone_id="Asia/Shanghai")
        ctx.add_init_script(path=str(AXE))
        contexts.append(ctx)
        page = ctx.new_page()
        page.foreign = []

        def guard(route):
            if route.request.url.startswith(server):
                route.continue_()
            else:
                page.foreign.append(route.request.url)
                route.abort()

        page.route("**/*", guard)
        if user:
            page.goto(server + "/work/accounts/login/")
            page.fill("input[name=username]", user)
            page.fill("input[name=password]", "Renda-demo-2026")
            page.click("button[type=submit]")
            page.wait_for_load_state("networkidle")
        return page

    yield make
    for ctx in contexts:
        ctx.close()


def axe_violations(page) -> list[str]:
    result = page.evaluate(
        "async () => (await axe.run(document, {runOnly: ['wcag2a','wcag2aa','wcag21a','wcag21aa']})).violations"
        ".map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(' | '))"
    )
    return list(result)
