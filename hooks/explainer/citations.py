"""``[[p5]]``: cite a paragraph of an essay from any page.

Forms: ``[[p5]]`` (the page's essay), ``[[p5|your words]]`` (own link text),
``[[trenin-2019:p5]]`` (a named essay). The link goes to the paragraph's anchor
and carries the passage as its tooltip.

A bare ``[[p5]]`` needs one essay context: the essay a generated page belongs
to, or the one named by ``essay:`` in the page's front matter when the page
cites no other essay. Anywhere else it is an error listing the
``[[slug:p5]]`` choices, so adding an essay can never make a citation lead
somewhere its author did not mean. A citation of an essay other than the
page's own says where it leads: the essay's short name ("Jefferson 1801, ¶2"),
in the text and the tooltip.

A preprocessor checks every citation against the raw lines, so an error can
name the line; the inline processor then renders them.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass

from markdown import Markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.preprocessors import Preprocessor
from markdown.util import AtomicString

from .errors import EditorError
from .generated import ESSAY_LIST
from .model import Essay, Paragraph
from .text import excerpt
from .tooltips import DEFERRED_TITLE

CITATION = r"\[\[(?:([a-z0-9][a-z0-9-]*):)?p(\d+)(?:\|([^\]|]+))?\]\]"
_CITATION = re.compile(CITATION)
_ANY = re.compile(r"\[\[(.*?)\]\]")
_CODE_SPAN = re.compile(r"(`+).+?\1")
_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
# A paragraph of its own on a page whose front matter names timeline data: the timeline (see timeline.py).
TIMELINE_MARKER = re.compile(r"\s*\[\[timeline\]\]\s*$")


@dataclass(frozen=True)
class Target:
    essay: Essay
    paragraph: Paragraph


class Unchecked(LookupError):
    """The cited essay is left out of this build for its own problems: the citation cannot be checked."""


def resolve(site, slug: str | None, number: int, default: str | None) -> Target:
    """The essay paragraph a citation names; raises ``LookupError`` with the valid targets."""
    essays = site.by_slug
    broken = getattr(site, "broken_essays", ())  # left out for their own problems, already reported
    name = slug or default
    if name in broken and name not in essays:
        raise Unchecked(name)
    if name is None:
        raise LookupError("this page names no essay, so a bare [[pN]] has nowhere to lead: "
                          f"write {_choices(essays)}, or add 'essay: <slug>' to the page's front matter")
    essay = essays.get(name)
    if essay is None:
        raise LookupError(f"there is no essay '{name}'; essays: {', '.join(essays) or 'none'}")
    paragraph = essay.paragraph(number)
    if paragraph is None:
        raise LookupError(f"essay '{essay.slug}' has paragraphs p1 to p{len(essay.paragraphs)} only")
    return Target(essay, paragraph)


def _choices(slugs, limit: int = 6) -> str:
    """``[[a:pN]] or [[b:pN]]``: the explicit forms an editor can write instead of a bare ``[[pN]]``."""
    names = [f"[[{slug}:pN]]" for slug in list(slugs)[:limit]] or ["[[slug:pN]]"]
    more = f" (or another of the {len(slugs)} essays)" if len(slugs) > limit else ""
    return (", ".join(names[:-1]) + " or " + names[-1] if len(names) > 1 else names[0]) + more


def check_citations(site, text: str, file: str, first_line: int, default: str | None, timeline: bool = False) -> None:
    """Raise :class:`EditorError` for the first citation in ``text`` that does not resolve."""
    for error in citation_problems(site, text, file, first_line, default, timeline):
        raise error


def citation_problems(site, text: str, file: str, first_line: int, default: str | None, timeline: bool = False) -> list[EditorError]:
    """An :class:`EditorError` for every citation in ``text`` that does not resolve.

    ``timeline``: the text is a page whose front matter names timeline data, so ``[[timeline]]`` places it.
    """
    problems: list[EditorError] = []
    found: list[tuple[int, re.Match[str]]] = []
    in_fence = False
    for offset, line in enumerate(text.split("\n")):
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence or "[[" not in line or ESSAY_LIST.match(line):
            continue
        if TIMELINE_MARKER.match(line):
            if not timeline:
                problems.append(EditorError(file, first_line + offset, "[[timeline]] places a timeline, but nothing here names its data.",
                                            "Only a page can place the timeline: add 'timeline: timeline.yml' to that page's front matter."))
            continue
        for m in _ANY.finditer(_CODE_SPAN.sub("", line)):
            cite = _CITATION.fullmatch(m.group())
            if cite is None and m.group(1).strip().startswith("essays"):
                problems.append(EditorError(file, first_line + offset, f"'{m.group()}' is not an essay list.",
                                            "Put [[essays]] (every essay) or [[essays 6]] (the six newest) alone in a paragraph."))
            elif cite is None:
                problems.append(EditorError(file, first_line + offset, f"'{m.group()}' is not a citation.",
                                            "Write [[p5]], [[p5|link text]] or [[essay-slug:p5]]; use `[[` in code for literal brackets."))
            else:
                found.append((offset, cite))
    # The essays this page cites by name, besides its own: with any, a bare [[pN]] is ambiguous.
    others = list(dict.fromkeys(c.group(1) for _, c in found if c.group(1) and c.group(1) != default))
    for offset, cite in found:
        if cite.group(1) is None and default is not None and others:
            problems.append(EditorError(
                file, first_line + offset,
                f"the citation '{cite.group()}' is ambiguous: this page cites more than one essay ({', '.join([default, *others])}).",
                f"Name the essay: write {_choices([default, *others]).replace('pN', 'p' + cite.group(2))}."))
            continue
        try:
            resolve(site, cite.group(1), int(cite.group(2)), default)
        except Unchecked:
            pass  # the essay's own problems are reported; its citations are checked once it loads
        except LookupError as e:
            problems.append(EditorError(file, first_line + offset, f"the citation '{cite.group()}' does not resolve: {e}.",
                                        "Cite an existing paragraph; the essay page shows each paragraph's number."))
    return problems


class CitationPreprocessor(Preprocessor):
    """Validates the page's citations with line numbers before anything else runs."""

    def __init__(self, md: Markdown, site) -> None:
        super().__init__(md)
        self.site = site

    def run(self, lines: list[str]) -> list[str]:
        page = self.site.page
        # Reported to the site's collector (which raises at once when there is none, as when the
        # extension runs without the hooks); a citation that does not resolve is left as text.
        self.site.problems.extend(citation_problems(self.site, "\n".join(lines), page.file or page.src, page.first_line, page.essay,
                                                      page.places_timeline))
        return lines


