"""schema.org JSON-LD for the essay page and the glossary, with schema.org terms only.

The essay page describes two works: the essay as published (an ``OpinionNewsArticle``
by its author, from its publisher) and this site's annotated edition of it (a
``WebPage`` whose ``isBasedOn`` and ``about`` are the essay), plus each annotated
claim as a ``Claim`` whose ``appearance`` is the essay. The glossary page is a
``DefinedTermSet`` of ``DefinedTerm``s. Only the page's own data: no page carries the
whole glossary but the glossary itself.
"""

from __future__ import annotations

import datetime as dt

from ..model import Essay, Term
from .plain import markdown_text

CONTEXT = "https://schema.org"


def essay_graph(essay: Essay, *, page_url: str, register_url: str | None, site_name: str, site_url: str,
                modified: dt.date, language: str) -> dict:
    """The JSON-LD of an essay page."""
    article_id = essay.url or f"{page_url}#original"
    article: dict = {
        # An essay from a publication is an opinion piece; one without (a speech, say) a creative work.
        "@type": "OpinionNewsArticle" if essay.publication else "CreativeWork",
        "@id": article_id,
        "headline": essay.title,
        "author": {"@type": "Person", "name": essay.author},
        "datePublished": essay.date.isoformat(),
        "inLanguage": essay.language,
        "wordCount": essay.words,
    }
    if essay.publication:
        article["publisher"] = {"@type": "Organization", "name": essay.publication}
    if essay.venue:
        article["locationCreated"] = {"@type": "Place", "name": essay.venue}
    if essay.url:
        article["url"] = essay.url
    if essay.series:
        article["articleSection"] = essay.series
    if essay.summary:
        article["abstract"] = essay.summary
    edition: dict = {
        "@type": "WebPage",
        "@id": page_url,
        "url": page_url,
        "name": f"{essay.title}: annotated edition",
        "inLanguage": language,
        "isPartOf": {"@type": "WebSite", "@id": site_url, "name": site_name, "url": site_url},
        "editor": {"@type": "Organization", "name": f"{site_name} editors"},
        "publisher": {"@type": "Organization", "name": site_name, "url": site_url},
        "dateModified": modified.isoformat(),
        "isBasedOn": {"@id": article_id},
        "about": {"@id": article_id},
        "mainEntity": {"@id": article_id},
    }
    claims = [_claim(essay, claim, article_id, page_url, register_url) for claim in essay.claims]
    if claims:
        edition["hasPart"] = [{"@id": c["@id"]} for c in claims]
    return {"@context": CONTEXT, "@graph": [edition, article, *claims]}


def _claim(essay: Essay, claim, article_id: str, page_url: str, register_url: str | None) -> dict:
    url = f"{register_url}#{claim.id}" if register_url else f"{page_url}#p{claim.paragraph}"
    node: dict = {
        "@type": "Claim",
        "@id": url,
        "url": url,
        "name": markdown_text(claim.title),
        "text": claim.quote,
        "genre": claim.kind,
        "appearance": {"@id": article_id},
        "citation": [markdown_text(source) for source in claim.sources],
    }
    if claim.dates:
        node["temporalCoverage"] = claim.dates[0] if len(claim.dates) == 1 else f"{claim.dates[0]}/{claim.dates[-1]}"
    return node


def glossary_set(terms: list[Term], *, page_url: str, name: str, description: str) -> dict:
    """The JSON-LD of the glossary page."""
    return {
        "@context": CONTEXT,
        "@type": "DefinedTermSet",
        "@id": page_url,
        "url": page_url,
        "name": name,
        "description": description,
        "hasDefinedTerm": [
            {"@type": "DefinedTerm", "@id": f"{page_url}#{t.id}", "url": f"{page_url}#{t.id}", "name": t.name,
             "description": t.short, **({"alternateName": t.aliases} if t.aliases else {})}
            for t in terms
        ],
    }
