"""Where the benchmark finds the project and writes its output; the environment of every MkDocs it runs."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
HOOK = PROJECT / "hooks" / "explainer_hooks.py"
DEFAULT_OUT = PROJECT / "bench" / "out"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUNBUFFERED": "1"}
