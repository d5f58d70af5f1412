"""A comparison page: sections of side-by-side cells, checked against the columns its front matter declares.

The page declares its columns::

    comparison:
      concepts: [Alliance, Alignment]              # the general columns
      essays:                                      # a column per essay: its slug and its label
        trenin-2019: "Russia–China, per Trenin (2019)"

and holds its rows in a ``<div class="explainer-comparison" markdown>`` block:
one ``##`` section per row, each a definition list with one cell per column,
labelled exactly as declared and in the declared order (concepts, then essays).
A missing, extra, misnamed, repeated or misplaced cell is an :class:`EditorError`
at its line. In an essay's column a bare ``[[p5]]`` cites that column's essay.

The check reads the page's lines (a preprocessor), so every error has its
line; a treeprocessor then gives the block its column count, which the
stylesheet turns into that many grid columns.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Iterator
from dataclasses import dataclass

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from .errors import EditorError
from .text import suggest

KEYS = ("concepts", "essays")
MIN_COLUMNS, MAX_COLUMNS = 2, 4  # what the layout holds side by side at 1280 px
CLASS = "explainer-comparison"
_OPEN = re.compile(r"^\s*<div\b[^>]*\bclass\s*=\s*[\"'][^\"']*\bexplainer-comparison\b")
_DIV_OPEN = re.compile(r"<div\b", re.IGNORECASE)
_DIV_CLOSE = re.compile(r"</div\s*>", re.IGNORECASE)
_HEADING = re.compile(r"^##(?!#)\s*(.*?)\s*(?:\{[^}]*\})?\s*#*\s*$")
_DEFINITION = re.compile(r"^ {0,3}:(?:[ \t]+|$)")
_BARE = re.compile(r"\[\[(p\d+(?:\|[^\]|]+)?)\]\]")
_CODE_SPAN = re.compile(r"(`+).+?\1")


@dataclass(frozen=True)
class Column:
    label: str
    essay: str | None = None  # the slug of an essay's column; None for a concept


@dataclass(frozen=True)
class Comparison:
    columns: tuple[Column, ...]

    @property
    def labels(self) -> list[str]:
        return [c.label for c in self.columns]


def _front_line(source: str, key: str, after: int = 0) -> int | None:
    """The line of the front matter (from line ``after`` on) that begins with ``key`` (indented or not)."""
    lines = source.split("\n")
    for number, text in enumerate(lines[after:], start=after + 1):
        stripped = text.strip().lstrip("-").strip().strip("\"'")
        if stripped.startswith(key):
            return number
        if number > 1 and text.strip() == "---":
            break
    return None


def page_comparison(site, value: object, file: str, source: str) -> Comparison | None:
    """The columns a page's ``comparison:`` front matter declares, checked; None without one."""
    if value is None:
        return None
    line = _front_line(source, "comparison:")
    example = ("Write 'comparison:' with 'concepts: [Alliance, Alignment]' and 'essays:' mapping each essay's slug "
               "to its column's label, e.g. 'trenin-2019: \"Russia–China, per Trenin (2019)\"'.")
    if not isinstance(value, dict):
        raise EditorError(file, line, "'comparison:' must list the page's concepts and essays.", example)
    for key in value:
        if key not in KEYS:
            raise EditorError(file, _front_line(source, f"{key}:", line or 0) or line,
                              f"'comparison:' has an unknown key '{key}'.{suggest(str(key), list(KEYS))}", f"Use only: {', '.join(KEYS)}.")
    concepts = value.get("concepts") or []
    essays = value.get("essays") or {}
    if not isinstance(concepts, list) or not all(isinstance(c, str) and c.strip() for c in concepts):
        raise EditorError(file, _front_line(source, "concepts:", line or 0) or line,
                          "'concepts' must be a list of column labels.", "Write 'concepts: [Alliance, Alignment]'.")
    if not isinstance(essays, dict) or not all(isinstance(v, str) and v.strip() for v in essays.values()):
        raise EditorError(file, _front_line(source, "essays:", line or 0) or line,
                          "'essays' must map each essay's slug to its column's label.",
                          "Write one line per essay under 'essays:', e.g. 'trenin-2019: \"Russia–China, per Trenin (2019)\"'.")
    columns = [Column(c.strip()) for c in concepts]
    for slug, label in essays.items():
        if str(slug) in getattr(site, "broken_essays", ()) and str(slug) not in site.by_slug:
            return None  # that essay is left out for its own (reported) problems; the page is checked once it loads
        if str(slug) not in site.by_slug:
            raise EditorError(file, _front_line(source, f"{slug}:", line or 0) or line,
                              f"the comparison has a column for the essay '{slug}', which does not exist.{suggest(str(slug), list(site.by_slug))}",
                              f"Use the slug of an essay (its folder under seeds/): {', '.join(site.by_slug) or 'none yet'}.")
        columns.append(Column(label.strip(), str(slug)))
    labels = [c.label for c in columns]
    for label in labels:
        if labels.count(label) > 1:
            raise EditorError(file, line, f"two columns of the comparison are labelled '{label}'.",
                              "Give every column its own label: a reader tells the columns apart by them.")
    if not MIN_COLUMNS <= len(columns) <= MAX_COLUMNS:
        raise EditorError(file, line, f"the comparison declares {len(columns)} column{'s' if len(columns) != 1 else ''}.",
                          f"Declare {MIN_COLUMNS} to {MAX_COLUMNS} columns (concepts and essays together): more do not fit "
                          "side by side; split a larger comparison into two pages.")
    return Comparison(tuple(columns))


