"""Each page's description and its share-card tags (Open Graph, Twitter), and feed discovery.

Descriptions: an essay's ``summary`` (else the start of its first paragraph); a claims
register says what it lists; any other page has its front matter ``description`` or
its first paragraph as plain text, cut at a word boundary. :func:`head_html` writes
the tags, every value escaped by :func:`~explainer.escape.html_attr`, and the page's
JSON-LD by :func:`~explainer.escape.script_json`.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from ..escape import html_attr, script_json
from ..model import Essay
from ..text import excerpt

LIMIT = 200  # characters of a description drawn from a page's text
_FIRST_P = re.compile(r"<p\b[^>]*>(.*?)</p>", re.DOTALL)
_TAGS = re.compile(r"<[^>]+>")


def register_description(essay: Essay) -> str:
    count = len(essay.claims)
    what = "The annotated claim" if count == 1 else f"The {count} annotated claims"
    return f"{what} of “{essay.title}” by {essay.author}, each with its kind, passage, note and sources."


def essay_description(essay: Essay) -> str:
    return essay.summary or excerpt(essay.paragraphs[0].text, LIMIT)


def first_paragraph(page_html: str) -> str:
    """The page's first paragraph as plain text, cut at a word boundary ("" if it has none)."""
    for m in _FIRST_P.finditer(page_html):
        text = html.unescape(_TAGS.sub("", m.group(1))).strip()
        if text:
            return excerpt(text, LIMIT)
    return ""


@dataclass
class PageMeta:
    """What the head of one page says about it."""

    title: str
    description: str
    url: str  # absolute
    site_name: str
    type: str = "website"  # "article" for an essay
    published: str | None = None  # ISO date, for articles
    author: str | None = None
    image: str | None = None  # absolute
    language: str = "en"
    alternates: list[tuple[str, str, str]] = field(default_factory=list)  # (type, href, title)
    # Data about the page (its annotations). Not rel="alternate": Material fetches a sitemap.xml
    # beside every alternate link (for its language switcher), which is there only at the site's root.
    described_by: tuple[str, str, str] | None = None
    jsonld: dict | None = None


def head_html(meta: PageMeta) -> str:
    """The tags for the page's ``<head>``, one per line."""
    props = [("og:type", meta.type), ("og:title", meta.title), ("og:description", meta.description),
             ("og:url", meta.url), ("og:site_name", meta.site_name)]
    if meta.type == "article":
        props += [("article:published_time", meta.published or ""), ("article:author", meta.author or "")]
    if meta.image:
        props.append(("og:image", meta.image))
    names = [("twitter:card", "summary"), ("twitter:title", meta.title), ("twitter:description", meta.description)]
    if meta.image:
        names.append(("twitter:image", meta.image))
    lines = [f'<meta property="{p}" content="{html_attr(v)}">' for p, v in props if v]
    lines += [f'<meta name="{n}" content="{html_attr(v)}">' for n, v in names if v]
    lines += [f'<link rel="alternate" type="{t}" title="{html_attr(title)}" href="{html_attr(href)}">'
              for t, href, title in meta.alternates]
    if meta.described_by:
        kind, href, title = meta.described_by
        lines.append(f'<link rel="describedby" type="{kind}" title="{html_attr(title)}" href="{html_attr(href)}">')
    if meta.jsonld is not None:
        lines.append(f'<script type="application/ld+json">{script_json(meta.jsonld)}</script>')
    return "\n".join(lines) + "\n"
