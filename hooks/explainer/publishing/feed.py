"""The Atom and RSS feeds of the essays, newest first, made with feedgen.

No build time goes in: every date is an essay's publication date or its edition's
modification date (see :mod:`.edition`), so two builds of the same sources give the
same feed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import NamedTuple

from feedgen.feed import FeedGenerator

from ..model import Essay
from ..text import excerpt
from .edition import Publisher

ATOM = "feed.xml"
RSS = "rss.xml"


def _moment(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def summary(essay: Essay) -> str:
    """The essay's summary, or the start of its first paragraph."""
    return essay.summary or excerpt(essay.paragraphs[0].text, 300)


class Entry(NamedTuple):
    """Everything the feeds show of one essay."""

    url: str
    title: str
    author: str
    summary: str
    published: dt.date
    updated: dt.date


def entries(essays: list[Essay], page_url: Callable[[Essay], str], modified: dict[str, dt.date]) -> tuple[Entry, ...]:
    """The feeds' entries for ``essays`` (already newest first); :func:`feeds` reads nothing else of them,
    so equal entries make equal feeds (the incremental preview keeps the feeds while they are)."""
    return tuple(Entry(page_url(e), e.title, e.author, summary(e), e.date, modified.get(e.slug, e.date)) for e in essays)


def feeds(items: tuple[Entry, ...], publisher: Publisher) -> tuple[bytes, bytes]:
    """(Atom, RSS) documents of the entries; there must be at least one."""
    newest = _moment(max(item.updated for item in items))
    fg = FeedGenerator()
    fg.load_extension("dc")  # RSS names an author only with an e-mail address: dc:creator names them
    fg.id(publisher.url)
    fg.title(publisher.name)
    fg.subtitle(publisher.description or publisher.name)
    fg.description(publisher.description or publisher.name)
    fg.link(href=publisher.absolute(ATOM), rel="self", type="application/atom+xml")
    fg.link(href=publisher.url, rel="alternate", type="text/html")
    fg.language(publisher.language)
    fg.updated(newest)
    fg.lastBuildDate(newest)
    fg.generator("Explainer (feedgen)")
    for item in items:
        entry = fg.add_entry(order="append")
        entry.id(item.url)
        entry.guid(item.url, permalink=True)
        entry.title(item.title)
        entry.link(href=item.url, rel="alternate", type="text/html")
        entry.author({"name": item.author})
        entry.dc.dc_creator(item.author)
        entry.summary(item.summary)
        entry.published(_moment(item.published))
        entry.updated(_moment(item.updated))
    atom = fg.atom_str(pretty=True)
    fg.link(href=publisher.absolute(RSS), rel="self", type="application/rss+xml", replace=True)
    fg.link(href=publisher.url, rel="alternate", type="text/html")
    return atom, fg.rss_str(pretty=True)
