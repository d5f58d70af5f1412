"""Variants of the real comparison page for tests: other columns, whatever columns it declares.

Tests that need a comparison of two, three or four columns make it from the real page, so
they keep working when an editor adds an essay's column to it (or rewrites its cells).
"""

from __future__ import annotations

import re

import yaml

_BARE = re.compile(r"\[\[p(\d+)")
CELL = "[[p1]] A cell about the second essay, long enough to wrap over a few lines in a narrow column."


def front_matter(source: str) -> dict:
    """The page's front matter."""
    return yaml.safe_load(source.split("---\n", 2)[1])


def _runs(body: str, labels: set[str]) -> list[tuple[str | None, list[str]]]:
    """The page's lines as runs: (a cell's label, its lines) or (None, other lines: headings, text)."""
    runs: list[tuple[str | None, list[str]]] = [(None, [])]
    for line in body.split("\n"):
        if line in labels:
            runs.append((line, [line]))
        elif line.startswith(("## ", "</div>")):
            runs.append((None, [line]))
        else:
            runs[-1][1].append(line)
    return runs


def variant(source: str, keep: list[str], extra: tuple[str, str] | None = None) -> str:
    """The page with the concept columns, the columns of the essays in ``keep`` (slugs), and ``extra``
    (slug, label) appended to every section with the cell :data:`CELL`.

    A page that cites two essays names the essay outside their columns: a bare ``[[pN]]`` there
    becomes the page's own essay's; inside an essay's column it stays (it is that column's).
    """
    _, matter, body = source.split("---\n", 2)
    front = yaml.safe_load(matter)
    comparison = dict(front["comparison"])
    essays: dict[str, str] = comparison.get("essays") or {}
    labels = set(comparison["concepts"]) | set(essays.values())
    slug_of = {label: slug for slug, label in essays.items()}
    columns = {slug: label for slug, label in essays.items() if slug in keep}  # in the page's order
    last = list(columns.values())[-1] if columns else comparison["concepts"][-1]  # the new cell goes after it
    if extra:
        columns[extra[0]] = extra[1]
    out: list[str] = []
    for label, lines in _runs(body, labels):
        if label in slug_of and slug_of[label] not in keep:
            continue  # a column this variant leaves out
        text = "\n".join(lines)
        if label is None and len(columns) > 1 and front.get("essay"):
            text = _BARE.sub(f"[[{front['essay']}:p\\1", text)
        out.append(text)
        if extra and label == last:
            out.append(f"{extra[1]}\n:   {CELL}\n")
    if columns:
        comparison["essays"] = columns
    else:
        comparison.pop("essays", None)
    matter = yaml.safe_dump(dict(front, comparison=comparison), allow_unicode=True, sort_keys=False)
    return f"---\n{matter}---\n" + "\n".join(out)
