"""The shared shape of the editors' Markdown files: one ``## Heading {#id}`` section per entry.

Both ``claims.md`` and ``glossary.md`` are split here, so the two formats
agree on what a section heading is (``##`` outside fenced code) and read its
attribute block (``{#id}``, ``{: #id .class }``) exactly as Python-Markdown's
``attr_list`` reads it on the rendered page: the same pattern, the same
scanner. A block ``attr_list`` would not take stays part of the title, as it
does on the page.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from markdown.extensions.attr_list import AttrListTreeprocessor, get_attrs_and_remainder, sanitize_name
from markdown.extensions.toc import slugify, slugify_unicode

from .errors import EditorError

# Python-Markdown's hash header: '##' then the text, trailing '#'s dropped (escaped characters kept whole).
_HEADING = re.compile(r"^##(?!#)(?P<header>(?:\\.|[^\\])*?)#*$")
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")


@dataclass
class Section:
    line: int  # of the heading
    title: str  # empty when the heading has no text; without its attribute block
    body: list[str]  # the lines after the heading
    attrs: list[tuple[str, str | None]] = field(default_factory=list)  # as attr_list reads the block
    block: str = ""  # the attribute block as written, e.g. "{#arms}"

    @property
    def explicit_id(self) -> str | None:
        """The id the attribute block gives the heading (``attr_list`` keeps the last), if any."""
        ids = [value for key, value in self.attrs if key != "." and sanitize_name(key) == "id"]
        return ids[-1] if ids else None


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
        heading = None if in_fence else _HEADING.match(line.rstrip())
        if heading:
            doc.sections.append(_section(number, heading.group("header").strip()))
        elif doc.sections:
            doc.sections[-1].body.append(line)
        else:
            doc.preamble.append((number, line))
    return doc


def _section(line: int, text: str) -> Section:
    """A heading's title and attribute block, split where ``attr_list`` splits them."""
    m = AttrListTreeprocessor.HEADER_RE.search(text)
    if m:
        attrs, remainder = get_attrs_and_remainder(m.group(1))
        if not remainder:  # attr_list's strict rule for headings: else the braces are text
            return Section(line, text[: m.start()].rstrip("#").rstrip(), [], attrs, m.group(0).strip())
    return Section(line, text, [])


def check_attributes(path: Path, section: Section, *, only_id: bool) -> None:
    """Refuse an attribute block that would give the heading no usable id, or attributes that would show nowhere.

    ``only_id``: the heading is not rendered from the file (a claim's is rebuilt in the
    register), so anything but an id would be lost silently.
    """
    if not section.block:
        return
    block, where = section.block, f"the heading's attribute block '{section.block}'"
    ids = [(key, value) for key, value in section.attrs if key != "." and sanitize_name(key) == "id"]
    example = f"'## {section.title or 'Title'} {{#an-id}}'"
    if any(value is None for _, value in ids):
        raise EditorError(path, section.line, f"{where} has a bare word 'id', which Markdown reads as an id without a value.",
                          f"Write the id once, after a '#': {example}.")
    if len(ids) > 1:
        written = ", ".join(f"'{value}'" for _, value in ids)
        raise EditorError(path, section.line, f"{where} gives the heading {len(ids)} ids ({written}); Markdown keeps only the last.",
                          f"Keep one: {example}.")
    if ids and not re.fullmatch(r"[^\s#]+", ids[0][1] or ""):
        raise EditorError(path, section.line, f"{where} gives the id '{ids[0][1]}', which cannot be used in an address.",
                          f"Write a non-empty id without spaces: {example}.")
    others = [(key, value) for key, value in section.attrs if (key, value) not in ids]
    if only_id and others:
        shown = ", ".join(f"'.{v}'" if k == "." else f"'{k}'" for k, v in others)
        raise EditorError(path, section.line,
                          f"Markdown reads '{block}' at the end of the heading as attributes ({shown}), not as part of the title.",
                          "A claim heading takes only an id: '{#an-id}'. To show braces in the title, "
                          f"escape the first one: '\\{block}'.")
    bare = [key for key, value in section.attrs if value is None and key != "."]
    if bare:
        raise EditorError(path, section.line,
                          f"Markdown reads '{block}' at the end of the heading as attributes, and "
                          f"{', '.join(repr(b) for b in bare)} as attribute names without values, not as part of the title.",
                          f"To show braces in the title, escape the first one: '\\{block}'; to set the id, write '{{#an-id}}'.")


def heading_id(title: str) -> str:
    """The id Python-Markdown's ``toc`` gives a heading: accents dropped, other scripts lost ("" for '中国')."""
    return slugify(title, "-")


def stable_id(title: str) -> str:
    """A non-empty id for a heading in any script, the same in every build while the title stays.

    A title whose letters are all Latin keeps ``toc``'s id ('Détente in 2019' ->
    'detente-in-2019'); a title with letters of another script keeps them
    ('Путин в Валдае' -> 'путин-в-валдае', '中国' -> '中国'; composed and decomposed
    spellings give the same id); a title with no letter or digit gets 'id-' and
    eight hex digits of its SHA-1.
    """
    title = unicodedata.normalize("NFC", title)
    letters = (ch for ch in unicodedata.normalize("NFKD", title) if unicodedata.category(ch).startswith("L"))
    if all(ch.isascii() for ch in letters) and (ascii_id := heading_id(title)):
        return ascii_id
    return slugify_unicode(title, "-") or "id-" + hashlib.sha1(title.encode("utf-8")).hexdigest()[:8]
