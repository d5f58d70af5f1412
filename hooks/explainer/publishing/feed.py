"""The Atom and RSS feeds of the essays, newest first, made with feedgen.

No build time goes in: every date is an essay's publication date or its edition's
modification date (see :mod:`.edition`), so two builds of the same sources give the
same feed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

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


def feeds(essays: list[Essay], publisher: Publisher, page_url: Callable[[Essay], str],
          modified: dict[str, dt.date]) -> tuple[bytes, bytes]:
    """(Atom, RSS) documents for ``essays`` (already newest first); they must not be empty."""
    newest = _moment(max(modified.get(e.slug, e.date) for e in essays))
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
    for essay in essays:
        entry = fg.add_entry(order="append")
        url = page_url(essay)
        entry.id(url)
        entry.guid(url, permalink=True)
        entry.title(essay.title)
        entry.link(href=url, rel="alternate", type="text/html")
        entry.author({"name": essay.author})
        entry.dc.dc_creator(essay.author)
        entry.summary(summary(essay))
        entry.published(_moment(essay.date))
        entry.updated(_moment(modified.get(essay.slug, essay.date)))
    atom = fg.atom_str(pretty=True)
    fg.link(href=publisher.absolute(RSS), rel="self", type="application/rss+xml", replace=True)
    fg.link(href=publisher.url, rel="alternate", type="text/html")
    return atom, fg.rss_str(pretty=True)
