"""What the harness knows: scales, generators and benchmarks. Modules in `benchmarks/modules/` register here.

A generator is `fill(scale, rng, db)`: it writes its rows through `db` (a `bulk.Writer`, COPY on
PostgreSQL, executemany on SQLite) and leaves what later generators need in `db.state`.
A benchmark is `fn(ctx) -> (ours, baseline, goal, unit, extra)`; `better` says which way the ratio
ours/baseline must go: "lower" (times: ratio ≤ goal) or "higher" (throughput: ratio ≥ goal).
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Scale:
    """Target sizes (design.md "Scale"); generators read the numbers they need."""

    name: str
    label: str
    cities: int  # cities under the top body (0: the top body is a county)
    counties: int  # counties per city (or 1 when the top body is a county)
    townships: int  # townships per county
    units_per_body: int  # handling units per county/city/province congress
    deputies: int
    duty_records: int
    suggestions: int
    messages: int


SCALES: dict[str, Scale] = {
    "tiny": Scale("tiny", "测试（极小）", 0, 1, 3, 4, 40, 400, 20, 100),
    "county": Scale("county", "一个县", 0, 1, 15, 40, 1_500, 50_000, 2_000, 20_000),
    "city": Scale("city", "一个市", 1, 10, 14, 40, 20_000, 600_000, 20_000, 200_000),
    "province": Scale("province", "一个省", 12, 9, 14, 40, 200_000, 5_000_000, 200_000, 2_000_000),
}
PUBLIC_SCALES = ("county", "city", "province")  # "tiny" is for the smoke tests


@dataclass(frozen=True)
class Generator:
    order: int
    name: str
    fill: Callable[[Scale, Any, Any], None]
    tables: tuple[str, ...] = ()


@dataclass(frozen=True)
class Benchmark:
    name: str
    fn: Callable[[Any], tuple]
    better: str = "lower"  # "lower": ratio ≤ goal; "higher": ratio ≥ goal
    order: int = 50
    title: str = ""


@dataclass
class Result:
    name: str
    ours: float
    baseline: float
    goal: float
    unit: str
    better: str
    extra: dict = field(default_factory=dict)

    @property
    def ratio(self) -> float:
        return self.ours / self.baseline if self.baseline else float("inf")

    @property
    def ok(self) -> bool:
        return self.ratio <= self.goal if self.better == "lower" else self.ratio >= self.goal

    def line(self) -> str:
        sign = "≤" if self.better == "lower" else "≥"
        text = (
            f"{self.name}: ours={_fmt(self.ours)} baseline={_fmt(self.baseline)} ratio={self.ratio:.2f} "
            f"(goal {sign} {self.goal:g})"
        )
        return text if self.ok else text + "  MISSED"

    def as_dict(self) -> dict:
        return {
            "name": self.name,
            "ours": self.ours,
            "baseline": self.baseline,
            "ratio": self.ratio,
            "goal": self.goal,
            "better": self.better,
            "unit": self.unit,
            "ok": self.ok,
            "extra": self.extra,
        }


def _fmt(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:.3g}"


GENERATORS: list[Generator] = []
BENCHMARKS: list[Benchmark] = []


def generator(order: int, name: str, *, tables: tuple[str, ...] = ()):
    """Register `fill(scale, rng, db)`; generators run by `order` (core first, then deputies …)."""

    def wrap(fn):
        if all(g.name != name for g in GENERATORS):
            GENERATORS.append(Generator(order, name, fn, tables))
        return fn

    return wrap


def benchmark(name: str, *, better: str = "lower", order: int = 50, title: str = ""):
    """Register `fn(ctx) -> (ours, baseline, goal, unit, extra)`."""
    if better not in {"lower", "higher"}:
        raise ValueError(better)

    def wrap(fn):
        if all(b.name != name for b in BENCHMARKS):
            BENCHMARKS.append(Benchmark(name, fn, better, order, title))
        return fn

    return wrap


def load() -> None:
    """Import every module in benchmarks/modules/ so it registers its generator and benchmarks."""
    from benchmarks import modules

    for info in pkgutil.iter_modules(modules.__path__):
        if info.name.startswith("_"):
            continue
        importlib.import_module(f"benchmarks.modules.{info.name}")


def generators() -> list[Generator]:
    load()
    return sorted(GENERATORS, key=lambda g: g.order)


def benchmarks() -> list[Benchmark]:
    load()
    return sorted(BENCHMARKS, key=lambda b: (b.order, b.name))


@dataclass(frozen=True)
class RawCount:
    """The hand-written SQL of one figure a home page shows: the baseline of the home-page benchmark."""

    label: str
    roles: frozenset
    fn: Callable[[Any, Any], Any]  # fn(cursor, user) runs the SQL and returns the figure
    mirrors: str = ""  # the provider it stands for, "module.function" (core.nav.register_waiting)


RAW_COUNTS: list[RawCount] = []


def raw_count(label: str, roles, *, mirrors: str = ""):
    """Register `fn(cursor, user)`: the raw SQL of a figure that the home-page provider `mirrors` counts."""

    def wrap(fn):
        if all(r.label != label for r in RAW_COUNTS):
            RAW_COUNTS.append(RawCount(label, frozenset(roles), fn, mirrors))
        return fn

    return wrap
