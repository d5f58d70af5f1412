"""The reader's edition of an essay, and the lists that lead to it.

The generated page source is tiny: a marker line for the essay body and the
claims as Python-Markdown footnote definitions. The block processor renders
the body straight from the :class:`Essay` model, as elements whose text is an
``AtomicString``: the essay is *text*, so nothing in it is ever read as
Markdown or HTML. The only Markdown it receives is each claim's footnote
reference, placed after the last character of the claim's quote.

No in-band marker can be forged: the marker lines of generated pages and the
footnotes' placeholder contain the build's random token (:attr:`Site.token`),
which no essay, note or page can contain, and the essay a generated page shows
is named in its front matter (``explainer_essay``), not in the marker. An
authored page's ``[[essays]]`` is the editors' syntax, honoured on authored
pages only: in a claim note it is text like any other.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.blockprocessors import BlockProcessor
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from .escape import html_text, theme_text
from .model import CLAIM_KINDS, OUTCOME_STATUSES, Claim, Essay
from .navigation import ESSAYS_INDEX
from .outcomes import FORECASTS_ID, outcome_label, outcome_markdown
from .textguard import guard_attr_list

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


def _kind_element(parent: etree.Element, kind: str) -> etree.Element:
    badge = etree.SubElement(parent, "strong", {"class": f"explainer-kind explainer-kind--{kind}", "title": CLAIM_KINDS[kind]})
    badge.text = AtomicString(kind.capitalize())
    return badge


def _indent(text: str) -> str:
    return "\n".join(("    " + line) if line.strip() else "" for line in text.split("\n"))


def _front_matter(**values: object) -> str:
    """YAML front matter; each value written as JSON, which is valid YAML and much faster to produce."""
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in values.items() if value]
    return "---\n" + "\n".join(lines) + "\n---\n\n"


def _sources_markdown(claim: Claim) -> str:
    return "\n".join(f"- {source}" for source in claim.sources)


def essay_markdown(essay: Essay, token: str) -> str:
    """The generated source of ``essays/<slug>/index.md``; ``token`` is the build's (:attr:`Site.token`)."""
    # The theme reads title and description as HTML (see escape): given escaped, they show as written.
    parts = [_front_matter(title=theme_text(essay.title), description=theme_text(essay.summary or ""),
                           explainer_essay=essay.slug, hide=["toc"]),
             marker(token, ESSAY), ""]
    for claim in essay.claims:
        outcome = f"{outcome_markdown(claim, human_date)}\n\n" if claim.outcome else ""
        note = (f"{kind_label(claim.kind)} {claim.note}\n\n{outcome}"
                f"Sources:\n\n{_sources_markdown(claim)}\n\n"
                f"[Claims register: {claim.title}](claims.md#{claim.id}){{ .explainer-register-link }}")
        parts.append(f"[^{footnote_id(claim)}]: {_indent(note).lstrip()}\n")
    return "\n".join(parts)


def broken_essay_markdown(slug: str) -> str:
    """A stand-in for an essay left out for its problems (under `mkdocs serve` only; the list is above it)."""
    return (_front_matter(title=slug, link_terms="none")
            + f"# {slug}\n\nThis essay is left out of the preview until the problems listed above are fixed.\n")


def essays_index_markdown(count: int, token: str) -> str:
    """The generated source of ``essays/index.md``: every essay, newest first."""
    what = "One essay" if count == 1 else f"{count} essays"
    return (_front_matter(title="Essays", description="Every essay in this edition, newest first.")
            + f"# Essays\n\n{what} in this edition, newest first. Each card leads to its essay and, where claims are "
              "annotated, to its claims register.\n\n"
            + marker(token, ESSAY_CARDS) + "\n")


def register_markdown(essay: Essay, token: str) -> str:
    """The generated source of ``essays/<slug>/claims.md``: its body is rendered by :class:`RegisterProcessor`."""
    return (_front_matter(title=theme_text(essay.register_title), explainer_essay=essay.slug)
            + marker(token, REGISTER) + "\n")


class _MarkerProcessor(BlockProcessor):
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


