"""Issue 13 in Chromium: tooltips show text, never markup; hostile titles show whole.

A copy of the project gets a hostile essay (markup, character references and a
script payload in its text, title and summary, a claim on the hostile passage)
and a glossary term whose short definition is written with character
references. On every page, every term, citation and note is hovered and focused
(and, on a touch screen, tapped): no tooltip holds an element made from that
text, no payload runs, and each tooltip reads exactly as its source.
"""

from __future__ import annotations

import functools
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import copy_project
from playwright.sync_api import Browser, Page, TimeoutError, ViewportSize

from .conftest import _QuietHandler, _Server
from .support import PHONE, SITE_PATH, PageLog, Site

SLUG = "hostile-tooltips"
TITLE = "Russia < China? Q&A on <alliances>"
SUMMARY = 'Why "alliance-like" is wrong'
PARAGRAPHS = [
    'The quokka pact is no entente: <img src=x onerror="window.__pwned=1"> & <b>bold</b> &amp; &#x3C;i>.',
    "An alliance \"alliance-like\" <script>window.__pwned=2</script> 'quotes' {#id} *x* \u202eRTL\u202c \u05e9\u05dc\u05d5\u05dd.",
    "A closing paragraph about the quokka pact, with e\u0301 combining and a zero\u200bwidth space.",
]
TERM_SOURCE = 'A pact with &#x3C;b>bold&#x3C;/b>, &#x3C;img src=x onerror="window.__pwned=4"> and &amp;amp; in it.'
TERM_TEXT = 'A pact with <b>bold</b>, <img src=x onerror="window.__pwned=4"> and &amp; in it.'
CLAIMS = f"""# Claims

## The hostile passage {{#hostile}}

> {PARAGRAPHS[0]}

Kind: fact

A note that cites [[p2]].

Sources:

- A source, 2020.
"""
# Every element a tooltip host's text could turn into, were it read as HTML.
HOSTILE_TAGS = "img, b, i, script, iframe, object, embed, svg, math"
# A host's tooltip while it is shown (Material's, or a popover of the page's own script), with
# its text and element children; null when none is shown.
_READ_TOOLTIP = """(host) => {
  const id = host.getAttribute("aria-describedby") || host.getAttribute("aria-controls");
  const tip = id && document.getElementById(id);
  if (!tip || !(tip.classList.contains("md-tooltip2--active") || tip.matches(":popover-open"))) return null;
  const inner = tip.querySelector(".md-tooltip2__inner") || tip;
  return {role: tip.getAttribute("role"), text: inner.textContent, children: inner.children.length,
          hostile: inner.querySelectorAll(HOSTILE).length};
}""".replace("HOSTILE", repr(HOSTILE_TAGS))


def _write_hostile_project(project: Path) -> None:
    folder = project / "seeds" / SLUG
    folder.mkdir()
    (folder / "essay.txt").write_text("\n\n".join(PARAGRAPHS) + "\n", encoding="utf-8")
    (folder / "meta.yml").write_text(f"title: '{TITLE}'\nauthor: 'A <b>bold</b> author &amp; co'\ndate: 2031-01-01\n"
                                     f"publication: 'The <i>Outlet</i>'\nsummary: '{SUMMARY}'\n", encoding="utf-8")
    (folder / "claims.md").write_text(CLAIMS, encoding="utf-8")
    glossary = project / "docs" / "glossary.md"
    glossary.write_text(glossary.read_text(encoding="utf-8") + f"\n\n## Quokka pact\n\n{TERM_SOURCE}\n", encoding="utf-8")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    project = copy_project(tmp_path_factory.mktemp("hostile") / "project")
    _write_hostile_project(project)
    www = tmp_path_factory.mktemp("hostile-www")
    out = www / SITE_PATH.strip("/")
    server = _Server(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(www)))
    base_url = f"http://127.0.0.1:{server.server_port}{SITE_PATH}"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": base_url}
    built = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", str(project / "mkdocs.yml"),
                            "-d", str(out)], env=env, capture_output=True, text=True, timeout=300)
    if built.returncode != 0:
        server.server_close()
        pytest.fail(f"mkdocs build --strict failed:\n{built.stdout}\n{built.stderr}", pytrace=False)
    pages = sorted("" if p.parent == out else f"{p.parent.relative_to(out).as_posix()}/" for p in out.rglob("index.html"))
    threading.Thread(target=server.serve_forever, name="hostile-server", daemon=True).start()
    try:
        yield Site(out=out, base_url=base_url, pages=(*pages, "404.html"))
    finally:
        server.shutdown()
        server.server_close()


