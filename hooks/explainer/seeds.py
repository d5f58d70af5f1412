"""Read ``seeds/<slug>/``: the essay text as published and its metadata, into an :class:`Essay`.

The text is split into paragraphs at blank lines; the boilerplate passages the
metadata names are dropped and the author note is set aside, and what is left is
numbered ``p1`` … ``pN``. Every problem is an :class:`EditorError` naming the
file, the line and the fix.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from .errors import EditorError
from .language import check_language, text_direction
from .model import Essay, Paragraph
from .text import normalise, suggest
from .yamlfile import Loader, construct_unique_mapping, read_yaml

TEXT_FILE = "essay.txt"
META_FILE = "meta.yml"
CLAIMS_FILE = "claims.md"

REQUIRED = {
    "title": "the headline or title as published",
    "author": "who wrote or delivered it",
    "date": "when it was published or delivered, YYYY-MM-DD (any year from 0001)",
}
OPTIONAL = {
    "short_title": "how other pages name it, e.g. 'Trenin 2019' (default: the author's surname and the year)",
    "publication": "where it was published (leave out for a speech or lecture that was not)",
    "series": "the publication's series or section",
    "venue": "where a speech or lecture was given, e.g. 'Senate Chamber, Washington'",
    "occasion": "what it was given for, e.g. 'Inauguration as President'",
    "language": "the text's language as a BCP 47 tag, e.g. en, fr, ru, ar, zh-Hant (default: en)",
    "url": "the original address",
    "omit": "list of whole paragraphs of publisher boilerplate to leave out",
    "author_note": "how the author note paragraph begins; shown as an author box",
    "summary": "one or two sentences for the home page and search results",
    "note": "an editorial note about the text (provenance, what is uncertain)",
}
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def load_essays(seeds_dir: Path, load: Callable[[Path], Essay | None] | None = None) -> list[Essay]:
    """Every essay under ``seeds_dir``, newest first (then by slug), each read by ``load`` (default: :func:`load_essay`).

    A folder ``load`` returns None for (one it found broken and reported) is left out.
    """
    if not seeds_dir.is_dir():
        return []
    load = load or load_essay
    loaded = (load(d) for d in sorted(seeds_dir.iterdir()) if d.is_dir() and not d.name.startswith((".", "_")))
    return sorted((e for e in loaded if e is not None), key=lambda e: (-e.date.toordinal(), e.slug))


def load_essay(folder: Path) -> Essay:
    """Parse one seed folder."""
    text_path, meta_path = folder / TEXT_FILE, folder / META_FILE
    if not SLUG.match(folder.name):
        raise EditorError(folder, None, f"the folder name '{folder.name}' cannot be used in an address.",
                          "Rename it with lower-case letters, digits and hyphens only, e.g. 'trenin-2019'.")
    if not text_path.is_file():
        raise EditorError(folder, None, f"the seed folder has no {TEXT_FILE}.",
                          f"Put the essay, exactly as published, in {text_path} (paragraphs separated by blank lines).")
    if not meta_path.is_file():
        raise EditorError(folder, None, f"the seed folder has no {META_FILE}.",
                          f"Create {meta_path} with at least: {', '.join(REQUIRED)}.")
    meta = _read_meta(meta_path)
    raw = _read_text(text_path)
    paragraphs = _split_paragraphs(raw)
    if not paragraphs:
        raise EditorError(text_path, None, "the essay is empty.", "Paste the essay's text into the file.")

    omitted: set[int] = set()
    for entry, entry_line in meta["omit"]:
        omitted.add(_find_whole_paragraph(entry, paragraphs, meta_path, entry_line, text_path))
    author_note = None
    if meta["author_note"]:
        prefix, prefix_line = meta["author_note"]
        idx = _find_author_note(prefix, paragraphs, omitted, meta_path, prefix_line, text_path)
        omitted.add(idx)
        author_note = paragraphs[idx][1]

    kept = [(line, text) for i, (line, text) in enumerate(paragraphs) if i not in omitted]
    if not kept:
        raise EditorError(text_path, None, "no paragraph of the essay is left once boilerplate and author note are set aside.",
                          f"Check the 'omit' and 'author_note' entries in {meta_path}.")
    return Essay(
        slug=folder.name,
        folder=folder,
        title=meta["title"],
        author=meta["author"],
        date=meta["date"],
        publication=meta["publication"],
        short_title=meta["short_title"],
        venue=meta["venue"],
        occasion=meta["occasion"],
        language=meta["language"] or "en",
        direction=text_direction(meta["language"] or "en"),
        series=meta["series"],
        url=meta["url"],
        summary=meta["summary"],
        note=meta["note"],
        author_note=author_note,
        paragraphs=[Paragraph(n, text, line) for n, (line, text) in enumerate(kept, start=1)],
    )


# Unicode's control characters (category Cc) other than newline and tab.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


class _LineLoader(Loader):  # libyaml when present: 5x faster, same marks
    """The editors' YAML loader (no duplicate keys), remembering the line of each top-level key and list item."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    mapping = construct_unique_mapping(loader, node)
    mapping["__lines__"] = {k.value: k.start_mark.line + 1 for k, _ in node.value if isinstance(k, yaml.ScalarNode)}
    mapping["__items__"] = {
        k.value: [item.start_mark.line + 1 for item in v.value]
        for k, v in node.value if isinstance(k, yaml.ScalarNode) and isinstance(v, yaml.SequenceNode)
    }
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _read_meta(path: Path) -> dict[str, Any]:
    """Load and check the metadata; values come back typed, with source lines where useful."""
    data = read_yaml(path, _LineLoader)
    if not isinstance(data, dict):
        raise EditorError(path, 1, "the metadata must be a set of 'key: value' lines.",
                          f"Start from this: {', '.join(f'{k}: …' for k in REQUIRED)}.")
    lines: dict[str, int] = data.pop("__lines__")
    items: dict[str, list[int]] = data.pop("__items__")
    known = [*REQUIRED, *OPTIONAL]
    for key in data:
        if key not in known:
            raise EditorError(path, lines.get(key), f"unknown key '{key}'.{suggest(str(key), known)}",
                              f"Valid keys: {', '.join(known)}.")
    for key, what in REQUIRED.items():
        if data.get(key) in (None, ""):
            raise EditorError(path, lines.get(key), f"the required key '{key}' ({what}) is missing or empty.",
                              f"Add a line '{key}: …'.")

    if data.get("url") is not None and not re.match(r"^https?://[^\s/]+\S*$", str(data["url"])):
        raise EditorError(path, lines.get("url"), f"'url: {data['url']}' is not a web address.",
                          "Give the original's full address, starting with https:// or http://.")
    out: dict[str, Any] = {}
    for key in known:
        value = data.get(key)
        if key == "date":
            out[key] = _as_date(value, path, lines.get(key))
        elif key == "language" and value is not None:
            out[key] = check_language(_as_str(value, path, lines.get(key), key), path, lines.get(key))
        elif key == "omit":
            out[key] = _as_list(value, path, lines.get(key, 1), key, items.get(key, []))
        elif key == "author_note":
            out[key] = (_as_str(value, path, lines.get(key), key), lines.get(key)) if value is not None else None
        else:
            out[key] = _as_str(value, path, lines.get(key), key) if value is not None else None
    return out


