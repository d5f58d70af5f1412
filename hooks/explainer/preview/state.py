"""The preview's state between rebuilds: each page's record, what to render and build again (see the package)."""

from __future__ import annotations

import logging
import os
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from mkdocs.structure.files import InclusionLevel

from ..errors import EditorError
from ..escape import html_text
from ..model import Occurrence
from ..printterms import print_terms_html
from ..problems import Problems
from ..publishing.annotations import described_terms
from ..searchparts import SectionParts
from ..site import file_state
from ..tooltips import DEFERRED_TITLE, term_key
from .reads import Key, ReadingDict, ReadingList, read, record_into
from .support import (
    PUBLISHED_FILES,
    FewerSwitches,
    LaterCollection,
    TemplateCache,
    ThemeListing,
    copied,
    navigation_state,
    read_bytes,
    search_json,
    sweep,
    write_search_docs,
)

_DEFERRED = re.compile(DEFERRED_TITLE + r'="([^"<>&]*)"')
_PRINTED_NAME = re.compile(r"<dt>(.*?)</dt>")  # print_terms_html: one <dt> per term, its name as HTML text
TERM_KEY = term_key("")
DIRTY_WARNING = "A 'dirty' build is being performed"
_ABSENT = object()


@dataclass
class PageRecord:
    """What one page's last render read and produced."""

    source: object  # its own source (authored: the file's bytes; generated: the content, with this process's token)
    deps: dict[Key, object]  # key -> its value's fingerprint when the page read it
    attrs: dict[str, object]  # the MkDocs page attributes a skipped page gets back
    links_to_anchors: dict[str, dict[str, str]]  # by target src_uri (MkDocs keys them by File)
    occurrences: dict[str, dict[Occurrence, None]]
    problems: list[EditorError]
    tooltips: dict[str, str]
    print_terms: tuple[list[str], str] | None  # its printed "Terms" list: the terms' ids in order, and the list
    hidden: dict[str, set[str]] | None
    definitions: set[str]  # the terms whose short definition its tooltips and "Terms" list show (as of the last build)
    search: str = ""  # its search entries, each as the search plugin encodes it, joined by commas


_ATTRS = ("content", "toc", "meta", "_title_from_render", "present_anchor_ids", "markdown")