class CitationInlineProcessor(InlineProcessor):
    """Turns a citation into a link to the paragraph, with the passage as tooltip."""

    def __init__(self, site) -> None:
        super().__init__(CITATION)
        self.site = site

    def handleMatch(self, m: re.Match[str], data: str) -> tuple[etree.Element | None, int | None, int | None]:
        try:
            target = resolve(self.site, m.group(1), int(m.group(2)), self.site.page.essay)
        except LookupError:  # reported by the preprocessor; the preview shows it as written
            return None, None, None
        return cite_link(self.site, target, m.group(3)), m.start(0), m.end(0)


def cite_link(site, target: Target, text: str | None = None) -> etree.Element:
    """The link to a cited paragraph; a paragraph of another essay than the page's own is named ("Trenin 2019, ¶5")."""
    number = target.paragraph.number
    named = target.essay.slug != site.page.essay
    label = f"{target.essay.short_name}, \u00b6{number}" if named else f"\u00b6{number}"
    key = f"cite:{target.essay.slug}:{number}" + (":named" if named else "")
    if key not in site.tooltips:  # one excerpt per cited paragraph, however often it is cited
        site.tooltips.defer(key, f"{label}: \u201c{excerpt(target.paragraph.text)}\u201d")
    a = etree.Element("a", {
        "href": site.url_to(target.essay.page_src, target.paragraph.anchor),
        "class": "explainer-cite" if text else "explainer-cite explainer-cite--number",
        DEFERRED_TITLE: key,
    })
    a.text = AtomicString(text or label)
    return a


class CitationExtension(Extension):
    def __init__(self, site, **kwargs) -> None:
        self.site = site
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.register(CitationPreprocessor(md, self.site), "explainer-citations", 40)
        md.inlinePatterns.register(CitationInlineProcessor(self.site), "explainer-citation", 177)
