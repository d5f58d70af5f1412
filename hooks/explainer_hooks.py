"""MkDocs hooks: translate build events into calls of the ``explainer`` package.

Thin on purpose: parsing and rendering live in plain functions and
Python-Markdown extensions (see ``explainer/__init__.py``). Generated pages
exist only in the build (``File.generated``); nothing is written to ``docs/``
or ``seeds/``.
"""

from __future__ import annotations

import gc
import logging
from pathlib import Path

from explainer.citations import CitationExtension
from explainer.comparison import ComparisonExtension, page_comparison
from explainer.escape import theme_plain, theme_text
from explainer.essaypage import EssayExtension
from explainer.generated import (
    broken_essay_markdown,
    essay_markdown,
    essays_index_markdown,
    footnotes_marker,
    register_markdown,
)
from explainer.navigation import ESSAYS_INDEX, listed_essays, with_essays
from explainer.preview import activate, preview, project_state
from explainer.printterms import fill_print_terms
from explainer.problems import Problems, ProblemsError
from explainer.publishing.edition import Publisher, load_publisher, modified_dates
from explainer.publishing.outputs import Publishing
from explainer.publishing.pagemeta import head_html
from explainer.searchview import LeanIndex
from explainer.seeds import SLUG
from explainer.site import THEME_SETTINGS, PageContext, Site, check_theme_settings, essay_state, load_site, page_link_mode
from explainer.termlinks import TermLinkExtension, hidden_term_notes
from explainer.timeline import TimelineExtension, page_timeline
from explainer.tooltips import fill_titles
from explainer.usedin import fill_used_in
from explainer.validate import check_glossary_built, check_pages, claim_note_problems, overdue_warnings
from jinja2 import Environment
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

log = logging.getLogger("mkdocs.plugins.explainer")
REQUIRED_EXTENSIONS = ("attr_list", "footnotes", "md_in_html", "toc")
_site: Site | None = None
_files: Files | None = None
_urls: dict[str, str] = {}  # source path -> absolute address, for this build's files (see _absolute_url)
_publishing: Publishing | None = None
_lean_index: LeanIndex | None = None
_command = "build"  # "serve" under `mkdocs serve`: editor mistakes are then shown on the pages, not fatal
log = logging.getLogger("mkdocs.explainer")


