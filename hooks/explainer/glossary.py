"""Read ``docs/glossary.md`` into :class:`Term`s.

Format, one ``##`` section per term::

    ## Early warning system {#optional-id}

    Also: early warning, missile attack warning system

    The short definition: one paragraph, shown as the tooltip wherever the term is linked.

    As much more as the term needs.

Case rule: a name whose letters after the first are all lower case matches in any
case ("Entente" matches "entente"); a name with a capital after its first letter
("NATO", "Entente Cordiale") matches only as written, apart from the case of
its very first letter.
"""

from __future__ import annotations

import html
import re
import unicodedata
from pathlib import Path

import markdown

from .errors import EditorError
from .model import Term
from .problems import Problems, RaiseAtOnce
from .sections import Section, check_attributes, heading_id, read_sections
from .terms import case_sensitive, name_parts

SHORT_LIMIT = 300
_ALSO = re.compile(r"^(?:\*\*|\*|_)?Also:(?:\*\*|\*|_)?\s*(.*)$")
_NOT_PROSE = re.compile(r"^\s*(?:[-*+]\s|\d+[.)]\s|>|#|\||```|~~~|<|!!!|\[\^)")
_TAGS = re.compile(r"<[^>]+>")


def parse_glossary(path: Path, problems: Problems | None = None) -> list[Term]:
    """The terms of the glossary, in file order; names checked for collisions.

    Without ``problems`` the first problem raises :class:`EditorError`; with it, each
    entry's problem is recorded there and that entry is left out.
    """
    problems = problems if problems is not None else RaiseAtOnce()
    if not path.is_file():
        raise EditorError(path, None, "the glossary page is missing.", "Create it with one '## Term' section per term.")
    terms = [t for t in (problems.attempt(_parse_section, path, section) for section in read_sections(path).sections) if t]
    return check_collisions(path, terms, problems)


def _parse_section(path: Path, section: Section) -> Term:
    if not section.title:
        raise EditorError(path, section.line, "a glossary heading needs the term.", "Write '## Term' (optionally '{#an-id}').")
    check_attributes(path, section, only_id=False)
    name, term_id, start = section.title, section.explicit_id or heading_id(section.title), section.line
    check_name(path, start, name)
    if not term_id:  # the glossary page is rendered by Markdown, whose toc gives such a heading a made-up id ("_1")
        raise EditorError(path, start, f"the heading '{name}' gives no anchor: the page's anchors keep only Latin letters and digits.",
                          f"Give it one after the title, e.g. '## {name} {{#a-latin-id}}'.")
    blocks = _blocks(section.body, start + 1)
    aliases: list[str] = []
    if blocks and (also := _ALSO.match(blocks[0][1])):
        line = blocks[0][0]
        aliases = [a.strip() for a in " ".join([also.group(1), *blocks[0][2:]]).split(",")]
        if not all(aliases):
            raise EditorError(path, line, f"the 'Also:' line of '{name}' has an empty name.",
                              "List the other forms separated by single commas, e.g. 'Also: ententes, entente-like'.")
        blocks = blocks[1:]
        for alias in aliases:
            check_name(path, line, alias)
    if not blocks:
        raise EditorError(path, start, f"the term '{name}' has no definition.",
                          "Add a paragraph under the heading: the short definition shown as the tooltip.")
    line, first, *rest = blocks[0]
    if _NOT_PROSE.match(first):
        raise EditorError(path, line, f"the definition of '{name}' must start with a paragraph of prose.",
                          "Put a one-paragraph short definition first; lists, quotes and tables can follow it.")
    short = plain_text(" ".join([first, *rest]))
    if len(short) > SHORT_LIMIT:
        raise EditorError(path, line, f"the short definition of '{name}' is {len(short)} characters; a tooltip holds {SHORT_LIMIT}.",
                          "Shorten the first paragraph and move the detail into a second paragraph.")
    return Term(id=term_id, name=name, aliases=aliases, short=short, line=start)


# Words so common that a term named by one alone would link them all over every page.
STOP_WORDS = frozenset({
    "a", "an", "the", "and", "or", "but", "nor", "of", "in", "on", "at", "to", "for", "by", "with", "from", "as", "into",
    "than", "then", "that", "this", "these", "those", "is", "are", "was", "were", "be", "been", "it", "its", "he", "she",
    "we", "they", "you", "i", "me", "us", "him", "her", "his", "our", "their", "them", "not", "no", "so", "if", "do",
    "does", "did", "has", "have", "had", "will", "would", "can", "could", "may", "might", "shall", "should",
})