class RegisterProcessor(_MarkerProcessor):
    """Renders a register page's marker: every claim of the essay, in reading order.

    The passage is the essay's text (literal); the title, note and sources are
    the editor's Markdown, parsed in place.
    """

    KIND = REGISTER

    def run(self, parent: etree.Element, blocks: list[str]) -> None:
        essay = self.take_essay(blocks)
        # The heading as text (the short title is the editor's plain text, not Markdown).
        etree.SubElement(parent, "h1").text = literal(essay.register_title)
        intro = etree.SubElement(parent, "p")
        intro.text = AtomicString("Every claim annotated in ")
        link = etree.SubElement(intro, "a", {"href": "index.md"})
        in_language(isolated(link, essay.title, "cite"), essay)
        link.tail = AtomicString(" by ")
        isolated(intro, essay.author).tail = AtomicString(", in reading order: what kind of statement it is, "
                                                          "the passage, the note and its sources. Kinds: ")
        for number, (kind, what) in enumerate(CLAIM_KINDS.items(), start=1):
            _kind_element(intro, kind).tail = AtomicString(f" {what}" + ("." if number == len(CLAIM_KINDS) else "; "))
        self._forecasts(parent, essay)
        for claim in essay.claims:
            self._entry(parent, claim)
        if not essay.claims:
            etree.SubElement(parent, "p").text = AtomicString("No claims have been annotated yet.")

    def _forecasts(self, parent: etree.Element, essay: Essay) -> None:
        """A "Forecasts" section: each forecast and, in words, what became of it."""
        forecasts = [claim for claim in essay.claims if claim.kind == "forecast"]
        if not forecasts:
            return
        etree.SubElement(parent, "h2", {"id": FORECASTS_ID}).text = AtomicString("Forecasts")
        intro = etree.SubElement(parent, "p")
        intro.text = AtomicString(f"The essay's forecasts and what has happened since, as far as the evidence cited "
                                  f"in each entry goes. Outcomes: {', '.join(OUTCOME_STATUSES)}.")
        items = etree.SubElement(parent, "ul", {"class": "explainer-forecasts"})
        for claim in forecasts:
            li = etree.SubElement(items, "li")
            link = etree.SubElement(li, "a", {"href": f"#{claim.id}"})
            link.text = f"{claim.number}. {claim.title}"  # the title is the editor's Markdown, as in the entry's heading
            if claim.outcome:
                status = etree.SubElement(li, "strong", {"class": "explainer-outcome explainer-outcome--"
                                                                  + claim.outcome.status.replace(" ", "-")})
                link.tail = AtomicString(": ")
                status.text = AtomicString(outcome_label(claim, human_date) + ".")
            else:
                link.tail = AtomicString(": no outcome recorded yet.")

    def _entry(self, parent: etree.Element, claim: Claim) -> None:
        heading = etree.SubElement(parent, "h2", {"id": claim.id})
        heading.text = f"{claim.number}. {claim.title}"  # the title is the editor's Markdown
        meta = etree.SubElement(parent, "p", {"class": "explainer-claim-meta"})
        badge = _kind_element(meta, claim.kind)
        dates = f" · {', '.join(human_date(d) for d in claim.dates)}" if claim.dates else ""
        # Not atomic: the citation extension turns [[pN|…]] into a link with the passage as tooltip.
        badge.tail = f"{dates} · [[p{claim.paragraph}|Paragraph {claim.paragraph}]] · "
        footnote = etree.SubElement(meta, "a", {"href": f"index.md#fnref:{footnote_id(claim)}"})
        footnote.text = AtomicString(f"Footnote {claim.number}")
        passage = etree.SubElement(parent, "blockquote", {"class": "explainer-passage"})
        etree.SubElement(passage, "p").text = literal(claim.quote)
        self.parser.parseChunk(parent, claim.note)
        if claim.outcome:
            self.parser.parseChunk(etree.SubElement(parent, "div", {"class": "explainer-outcome-block"}),
                                   outcome_markdown(claim, human_date))
        sources = etree.SubElement(parent, "div", {"class": "explainer-sources"})
        etree.SubElement(etree.SubElement(sources, "p"), "strong").text = AtomicString("Sources")
        self.parser.parseChunk(sources, _sources_markdown(claim))