def on_startup(command: str, dirty: bool) -> None:
    global _command
    _command = command
    activate(command, dirty)  # incremental rebuilds under `mkdocs serve --dirty` (see explainer/preview/)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Load the sources. Every editor mistake is collected (its unit left out), reported in ``on_env``."""
    if preview.enabled:  # the file watcher waits while the build runs (see explainer/preview/)
        preview.switches.start()
    else:  # the preview instead collects the last build's garbage a second after it
        gc.unfreeze()
    global _site, _publishing
    project = Path(config.config_file_path).parent
    problems = Problems()
    settings = config.extra.get("explainer", {})
    site = load_site(project, Path(config.docs_dir), settings, problems)
    if preview.enabled:  # one token per `mkdocs serve`: an unchanged essay's generated source is the same text
        site.token = preview.token
    publisher = problems.attempt(load_publisher, config.site_name, config.site_description, config.site_url,
                                 config.theme.get("language"), settings.get("social_image"), Path(config.docs_dir))
    _publishing = Publishing(publisher or Publisher(config.site_name, config.site_description or "", config.site_url or ""),
                             site.essays, modified_dates(project / settings.get("seeds", "seeds"), site.essays))
    problems.extend(_remember("claim notes", (tuple(site.essays), tuple(site.broken_essays), project),
                              lambda: claim_note_problems(site, project)))
    check_theme_settings(Path(config.config_file_path), {key: config[key] for key in THEME_SETTINGS}, problems)
    # A warning, not an error: the pages are right, only out of date; --strict (CI, make build) fails on it.
    for warning in overdue_warnings(site, project):
        log.warning(warning)
    # The generated pages rely on these stock extensions; add any the config lacks.
    for name in REQUIRED_EXTENSIONS:
        if name not in config.markdown_extensions:
            config.markdown_extensions.append(name)
    # Notes go where the essay page puts this build's token, never where content reads like a placeholder.
    config.mdx_configs.setdefault("footnotes", {})["PLACE_MARKER"] = footnotes_marker(site.token)
    config.markdown_extensions.extend([EssayExtension(site), CitationExtension(site), TermLinkExtension(site),
                                      TimelineExtension(site), ComparisonExtension(site)])
    if config.nav is not None:
        config.nav = with_essays(config.nav, site.essays, site.nav_essays)
    _site = site
    if preview.enabled:
        dates = _publishing.modified
        preview.begin(config, site, project_state(config, _command),
                      lambda essay: (essay_state(essay.folder), dates.get(essay.slug)))
    # The site model lives for the whole build: keep the garbage collector from walking it again
    # at every full collection (tens of thousands of objects at 200 essays). `mkdocs serve` calls
    # on_config again for each rebuild; the unfreeze at its start lets the last build's objects go
    # (the preview collects them after each build instead: `preview.collection`).
    gc.freeze()
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    global _files
    assert _site is not None
    source = preview.generated_source if preview.enabled else lambda make, essay, token: make(essay, token)
    if _site.essays and files.get_file_from_path(ESSAYS_INDEX) is None:
        files.append(File.generated(config, ESSAYS_INDEX, content=essays_index_markdown(len(_site.essays), _site.token)))
    # Essays beyond the navigation's list are reached from the Essays page, the home page and search.
    listed = {essay.slug for essay in listed_essays(_site.essays, _site.nav_essays)}
    for essay in _site.essays:
        inclusion = InclusionLevel.UNDEFINED if essay.slug in listed else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, essay.page_src, content=source(essay_markdown, essay, _site.token), inclusion=inclusion))
        if essay.claims:
            files.append(File.generated(config, essay.register_src, content=source(register_markdown, essay, _site.token),
                                        inclusion=inclusion))
    # Under `mkdocs serve`, an essay left out for its problems keeps its address: the page open in
    # the browser then shows the problems, and livereload brings the essay back once they are fixed.
    for slug in _site.broken_essays:
        src = f"essays/{slug}/index.md"
        if SLUG.match(slug) and files.get_file_from_path(src) is None:
            files.append(File.generated(config, src, content=broken_essay_markdown(slug), inclusion=InclusionLevel.NOT_IN_NAV))
    _files = files  # for the glossary's "Used in" addresses
    _urls.clear()
    check_glossary_built(_site, files, Path(config.docs_dir), _site.problems)
    # Every page's citations before any is rendered: the report names them all in one run.
    check_pages(_site, files.documentation_pages(), Path(config.config_file_path).parent, _site.problems)
    if preview.enabled:
        preview.plan(files, Path(config.docs_dir))
    return files


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    preview.nav = nav
    return nav


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    assert _site is not None
    if preview.enabled:
        preview.start_page(page.file.src_uri)
    source = page.file.content_string
    first_line = source[: len(source) - len(markdown)].count("\n") + 1 if markdown and source.endswith(markdown) else 1
    origin = page.file.abs_src_path
    file = origin or page.file.src_uri  # EditorError shows it relative to the working directory
    glossary = files.get_file_from_path(_site.glossary_src)  # term links lead there (TermAddressTreeprocessor)
    essay = page.meta.get("essay") or page.meta.get("explainer_essay")
    _site.page = PageContext(
        src=page.file.src_uri,
        title=theme_plain(page.meta.get("title") or page.title or ""),  # the theme's HTML, as text
        file=file,
        essay=essay,
        first_line=first_line,
        link_mode=_site.problems.attempt(page_link_mode, page.meta.get("link_terms"), file, source) or "",
        glossary_url=get_relative_url(glossary.url, page.file.url) if glossary else "",
        generated=page.file.generated_by is not None,
        timeline=_site.problems.attempt(page_timeline, _site, page.meta.get("timeline"), origin, file, source, essay, _site.problems),
        places_timeline=page.meta.get("timeline") is not None,
        comparison=_site.problems.attempt(page_comparison, _site, page.meta.get("comparison"), file, source),
        declares_comparison=page.meta.get("comparison") is not None,
    )
    return markdown


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Every page is rendered, none written: stop with every problem, or under `mkdocs serve` show them.

    Under serve the build goes on without the broken units and each page shows the list at its
    top (the ``announce`` block of overrides/main.html); livereload replaces it once fixed.
    """
    global _lean_index
    assert _site is not None
    if preview.enabled:
        preview.after_render(files, _site.glossary_src)
        env.bytecode_cache = preview.templates  # the theme's templates compiled once per `mkdocs serve`
    problems = _site.problems
    if problems and _command != "serve":
        raise ProblemsError(problems)
    if problems:
        log.warning(problems.report())
        env.globals["explainer_problems"] = Markup(problems.html())  # every value in it escaped by escape.py
    # A notice, not a warning: a term inside a longer one is still counted as used (see termlinks),
    # and `--strict` must not fail for an editorial choice.
    for note in hidden_term_notes(_site):
        log.info(note)
    search_plugin = _search_plugin(config)
    if preview.enabled:
        preview.plan_build(files, preview.nav, problems.html() if problems else "", _site.glossary_src,
                           getattr(search_plugin, "search_index", None))
    # The search plugin reads each page without the links it drops (see searchview).
    _lean_index = LeanIndex.hold(_built_pages(files), search_plugin, preview.search_parts if preview.enabled else None)
    return env


def _built_pages(files: Files) -> list[Page]:
    return [file.page for file in files.documentation_pages() if file.page is not None]


def _remember(name: str, key: object, make):
    """``make()``, or under the preview what it made when ``key`` (its inputs) was the same."""
    return preview.remembered(name, key, make) if preview.enabled else make()


def _search_plugin(config: MkDocsConfig) -> object | None:
    return next((plugin for plugin in config.plugins.values() if hasattr(plugin, "search_index")), None)


@event_priority(-100)  # after the search plugin has indexed the page: tooltips and "Used in" are no content to search
def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    """Every page is rendered by now (MkDocs renders all before building any): write out the
    tooltips and an essay's printed "Terms", and fill the glossary's "Used in"."""
    assert _site is not None and _files is not None
    if _lean_index is not None:
        _lean_index.add(page)
    if preview.enabled:
        preview.page_built(page)
    if not page.content:
        return context
    files = _files
    page.content = fill_titles(page.content, _site.tooltips.attributes)
    page.content = fill_print_terms(page.content, _site.print_terms.pop(page.file.src_uri, None))
    if page.file.src_uri == _site.glossary_src:
        urls: dict[str, str] = {}

        def url_for(src: str, anchor: str | None) -> str:
            if src not in urls:  # one page has many places: resolve it once
                target = files.get_file_from_path(src)
                urls[src] = get_relative_url(target.url, page.file.url) if target else src
            return f"{urls[src]}#{anchor}" if anchor else urls[src]

        # Pages in the navigation's order (the essay before its register and the companion pages).
        order = [item.file.src_uri for item in nav.pages]
        made = preview.used_in_lists(order) if preview.enabled else None
        page.content = fill_used_in(page.content, _site.occurrences, url_for, order, made)
    _publish_page(context, page, config)
    return context


def _absolute_url(src: str) -> str:
    """The absolute address of a source file of the build ("" if it has none), resolved once per build."""
    assert _files is not None and _publishing is not None
    if src not in _urls:
        target = _files.get_file_from_path(src)
        _urls[src] = _publishing.publisher.absolute(target.url) if target else ""
    return _urls[src]


def _to_root(url: str) -> str:
    """The relative way from a page to the site's root: "", "../", "../../"."""
    way = get_relative_url("", url)
    return "" if way == "." else way + "/"


