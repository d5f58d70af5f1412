""""Cite this": the edition of an essay as a plain-text reference, BibTeX and CSL-JSON.

The plain-text style follows Chicago's notes-and-bibliography form for a newspaper
article, then names the annotated edition and its address:

    Trenin, Dmitri. “China and Russia are partners, but not quite allies.” Defense News,
    2 December 2019. Annotated edition, Explainer, https://…/essays/trenin-2019/.

A paragraph is cited by adding its number as the locator (``para. 5``) and its
anchor to the address; the page's script builds that from two attributes of the
"Cite this" box (:func:`cite_section_html`), so paragraphs carry nothing extra.
"""

from __future__ import annotations

import json
from urllib.parse import quote

from ..escape import html_attr, html_text
from ..model import Essay

# TeX's special characters, each written so that it prints as itself.
_TEX = str.maketrans({
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&", "%": r"\%", "#": r"\#",
    "_": r"\_", "^": r"\textasciicircum{}", "~": r"\textasciitilde{}",
})
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def split_name(name: str) -> tuple[str, str]:
    """(family, given) by the last space: "Dmitri Trenin" -> ("Trenin", "Dmitri"); one word: (name, "")."""
    given, _, family = name.strip().rpartition(" ")
    return (family, given) if given else (name.strip(), "")


def _inverted(name: str) -> str:
    family, given = split_name(name)
    return f"{family}, {given}" if given else family


def _human_date(essay: Essay) -> str:
    return f"{essay.date.day} {essay.date:%B} {essay.date.year}"


def _quoted_title(title: str) -> str:
    """“Title.” with the period inside the quotes, unless the title ends in its own punctuation."""
    return f"“{title}{'' if title.endswith(('.', '?', '!', '…')) else '.'}”"


def where(essay: Essay) -> str | None:
    """Where the essay appeared: its publication, else the venue it was delivered at."""
    return essay.publication or essay.venue


def reference_parts(essay: Essay, site_name: str) -> str:
    """The reference up to the address: author, title, publication (or venue), date, and the edition."""
    author = _inverted(essay.author)
    place = f"{where(essay)}, " if where(essay) else ""
    return (f"{author}{'' if author.endswith('.') else '.'} {_quoted_title(essay.title)} {place}"
            f"{_human_date(essay)}. Annotated edition, {site_name}")


def plain_reference(essay: Essay, site_name: str, url: str) -> str:
    """The whole plain-text reference of the edition."""
    return f"{reference_parts(essay, site_name)}, {url}."


def paragraph_reference(essay: Essay, site_name: str, url: str, number: int) -> str:
    """The reference of one paragraph: its number as the locator, its anchor in the address."""
    return f"{reference_parts(essay, site_name)}, para. {number}, {url}#p{number}."


def tex(text: str) -> str:
    """``text`` as BibTeX field content that prints literally."""
    return text.translate(_TEX)


def _bib_url(url: str) -> str:
    """An address as BibTeX's url field takes it: braces and backslashes percent-encoded."""
    return quote(url, safe="/:?#[]@!$&'()*+,;=%~-._")


def bibtex(essay: Essay, site_name: str, url: str) -> str:
    """A BibTeX ``@misc`` entry for the edition, keyed by the essay's slug."""
    author = tex(essay.author)
    if " and " in essay.author:  # BibTeX would read it as two authors
        author = "{" + author + "}"
    fields = [
        ("author", "{" + author + "}"),
        ("title", "{{" + tex(essay.title) + "}}"),  # double braces: keep the title's capitals
        *((("howpublished", "{" + tex(where(essay) or "") + "}"),) if where(essay) else ()),
        ("year", "{" + str(essay.date.year) + "}"),
        ("month", _MONTHS[essay.date.month - 1]),
        ("date", "{" + essay.date.isoformat() + "}"),
        ("note", "{" + tex(f"Annotated edition, {site_name}") + "}"),
        ("url", "{" + _bib_url(url) + "}"),
    ]
    body = ",\n".join(f"  {key} = {value}" for key, value in fields)
    return f"@misc{{{essay.slug},\n{body}\n}}\n"


def csl_item(essay: Essay, site_name: str, url: str) -> dict:
    """The edition as a CSL-JSON item (what Zotero and citeproc read)."""
    family, given = split_name(essay.author)
    author = {"family": family, "given": given} if given else {"literal": family}
    item: dict = {
        "id": essay.slug,
        "type": "article-newspaper" if essay.publication else "speech",
        "title": essay.title,
        "author": [author],
        "issued": {"date-parts": [[essay.date.year, essay.date.month, essay.date.day]]},
        "URL": url,
        "note": f"Annotated edition, {site_name}",
        "language": essay.language,
    }
    if essay.publication:
        item["container-title"] = essay.publication
    if essay.venue:
        item["event-place"] = essay.venue
    if essay.occasion:
        item["event-title"] = essay.occasion
    if essay.series:
        item["section"] = essay.series
    return item


def csl_json(essay: Essay, site_name: str, url: str) -> str:
    return json.dumps([csl_item(essay, site_name, url)], ensure_ascii=False, indent=2) + "\n"


def cite_section_html(essay: Essay, site_name: str, url: str, has_annotations: bool = True,
                      bib: str | None = None, csl: str | None = None) -> str:
    """The "Cite this edition" box of an essay page: readable and selectable without JavaScript.

    ``bib`` and ``csl``: :func:`bibtex` and :func:`csl_json` of the same arguments, if already made."""
    reference = plain_reference(essay, site_name, url)
    bib = bibtex(essay, site_name, url) if bib is None else bib
    csl = csl_json(essay, site_name, url) if csl is None else csl
    annotations = (' The annotations are also data: <a href="annotations.jsonld" type="application/ld+json">'
                   'W3C Web Annotations (JSON-LD)</a>.') if has_annotations else ""
    return (
        '<section class="explainer-citethis" aria-labelledby="cite-this">\n'
        '<h2 id="cite-this">Cite this edition</h2>\n'
        f'<p class="explainer-citethis-text" data-cite-before="{html_attr(reference_parts(essay, site_name))}" '
        f'data-cite-url="{html_attr(url)}">{html_text(reference)}</p>\n'
        '<p class="explainer-citethis-more">Download it as <a href="cite.bib" type="application/x-bibtex" download>BibTeX</a> '
        f'or <a href="cite.json" type="application/json" download>CSL-JSON</a>.{annotations} '
        "To cite one paragraph, follow the number beside it: its reference adds <q>para. N</q> and the "
        "paragraph's own address.</p>\n"
        '<details class="explainer-citethis-format"><summary>BibTeX</summary>\n'
        f'<pre><code>{html_text(bib)}</code></pre></details>\n'
        '<details class="explainer-citethis-format"><summary>CSL-JSON</summary>\n'
        f'<pre><code>{html_text(csl)}</code></pre></details>\n'
        "</section>\n"
    )
