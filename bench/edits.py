"""The edits the serve benchmark saves, one kind each, in the generator's site (a) and the plain mirror (b).

Each edit changes the same content in both: (a) in its source (a seed folder, the glossary,
a page), (b) in the Markdown page that holds it. Every save is one rename, so the
server's watcher sees one change; ``save(None)`` puts the original back.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

KINDS = ("essay text", "claim", "glossary entry", "companion page", "new essay")


def _atomic_write(path: Path, text: str, staging: Path) -> None:
    """Write ``text`` beside the watched folders, then rename it into place: the watcher sees one change."""
    temp = staging / f".{path.name}.tmp"
    temp.write_text(text, encoding="utf-8")
    os.replace(temp, path)


class TextEdit:
    """Revision ``number`` of one file is ``change(original, number)``."""

    def __init__(self, path: Path, change: Callable[[str, int], str], staging: Path) -> None:
        self.path, self.staging = path, staging
        self.original = path.read_text(encoding="utf-8")
        self.change = change
        change(self.original, 0)  # fails now, not in the middle of a series, if the file is not as expected

    def save(self, number: int | None) -> None:
        _atomic_write(self.path, self.original if number is None else self.change(self.original, number), self.staging)


def _insert_before(text: str, anchor: str, start: int, addition: str) -> str:
    at = text.index(anchor, start)
    return text[:at] + addition + text[at:]


def glossary_change(text: str, number: int) -> str:
    """One entry in the middle of the glossary: its short definition gets a few words longer."""
    headings = [m.start() for m in re.finditer(r"^## ", text, re.MULTILINE)]
    if not headings:
        raise SystemExit("the glossary has no entries to edit")
    start = headings[len(headings) // 2]
    blocks = text[start:].split("\n\n")
    index = 2 if blocks[1].startswith("Also:") else 1  # the short definition follows the heading (and the Also: line)
    blocks[index] = blocks[index].rstrip(".") + f", as revised ({number})."
    return text[:start] + "\n\n".join(blocks)


def essay_text_a(text: str, number: int) -> str:
    return _insert_before(text, "\n\n", 0, f" Revised {number}.")  # the end of the first paragraph


def essay_text_b(text: str, number: int) -> str:
    return _insert_before(text, "\n{: #p1 }", 0, f" Revised {number}.")


def claim_a(text: str, number: int) -> str:
    """The first claim's note (after its Kind and Date lines)."""
    start = text.index("Date: ")
    return _insert_before(text, "\n\n", text.index("\n\n", start) + 2, f" Revised {number}.")


def claim_b(text: str, number: int) -> str:
    """The first claim's footnote."""
    return _insert_before(text, "\n", text.index("\n[^claim-") + 1, f" Revised {number}.")


def companion_change(text: str, number: int) -> str:
    return text + f"\nRevised {number}: a line added to the page.\n"


class NewEssay:
    """Revision ``number`` adds a copy of one essay under a new name, dated after every other (so it is the newest)."""

    def __init__(self, folder: Path, rename: Callable[[Path, str], None], staging: Path) -> None:
        self.folder, self.rename, self.staging, self.added = folder, rename, staging, []

    def save(self, number: int | None) -> None:
        if number is None:
            for path in self.added:
                shutil.rmtree(path, ignore_errors=True)
            self.added = []
            return
        target = self.folder.with_name(f"bench-new-{number}")
        staging = self.staging / f".staging-{number}"  # outside the watched folders, then one rename
        shutil.rmtree(staging, ignore_errors=True)
        shutil.copytree(self.folder, staging)
        self.rename(staging, target.name)
        os.replace(staging, target)
        self.added.append(target)


def _redate(folder: Path, _slug: str) -> None:
    meta = folder / "meta.yml"
    meta.write_text(re.sub(r"^date: .*$", "date: 2031-01-01", meta.read_text(encoding="utf-8"), flags=re.MULTILINE),
                    encoding="utf-8")


def edits_for(site: str, root: Path, slug: str) -> dict[str, object]:
    """The edits of each kind for site ``a`` (the generator's) or ``b`` (the mirror) under ``root``, on essay ``slug``."""
    docs = root / "docs"
    if site == "a":
        seed = root / "seeds" / slug
        return {
            "essay text": TextEdit(seed / "essay.txt", essay_text_a, root),
            "claim": TextEdit(seed / "claims.md", claim_a, root),
            "glossary entry": TextEdit(docs / "glossary.md", glossary_change, root),
            "companion page": TextEdit(docs / "analysis.md", companion_change, root),
            "new essay": NewEssay(seed, _redate, root),
        }
    page = docs / "essays" / slug / "index.md"
    return {
        "essay text": TextEdit(page, essay_text_b, root),
        "claim": TextEdit(page, claim_b, root),
        "glossary entry": TextEdit(docs / "glossary.md", glossary_change, root),
        "companion page": TextEdit(docs / "analysis.md", companion_change, root),
        "new essay": NewEssay(page.parent, lambda staging, name: None, root),
    }