def _publish_page(context: dict, page: Page, config: MkDocsConfig) -> None:
    """Description, share-card tags, feed links and JSON-LD for the head (overrides/main.html); "Cite this" on essays."""
    assert _site is not None and _publishing is not None
    src = page.file.src_uri
    url = page.canonical_url or _publishing.publisher.absolute(page.url)
    description = page.meta.get("description") or (config.site_description if page.is_homepage else None)
    meta = _publishing.page_head(src=src, title=theme_plain(page.meta.get("title") or page.title or config.site_name),
                                 description=theme_plain(description) if isinstance(description, str) else None,
                                 content=page.content or "", url=url, to_root=_to_root(page.url),
                                 glossary_src=_site.glossary_src, terms=_site.terms, url_of=_absolute_url)
    page.meta["description"] = theme_text(meta.description)  # the theme prints it as HTML (see escape)
    context["explainer_head"] = head_html(meta)
    cite = _publishing.cite_html(src, url)
    if cite:
        page.content += cite


def on_build_error(error: Exception) -> None:
    preview.switches.stop()  # a build that fails gives the other threads their share back too


@event_priority(50)  # before the search plugin writes its index: the preview completes it first
def on_post_build(config: MkDocsConfig) -> None:
    """Files made once per build: feeds, robots.txt, each essay's citations and annotations."""
    assert _site is not None and _files is not None and _publishing is not None
    files = _files
    _publishing.write(Path(config.site_dir), url_of=_absolute_url,
                      dest_of=lambda src: files.get_file_from_path(src).dest_uri,
                      glossary_src=_site.glossary_src, matcher=_site.matcher,
                      unchanged=preview.published_unchanged if preview.enabled else None,
                      made=preview.published_made if preview.enabled else None,
                      remembered=preview.remembered if preview.enabled else None)
    # The matches kept for the annotations are done with; the search plugin's index, written
    # next, is the build's peak of memory.
    _site.matcher.forget()
    if _lean_index is not None:
        _lean_index.release(_built_pages(files))
    if preview.enabled:
        preview.finish(files, Path(config.site_dir), _search_plugin(config))
