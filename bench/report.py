"""What a report states besides the figures: the machine and which generator was measured."""

from __future__ import annotations

import contextlib
import os
import platform
import subprocess
from pathlib import Path

from builds import Sample, _median
from paths import HOOK, PROJECT

# --------------------------------------------------------------------------- reporting


def machine() -> str:
    cpu = "unknown CPU"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return f"{os.cpu_count()} CPUs ({cpu}), Python {platform.python_version()}, {platform.system()} {platform.release()}"


def hooks_state(hook: Path) -> str:
    """Which generator is measured: the project's commit (and whether hooks/ has uncommitted changes), or another path."""
    if hook != HOOK:
        return str(hook)
    git = ["git", "-C", str(PROJECT)]
    try:
        commit = subprocess.run([*git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run([*git, "status", "--porcelain", "--", "hooks"], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return str(hook)
    return f"hooks/ at {commit}" + (" plus uncommitted changes" if dirty.strip() else "")


def _summary(samples: list[Sample]) -> tuple[float, float, float]:
    return _median([s.wall for s in samples]), _median([s.cpu for s in samples]), _median([s.rss for s in samples])
