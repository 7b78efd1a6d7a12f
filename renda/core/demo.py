"""The demo county that `make run` loads once (`renda demo`). Each app registers a step; a step runs once.

Steps receive a `DemoCounty` with the bodies, units and accounts made by the core step.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

DEMO_PASSWORD = "Renda-demo-2026"  # noqa: S105  (printed for the demo; demo accounts only)

STEPS: list[tuple[int, str, Callable]] = []


def register(order: int, name: str):
    def wrap(fn: Callable) -> Callable:
        if all(existing != name for _, existing, _ in STEPS):
            STEPS.append((order, name, fn))
        return fn

    return wrap


@dataclass
class DemoCounty:
    county: object
    standing_committee: object
    townships: list = field(default_factory=list)
    units: list = field(default_factory=list)
    accounts: dict = field(default_factory=dict)