@dataclass
class _Cell:
    label: str
    line: int
    definitions: int = 0
    text_lines: list[int] | None = None  # indexes into the page's lines: the cell's definition


def _blocks(lines: list[str], start: int, end: int) -> Iterator[list[int]]:
    """Indexes of the lines of each block (lines between blank lines) from ``start`` to ``end``."""
    block: list[int] = []
    for i in range(start, end):
        if lines[i].strip():
            block.append(i)
        elif block:
            yield block
            block = []
    if block:
        yield block


def comparison_regions(lines: list[str]) -> list[tuple[int, int]]:
    """(first, end) line indexes of the inside of each ``<div class="explainer-comparison">`` block."""
    regions: list[tuple[int, int]] = []
    i = 0
    while i < len(lines):
        if _OPEN.match(lines[i]):
            depth, j = 0, i
            while j < len(lines):
                depth += len(_DIV_OPEN.findall(lines[j])) - len(_DIV_CLOSE.findall(lines[j]))
                if depth <= 0:
                    break
                j += 1
            regions.append((i + 1, j))
            i = j
        i += 1
    return regions


def check_sections(comparison: Comparison, lines: list[str], file: str, first_line: int,
                   cells_out: list[tuple[Column, list[int]]] | None = None) -> list[EditorError]:
    """An :class:`EditorError` for each section whose cells are not the declared ones, in order.

    ``cells_out`` receives each essay column's cell and its line indexes (for its citations).
    """
    problems: list[EditorError] = []
    regions = comparison_regions(lines)
    expected = comparison.labels
    order = ", ".join(expected)
    if not regions:
        return [EditorError(file, None, "the page declares a comparison but has no comparison block.",
                            f'Put its sections between <div class="{CLASS}" markdown> and </div>, each a \'##\' heading '
                            f"and one cell per column: {order}.")]
    for start, end in regions:
        boundaries = [i for i in range(start, end) if _HEADING.match(lines[i])] + [end]
        body_start = boundaries[0]
        for block in _blocks(lines, start, body_start):
            problems.append(EditorError(file, first_line + block[0], "text before the comparison's first section.",
                                        "Start the comparison block with a '## ' heading; put introductions above the block."))
            break
        for b, heading_index in enumerate(boundaries[:-1]):
            title = _HEADING.match(lines[heading_index]).group(1)
            section = (title, first_line + heading_index)
            cells: list[_Cell] = []
            pending: list[int] = []  # a block that may be the labels of the next block's definition
            for block in _blocks(lines, heading_index + 1, boundaries[b + 1]):
                colon = next((k for k, i in enumerate(block) if _DEFINITION.match(lines[i])), None)
                if lines[block[0]].startswith(("    ", "\t")) and colon != 0:
                    if cells:  # more paragraphs of the last cell
                        cells[-1].text_lines = (cells[-1].text_lines or []) + block
                        continue
                    colon = None
                if colon is None:
                    if pending:
                        problems.append(_stray(file, first_line + pending[0], title, order))
                    pending = block
                    continue
                if colon and pending:  # a paragraph, then a cell of its own
                    problems.append(_stray(file, first_line + pending[0], title, order))
                labels = block[:colon] if colon else pending
                pending = []
                if not labels:
                    if cells:
                        cells[-1].definitions += 1
                        problems.append(EditorError(file, first_line + block[0], f"the cell '{cells[-1].label}' of section '{title}' "
                                                    "has more than one definition.", "Give each cell one ':' definition; indent "
                                                    "further paragraphs by four spaces."))
                    else:
                        problems.append(_stray(file, first_line + block[0], title, order))
                    continue
                for i in labels[:-1]:
                    problems.append(EditorError(file, first_line + i, f"the cell '{lines[i].strip()}' of section '{title}' has no "
                                                "definition of its own.", "Follow every label with its own ':   ' line."))
                cell = _Cell(lines[labels[-1]].strip(), first_line + labels[-1], 1, block[colon:])
                extra = [i for i in block[colon + 1:] if _DEFINITION.match(lines[i])]
                if extra:
                    problems.append(EditorError(file, first_line + extra[0], f"the cell '{cell.label}' of section '{title}' "
                                                "has more than one definition.", "Give each cell one ':' definition; indent "
                                                "further paragraphs by four spaces."))
                cells.append(cell)
            if pending:
                problems.append(_stray(file, first_line + pending[0], title, order))
            problems.extend(_compare(cells, expected, section, file, order))
            if cells_out is not None:
                by_label = {c.label: c for c in cells}
                for column in comparison.columns:
                    cell = by_label.get(column.label)
                    if column.essay and cell and cell.text_lines:
                        cells_out.append((column, cell.text_lines))
    return problems


