"""The domain apps renda knows, and which of them (and which of their modules) are present.

Apps arrive one issue at a time; settings, URLs and the API pick up whatever exists.
"""

from importlib.util import find_spec
from pathlib import Path

DOMAIN_APPS = ("deputies", "suggestions", "duties", "contact")
_ROOT = Path(__file__).resolve().parent


def present(app: str, module: str = "") -> bool:
    base = _ROOT / app
    if not (base / "apps.py").exists():
        return False
    if not module:
        return True
    return find_spec(f"renda.{app}.{module}") is not None
