"""`make bench` / `python -m benchmarks.run`: generate data if needed, run every benchmark, print ratios.

Each line reads `name: ours=… baseline=… ratio=… (goal ≤ X)` (≥ for throughput); the run exits 1 when a
ratio misses its goal, 2 on bad input (unknown scale, unreachable or foreign database), and writes
benchmarks/results/latest.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
import traceback
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"


@dataclass
class Context:
    """What a benchmark gets: the scale, how many repetitions, and whether to stay in-process (smoke tests)."""

    scale: object
    repeat: int = 5
    in_process: bool = False
    load_seconds: float = 3.0
    out: object = print


def run_benchmarks(ctx: Context, *, only: list[str] | None = None) -> list:
    from benchmarks import registry

    results = []
    for bench in registry.benchmarks():
        if only and bench.name not in only:
            continue
        ours, baseline, goal, unit, extra = bench.fn(ctx)
        result = registry.Result(
            bench.name, float(ours), float(baseline), float(goal), unit, bench.better, extra or {}
        )
        ctx.out(result.line())
        if extra:
            ctx.out("    " + " ".join(f"{k}={v}" for k, v in extra.items()) + f" unit={unit}")
        results.append(result)
    return results


def machine() -> dict:
    from django.db import connection

    def sh(*cmd: str) -> str:
        try:
            return subprocess.run(cmd, capture_output=True, text=True, check=False).stdout.strip()
        except OSError:
            return ""

    info = {
        "nproc": os.cpu_count(),
        "free_g": sh("free", "-g").splitlines()[1:2],
        "python": platform.python_version(),
        "platform": platform.platform(),
        "database": connection.vendor,
        "commit": sh("git", "-C", str(RESULTS.parent.parent), "rev-parse", "--short", "HEAD"),
    }
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            info["postgresql"] = cursor.fetchone()[0]
    return info


def main(argv: list[str] | None = None) -> int:
    from benchmarks import setup
    from benchmarks.generate import BenchError, ensure

    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__)
    parser.add_argument("--scale", help="county | city | province (默认 BENCH_SCALE 或 city)")
    parser.add_argument(
        "--force", action="store_true", help="清空非基准数据后重新生成 (wipe a foreign database)"
    )
    parser.add_argument("--only", action="append", help="只运行这个基准（可重复）")
    parser.add_argument(
        "--repeat",
        type=int,
        default=int(os.environ.get("BENCH_REPEAT", 5)),
        help="每个基准重复次数，取中位数（默认 5）",
    )
    args = parser.parse_args(argv)
    try:
        scale_name = setup.configure(args.scale)
        generated = ensure(scale_name, force=args.force)
        from benchmarks.registry import SCALES

        ctx = Context(SCALES[scale_name], repeat=max(1, args.repeat))
        started = time.perf_counter()
        results = run_benchmarks(ctx, only=args.only)
    except BenchError as exc:
        print(exc, file=sys.stderr)
        return 2
    except Exception:
        traceback.print_exc()
        return 3
    RESULTS.mkdir(exist_ok=True)
    report = {
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
        "scale": scale_name,
        "data": {"rows": generated.rows, "generated_seconds": round(generated.seconds, 1)},
        "seconds": round(time.perf_counter() - started, 1),
        "machine": machine(),
        "results": [r.as_dict() for r in results],
    }
    (RESULTS / "latest.json").write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    missed = [r.name for r in results if not r.ok]
    if missed:
        print(f"未达目标 (missed): {', '.join(missed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    from benchmarks.run import main as _main

    sys.exit(_main())
