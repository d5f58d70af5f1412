"""Everything the build knows about the site's sources, loaded once per build.

The MkDocs hooks create one :class:`Site` in ``on_config``; the Markdown
extensions read it while rendering and record term occurrences into it. The
page being rendered is :attr:`Site.page`, set by the hooks before each render.
"""

from __future__ import annotations

import functools
import posixpath
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from .claims import anchor_claims, parse_claims
from .comparison import Comparison
from .corrections import CORRECTIONS_FILE, parse_corrections
from .errors import EditorError
from .escape import theme_misreads
from .glossary import parse_glossary
from .model import Essay, Occurrence, Term
from .navigation import DEFAULT_NAV_ESSAYS
from .problems import Problems, RaiseAtOnce
from .seeds import CLAIMS_FILE, META_FILE, TEXT_FILE, load_essay, load_essays
from .terms import TermMatcher
from .text import suggest
from .timelinedata import Timeline
from .tooltips import Tooltips

LINK_MODES = ("page", "section", "all")
PAGE_LINK_MODES = (*LINK_MODES, "none")  # a page's own `link_terms:` may also turn term links off
SETTINGS = ("seeds", "glossary", "link_terms", "nav_essays", "social_image")  # keys of extra.explainer in mkdocs.yml


@functools.cache
def _relative(target_src: str, from_dir: str) -> str:
    """``posixpath.relpath``, remembered: pages link to the same few folders thousands of times.

    Unbounded: the pairs are as many as the site has folders and link targets, and a
    bounded cache thrashed on a site of 1000 essays.
    """
    return posixpath.relpath(target_src, from_dir or ".")


@dataclass
class PageContext:
    """The page being rendered: its source path, title, file and the essay ``[[pN]]`` refers to."""

    src: str
    title: str = ""
    file: str = ""
    essay: str | None = None
    first_line: int = 1  # line of the file where the Markdown body starts (after front matter)
    link_mode: str = ""  # the page's own `link_terms:` front matter; "" follows the site's setting
    glossary_url: str = ""  # the glossary page's address from this page ("": the relative source path)
    generated: bool = False  # an essay, register or the Essays page, made by the build (File.generated)
    timeline: Timeline | None = None  # the data its front matter's `timeline:` names (see timeline.py)
    places_timeline: bool = False  # its front matter names timeline data: `[[timeline]]` may place it
    comparison: Comparison | None = None  # the columns its front matter's `comparison:` declares (see comparison.py)
    declares_comparison: bool = False  # it has `comparison:` front matter (even one that failed its check)


@dataclass
class Site:
    essays: list[Essay]
    terms: list[Term]
    glossary_src: str = "glossary.md"
    link_mode: str = "page"
    nav_essays: int = DEFAULT_NAV_ESSAYS  # how many of the newest essays the navigation lists
    page: PageContext = field(default_factory=lambda: PageContext(src=""))
    # term id -> where it occurs, in order of first sight (a dict as an ordered set)
    occurrences: dict[str, dict[Occurrence, None]] = field(default_factory=dict)
    # essay slug -> term id -> the longer terms it was only ever met inside, on that essay's page
    hidden: dict[str, dict[str, set[str]]] = field(default_factory=dict)
    tooltips: Tooltips = field(default_factory=Tooltips)  # written into the pages at the end (see tooltips)
    print_terms: dict[str, str] = field(default_factory=dict)  # page src -> its "Terms" list, written in at the end
    problems: Problems = field(default_factory=RaiseAtOnce)  # where extensions report mistakes met while rendering
    # Random for each build, in the marker lines of generated pages and the footnotes' placeholder:
    # no essay, note or page can contain it, so no content can pass for a marker (see essaypage).
    token: str = field(default_factory=lambda: secrets.token_hex(16))
    broken_essays: list[str] = field(default_factory=list)  # seed folders left out for their problems

    def __post_init__(self) -> None:
        self.matcher = TermMatcher(self.terms)
        self.by_slug = {e.slug: e for e in self.essays}
        self.term_by_id = {t.id: t for t in self.terms}

    def url_to(self, target_src: str, anchor: str | None = None) -> str:
        """A link from the current page to another source file, which MkDocs then resolves and checks."""
        if target_src == self.page.src:
            return f"#{anchor}" if anchor else posixpath.basename(target_src)
        path = _relative(target_src, posixpath.dirname(self.page.src))
        return f"{path}#{anchor}" if anchor else path

    def record(self, term: Term, anchor: str | None, place: str) -> None:
        self.occurrences.setdefault(term.id, {})[Occurrence(self.page.src, self.page.title, anchor, place)] = None


