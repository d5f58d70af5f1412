"""Full builds: fresh `mkdocs build --strict` subprocesses of (a) and (b), alternating, and their ratio."""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from paths import ENV

# --------------------------------------------------------------------------- measuring builds


@dataclass
class Sample:
    wall: float  # seconds
    cpu: float  # seconds, user + sys of the child
    rss: float  # MiB, peak resident set of the child


def measure_build(config: Path, site_dir: Path, log: Path) -> Sample:
    """One fresh ``mkdocs build --strict`` subprocess, timed; raises if it fails."""
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site_dir)]
    with log.open("w", encoding="utf-8") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=ENV, cwd=config.parent)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        tail = log.read_text(encoding="utf-8", errors="replace")[-3000:]
        raise SystemExit(f"build failed ({config}), exit {proc.returncode}:\n{tail}")
    return Sample(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def ratio_interval(a: list[float], b: list[float], level: float = 0.95, draws: int = 4000) -> tuple[float, float]:
    """How far noise alone moves ``median(a) / median(b)``: a percentile bootstrap over each side's runs.

    Each draw resamples the runs of (a) and of (b) with replacement. On these shared
    machines single runs vary by ±20 %, so a ratio near a target says little without it.
    Seeded: the same samples always give the same interval.
    """
    rng = random.Random(0)
    ratios = sorted(_median(rng.choices(a, k=len(a))) / _median(rng.choices(b, k=len(b))) for _ in range(draws))
    tail = (1 - level) / 2
    return ratios[int(tail * draws)], ratios[min(draws - 1, int((1 - tail) * draws))]


def build_runs(config_a: Path, config_b: Path, out: Path, runs: int, progress: bool = True) -> dict[str, list[Sample]]:
    """Alternate a/b builds ``runs`` times each."""
    samples: dict[str, list[Sample]] = {"a": [], "b": []}
    for run in range(runs):
        for name, config in (("a", config_a), ("b", config_b)):
            sample = measure_build(config, out / f"site-{name}", out / f"build-{name}.log")
            samples[name].append(sample)
            if progress:
                print(f"  run {run + 1}/{runs} {name}: wall {sample.wall:.2f} s, cpu {sample.cpu:.2f} s, "
                      f"peak {sample.rss:.0f} MiB", file=sys.stderr, flush=True)
    return samples