class EssayProcessor(_MarkerProcessor):
    """Renders an essay page's marker into header, numbered paragraphs, author box and the notes' place."""

    KIND = ESSAY

    def __init__(self, parser, site) -> None:
        super().__init__(parser, site)
        self.marks: list[tuple[etree.Element, Claim]] = []  # for MarkNamesTreeprocessor
        self.rendered = False

    def run(self, parent: etree.Element, blocks: list[str]) -> None:
        self.rendered = True
        essay = self.take_essay(blocks)
        article = etree.SubElement(parent, "div", {"class": "explainer-essay"})
        self._header(article, essay)
        body = in_language(etree.SubElement(article, "div", {"class": "explainer-essay-body"}), essay)
        for paragraph, pieces in essay.pieces():
            p = etree.SubElement(body, "p", {"id": paragraph.anchor, "class": "explainer-para"})
            # Out of the search index: else the paragraph's text would start "1In his remarks…".
            # Named "Paragraph 3", never just "3": the note marks are numbers too ("Note 3, fact").
            link = etree.SubElement(p, "a", {"class": "explainer-permalink", "href": f"#{paragraph.anchor}",
                                             "aria-label": f"Paragraph {paragraph.number}",
                                             "title": f"Link to paragraph {paragraph.number}", "data-search-exclude": ""})
            link.text = AtomicString(str(paragraph.number))
            last, text = link, paragraph.text
            for start, claim in pieces:
                last.tail = literal(text[start:claim.end] if claim else text[start:])
                if claim is None:
                    break
                # Plain (non-atomic) text: the footnotes extension turns it into the reference.
                last = etree.SubElement(p, "span", {"class": f"explainer-mark explainer-mark--{claim.kind}"})
                last.text = f"[^{footnote_id(claim)}]"
                self.marks.append((last, claim))
        if essay.author_note:
            aside = etree.SubElement(article, "aside", {"class": "explainer-author", "aria-label": "About the author"})
            p = in_language(etree.SubElement(aside, "p"), essay)
            p.text = literal(essay.author_note)
        if essay.claims:
            etree.SubElement(parent, "h2", {"id": "notes"}).text = AtomicString("Notes")
            # The footnotes extension puts the notes in place of this element.
            etree.SubElement(parent, "div").text = AtomicString(footnotes_marker(self.site.token))
        if essay.corrections:
            self._corrections(parent, essay)

    def _corrections(self, parent: etree.Element, essay: Essay) -> None:
        """The corrections log, after the notes: when the annotations changed since publication, and how."""
        etree.SubElement(parent, "h2", {"id": CORRECTIONS_ID}).text = AtomicString("Corrections")
        intro = etree.SubElement(parent, "p")
        intro.text = AtomicString("Changes made to this edition's notes and companion pages after they were first "
                                  "published, oldest first. The essay's own text is never changed.")
        items = etree.SubElement(parent, "ul", {"class": "explainer-corrections"})
        for correction in essay.corrections:
            li = etree.SubElement(items, "li")
            time = etree.SubElement(li, "time", {"datetime": correction.date.isoformat()})
            time.text = AtomicString(f"{correction.date.day} {correction.date:%B %Y}")
            time.tail = literal(f": {correction.what}")

    def _header(self, parent: etree.Element, essay: Essay) -> None:
        header = etree.SubElement(parent, "header", {"class": "explainer-essay-header"})
        h1 = in_language(etree.SubElement(header, "h1"), essay)
        h1.text = literal(essay.title)
        # In the site's language; the names and titles in it are isolated, so a right-to-left
        # name cannot reorder the words around it.
        byline = etree.SubElement(header, "p", {"class": "explainer-byline"})
        byline.text = AtomicString("By ")
        last = isolated(byline, essay.author)
        where = where_given(essay)
        if where or essay.url:
            last.tail = AtomicString(" · ")
            source = etree.SubElement(byline, "a", {"href": essay.url}) if essay.url else etree.SubElement(byline, "span")
            isolated(source, where or "Original")
            last = source
        last.tail = AtomicString(" · ")
        time = etree.SubElement(byline, "time", {"datetime": essay.date.isoformat()})
        time.text = AtomicString(long_date(essay.date))
        time.tail = AtomicString(f" · {essay.reading_minutes} min read")
        if essay.note:
            note = etree.SubElement(header, "p", {"class": "explainer-edition-note"})
            note.text = literal(essay.note)
        # The same on every essay: no search result of its own. Paper has no hover: the printed
        # guide points to the notes and the terms listed at the end instead (explainer.css).
        howto = etree.SubElement(header, "p", {"class": "explainer-howto explainer-screen-only", "data-search-exclude": ""})
        howto.text = AtomicString("How to read this edition: underlined terms show a definition on hover, focus or tap; "
                                  "numbered notes give each claim's kind and sources")
        if essay.claims:
            link = etree.SubElement(howto, "a", {"href": self.site.url_to(essay.register_src)})
            link.text = AtomicString("(all claims)")
            link.tail = AtomicString("; the number beside a paragraph is its permanent link.")
            howto.text += " "
        else:
            howto.text += "; the number beside a paragraph is its permanent link."
        paper = etree.SubElement(header, "p", {"class": "explainer-howto explainer-print-only", "data-search-exclude": ""})
        paper.text = AtomicString(
            "How to read this edition: ¶ and a number begin each paragraph, and references such as ¶5 point to it; "
            + ("numbered notes, printed under “Notes”, give each claim's kind and sources; " if essay.claims else "")
            + "terms underlined in the text are defined under “Terms” at the end.")


