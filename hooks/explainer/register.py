"""A claims register: every claim of an essay, in reading order, with its forecasts' outcomes."""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown.util import AtomicString

from .generated import REGISTER, MarkerProcessor, footnote_id, human_date, in_language, isolated, kind_element, literal, sources_markdown
from .model import CLAIM_KINDS, OUTCOME_STATUSES, Claim, Essay
from .outcomes import FORECASTS_ID, outcome_label, outcome_markdown


class RegisterProcessor(MarkerProcessor):
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
            kind_element(intro, kind).tail = AtomicString(f" {what}" + ("." if number == len(CLAIM_KINDS) else "; "))
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
        badge = kind_element(meta, claim.kind)
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
        self.parser.parseChunk(sources, sources_markdown(claim))
