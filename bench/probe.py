"""Where (a)'s time goes: our code timed inside real builds (--attribute), or cProfile (--profile)."""

from __future__ import annotations

import contextlib
import json
import pstats
import subprocess
import sys
import time
from pathlib import Path

import yaml
from builds import _median, measure_build
from paths import ENV, PROJECT
from sites import _ConfigLoader, _dump_config, _write

# --------------------------------------------------------------------------- attributing time to our code

# Two hooks around the project's hook in (a)'s mkdocs.yml: the first stamps the time before each of its events, the
# last adds up the time since; the last also wraps the run/handleMatch/test methods of every class in the explainer
# package (its Markdown processors). The totals are printed at the end of the build as one JSON line.
_PROBE_FIRST = """import sys, time, types
from mkdocs.plugins import event_priority
S = sys.modules.setdefault("_bench_probe", types.SimpleNamespace(stamp={}, totals={}, calls={}))
def _stamp(event):
    S.stamp[event] = time.perf_counter()
def on_config(config):
    S.started = time.perf_counter()
    _stamp("hook on_config")
def on_files(files, config):
    _stamp("hook on_files")
def on_page_markdown(markdown, page, config, files):
    _stamp("hook on_page_markdown")
@event_priority(-100)  # the project's on_page_context runs at -100, after the search plugin
def on_page_context(context, page, config, nav):
    _stamp("hook on_page_context")
"""
_PROBE_LAST = """import functools, json, sys, time, types
from mkdocs.plugins import event_priority
S = sys.modules["_bench_probe"]
def _add(key, seconds):
    S.totals[key] = S.totals.get(key, 0.0) + seconds
    S.calls[key] = S.calls.get(key, 0) + 1
def _wrap(key, method):
    @functools.wraps(method)
    def timed(*args, **kwargs):
        start = time.perf_counter()
        try:
            return method(*args, **kwargs)
        finally:
            _add(key, time.perf_counter() - start)
    timed._bench_probe = True
    return timed
def on_config(config):
    _add("hook on_config", time.perf_counter() - S.stamp["hook on_config"])
    for name, module in list(sys.modules.items()):
        if not name.startswith("explainer."):
            continue
        for cls in [c for c in vars(module).values() if isinstance(c, type) and c.__module__ == name]:
            for attr in ("run", "handleMatch", "test"):
                method = vars(cls).get(attr)
                if callable(method) and not getattr(method, "_bench_probe", False):
                    setattr(cls, attr, _wrap(f"{name.split('.', 1)[1]}.{cls.__name__}.{attr}", method))
def on_files(files, config):
    _add("hook on_files", time.perf_counter() - S.stamp["hook on_files"])
def on_page_markdown(markdown, page, config, files):
    _add("hook on_page_markdown", time.perf_counter() - S.stamp["hook on_page_markdown"])
@event_priority(-100)
def on_page_context(context, page, config, nav):
    _add("hook on_page_context", time.perf_counter() - S.stamp["hook on_page_context"])
def on_post_build(config):
    S.totals["build (from on_config)"] = time.perf_counter() - S.started
    print("BENCH-PROBE " + json.dumps({"seconds": S.totals, "calls": S.calls}), file=sys.stderr)
"""


def write_probed_config(config: Path) -> Path:
    """A copy of (a)'s mkdocs.yml with the timing probes around its hook."""
    for name, text in (("probe_first.py", _PROBE_FIRST), ("probe_last.py", _PROBE_LAST)):
        _write(config.parent / name, text)
    with config.open(encoding="utf-8") as f:
        data = yaml.load(f, Loader=_ConfigLoader)
    data["hooks"] = [str(config.parent / "probe_first.py"), *data["hooks"], str(config.parent / "probe_last.py")]
    probed = config.with_name("mkdocs-probed.yml")
    _write(probed, _dump_config(data))
    return probed