# Narrower than the width where notes become sidenotes (75em), so every note has a popover.
LAPTOP: ViewportSize = {"width": 1100, "height": 800}


def _open(browser: Browser, site: Site, path: str, touch: bool = False) -> tuple[Page, PageLog]:
    context = browser.new_context(viewport=PHONE if touch else LAPTOP, has_touch=touch, is_mobile=touch)
    context.set_default_timeout(10_000)
    page = context.new_page()
    log = PageLog(origin=site.origin)
    log.attach(page)
    page.goto(site.url(path))
    page.wait_for_load_state("load")
    return page, log


def _shown(page: Page, host) -> dict:
    page.wait_for_function(f"(host) => ({_READ_TOOLTIP})(host) !== null", arg=host.element_handle())
    return host.evaluate(_READ_TOOLTIP)


_CENTRE = """(host) => { host.scrollIntoView({block: "center"}); const r = host.getClientRects()[0];
  return [r.x + r.width / 2, r.y + r.height / 2]; }"""  # a link broken over two lines: its first line
_FOCUS = "(host) => { host.scrollIntoView({block: 'center'}); host.focus(); }"
# The hosts a reader can reach: shown, not inside a closed popover.
_VISIBLE = "(hosts) => hosts.map((host) => host.checkVisibility() && host.getClientRects().length > 0)"


def _expected(html: str) -> dict[tuple[str, str], str]:
    """What each tooltip must read, from the page as built: by kind and address, a term's or
    citation's title as text, a note's footnote text (whitespace and back link aside)."""
    soup = BeautifulSoup(html, "html.parser")
    expected: dict[tuple[str, str], str] = {}
    for a in soup.select(HOSTS):
        if "footnote-ref" in a.get("class", []):
            note = soup.find(id=a["href"][1:])
            expected[("note", a["href"])] = _squeeze(note.get_text())
        else:
            expected[("tip", a["href"])] = a["title"]
    return expected


def _squeeze(text: str) -> str:
    return "".join(text.replace("\u21a9", "").split())


def _every_host(page: Page, expected: dict[tuple[str, str], str]) -> list[dict]:
    """Hover (the mouse on it) and then focus every host on the page; what each tooltip held."""
    located = page.locator(HOSTS)
    hosts = [h for h, shown in zip(located.element_handles(), located.evaluate_all(_VISIBLE), strict=True) if shown]
    keys = [("note" if "footnote-ref" in (h.get_attribute("class") or "") else "tip", h.get_attribute("href")) for h in hosts]
    results = []
    for how in ("hover", "focus"):
        for host, key in zip(hosts, keys, strict=True):
            where = f"{how} at {page.url}: {host.evaluate('(h) => h.outerHTML.slice(0, 200)')}"
            if how == "hover":
                x, y = host.evaluate(_CENTRE)
                # the tooltip of the host before may still be fading out over this one
                page.wait_for_function("([x, y, host]) => host.contains(document.elementFromPoint(x, y))", arg=[x, y, host])
                page.mouse.move(x, y)
            else:
                host.evaluate(_FOCUS)
            try:
                page.wait_for_function(f"(host) => ({_READ_TOOLTIP})(host) !== null", arg=host, timeout=3000)
            except TimeoutError:
                pytest.fail(f"no tooltip on {where}")
            results.append({"where": where, "kind": key[0], "text": expected[key], "tip": host.evaluate(_READ_TOOLTIP)})
            if how == "hover":  # else the open tooltip may lie over the next host
                page.mouse.move(0, 0)
                try:
                    page.wait_for_function(f"(host) => ({_READ_TOOLTIP})(host) === null", arg=host, timeout=3000)
                except TimeoutError:
                    pytest.fail(f"tooltip stays open after {where}")
        page.mouse.move(0, 0)
        page.evaluate("() => document.activeElement && document.activeElement.blur()")
    return results


