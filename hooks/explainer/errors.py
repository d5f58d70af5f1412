"""The one kind of error an editor sees: what is wrong, where, and how to fix it.

It subclasses MkDocs' ``PluginError`` when MkDocs is importable, so that a
raise from a hook *or* from inside a Markdown extension during page rendering
stops the build with the message alone (MkDocs prints ``BuildError``s without a
traceback). The plain-Python modules stay usable without MkDocs.
"""

from __future__ import annotations

from pathlib import Path

try:  # pragma: no cover - exercised implicitly by every build
    from mkdocs.exceptions import PluginError as _Base
except ImportError:  # pragma: no cover
    _Base = Exception


class EditorError(_Base):
    """A problem in a file an editor wrote, reported as ``file:line: problem`` and ``Fix: …``."""

    def __init__(self, file: Path | str, line: int | None, problem: str, fix: str) -> None:
        self.file = _shown(Path(file))
        self.line = line
        self.problem = problem
        self.fix = fix
        where = f"{self.file}:{line}" if line else self.file
        super().__init__(f"{where}: {problem}\n  Fix: {fix}")


def _shown(path: Path) -> str:
    """Paths below the working directory are shown relative to it: short, and clickable in a terminal."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve())) if path.is_absolute() else str(path)
    except ValueError:
        return str(path)