class EssayListProcessor(_MarkerProcessor):
    """Renders a paragraph ``[[essays]]`` as a grid of cards, one per essay, newest first.

    ``[[essays 6]]`` shows the six newest and then a link to the Essays page,
    which lists them all. Only on authored pages: on a generated page (where the
    only Markdown is claim notes) it is text; the Essays page has its own marker.
    """

    KIND = ESSAY_CARDS

    def test(self, parent: etree.Element, block: str) -> bool:
        return super().test(parent, block) or (not self.site.page.generated and bool(ESSAY_LIST.match(block)))

    def run(self, parent: etree.Element, blocks: list[str]) -> None:
        block = blocks.pop(0)
        authored = ESSAY_LIST.match(block)
        limit = authored.group(1) if authored else None
        essays = self.site.essays
        shown = essays[: int(limit)] if limit is not None else essays
        grid = etree.SubElement(parent, "div", {"class": "grid cards explainer-essays"})
        ul = etree.SubElement(grid, "ul")
        for essay in shown:
            self._card(etree.SubElement(ul, "li"), essay)
        if not essays:
            p = etree.SubElement(grid, "p")
            p.text = AtomicString("No essays yet: add a folder under seeds/.")
        elif len(shown) < len(essays):
            more = etree.SubElement(parent, "p", {"class": "explainer-more"})
            link = etree.SubElement(more, "a", {"href": self.site.url_to(ESSAYS_INDEX)})
            link.text = AtomicString(f"All {len(essays)} essays")

    def _card(self, li: etree.Element, essay: Essay) -> None:
        title = etree.SubElement(etree.SubElement(li, "p"), "strong")
        a = in_language(etree.SubElement(title, "a", {"href": self.site.url_to(essay.page_src)}), essay)
        a.text = literal(essay.title)
        byline = etree.SubElement(li, "p", {"class": "explainer-byline"})
        last = isolated(byline, essay.author)
        if (where := where_given(essay)) is not None:
            last.tail = AtomicString(" · ")
            last = isolated(byline, where)
        last.tail = AtomicString(f" · {long_date(essay.date)} · {essay.reading_minutes} min read")
        if essay.summary:
            summary = etree.SubElement(li, "p")
            summary.text = literal(essay.summary)
        if essay.claims:
            more = etree.SubElement(li, "p")
            link = etree.SubElement(more, "a", {"href": self.site.url_to(essay.register_src)})
            link.text = AtomicString(f"{len(essay.claims)} annotated claims")