def attribute(config: Path, out: Path, runs: int) -> dict[str, float]:
    """Median seconds spent in our code, per hook event and per Markdown processor method, over ``runs`` builds."""
    probed = write_probed_config(config)
    found: dict[str, list[float]] = {}
    walls: list[float] = []
    for run in range(runs):
        log = out / "build-a-probed.log"
        walls.append(measure_build(probed, out / "site-a", log).wall)
        line = next((x for x in log.read_text(encoding="utf-8").splitlines() if x.startswith("BENCH-PROBE ")), None)
        if line is None:
            raise SystemExit(f"no timing probe output in {log}")
        seconds = json.loads(line.split(" ", 1)[1])["seconds"]
        build = seconds.pop("build (from on_config)")
        ours = sum(seconds.values())
        for key, value in [*seconds.items(), ("our code, total", ours), ("build (from on_config)", build)]:
            found.setdefault(key, []).append(value)
        print(f"  run {run + 1}/{runs}: our code {ours:.2f} s of {build:.2f} s (whole process {walls[-1]:.2f} s)",
              file=sys.stderr, flush=True)
    found["whole process (wall)"] = walls
    return {key: _median(values) for key, values in found.items()}


# --------------------------------------------------------------------------- profiling


def _profile(config: Path, out: Path, name: str) -> dict:
    """Run one build under cProfile; its raw stats: (file, line, function) -> (cc, calls, own, cumulative, callers)."""
    prof = out / f"{name}.prof"
    cmd = [sys.executable, "-m", "cProfile", "-o", str(prof), "-m", "mkdocs", "build", "--strict", "-f", str(config),
           "-d", str(out / f"site-profile-{name}")]
    start = time.perf_counter()
    subprocess.run(cmd, check=True, env=ENV, cwd=config.parent, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    print(f"profiled build ({name}): {time.perf_counter() - start:.2f} s wall under cProfile; profile: {prof}")
    return pstats.Stats(str(prof)).stats  # type: ignore[attr-defined]


def _where(file: str) -> str:
    for marker in ("site-packages/", "/lib/python3"):
        if marker in file:
            return file.split(marker, 1)[1]
    with contextlib.suppress(ValueError):
        return str(Path(file).relative_to(PROJECT))
    return file


def profile_builds(config_a: Path, config_b: Path, out: Path, top: int, hook: Path) -> None:
    """Profile (a) and (b); list our functions by cumulative time, then what (a) spends more on than (b), by function."""
    raw_a, raw_b = _profile(config_a, out, "generator"), _profile(config_b, out, "plain")
    total_a = max(v[3] for v in raw_a.values())
    total_b = max(v[3] for v in raw_b.values())
    hooks = str(hook.parent)
    ours = [(key, value) for key, value in raw_a.items() if key[0].startswith(hooks)]
    own = sum(value[2] for _, value in ours)
    print(f"\ntotal (a) {total_a:.2f} s, (b) {total_b:.2f} s under cProfile; own time in {_where(hooks)}/: "
          f"{own:.2f} s ({100 * own / total_a:.1f}% of (a))")
    print(f"\nfunctions of {_where(hooks)}/ by cumulative time in (a):")
    print(f"{'cumulative':>10} {'own':>8} {'calls':>9}  function")
    for (file, line, func), (_, calls, tt, ct, _) in sorted(ours, key=lambda kv: -kv[1][3])[:top]:
        print(f"{ct:10.3f} {tt:8.3f} {calls:9d}  {_where(file)}:{line}({func})")
    print("\nother functions by extra cumulative time in (a) over (b) (what our output costs MkDocs, Markdown and the theme):")
    print(f"{'extra':>8} {'(a)':>8} {'(b)':>8} {'calls a':>9} {'calls b':>9}  function")
    rows = []
    for key, value in raw_a.items():
        if key[0].startswith(hooks):
            continue
        other = raw_b.get(key, (0, 0, 0.0, 0.0, {}))
        rows.append((value[3] - other[3], key, value, other))
    for extra, (file, line, func), value, other in sorted(rows, key=lambda r: -r[0])[:top]:
        print(f"{extra:8.3f} {value[3]:8.3f} {other[3]:8.3f} {value[1]:9d} {other[1]:9d}  {_where(file)}:{line}({func})")
