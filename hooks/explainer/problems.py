"""Every editor mistake of a build, collected, so one run reports them all.

Parsers keep raising one :class:`EditorError` per problem. The code that drives
them catches it at the natural unit (an essay folder, a claim, a glossary
entry, a page's citations, a setting) with :meth:`Problems.collect`, leaves that
unit out and goes on with the next, so one bad unit hides no other. At the end
the build (or ``make check``) reports the whole list, sorted by file and line,
and fails; under ``mkdocs serve`` the list is shown on every page instead.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from .errors import EditorError
from .escape import html_text

try:  # pragma: no cover - exercised implicitly by every build
    from mkdocs.exceptions import PluginError as _Base
except ImportError:  # pragma: no cover
    _Base = Exception

T = TypeVar("T")


class Outcome:
    """What :meth:`Problems.collect` yields: whether the unit failed, known once the block has run."""

    failed = False


class Problems:
    """An ordered set of :class:`EditorError`s (the same problem reported twice is kept once)."""

    def __init__(self) -> None:
        self._errors: dict[tuple[str, int, str], EditorError] = {}

    def add(self, error: EditorError) -> None:
        self._errors.setdefault((error.file, error.line or 0, error.problem), error)

    def extend(self, errors: list[EditorError] | Problems) -> None:
        for error in errors:
            self.add(error)

    def __iter__(self) -> Iterator[EditorError]:
        return iter(self._errors.values())

    def __len__(self) -> int:
        return len(self._errors)

    def __bool__(self) -> bool:
        return bool(self._errors)

    @contextmanager
    def collect(self) -> Iterator[Outcome]:
        """Run one unit: an :class:`EditorError` it raises is recorded, and the block is left."""
        outcome = Outcome()
        try:
            yield outcome
        except EditorError as error:
            outcome.failed = True
            self.add(error)

    def attempt(self, fn: Callable[..., T], *args, **kwargs) -> T | None:
        """``fn(*args, **kwargs)``, or None when it raised an :class:`EditorError` (recorded)."""
        with self.collect():
            return fn(*args, **kwargs)
        return None

    def sorted(self) -> list[EditorError]:
        return sorted(self, key=lambda e: (e.file, e.line or 0))

    def summary(self) -> str:
        """'5 problems in 4 files:' (or '1 problem in 1 file:')."""
        files = len({e.file for e in self})
        return f"{_count(len(self), 'problem')} in {_count(files, 'file')}:"

    def report(self) -> str:
        """The count first, then every problem in ``file:line: problem`` + ``Fix:`` form."""
        return "\n".join([self.summary(), *(str(e) for e in self.sorted())])

    def html(self) -> str:
        """The list for the top of every page under ``mkdocs serve``; all text escaped."""
        items = []
        for e in self.sorted():
            where = f"{e.file}:{e.line}" if e.line else e.file
            items.append(f'<li><code class="explainer-problem__where">{html_text(where)}</code> '
                         f'<span class="explainer-problem__what">{html_text(e.problem)}</span>'
                         f'<br><span class="explainer-problem__fix">Fix: {html_text(e.fix)}</span></li>')
        return (f'<div class="explainer-problems" role="alert"><p><strong>{html_text(self.summary())}</strong> '
                "the preview leaves the broken parts out; this list goes away when they are fixed.</p>"
                f'<ol>{"".join(items)}</ol></div>')


class RaiseAtOnce(Problems):
    """A collector that raises the first problem: what parsers do when the caller passes no collector."""

    def add(self, error: EditorError) -> None:
        raise error

    def attempt(self, fn: Callable[..., T], *args, **kwargs) -> T | None:
        return fn(*args, **kwargs)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


class ProblemsError(_Base):
    """Stops a build with the whole list as its message (MkDocs prints it without a traceback)."""

    def __init__(self, problems: Problems) -> None:
        self.problems = problems
        super().__init__(problems.report())