def check_name(path: Path, line: int, name: str) -> None:
    """Refuse a name that would link what it does not mean: one common word, or no letter at all."""
    _, words, _, _ = name_parts(name)
    what = f"the name '{name}'"
    if not any(ch.isalpha() for word in words for ch in word) and len(words) < 2:
        raise EditorError(path, line, f"{what} has no letter, so it would link {'every such number' if words else 'punctuation'}.",
                          "Name the term in words; numbers are a name only joined by punctuation, like '9/11'.")
    if all(word.casefold() in STOP_WORDS for word in words) and not case_sensitive(name):
        common = " ".join(words)
        raise EditorError(path, line, f"{what} is only the common word{'s' if len(words) > 1 else ''} '{common}', "
                          "so it would link that word on every page.",
                          "Name the term by what is particular to it (e.g. 'the Quad', not 'the'); "
                          "a name with a capital after its first letter ('US') matches only as written and is allowed.")


def _blocks(lines: list[str], first_line: int) -> list[list]:
    """Paragraph-like blocks as [line, first text line, more lines…]."""
    blocks: list[list] = []
    current: list | None = None
    for offset, line in enumerate(lines):
        if line.strip():
            if current is None:
                current = [first_line + offset, line.strip()]
                blocks.append(current)
            else:
                current.append(line.strip())
        else:
            current = None
    return blocks


# One converter for all definitions: building a Markdown instance costs more than converting a paragraph.
_MARKDOWN = markdown.Markdown()


# One line that Markdown would print as it is: it starts with a letter or a quote (no list, heading,
# quote or rule) and has no character that starts inline markup, an entity or raw HTML.
_PLAIN_LINE = re.compile(r"(?:[^\W\d_]|[\"'\u201c\u2018(])[^\\`*_\[\]<>&!\n]*\Z")


def plain_text(source: str) -> str:
    """Markdown of one paragraph as plain text (emphasis and links dropped, entities decoded)."""
    if _PLAIN_LINE.match(source):  # most definitions: no need to run Markdown at all
        return source.strip()
    return markdown_plain_text(source)


def markdown_plain_text(source: str) -> str:
    rendered = _MARKDOWN.reset().convert(source)
    return html.unescape(_TAGS.sub("", rendered)).strip()


def check_collisions(path: Path, terms: list[Term], problems: Problems | None = None) -> list[Term]:
    """Two names that are the same ignoring case would make matching ambiguous.

    Returns the terms that collide with no earlier one; a colliding entry raises, or with
    ``problems`` is recorded and left out.
    """
    problems = problems if problems is not None else RaiseAtOnce()
    owner: dict[str, tuple[Term, str]] = {}
    ids: dict[str, Term] = {}
    kept: list[Term] = []
    for term in terms:
        with problems.collect():
            _check_term(path, term, ids, owner)
            kept.append(term)
    return kept


def _check_term(path: Path, term: Term, ids: dict[str, Term], owner: dict[str, tuple[Term, str]]) -> None:
    """Raise if ``term`` collides with an earlier entry (or itself); else register its id and names."""
    if term.id in ids:
        raise EditorError(path, term.line, f"the terms '{ids[term.id].name}' and '{term.name}' have the same anchor '#{term.id}'.",
                          "Give one of them an explicit '{#other-id}' after the heading.")
    mine: dict[str, tuple[Term, str]] = {}
    for name in term.names:
        key = " ".join(unicodedata.normalize("NFC", name).casefold().split())
        if key in owner or key in mine:
            other, other_name = owner.get(key) or mine[key]
            where = ("twice in the same entry" if other is term
                     else f"by '{other.name}' (line {other.line}) and '{term.name}' (line {term.line})")
            raise EditorError(path, term.line,
                              f"the name '{name}' is claimed {where} (as '{other_name}' and '{name}'); "
                              "names must differ in more than case.",
                              "Keep the name in one entry only.")
        mine[key] = (term, name)
    ids[term.id] = term
    owner.update(mine)