def _stray(file: str, line: int, title: str, order: str) -> EditorError:
    return EditorError(file, line, f"section '{title}' of the comparison holds text that is not a cell.",
                       f"A section holds only its cells, each a label line and a ':   ' definition: {order}. "
                       "Put other text above or below the comparison block.")


def _compare(cells: list[_Cell], expected: list[str], section: tuple[str, int], file: str, order: str) -> list[EditorError]:
    title, heading_line = section
    fix = f"The cells of every section are, in this order: {order} (declared under 'comparison:' in the front matter)."
    problems: list[EditorError] = []
    seen: dict[str, int] = {}
    for cell in cells:
        if cell.label not in expected:
            problems.append(EditorError(file, cell.line, f"section '{title}' has a cell '{cell.label}' that the page does not "
                                        f"declare.{suggest(cell.label, expected)}", fix))
        elif cell.label in seen:
            problems.append(EditorError(file, cell.line, f"section '{title}' has the cell '{cell.label}' twice "
                                        f"(first at line {seen[cell.label]}).", fix))
        else:
            seen[cell.label] = cell.line
    missing = [label for label in expected if label not in seen]
    if missing:
        names = ", ".join(f"'{m}'" for m in missing)
        problems.append(EditorError(file, heading_line, f"section '{title}' has no cell {names}.", fix))
    elif len(seen) == len(cells) and [c.label for c in cells] != expected:
        wrong = next(c for c, e in zip(cells, expected, strict=True) if c.label != e)
        problems.append(EditorError(file, wrong.line, f"the cells of section '{title}' are out of order ('{wrong.label}' is "
                                    "not where the page declares it).", fix))
    return problems


def cite_column_essays(lines: list[str], cells: list[tuple[Column, list[int]]]) -> None:
    """In an essay's column, a bare ``[[p5]]`` cites that essay: written out as ``[[slug:p5]]``.

    Every essay column, the page's own (``essay:``) included: on a page whose
    columns cite several essays a bare citation elsewhere is ambiguous (see
    ``citations``), but inside a column it is not.
    """
    for column, indexes in cells:
        if column.essay is None:
            continue
        for i in indexes:
            if "[[p" in lines[i] and not _CODE_SPAN.search(lines[i]):
                lines[i] = _BARE.sub(lambda m, slug=column.essay: f"[[{slug}:{m.group(1)}]]", lines[i])


def undeclared_comparison(lines: list[str], file: str, first_line: int) -> EditorError | None:
    """A comparison block on a page that declares no columns (its cells could not be checked)."""
    for i, line in enumerate(lines):
        if _OPEN.match(line):
            return EditorError(file, first_line + i, "this comparison block has no declaration of its columns.",
                               "Add 'comparison:' to the page's front matter: 'concepts: [...]' and 'essays:' with one "
                               "'slug: \"column label\"' line per essay (see the editing page).")
    return None


class ComparisonPreprocessor(Preprocessor):
    """Checks each section's cells against the declaration; points bare citations of an essay's column at it."""

    def __init__(self, md: Markdown, site) -> None:
        super().__init__(md)
        self.site = site

    def run(self, lines: list[str]) -> list[str]:
        page = self.site.page
        file = page.file or page.src
        if page.comparison is None:
            if not page.generated and not page.declares_comparison and CLASS in "\n".join(lines):
                error = undeclared_comparison(lines, file, page.first_line)
                if error:
                    self.site.problems.add(error)
            return lines
        cells: list[tuple[Column, list[int]]] = []
        lines = list(lines)
        self.site.problems.extend(check_sections(page.comparison, lines, file, page.first_line, cells))
        cite_column_essays(lines, cells)
        return lines


class ComparisonTreeprocessor(Treeprocessor):
    """Gives the comparison block its column count: ``style="--explainer-columns: N"`` (the stylesheet's grid)."""

    def __init__(self, md: Markdown, site) -> None:
        super().__init__(md)
        self.site = site

    def run(self, root: etree.Element) -> None:
        comparison = self.site.page.comparison
        if comparison is None:
            return
        for div in root.iter("div"):
            if CLASS in (div.get("class") or "").split():
                div.set("style", f"--explainer-columns: {len(comparison.columns)}")
                div.set("data-columns", str(len(comparison.columns)))


class ComparisonExtension(Extension):
    def __init__(self, site, **kwargs) -> None:
        self.site = site
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        # Before the citation check (40), so a column's bare citations are checked against its essay.
        md.preprocessors.register(ComparisonPreprocessor(md, self.site), "explainer-comparison", 41)
        md.treeprocessors.register(ComparisonTreeprocessor(md, self.site), "explainer-comparison", 5)
