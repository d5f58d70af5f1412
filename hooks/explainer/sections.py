"""The shared shape of the editors' Markdown files: one ``## Heading {#id}`` section per entry.

Both ``claims.md`` and ``glossary.md`` are split here, so the two formats
agree on what a section heading is (``##`` outside fenced code) and how an
explicit id is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from markdown.extensions.toc import slugify

from .errors import EditorError

_HEADING = re.compile(r"^##(?!#)\s*(.*?)\s*(?:\{\s*#([A-Za-z][\w-]*)\s*\})?\s*#*\s*$")
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")


@dataclass
class Section:
    line: int  # of the heading
    title: str  # empty when the heading has no text
    id: str
    body: list[str]  # the lines after the heading


@dataclass
class Document:
    preamble: list[tuple[int, str]]  # (line, text) before the first section
    sections: list[Section]


def read_sections(path: Path) -> Document:
    """Split a UTF-8 Markdown file (a byte order mark is allowed) into its ``##`` sections."""
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()  # a byte order mark is not text
    except UnicodeDecodeError as e:
        raise EditorError(path, None, f"the file is not UTF-8 (byte {e.start}).", "Save it as UTF-8.") from None
    doc = Document([], [])
    in_fence = False
    for number, line in enumerate(lines, start=1):
        if _FENCE.match(line):
            in_fence = not in_fence
        heading = None if in_fence else _HEADING.match(line)
        if heading:
            title = heading.group(1)
            doc.sections.append(Section(number, title, heading.group(2) or slugify(title, "-"), []))
        elif doc.sections:
            doc.sections[-1].body.append(line)
        else:
            doc.preamble.append((number, line))
    return doc
