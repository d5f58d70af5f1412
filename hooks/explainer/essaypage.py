"""The reader's edition of an essay: the page rendered from the model.

The generated page source (:func:`.generated.essay_markdown`) is a marker line for the
essay body and the claims as Python-Markdown footnote definitions. The block processor
renders the body straight from the :class:`Essay` model, as elements whose text is an
``AtomicString``: the essay is *text*, so nothing in it is ever read as Markdown or HTML.
The only Markdown it receives is each claim's footnote reference, placed after the last
character of the claim's quote. :class:`EssayExtension` registers every processor of the
generated pages (registers, essay cards, printed terms).
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from .essaycards import EssayListProcessor
from .generated import CORRECTIONS_ID, ESSAY, MarkerProcessor, footnote_id, footnotes_marker, in_language, isolated, literal, long_date, where_given
from .model import Claim, Essay
from .printterms import PrintTermsTreeprocessor
from .register import RegisterProcessor
from .textguard import guard_attr_list


class EssayProcessor(MarkerProcessor):
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
            for start, end, claim in pieces:
                last.tail = literal(text[start:end])
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