class _HideDirtyWarning(logging.Filter):
    """MkDocs warns that a dirty build gets navigation wrong; this one does not (see the module docstring)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (preview.enabled and str(record.msg).startswith(DIRTY_WARNING))


class Preview:
    def __init__(self) -> None:
        self.enabled = False
        self.records: dict[str, PageRecord] = {}
        self.global_state: object = None
        self.in_progress = False
        self.nav_state: object = None
        self.problems_state: object = None
        self.files_state: object = None
        self._last_files_state: object = None
        self.published: dict[str, object] = {}  # essay slug -> what its cite and annotation files were made from
        self.values: dict[Key, object] = {}  # every dependency's value after the last build
        self.occurrences: dict[str, dict[Occurrence, None]] = {}  # the last build's aggregate (for "Used in")
        self.shorts: dict[str, str] = {}  # term id -> its short definition in the last build
        self.changed_definitions: set[str] = set()  # terms whose short definition differs from the last build's
        self.kept: set[str] = set()  # the output files the last build accounted for (see finish)
        self.used_in: dict[str, tuple[tuple, str]] = {}  # term id -> its occurrences and its "Used in" list
        self.used_in_context: object = None  # the addresses and order of pages they were made with
        self.made: dict[str, tuple[object, object]] = {}  # name -> (key, value): see remembered
        self.token = secrets.token_hex(16)  # Site.token for every build of this process (see generated_source)
        self.listings: dict[str, tuple[object, tuple]] = {}  # slug -> (essay, what a list shows of it)
        self.sources_made: dict[tuple, tuple[object, str, str]] = {}  # (maker, slug) -> (essay, token, its generated source)
        self.templates = TemplateCache()
        self.search_parts = SectionParts()  # the search sections of long pages, part by part (searchparts)
        self.theme_listing = ThemeListing()
        self.collection = LaterCollection()
        self.switches = FewerSwitches()  # started by the hooks' on_config, stopped when the build ends
        self.reset_build()

    def reset_build(self) -> None:
        self.site = None
        self.files = None
        self.nav = None
        self.phase = "render"
        self.render: set[str] = set()
        self.build: set[str] = set()
        self.sources: dict[str, object] = {}
        self.page_reads: dict[str, set[Key]] = {}
        self.page_problems: dict[str, Problems] = {}
        self.page_occurrences: dict[str, dict] = {}
        self.base_problems = Problems()
        self.memo: dict[Key, object] = {}
        self.built_search: dict[str, list[dict]] = {}
        self.unindexed: dict[str, object] = {}  # page src -> its front matter's `search:` value, set aside
        self.search_mark = 0
        self.search_index = None
        self.fresh_start = 0
        self.fresh = False  # the records were dropped: this build starts afresh
        self.state_of: Callable[[object], object] = lambda essay: None

    # --- the build's start --------------------------------------------------------------
    def begin(self, config, site, global_parts: tuple, state_of: Callable[[object], object]) -> None:
        """A new build: wrap the site model so page reads are recorded; drop everything if global inputs changed."""
        record_into(None)
        self.reset_build()
        self.site = site
        self.state_of = state_of
        terms = tuple((t.id, t.name, tuple(t.aliases)) for t in site.terms)
        state = (global_parts, terms, bool(site.essays))
        if state != self.global_state or self.in_progress:  # an aborted build leaves records half made
            self.records, self.published, self.values, self.used_in, self.made = {}, {}, {}, {}, {}
            self.sources_made, self.listings = {}, {}
            self.fresh = True
        self.global_state = state
        self.in_progress = True
        self.theme_listing.install(config.theme, global_parts)
        # Every record shows the definitions of the last build (pages showing a changed one are built
        # again, see plan_build): what changed since is all a record is compared with.
        shorts = {t.id: t.short for t in site.terms}
        self.changed_definitions = {t for t, short in shorts.items() if self.shorts.get(t) != short}
        self.shorts = shorts
        site.essays = ReadingList(site.essays)
        site.by_slug = ReadingDict(site.by_slug)
        probe = Path(config.site_dir) / ".explainer-build-start"
        probe.parent.mkdir(parents=True, exist_ok=True)
        probe.write_bytes(b"")
        self.fresh_start = probe.stat().st_mtime_ns  # files written from now on are this build's
        probe.unlink()

    # --- which pages to render ----------------------------------------------------------
    def plan(self, files, docs_dir: Path) -> None:
        """Decide which pages render (phase one), and make MkDocs ask us through ``File.is_modified``."""
        self.files = files
        self.base_problems = self.site.problems  # the sources' problems; each page's are collected apart
        by_src, normalizing = files.src_uris, files.get_file_from_path

        def lookup(path: str):
            """MkDocs' ``get_file_from_path``, without normalizing a path that is a file's ``src_uri`` already."""
            found = by_src.get(path)
            return found if found is not None else normalizing(path)

        def recording_lookup(path: str):
            read(("file", path))
            return lookup(path)

        files.get_file_from_path = recording_lookup
        self.lookup = lookup
        self.data_state = tuple(sorted((str(p), file_state(p)) for p in docs_dir.rglob("*.y*ml")))
        # Every record's dependencies had these values after the last build: compare each key once.
        changed = {key for key, value in self.values.items() if self.fingerprint(key) != value}
        for file in files.documentation_pages(inclusion=InclusionLevel.is_in_serve):
            src = file.src_uri
            if file.generated_by is not None:
                source: object = file.content_string
            else:
                source = read_bytes(file.abs_src_path)
            self.sources[src] = source
            record = self.records.get(src)
            if record is None or record.source != source or not record.deps.keys().isdisjoint(changed):
                self.render.add(src)
            file.is_modified = lambda src=src: src in (self.render if self.phase == "render" else self.build)
        self.files_state = tuple((f.src_uri, f.url) for f in files.documentation_pages(inclusion=InclusionLevel.is_in_serve))

    def fingerprint(self, key: Key) -> object:
        if key in self.memo:
            return self.memo[key]
        site = self.site
        kind = key[0]
        if kind == "essay":
            essay = dict.get(site.by_slug, key[1])
            value: object = None if essay is None else self.state_of(essay)
        elif kind == "essays":  # what a list of essays shows: its metadata, length and number of claims
            value = tuple(self._listed(e) for e in list.__iter__(site.essays))
        elif kind == "essays-full":
            value = tuple((e.slug, self.state_of(e)) for e in list.__iter__(site.essays))
        elif kind == "term":  # what rendering reads; the definition is written in after (see definitions)
            term = site.term_by_id.get(key[1])
            value = None if term is None else (term.id, term.name, tuple(term.aliases))
        elif kind == "term-names":
            value = tuple((t.id, t.name, tuple(t.aliases)) for t in site.terms)
        elif kind == "terms":
            value = tuple((t.id, t.name, tuple(t.aliases), t.short, t.line) for t in site.terms)
        elif kind == "file":
            target = self.lookup(key[1])
            value = None if target is None else (target.src_uri, target.url, target.dest_uri)
        elif kind == "data":
            value = self.data_state
        else:
            value = object()  # unknown: never equal, so the page renders
        self.memo[key] = value
        return value

    def _listed(self, essay) -> tuple:
        """What a list shows of ``essay``, made once per parsed essay (the seed cache gives an unchanged one back)."""
        last = self.listings.get(essay.slug)
        if last is None or last[0] is not essay:
            shown = (essay.slug, file_state(essay.folder / "meta.yml"), essay.reading_minutes, len(essay.claims))
            last = self.listings[essay.slug] = (essay, shown)
        return last[1]

    # --- while a page renders -----------------------------------------------------------
    def start_page(self, src: str) -> None:
        """The page about to render: its reads, problems and term occurrences are its own from here on."""
        site = self.site
        record_into(self.page_reads.setdefault(src, set()))
        site.problems = self.page_problems.setdefault(src, Problems())
        site.occurrences = self.page_occurrences.setdefault(src, {})

    # --- every page rendered ------------------------------------------------------------
    def after_render(self, files, glossary_src: str) -> None:
        """Record what the rendered pages produced, give the others theirs back, rebuild the aggregates."""
        record_into(None)
        site = self.site
        pages = [f.page for f in files.documentation_pages(inclusion=InclusionLevel.is_in_serve) if f.page is not None]
        problems = self.base_problems
        changed_usage = False
        for page in pages:
            src = page.file.src_uri
            if src in self.render:
                record = self._record(page, src, glossary_src)
                old = self.records.get(src)
                if old is None or old.occurrences != record.occurrences:
                    changed_usage = True
                self.records[src] = record
            else:
                record = self.records[src]
                self._restore(page, record, files)
            problems.extend(record.problems)
        if set(self.records) - set(self.sources):
            changed_usage = True
            for gone in set(self.records) - set(self.sources):
                del self.records[gone]
        if changed_usage or self.files_state != self._last_files_state:  # else the last build's aggregate stands
            self.occurrences = {}
            for page in pages:
                for term_id, places in self.records[page.file.src_uri].occurrences.items():
                    self.occurrences.setdefault(term_id, {}).update(places)
        site.occurrences = self.occurrences
        site.problems = problems
        self.changed_usage = changed_usage

    def _record(self, page, src: str, glossary_src: str) -> PageRecord:
        site = self.site
        reads = self.page_reads.get(src, set())
        if src == glossary_src:
            reads.add(("terms",))
        occurrences = self.page_occurrences.get(src, {})
        for term_id in occurrences:
            reads.add(("term", term_id))
        if page.file.generated_by is None:
            reads.add(("data",))
        if page.meta.get("timeline") is not None and ("essays",) in reads:
            reads.add(("essays-full",))  # the timeline links each dated claim to its paragraph, whose text is its tooltip
        keys = set(_DEFERRED.findall(page.content or ""))
        essay = page.meta.get("explainer_essay")
        printed = site.print_terms.get(src)
        if printed is not None:
            by_name = {html_text(t.name): t.id for t in site.terms}  # names are unique (glossary.py)
            printed_ids: list[str] | None = [by_name[name] for name in _PRINTED_NAME.findall(printed)]
        else:
            printed_ids = None
        shown = {k[len(TERM_KEY):] for k in keys if k.startswith(TERM_KEY)} | set(printed_ids or ())
        return PageRecord(
            source=self.sources[src],
            deps=self._values_of(reads),
            attrs={name: copied(getattr(page, name, None)) for name in _ATTRS},
            links_to_anchors={f.src_uri: dict(a) for f, a in (getattr(page, "links_to_anchors", None) or {}).items()},
            occurrences=occurrences,
            problems=list(self.page_problems.get(src, ())),
            tooltips={k: site.tooltips.attributes[k] for k in keys if k in site.tooltips.attributes and not k.startswith(TERM_KEY)},
            print_terms=(printed_ids, printed) if printed_ids is not None else None,
            hidden=site.hidden.get(essay) if essay else None,
            definitions={term_id for term_id in shown if term_id in site.term_by_id},
        )

    def _values_of(self, keys: set[Key]) -> dict[Key, object]:
        deps = {key: self.fingerprint(key) for key in keys}
        self.values.update(deps)
        return deps

    def _restore(self, page, record: PageRecord, files) -> None:
        """A page not rendered again: its attributes (shared with the record; a page built again gets its
        own ``meta``, see plan_build) and what it gave the site model. Its tooltips and printed "Terms",
        which only its template uses, are given back if it is built (``page_built``)."""
        for name, value in record.attrs.items():
            setattr(page, name, value)
        page.links_to_anchors = {target: dict(anchors) for target_src, anchors in record.links_to_anchors.items()
                                 if (target := self.lookup(target_src)) is not None}
        essay = page.meta.get("explainer_essay")
        if essay and record.hidden:
            self.site.hidden[essay] = record.hidden

    def _restore_for_template(self, src: str, record: PageRecord) -> None:
        """What the template of a page not rendered again writes in: its tooltips (definitions are written
        in after rendering, so it shows the current ones) and its printed "Terms"."""
        site = self.site
        for key, text in record.tooltips.items():
            site.tooltips.attributes.setdefault(key, text)
        by_id = site.term_by_id
        for term_id in record.definitions:
            site.tooltips.defer(term_key(term_id), by_id[term_id].short)
        if record.print_terms is not None:
            ids, printed = record.print_terms
            if not self.changed_definitions.isdisjoint(ids):  # a definition in it changed
                printed = print_terms_html([by_id[t] for t in ids])
                record.print_terms = (ids, printed)
            site.print_terms[src] = printed

    def plan_build(self, files, nav, problems_html: str, glossary_src: str, search_index) -> None:
        """Phase two: which templates to render again. Called once every page has its content."""
        nav_state = navigation_state(nav)
        everything = nav_state != self.nav_state or problems_html != self.problems_state
        self.build = {f.src_uri for f in files.documentation_pages(inclusion=InclusionLevel.is_in_serve)} if everything else set(self.render)
        changed = self.changed_definitions
        if changed:
            for src, record in self.records.items():  # a definition it shows changed: only its template again
                if src not in self.build and not changed.isdisjoint(record.definitions):
                    self.build.add(src)
        if self.changed_usage or everything or self.files_state != self._last_files_state:
            self.build.add(glossary_src)
        self._last_files_state = self.files_state
        self.nav_state, self.problems_state = nav_state, problems_html
        self.phase = "build"
        self.search_index = search_index
        self.search_mark = len(search_index.entries) if search_index is not None else 0
        # A page built but not rendered again has the same content: its search entries are its record's,
        # so the search plugin is told to skip it (Material's `search: exclude`), and given it back after.
        for file in files.documentation_pages(inclusion=InclusionLevel.is_in_serve):
            if file.page is not None and file.src_uri in self.build and file.src_uri not in self.render:
                file.page.meta = dict(file.page.meta)  # building adds to it; the record's stays as rendered
                if search_index is not None:
                    self.unindexed[file.src_uri] = file.page.meta.get("search", _ABSENT)
                    file.page.meta["search"] = {"exclude": True}

    def page_built(self, page) -> None:
        """After the search plugin has indexed the page, before its tooltips and "Terms" are written in:
        its entries are this build's; a page not rendered again gets back what its template writes in."""
        src = page.file.src_uri
        record = self.records.get(src)
        if record is not None and src not in self.render:
            self._restore_for_template(src, record)
        index = self.search_index
        if index is None:
            return
        if src in self.unindexed:  # not indexed again: its front matter as it was, its entries the record's
            search = self.unindexed.pop(src)
            if search is _ABSENT:
                del page.meta["search"]
            else:
                page.meta["search"] = search
        else:
            self.built_search[src] = index.entries[self.search_mark:]
        self.search_mark = len(index.entries)

    def used_in_lists(self, order: list[str]) -> dict[str, tuple[tuple, str]]:
        """The glossary's "Used in" lists as last made (see ``usedin.fill_used_in``), while the pages'
        addresses and order are the same."""
        context = (self.files_state, tuple(order))
        if context != self.used_in_context:
            self.used_in_context, self.used_in = context, {}
        return self.used_in

    def remembered(self, name: str, key: object, make: Callable[[], object]) -> object:
        """What ``make()`` made when ``name`` last had this ``key`` (its inputs), else made now."""
        last = self.made.get(name)
        if last is None or last[0] != key:
            last = self.made[name] = (key, make())
        return last[1]

    def generated_source(self, make: Callable[[object, str], str], essay, token: str) -> str:
        """``make(essay, token)``: a generated page's source, kept while the parsed essay is the same object
        (the seed cache gives an unchanged essay back as it was) and the token the same.

        The token is random for each `mkdocs serve` process instead of each build; like a build's, it is
        in no output, so no content can come to contain it."""
        key = (make.__name__, essay.slug)
        last = self.sources_made.get(key)
        if last is None or last[0] is not essay or last[1] != token:
            last = self.sources_made[key] = (essay, token, make(essay, token))
        return last[2]

    def published_unchanged(self, essay, addresses: tuple[str, ...]) -> bool:
        """An essay's cite and annotation files are as the last build wrote them: same essay, addresses,
        and the same definitions of the terms its annotations named. (Term names are the same: a
        change of them drops every record, see :meth:`begin`. Like the pages MkDocs skips, the files
        are not looked for: nothing but the build writes to the site folder.)"""
        base = (self.state_of(essay), addresses)
        last = self.published.get(essay.slug)
        unchanged = last is not None and last[0] == base and self.changed_definitions.isdisjoint(last[1])
        if not unchanged:
            self.published[essay.slug] = (base, set())  # completed by published_made
        return unchanged

    def published_made(self, essay, collection: dict) -> None:
        """Remember which terms' definitions an essay's annotations show."""
        self.published[essay.slug] = (self.published[essay.slug][0], described_terms(collection))

    def finish(self, files, site_dir: Path, search_plugin) -> None:
        """The search index in page order, stale output removed; the records are complete again."""
        docs: list[str] = []
        for file in files.documentation_pages(inclusion=InclusionLevel.is_in_serve):
            record = self.records.get(file.src_uri)
            if record is None:
                continue
            if file.src_uri in self.built_search:  # encoded once, when made
                record.search = ",".join(search_json(entry) for entry in self.built_search[file.src_uri])
            if record.search:
                docs.append(record.search)
        if search_plugin is not None:
            write_search_docs(search_plugin, ",".join(docs))
        keep = {os.path.normpath(f.abs_dest_path) for f in files}
        # An essay deleted (or left out for its problems) has its files swept: if it comes back as it
        # was, they must be written again, not taken as unchanged.
        current = {essay.slug for essay in list.__iter__(self.site.essays)}
        self.published = {slug: last for slug, last in self.published.items() if slug in current}
        for essay in list.__iter__(self.site.essays):  # publishing wrote them or left them as they were (published_unchanged)
            target = self.lookup(essay.page_src)
            if target is not None:
                folder = os.path.dirname(target.abs_dest_path)
                keep.update(os.path.normpath(os.path.join(folder, name)) for name in PUBLISHED_FILES)
        keep.add(os.path.normpath(site_dir / "search" / "search_index.json"))
        if keep != self.kept or self.fresh:  # the same files as the last build: nothing of it can be stale
            sweep(site_dir, keep, self.fresh_start)
        self.kept = keep
        self.in_progress = False
        self.switches.stop()
        files.get_file_from_path = self.lookup
        self.site = None  # the next build's model replaces it
        self.collection.schedule(lambda: self.in_progress)


preview = Preview()
logging.getLogger("mkdocs.commands.build").addFilter(_HideDirtyWarning())


def activate(command: str, dirty: bool) -> None:
    """Incremental preview is on under ``mkdocs serve --dirty`` only."""
    enabled = command == "serve" and dirty
    if enabled != preview.enabled:
        preview.enabled = enabled
        preview.records, preview.published, preview.values, preview.used_in, preview.made = {}, {}, {}, {}, {}
        preview.sources_made, preview.listings = {}, {}
        preview.search_parts = SectionParts()
        preview.global_state = None


def project_state(config, command: str) -> tuple:
    """What every page depends on: the config file, the code, the theme overrides, the address served at."""
    config_file = Path(config.config_file_path)
    parts = [read_bytes(str(config_file)), config.site_url, command, config.docs_dir, config.site_dir]
    for folder in (config_file.parent / "hooks", Path(config.theme.custom_dir or config_file.parent / "overrides")):
        if folder.is_dir():
            parts.extend((str(p), file_state(p)) for p in sorted(folder.rglob("*")) if p.is_file() and "__pycache__" not in p.parts)
    return tuple(parts)
