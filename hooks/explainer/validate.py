"""Checks of the sources that need no rendering: what ``make check`` and the build share.

:func:`check_sources` is the whole validation without a site: the seeds, claims,
glossary and settings (:func:`~explainer.site.load_site`), the citations in
claim notes and on every page, each page's ``link_terms:``, and that the glossary
is built. The build runs the same functions from its hooks, so both report the
same problems.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from mkdocs.structure.files import File, Files
from mkdocs.utils.meta import get_data

from .citations import citation_problems
from .comparison import check_sections, cite_column_essays, page_comparison, undeclared_comparison
from .errors import EditorError
from .outcomes import overdue_forecasts, overdue_message
from .problems import Problems
from .site import Site, load_site, page_link_mode
from .timeline import page_timeline
from .yamlfile import check_front_matter


def check_claim_notes(site: Site, project: Path, problems: Problems) -> None:
    """Citations in every claim's note, each reported at its line of claims.md."""
    problems.extend(claim_note_problems(site, project))


def claim_note_problems(site: Site, project: Path) -> list[EditorError]:
    """The problems :func:`check_claim_notes` reports. They depend on the essays (their claims, slugs and
    paragraphs) and ``site.broken_essays`` only."""
    problems: list[EditorError] = []
    for essay in site.essays:
        for claim in essay.claims:
            problems.extend(citation_problems(site, claim.note, _shown(claim.file, project), claim.note_line, essay.slug))
            if claim.outcome:  # a forecast's outcome note may cite the essay too
                problems.extend(citation_problems(site, claim.outcome.note, _shown(claim.file, project), claim.outcome.line + 1,
                                                  essay.slug))
    return problems


def overdue_warnings(site: Site, project: Path) -> list[str]:
    """A warning per forecast past its horizon with no outcome: the pages are right, only out of date."""
    return [overdue_message(claim, when, _shown(claim.file, project))
            for essay in site.essays for claim, when in overdue_forecasts(essay)]


def check_page(site: Site, file: str, source: str, problems: Problems) -> None:
    """One authored page: its front matter, ``link_terms:``, its comparison's cells, its citations and its timeline data."""
    with problems.collect():
        check_front_matter(file, source)  # MkDocs would drop broken front matter silently
    try:
        markdown, meta = get_data(source)
    except Exception:  # MkDocs reports broken front matter itself when it reads the page
        return
    first_line = source[: len(source) - len(markdown)].count("\n") + 1 if markdown and source.endswith(markdown) else 1
    with problems.collect():
        page_link_mode(meta.get("link_terms"), file, source)
    essay = meta.get("essay") or meta.get("explainer_essay")
    essay = essay if isinstance(essay, str) else None
    lines = markdown.split("\n")
    comparison = None
    with problems.collect():
        comparison = page_comparison(site, meta.get("comparison"), file, source)
    if comparison is not None:  # as the build does: a column's bare citations cite its essay
        cells: list = []
        problems.extend(check_sections(comparison, lines, file, first_line, cells))
        cite_column_essays(lines, cells)
    elif meta.get("comparison") is None and (error := undeclared_comparison(lines, file, first_line)):
        problems.add(error)
    problems.extend(citation_problems(site, "\n".join(lines), file, first_line, essay, meta.get("timeline") is not None))
    with problems.collect():
        page_timeline(site, meta.get("timeline"), file, file, source, essay, problems)


def check_pages(site: Site, pages: Iterable[File], project: Path, problems: Problems) -> None:
    """Every authored page (generated pages are made from checked data)."""
    for file in pages:
        if file.abs_src_path and file.src_uri.endswith(".md"):
            try:
                source = file.content_string
            except UnicodeDecodeError:
                continue  # MkDocs reports it when it reads the page
            check_page(site, _shown(Path(file.abs_src_path), project), source, problems)


def check_glossary_built(site: Site, files: Files, docs_dir: Path, problems: Problems) -> None:
    glossary = files.get_file_from_path(site.glossary_src)
    if site.terms and (glossary is None or glossary.inclusion.is_excluded()):
        problems.add(EditorError(f"{docs_dir.name}/{site.glossary_src}", None,
                                 "the glossary is excluded from the build, but every term link leads to it.",
                                 "Remove it from 'exclude_docs' (or 'draft_docs') in mkdocs.yml."))


def check_sources(config_file: Path) -> tuple[Site | None, Problems, Files | None]:
    """Everything ``mkdocs build`` would report about the sources, without building: for ``make check``.

    Returns the site (None if mkdocs.yml cannot be read), the problems and the site's files.
    """
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError
    from mkdocs.structure.files import get_files

    from .publishing.edition import load_publisher
    from .site import THEME_SETTINGS, check_theme_settings

    problems = Problems()
    try:
        config = load_config(str(config_file))
    except ConfigurationError as e:
        problems.add(EditorError(config_file, None, f"MkDocs cannot read it: {e}", "Correct mkdocs.yml (see the MkDocs documentation)."))
        return None, problems, None
    project, docs_dir = config_file.resolve().parent, Path(config.docs_dir)
    settings = config.extra.get("explainer", {})
    site = load_site(project, docs_dir, settings, problems)
    # The same checks of mkdocs.yml as the hooks' on_config (publishing settings, theme texts).
    problems.attempt(load_publisher, config.site_name, config.site_description, config.site_url,
                     config.theme.get("language"), settings.get("social_image") if isinstance(settings, dict) else None, docs_dir)
    check_theme_settings(config_file.resolve(), {key: config[key] for key in THEME_SETTINGS}, problems)
    check_claim_notes(site, project, problems)
    files = get_files(config)
    check_glossary_built(site, files, docs_dir, problems)
    check_pages(site, files.documentation_pages(), project, problems)
    return site, problems, files


def _shown(path: Path, project: Path) -> str:
    """Absolute: :class:`EditorError` shows it relative to the working directory, like every other path."""
    return str(path if path.is_absolute() else project / path)
