"""What the generated pages share: their marker lines, front matter and Markdown sources,
the block processor that finds a marker, and the elements that carry text as text.

A generated page's source is tiny: front matter and a marker line that stands for its body
(an essay, a claims register, the essay cards), which a block processor renders from the
model. No in-band marker can be forged: the marker lines and the footnotes' placeholder
contain the build's random token (:attr:`Site.token`), which no essay, note or page can
contain, and the essay a generated page shows is named in its front matter
(``explainer_essay``), not in the marker. An authored page's ``[[essays]]`` is the editors'
syntax, honoured on authored pages only: in a claim note it is text like any other.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as etree

from markdown.blockprocessors import BlockProcessor
from markdown.util import AtomicString

from .escape import theme_text
from .model import CLAIM_KINDS, Claim, Essay
from .outcomes import outcome_markdown

# What a generated page's body is; its marker line is ``marker(token, kind)``.
ESSAY, REGISTER, ESSAY_CARDS = "essay", "register", "essays"
CORRECTIONS_ID = "corrections"  # the essay page's corrections log, after the notes
# An authored paragraph of its own: the essay cards. Anchored at its start, so a block
# that is not one fails at its first character, with no copy of it made.
ESSAY_LIST = re.compile(r"\s*\[\[essays(?: +(\d+))?\]\]\s*$")


def marker(token: str, kind: str) -> str:
    """The line that stands for a generated page's body: only the build knows ``token``."""
    return f"explainer-{token}-{kind}"


def footnotes_marker(token: str) -> str:
    """The footnotes extension's ``PLACE_MARKER`` for this build (its default, "///Footnotes Go
    Here///", could be any essay paragraph); the essay processor places it as an element."""
    return f"explainer-{token}-footnotes"


def literal(text: str) -> AtomicString:
    """Text that Python-Markdown will neither parse nor treat as entities.

    Its serializer leaves ``&name;`` untouched (to keep entities authors typed),
    so every ``&`` is written as ``&amp;``: an essay's "&amp;" stays "&amp;".
    """
    return AtomicString(text.replace("&", "&amp;"))


def human_date(iso: str) -> str:
    """'2019-10-03' -> '3 October 2019'; '2019-10' -> 'October 2019'; '2019' stays; '0800' -> '800'."""
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 1:
        return str(parts[0])
    month = dt.date(parts[0], parts[1], 1).strftime("%B")
    return f"{parts[2]} {month} {parts[0]}" if len(parts) == 3 else f"{month} {parts[0]}"


def long_date(date: dt.date) -> str:
    """'3 October 2019' for any year (``%Y`` pads or not depending on the C library)."""
    return f"{date.day} {date:%B} {date.year}"


def where_given(essay: Essay) -> str | None:
    """Where the text appeared: the publication (and series), else a speech's occasion and venue."""
    if essay.publication:
        return essay.publication + (f", {essay.series}" if essay.series else "")
    given = [part for part in (essay.occasion, essay.venue) if part]
    return ", ".join(given) or None


def in_language(element: etree.Element, essay: Essay) -> etree.Element:
    """Mark ``element`` as written in the essay's language and script direction."""
    element.set("lang", essay.language)
    element.set("dir", essay.direction)
    return element


def isolated(parent: etree.Element, text: str, tag: str = "bdi") -> etree.Element:
    """A name or title inside a sentence of the site's language: ``<bdi>`` keeps right-to-left text from reordering it."""
    element = etree.SubElement(parent, tag)
    element.text = literal(text)
    return element


def footnote_id(claim: Claim) -> str:
    return f"claim-{claim.id}"


def kind_label(kind: str) -> str:
    """The kind badge as Markdown (attr_list): no raw HTML, which Python-Markdown parses slowly."""
    return f'**{kind.capitalize()}**{{ .explainer-kind .explainer-kind--{kind} title="{CLAIM_KINDS[kind]}" }}'


def kind_element(parent: etree.Element, kind: str) -> etree.Element:
    badge = etree.SubElement(parent, "strong", {"class": f"explainer-kind explainer-kind--{kind}", "title": CLAIM_KINDS[kind]})
    badge.text = AtomicString(kind.capitalize())
    return badge


def indent(text: str) -> str:
    return "\n".join(("    " + line) if line.strip() else "" for line in text.split("\n"))


def front_matter(**values: object) -> str:
    """YAML front matter; each value written as JSON, which is valid YAML and much faster to produce."""
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in values.items() if value]
    return "---\n" + "\n".join(lines) + "\n---\n\n"


def sources_markdown(claim: Claim) -> str:
    return "\n".join(f"- {source}" for source in claim.sources)


def essay_markdown(essay: Essay, token: str) -> str:
    """The generated source of ``essays/<slug>/index.md``; ``token`` is the build's (:attr:`Site.token`)."""
    # The theme reads title and description as HTML (see escape): given escaped, they show as written.
    parts = [front_matter(title=theme_text(essay.title), description=theme_text(essay.summary or ""),
                           explainer_essay=essay.slug, hide=["toc"]),
             marker(token, ESSAY), ""]
    for claim in essay.claims:
        outcome = f"{outcome_markdown(claim, human_date)}\n\n" if claim.outcome else ""
        note = (f"{kind_label(claim.kind)} {claim.note}\n\n{outcome}"
                f"Sources:\n\n{sources_markdown(claim)}\n\n"
                f"[Claims register: {claim.title}](claims.md#{claim.id}){{ .explainer-register-link }}")
        parts.append(f"[^{footnote_id(claim)}]: {indent(note).lstrip()}\n")
    return "\n".join(parts)


def broken_essay_markdown(slug: str) -> str:
    """A stand-in for an essay left out for its problems (under `mkdocs serve` only; the list is above it)."""
    return (front_matter(title=slug, link_terms="none")
            + f"# {slug}\n\nThis essay is left out of the preview until the problems listed above are fixed.\n")


def essays_index_markdown(count: int, token: str) -> str:
    """The generated source of ``essays/index.md``: every essay, newest first."""
    what = "One essay" if count == 1 else f"{count} essays"
    return (front_matter(title="Essays", description="Every essay in this edition, newest first.")
            + f"# Essays\n\n{what} in this edition, newest first. Each card leads to its essay and, where claims are "
              "annotated, to its claims register.\n\n"
            + marker(token, ESSAY_CARDS) + "\n")


def register_markdown(essay: Essay, token: str) -> str:
    """The generated source of ``essays/<slug>/claims.md``: its body is rendered by :class:`RegisterProcessor`."""
    return (front_matter(title=theme_text(essay.register_title), explainer_essay=essay.slug)
            + marker(token, REGISTER) + "\n")


class MarkerProcessor(BlockProcessor):
    """A block processor for a generated page's marker line (see :func:`marker`)."""

    KIND: str

    def __init__(self, parser, site) -> None:
        super().__init__(parser)
        self.site = site
        self.marker = marker(site.token, self.KIND)

    def test(self, parent: etree.Element, block: str) -> bool:
        return block.strip() == self.marker

    def take_essay(self, blocks: list[str]) -> Essay:
        """Consume the marker; the essay is the one the page's front matter names."""
        blocks.pop(0)
        return self.site.by_slug[self.site.page.essay]
