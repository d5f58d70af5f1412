"""Where the benchmark finds the project and writes its output; the environment of every MkDocs it runs."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
HOOK = PROJECT / "hooks" / "explainer_hooks.py"
DEFAULT_OUT = PROJECT / "bench" / "out"
# Python caches compiled modules by default, as it does on an editor's machine or in CI; a shell
# with PYTHONDONTWRITEBYTECODE set (some sandboxes) would have (a) compile the hooks' 6000 lines on
# every run (about 0.04 s), which the installed packages both sites use never do.
ENV = {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
       "NO_MKDOCS_2_WARNING": "1", "PYTHONUNBUFFERED": "1"}