def _check(result: dict) -> None:
    tip, where = result["tip"], result["where"]
    assert tip is not None, f"no tooltip: {where}"
    assert tip["hostile"] == 0, where
    if result["kind"] == "tip":  # a term or citation: the tooltip is text only, exactly the title
        assert tip["role"] == "tooltip" and tip["text"] == result["text"] and tip["children"] == 0, where
    else:  # a note: the footnote's elements, copied (whitespace between them and the back link aside)
        assert tip["role"] in ("dialog", "note") and _squeeze(tip["text"]) == result["text"], where


def _assert_nothing_ran(page: Page, log: PageLog) -> None:
    assert page.evaluate("() => window.__pwned") is None
    assert page.evaluate("() => document.querySelectorAll('img[src=\"x\"], img[onerror]').length") == 0
    assert not [url for url in log.requests if url.endswith("/x")], log.requests
    assert not log.console_errors and not log.foreign


HOSTS = "a.explainer-term, a.explainer-cite, a.footnote-ref"


def test_every_tooltip_on_every_page_reads_as_its_source_and_runs_nothing(browser: Browser, hostile_site: Site) -> None:
    checked = 0
    for path in hostile_site.pages:
        page, log = _open(browser, hostile_site, path)
        for result in _every_host(page, _expected(hostile_site.html(path))):
            _check(result)
            checked += 1
        _assert_nothing_ran(page, log)
        page.context.close()
    assert checked > 20


def test_the_hostile_sources_show_literally_in_their_tooltips(browser: Browser, hostile_site: Site) -> None:
    page, log = _open(browser, hostile_site, f"essays/{SLUG}/")
    term = page.locator("a.explainer-term", has_text="quokka pact").first
    term.focus()
    assert _shown(page, term)["text"] == TERM_TEXT
    page.goto(hostile_site.url(f"essays/{SLUG}/claims/"))
    cite = page.locator('a.explainer-cite[href$="#p1"]').first
    cite.hover()
    tip = _shown(page, cite)
    assert tip["text"] == f"\u00b61: \u201c{PARAGRAPHS[0]}\u201d" and tip["children"] == 0
    _assert_nothing_ran(page, log)
    page.context.close()


def test_a_tap_shows_the_text_on_a_touch_screen(browser: Browser, hostile_site: Site) -> None:
    page, log = _open(browser, hostile_site, f"essays/{SLUG}/", touch=True)
    term = page.locator("a.explainer-term", has_text="quokka pact").first
    term.scroll_into_view_if_needed()
    term.tap()
    assert page.url.endswith(f"essays/{SLUG}/")  # the first tap shows the definition, it does not follow the link
    tip = _shown(page, term)
    assert tip["text"] == TERM_TEXT and tip["children"] == 0
    assert term.get_attribute("title") is None or term.get_attribute("title") == TERM_TEXT
    _assert_nothing_ran(page, log)
    page.context.close()


def test_a_hostile_title_and_summary_show_whole_in_chromium(browser: Browser, hostile_site: Site) -> None:
    page, log = _open(browser, hostile_site, f"essays/{SLUG}/")
    assert page.title() == f"{TITLE} - Explainer"
    assert page.locator("article h1").first.inner_text().rstrip("¶").strip() == TITLE
    assert page.locator('meta[name="description"]').get_attribute("content") == SUMMARY
    assert TITLE in [t.strip() for t in page.locator("nav.md-nav--primary .md-nav__link").all_text_contents()]
    # search results (Material renders them as HTML)
    page.locator(".md-search__input").click()
    page.keyboard.type("Russia")
    results = page.locator(".md-search-result__item h1")
    results.first.wait_for()
    assert TITLE in [t.strip() for t in results.all_inner_texts()]
    assert page.locator(f".md-search-result {', .md-search-result '.join(HOSTILE_TAGS.split(', '))}").count() == 0
    _assert_nothing_ran(page, log)
    page.context.close()
