"""House rule 9 (design.md): no file of the duties app grows past 500 lines (migrations are generated)."""

from pathlib import Path

import renda.duties

APP = Path(renda.duties.__file__).parent


def test_no_duties_file_is_over_500_lines():
    long = {
        str(p.relative_to(APP)): n
        for p in APP.rglob("*")
        if p.suffix in (".py", ".html", ".js", ".css")
        and "migrations" not in p.parts
        and (n := len(p.read_text(encoding="utf-8").splitlines())) > 500
    }
    assert long == {}