# Parsed seed folders by path, with the state of their files when parsed and the problems
# found in them. `mkdocs serve` keeps this process alive between rebuilds: an edit elsewhere
# (a glossary entry, a page) then costs no re-parsing of unchanged essays.
_SEED_CACHE: dict[Path, tuple[tuple, Essay | None, list[EditorError]]] = {}


def file_state(path: Path) -> tuple[int, int] | None:
    """A file's modification time and size, or None if it cannot be read: what says it changed."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size


def essay_state(folder: Path) -> tuple:
    """The state of a seed folder's files when last parsed (what the incremental preview compares)."""
    cached = _SEED_CACHE.get(folder)
    return cached[0] if cached else tuple(file_state(folder / name) for name in (TEXT_FILE, META_FILE, CLAIMS_FILE, CORRECTIONS_FILE))


def load_essay_with_claims(folder: Path, problems: Problems | None = None) -> Essay | None:
    """An essay with its claims anchored, re-read only when one of its files changed.

    Without ``problems`` the first problem raises. With it, a folder whose text or metadata is
    broken is recorded and gives None; a broken claim is recorded and left out of the essay.
    """
    state = tuple(file_state(folder / name) for name in (TEXT_FILE, META_FILE, CLAIMS_FILE, CORRECTIONS_FILE))
    cached = _SEED_CACHE.get(folder)
    if cached and cached[0] == state:
        _, essay, errors = cached
    else:
        found = Problems()
        essay = found.attempt(load_essay, folder)
        claims_path = folder / CLAIMS_FILE
        if claims_path.is_file():
            with found.collect():
                claims = parse_claims(claims_path, found)  # read even when the essay is broken: its mistakes show too
                if essay is not None:
                    essay.claims = anchor_claims(essay, claims, found)
        corrections_path = folder / CORRECTIONS_FILE
        if corrections_path.is_file():
            with found.collect():
                corrections = parse_corrections(corrections_path)
                if essay is not None:
                    essay.corrections = corrections
        errors = list(found)
        _SEED_CACHE[folder] = (state, essay, errors)
    if problems is None and errors:
        raise errors[0]
    if problems is not None:
        problems.extend(errors)
    return essay


