"""Where the essays appear in the site's navigation.

Material renders the whole navigation into every page, so a sidebar that
lists every essay makes each page's HTML, and the build, grow with the number
of essays: the build becomes quadratic (see ``bench/README.md``), and a
sidebar of hundreds of essays helps no reader. The navigation therefore lists
the ``nav_essays`` newest essays, each with its claims register, under an
"Essays" section whose index page lists them all.
"""

from __future__ import annotations

from .escape import theme_text
from .model import Essay

ESSAYS_INDEX = "essays/index.md"
DEFAULT_NAV_ESSAYS = 10


def listed_essays(essays: list[Essay], limit: int) -> list[Essay]:
    """The essays the navigation names: the ``limit`` newest (``essays`` is newest first)."""
    return essays[:limit]


def essays_section(essays: list[Essay], limit: int) -> dict | None:
    """The "Essays" navigation section: the index page, then one section per listed essay."""
    if not essays:
        return None
    entries: list = [ESSAYS_INDEX]
    for essay in listed_essays(essays, limit):
        children: list = [essay.page_src]
        if essay.claims:
            children.append({theme_text(essay.register_title): essay.register_src})
        entries.append({theme_text(essay.title): children})  # the theme prints it as HTML (see escape)
    return {"Essays": entries}


def with_essays(nav: list, essays: list[Essay], limit: int) -> list:
    """``nav`` with the "Essays" section inserted after its first entry (the home page)."""
    section = essays_section(essays, limit)
    return [*nav[:1], section, *nav[1:]] if section else nav