class MarkNamesTreeprocessor(Treeprocessor):
    """Names each note mark for assistive technology: "Note 3, fact", not a bare "3".

    Runs after the footnotes extension has turned the marks' ``[^id]`` into links; it visits
    only the marks :class:`EssayProcessor` made on this page, never the whole tree.
    """

    def __init__(self, md: Markdown, essays: EssayProcessor) -> None:
        super().__init__(md)
        self.essays = essays

    def run(self, root: etree.Element) -> None:
        for span, claim in self.essays.marks:
            link = span.find("sup/a")
            if link is not None:
                link.set("aria-label", f"Note {link.text or claim.number}, {claim.kind}")
        self.essays.marks.clear()


class PrintTermsTreeprocessor(Treeprocessor):
    """Ends an essay page with a "Terms" section: each glossary term linked on it, with its definition.

    Paper has no hover, so the printed edition needs the definitions in the page; the screen
    hides the section (``explainer-print-only``; the reader has the tooltips) and search skips
    it. Runs after the term links, from the set of terms they linked: no pass over the tree.
    """

    def __init__(self, md: Markdown, site, essays: EssayProcessor) -> None:
        super().__init__(md)
        self.site = site
        self.essays = essays

    def run(self, root: etree.Element) -> None:
        if not self.essays.rendered:
            return
        self.essays.rendered = False
        try:  # the term links' processor (termlinks.py) keeps the ids it linked on this page
            linked = getattr(self.md.treeprocessors["explainer-terms"], "linked", None)
        except KeyError:  # Markdown without the term links
            return
        if not linked:
            return
        by_id = self.site.term_by_id
        terms = sorted((by_id[t] for t in linked if t in by_id), key=lambda term: term.name.casefold())
        # An empty section now, its list written in after the search plugin has read the page
        # (fill_print_terms): every later stage of the build skips those ~90 elements an essay.
        etree.SubElement(root, "section", dict(PRINT_TERMS_ATTRS))
        self.site.print_terms[self.site.page.src] = print_terms_html(terms)


PRINT_TERMS_ATTRS = (("class", "explainer-print-terms explainer-print-only"), ("data-search-exclude", ""))
# The empty section as Python-Markdown serializes it, at the very end of the page's HTML.
_PRINT_TERMS_EMPTY = "<section " + " ".join(f'{k}="{v}"' for k, v in PRINT_TERMS_ATTRS) + "></section>"


def print_terms_html(terms: list) -> str:
    """The section's content, as Python-Markdown would have serialized it from elements of literal text."""
    items = "".join(f"<dt>{html_text(term.name)}</dt><dd>{html_text(term.short)}</dd>" for term in terms)
    return f"<h2>Terms</h2><dl>{items}</dl>"


def fill_print_terms(page_html: str, content: str | None) -> str:
    """The page with its "Terms" section filled (the hooks call it after search has indexed the page).

    The section is the last element of an essay page (:class:`PrintTermsTreeprocessor` appends it
    to the root), so only the end of the HTML is looked at: nothing inside the page can pass for it.
    """
    if content is None or not page_html.endswith(_PRINT_TERMS_EMPTY):
        return page_html
    return page_html[: -len("</section>")] + content + "</section>"


class EssayExtension(Extension):
    def __init__(self, site, **kwargs) -> None:
        self.site = site
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        guard_attr_list(md)  # the essay's text is never read as an attribute list
        essays = EssayProcessor(md.parser, self.site)
        md.parser.blockprocessors.register(essays, "explainer-essay", 110)
        # After the footnotes extension's reference links (inline, 20) and its duplicates pass (15).
        md.treeprocessors.register(MarkNamesTreeprocessor(md, essays), "explainer-mark-names", 14)
        # After the term links (4) and "Used in" (3); before MkDocs resolves links (0).
        md.treeprocessors.register(PrintTermsTreeprocessor(md, self.site, essays), "explainer-print-terms", 2)
        md.parser.blockprocessors.register(EssayListProcessor(md.parser, self.site), "explainer-essay-list", 109)
        md.parser.blockprocessors.register(RegisterProcessor(md.parser, self.site), "explainer-register", 108)