def load_site(project_dir: Path, docs_dir: Path, settings: object, problems: Problems | None = None) -> Site:
    """Parse seeds, claims and glossary.

    Without ``problems`` the first editor mistake raises :class:`EditorError`. With it, every
    mistake is recorded there and its unit (a setting, an essay, a claim, a term) left out.
    """
    problems = problems if problems is not None else RaiseAtOnce()
    config_file = project_dir.resolve() / "mkdocs.yml"
    lines = _settings_lines(config_file)
    settings = {} if settings is None else settings  # `explainer:` with nothing under it
    if not isinstance(settings, dict):
        problems.add(EditorError(config_file, lines.get(""), "'extra.explainer' must be a set of 'key: value' settings.",
                                 f"Indent the settings under it: {', '.join(SETTINGS)} (see docs/editing.md)."))
        settings = {}
    for key in settings:
        if key not in SETTINGS:
            problems.add(EditorError(config_file, lines.get(str(key)),
                                     f"'extra.explainer' has an unknown setting '{key}'.{suggest(str(key), list(SETTINGS))}",
                                     f"Known settings: {', '.join(SETTINGS)} (see docs/editing.md)."))
    broken: list[str] = []

    def load(folder: Path) -> Essay | None:
        essay = load_essay_with_claims(folder, problems)
        if essay is None:
            broken.append(folder.name)
        return essay

    essays = load_essays(project_dir / str(settings.get("seeds", "seeds")), load)
    glossary_src = str(settings.get("glossary", "glossary.md"))
    glossary_path = docs_dir / glossary_src
    terms = (problems.attempt(parse_glossary, glossary_path, problems) or []) if glossary_path.is_file() else []
    mode = settings.get("link_terms", "page")
    if mode not in LINK_MODES:
        problems.add(EditorError(config_file, lines.get("link_terms"), f"'extra.explainer.link_terms: {mode}' is not a known setting.",
                                 f"Use one of: {', '.join(LINK_MODES)}."))
        mode = "page"
    nav_essays = settings.get("nav_essays", DEFAULT_NAV_ESSAYS)
    if not isinstance(nav_essays, int) or isinstance(nav_essays, bool) or nav_essays < 0:
        problems.add(EditorError(config_file, lines.get("nav_essays"), f"'extra.explainer.nav_essays: {nav_essays}' is not a number of essays.",
                                 "Use a whole number, 0 or more: how many of the newest essays the navigation lists "
                                 f"(default {DEFAULT_NAV_ESSAYS}); the Essays page lists them all."))
        nav_essays = DEFAULT_NAV_ESSAYS
    site = Site(essays=essays, terms=terms, glossary_src=glossary_src, link_mode=mode, nav_essays=nav_essays)
    site.problems = problems
    site.broken_essays = broken
    return site


THEME_SETTINGS = ("site_name", "site_description", "site_author")  # printed by the theme, raw in places


def check_theme_settings(config_file: Path, values: dict[str, object], problems: Problems) -> None:
    """Settings the theme prints raw in some places and escaped in others (see ``escape``) must
    hold nothing it would misread: no markup characters, no character references."""
    for key, value in values.items():
        misread = theme_misreads(value) if isinstance(value, str) else None
        if misread:
            line = _top_level_line(config_file, key)
            problems.add(EditorError(config_file, line, f"'{key}' contains {misread!r}; the theme writes it into every page as "
                                     "HTML in some places and as text in others, so it cannot show as written.",
                                     "Write it as plain text without <, > and \" (use typographic quotes “ ”) and "
                                     "without character references such as &amp;: a bare & is fine."))


def _top_level_line(config_file: Path, key: str) -> int | None:
    try:
        text = config_file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    return next((n for n, line in enumerate(text.split("\n"), start=1) if line.startswith(f"{key}:")), None)


def _settings_lines(config_file: Path) -> dict[str, int]:
    """Lines of ``explainer:`` ("") and of each key under it in mkdocs.yml, for the messages."""
    lines: dict[str, int] = {}
    try:
        text = config_file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return lines
    indent = None
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.lstrip()
        if indent is None:
            if stripped.startswith("explainer:"):
                indent, lines[""] = len(line) - len(stripped), number
        elif stripped and not stripped.startswith("#"):
            if len(line) - len(stripped) <= indent:
                break
            key = stripped.split(":", 1)[0].strip()
            lines.setdefault(key, number)
    return lines


def page_link_mode(value: object, file: str, source: str) -> str:
    """A page's ``link_terms:`` front matter, checked; "" when it has none."""
    if value is None:
        return ""
    if value is False:  # YAML reads `false`, `no` and `off` as False: the editor means none
        return "none"
    if isinstance(value, str) and value in PAGE_LINK_MODES:
        return value
    line = next((n for n, text in enumerate(source.split("\n"), 1) if text.startswith("link_terms:")), None)
    raise EditorError(file, line, f"'link_terms: {value}' is not a known setting for a page.",
                      f"Use one of: {', '.join(PAGE_LINK_MODES)} (none: no term links on this page, "
                      "and the page is left out of the glossary's \"Used in\" lists).")
