"""The publishing outputs of one build: each page's head tags, and the files written once at the end.

:class:`Publishing` is made once per build (``on_config``); the hooks ask it for a
page's head (``on_page_context``) and have it write the feeds, ``robots.txt`` and
each essay's citation and annotation files (``on_post_build``). Addresses come in as
MkDocs resolved them (``File.url``), so the hooks stay a few lines.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

import msgspec

from ..model import Essay
from . import annotations, citation, feed, jsonld, pagemeta
from .edition import Publisher, robots_txt

FEED_TITLE = "{site}: essays"


@dataclass
class Publishing:
    """The site as publisher, its essays and their edition dates (:func:`.edition.modified_dates`)."""

    publisher: Publisher
    essays: list[Essay]
    modified: dict[str, dt.date] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.by_page = {e.page_src: e for e in self.essays}
        self.by_register = {e.register_src: e for e in self.essays}
        self._cites: dict[tuple[str, str], tuple[str, str]] = {}  # (slug, url) -> (BibTeX, CSL-JSON): page and files

    def _cite_files(self, essay: Essay, url: str) -> tuple[str, str]:
        """cite.bib and cite.json of an essay at ``url``, made once for its page's box and its files."""
        key = (essay.slug, url)
        if key not in self._cites:
            name = self.publisher.name
            self._cites[key] = (citation.bibtex(essay, name, url), citation.csl_json(essay, name, url))
        return self._cites[key]

    def page_head(self, *, src: str, title: str, description: str | None, content: str, url: str, to_root: str,
                  glossary_src: str, terms: list, url_of: Callable[[str], str]) -> pagemeta.PageMeta:
        """The head of one page. ``url`` is its absolute address, ``to_root`` the relative way to the site's root,
        ``url_of`` gives the absolute address of another source file."""
        pub = self.publisher
        meta = pagemeta.PageMeta(title=title, description="", url=url, site_name=pub.name, language=pub.language,
                                 image=pub.absolute(pub.social_image) if pub.social_image else None)
        if self.essays:
            meta.alternates = [("application/atom+xml", f"{to_root}{feed.ATOM}", FEED_TITLE.format(site=pub.name) + " (Atom)"),
                               ("application/rss+xml", f"{to_root}{feed.RSS}", FEED_TITLE.format(site=pub.name) + " (RSS)")]
        essay = self.by_page.get(src)
        register = self.by_register.get(src)
        if essay is not None:
            meta.title, meta.type = essay.title, "article"
            meta.published, meta.author = essay.date.isoformat(), essay.author
            meta.description = description or pagemeta.essay_description(essay)
            meta.described_by = ("application/ld+json", "annotations.jsonld", "Annotations (W3C Web Annotation)")
            meta.jsonld = jsonld.essay_graph(essay, page_url=url, register_url=url_of(essay.register_src) if essay.claims else None,
                                             site_name=pub.name, site_url=pub.url, language=pub.language,
                                             modified=self.modified.get(essay.slug, essay.date))
        elif register is not None:
            meta.description = description or pagemeta.register_description(register)
        else:
            meta.description = description or pagemeta.first_paragraph(content) or pub.description
            if src == glossary_src and terms:
                meta.jsonld = jsonld.glossary_set(terms, page_url=url, name=title, description=meta.description)
        return meta

    def cite_html(self, src: str, url: str) -> str | None:
        """The "Cite this edition" box for an essay page (None for other pages)."""
        essay = self.by_page.get(src)
        if essay is None:
            return None
        bib, csl = self._cite_files(essay, url)
        return citation.cite_section_html(essay, self.publisher.name, url, bib=bib, csl=csl)

    def write(self, site_dir: Path, *, url_of: Callable[[str], str], dest_of: Callable[[str], str],
              glossary_src: str, matcher, unchanged: Callable[[Essay, tuple[str, ...]], bool] | None = None,
              made: Callable[[Essay, dict], None] | None = None,
              remembered: Callable[[str, object, Callable[[], object]], object] | None = None) -> None:
        """Feeds, robots.txt and, per essay, cite.bib, cite.json and annotations.jsonld beside its page.

        ``url_of`` and ``dest_of`` give a source file's absolute address and its path in the site.
        ``unchanged(essay, addresses)``, under the incremental preview: the essay's files are already
        written, from the same essay at the same addresses; they are left as they are. ``made(essay,
        collection)`` is told each annotation collection made."""
        pub = self.publisher
        (site_dir / "robots.txt").write_text(robots_txt(pub), encoding="utf-8")
        if not self.essays:
            return
        urls = {essay.slug: url_of(essay.page_src) for essay in self.essays}
        items = feed.entries(self.essays, lambda essay: urls[essay.slug], self.modified)
        atom, rss = (remembered("feeds", (pub, items), lambda: feed.feeds(items, pub)) if remembered is not None
                     else feed.feeds(items, pub))
        (site_dir / feed.ATOM).write_bytes(atom)
        (site_dir / feed.RSS).write_bytes(rss)
        glossary_url = url_of(glossary_src)
        for essay in self.essays:
            url = urls[essay.slug]
            if unchanged is not None and unchanged(essay, (url, url_of(essay.register_src), glossary_url)):
                continue
            folder = (site_dir / dest_of(essay.page_src)).parent
            folder.mkdir(parents=True, exist_ok=True)
            bib, csl = self._cite_files(essay, url)
            (folder / "cite.bib").write_text(bib, encoding="utf-8")
            (folder / "cite.json").write_text(csl, encoding="utf-8")
            collection = annotations.annotation_collection(
                essay, matcher, collection_url=urljoin(url, "annotations.jsonld"), page_url=url,
                register_url=url_of(essay.register_src), glossary_url=glossary_url)
            if made is not None:
                made(essay, collection)
            # Compact UTF-8 JSON; msgspec encodes it several times faster than the json module.
            (folder / "annotations.jsonld").write_bytes(msgspec.json.encode(collection) + b"\n")