def _as_str(value: Any, path: Path, line: int | None, key: str) -> str:
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        text = str(value).strip()
        # A control character is never published text; Python-Markdown's own placeholders are made of them.
        if control := _CONTROL.search(text):
            raise EditorError(path, line, f"'{key}' contains the control character U+{ord(control.group()):04X}.",
                              "Delete it (a \\x.. or \\u.. escape in quotes writes one); published text has none.")
        return text
    raise EditorError(path, line, f"'{key}' must be a single line of text.", f"Write '{key}: \"…\"'.")


def _as_date(value: Any, path: Path, line: int | None) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise EditorError(path, line, f"'date: {value}' is not a date.",
                          "Write it as YYYY-MM-DD with a four-digit year, e.g. 'date: 2019-12-02' or 'date: 0800-12-25'.") from None


def _as_list(value: Any, path: Path, line: int, key: str, item_lines: list[int]) -> list[tuple[str, int]]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise EditorError(path, line, f"'{key}' must be a list of passages.",
                          f"Write '{key}:' and then one '  - \"…\"' line per passage.")
    return [(v, item_lines[i] if i < len(item_lines) else line) for i, v in enumerate(value)]


def _read_text(path: Path) -> str:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        column = e.start - (data.rfind(b"\n", 0, e.start) + 1) + 1
        raise EditorError(path, line, f"the text is not UTF-8 (byte 0x{data[e.start]:02x} at column {column}).",
                          "Re-save the file as UTF-8; do not retype the essay.") from None
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    control = _CONTROL.search(text)
    if control:
        i = control.start()
        raise EditorError(path, text.count("\n", 0, i) + 1, f"the text contains the control character U+{ord(text[i]):04X}.",
                          "Delete it; published text has no control characters.")
    return text


def _split_paragraphs(text: str) -> list[tuple[int, str]]:
    """(line, text) for each block of text between blank lines."""
    out: list[tuple[int, str]] = []
    for m in re.finditer(r"[^\n]*\S[^\n]*(?:\n[^\n]*\S[^\n]*)*", text):
        out.append((text.count("\n", 0, m.start()) + 1, m.group().strip()))
    return out


def _find_whole_paragraph(entry: str, paragraphs: list[tuple[int, str]], meta: Path, line: int, text_path: Path) -> int:
    wanted = normalise(entry)
    for i, (_, text) in enumerate(paragraphs):
        if normalise(text) == wanted:
            return i
    for _, (pline, text) in enumerate(paragraphs):
        if wanted and wanted in normalise(text):
            raise EditorError(meta, line, f"the passage to omit is only part of the paragraph at {text_path.name} line {pline}.",
                              "Omit whole paragraphs only: quote the entire paragraph.")
    raise EditorError(meta, line, f"the passage to omit, '{entry}', is not in {text_path.name}.",
                      "Copy the boilerplate paragraph exactly from the text, or remove the entry.")


def _find_author_note(prefix: str, paragraphs: list[tuple[int, str]], omitted: set[int], meta: Path, line: int | None,
                      text_path: Path) -> int:
    wanted = normalise(prefix)
    hits = [i for i, (_, text) in enumerate(paragraphs) if i not in omitted and normalise(text).startswith(wanted)]
    if len(hits) == 1:
        return hits[0]
    if not hits:
        raise EditorError(meta, line, f"no paragraph of {text_path.name} begins with '{prefix}'.",
                          "Copy the first words of the author note paragraph exactly.")
    raise EditorError(meta, line, f"{len(hits)} paragraphs of {text_path.name} begin with '{prefix}'.",
                      "Quote more of the author note's first words so only one paragraph matches.")
