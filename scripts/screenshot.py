"""Screenshots of running pages in headless Chromium, for looking at what we build.

    .venv/bin/python scripts/screenshot.py --user staff /work/ /work/units/
    .venv/bin/python scripts/screenshot.py --phone / /deputies/find/

Writes PNGs to screenshots/ (ignored by git). The server must be running (make run).
"""

import argparse
import re
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--user", help="demo account to sign in as")
    parser.add_argument("--password", default="Renda-demo-2026")
    parser.add_argument("--phone", action="store_true", help="390×844 instead of 1366×768")
    parser.add_argument("--out", default="screenshots")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(exist_ok=True)
    size = {"width": 390, "height": 844} if args.phone else {"width": 1366, "height": 768}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page(viewport=size, device_scale_factor=1)
        if args.user:
            page.goto(f"{args.base}/work/accounts/login/")
            page.fill("input[name=username]", args.user)
            page.fill("input[name=password]", args.password)
            page.click("button[type=submit]")
            page.wait_for_load_state("networkidle")
        for path in args.paths:
            page.goto(args.base + path)
            page.wait_for_load_state("networkidle")
            name = re.sub(r"[^a-zA-Z0-9]+", "_", f"{args.user or 'anon'}{path}").strip("_")
            target = out / f"{name}{'_phone' if args.phone else ''}.png"
            page.screenshot(path=str(target), full_page=True)
            print(target)
        browser.close()


if __name__ == "__main__":
    main()
