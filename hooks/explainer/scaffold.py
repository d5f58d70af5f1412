"""``make essay SLUG=…``: a new seed folder, ready to fill in.

Writes ``seeds/<slug>/meta.yml`` with every key the loader knows, each with
its meaning as a comment (generated from :data:`seeds.REQUIRED` and
:data:`seeds.OPTIONAL`, so the template cannot fall behind the format), and a
``claims.md`` whose example claim sits in a comment. It never overwrites: an
existing folder is an error. The essay's text is left to the editor, who must
paste it exactly as published.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import EditorError
from .model import CLAIM_KINDS
from .seeds import CLAIMS_FILE, META_FILE, OPTIONAL, REQUIRED, SLUG, TEXT_FILE

# Example values, for keys whose meaning alone does not show the form.
_EXAMPLES = {"date": "1801-03-04", "language": "en", "url": "https://example.org/the-original"}
_LISTS = {"omit"}


def _sentence(meaning: str) -> str:
    return f"# {meaning[0].upper()}{meaning[1:]}."


def meta_template(slug: str) -> str:
    """``meta.yml`` for a new essay: the required keys to fill in, the optional ones commented out."""
    lines = [f"# Metadata of seeds/{slug}/{TEXT_FILE}. The keys are explained on the site's",
             '# "Editing this site" page (docs/editing.md, "Add an essay").', "",
             "# Required: give every one a value.", ""]
    for key, meaning in REQUIRED.items():
        lines += [_sentence(meaning) + (f" For example: {_EXAMPLES[key]}" if key in _EXAMPLES else ""), f"{key}:", ""]
    lines += ["# Optional: to use one, delete the '# ' before its key and give it a value.", ""]
    for key, meaning in OPTIONAL.items():
        lines.append(_sentence(meaning))
        if key in _LISTS:
            lines += [f"# {key}:", '#   - "The whole paragraph, copied exactly"']
        else:
            lines.append(f"# {key}: {_EXAMPLES.get(key, '')}".rstrip())
        lines.append("")
    return "\n".join(lines)


def claims_template() -> str:
    """``claims.md`` with no claim yet: a commented example of the format (the build ignores the comment)."""
    kinds = ", ".join(CLAIM_KINDS)
    example = """## A short title {#an-optional-id}

> The passage, copied exactly from essay.txt (it must occur there once).

Kind: fact
Date: 1801-03-04

The note, in your own words: context, what is established and what is not.
A bare [[p2]] cites paragraph 2 of this essay.

Sources:

- [A title](https://example.org/source), outlet, 4 March 1801.
- A full citation without a link: author, title, outlet, date (any year, or n.d.)."""
    body = "\n".join(("    " + line) if line else "" for line in example.split("\n"))
    return (f"# Claims\n\n<!--\nOne '## ' section per claim, in any order; see \"Add a claim\" on docs/editing.md.\n"
            f"Kind is one of: {kinds}. Date is optional.\nCopy the example below without its indent, below this comment:\n\n"
            f"{body}\n-->\n")


def scaffold(seeds_dir: Path, slug: str) -> list[Path]:
    """Create ``seeds_dir/<slug>/`` with the two templates; :class:`EditorError` for a bad or taken slug."""
    folder = seeds_dir / slug
    if not SLUG.match(slug):
        raise EditorError(folder, None, f"'{slug}' cannot be used as an essay's address.",
                          "Use lower-case letters, digits and hyphens, starting with a letter or digit: e.g. 'jefferson-1801'.")
    if folder.exists():
        raise EditorError(folder, None, "this essay folder already exists; nothing was written.",
                          "Choose another slug, or edit the files already there.")
    folder.mkdir(parents=True)
    written = [folder / META_FILE, folder / CLAIMS_FILE]
    written[0].write_text(meta_template(slug), encoding="utf-8")
    written[1].write_text(claims_template(), encoding="utf-8")
    return written


def next_steps(folder: Path) -> str:
    slug = folder.name
    return "\n".join([
        f"Created {folder}/ with {META_FILE} and {CLAIMS_FILE}. Next:",
        f"  1. Paste the text, exactly as published, into {folder / TEXT_FILE} (UTF-8, paragraphs separated by blank lines).",
        f"  2. Fill in {folder / META_FILE}: {', '.join(REQUIRED)} are required; uncomment any optional key you need.",
        f"  3. Optionally annotate claims in {folder / CLAIMS_FILE} (the example is in its comment).",
        "  4. Run 'make check' for any mistake (file, line and fix), then 'make serve' and open",
        f"     http://127.0.0.1:8000/essays/{slug}/",
    ])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make essay", description="Create seeds/<slug>/ for a new essay.")
    parser.add_argument("slug", nargs="?", default="", help="the essay's address, e.g. jefferson-1801")
    parser.add_argument("--seeds", default="seeds", type=Path, help="the seeds folder (default: seeds)")
    args = parser.parse_args(argv)
    if not args.slug:
        print("Say which essay: make essay SLUG=author-year (lower-case letters, digits, hyphens).", file=sys.stderr)
        return 2
    try:
        written = scaffold(args.seeds, args.slug)
    except EditorError as e:
        print(e, file=sys.stderr)
        return 1
    print(next_steps(written[0].parent))
    return 0


if __name__ == "__main__":
    sys.exit(main())
