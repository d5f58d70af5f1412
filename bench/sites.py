"""The two sites built from one corpus: (a) seed folders for the generator, (b) the same pages as plain Markdown."""

from __future__ import annotations

import html
import json
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml
from builds import measure_build
from corpus import ClaimSpec, Corpus, EssaySpec, Term
from paths import HOOK, PROJECT

# --------------------------------------------------------------------------- writing the two sites


@dataclass
class _Tagged:
    """A YAML node with an application tag (``!ENV``, ``!relative``, ``!!python/name:``), kept as written."""

    tag: str
    value: object


class _ConfigLoader(yaml.SafeLoader):
    """Loads mkdocs.yml without resolving its tags, so they can be written back unchanged."""


class _ConfigDumper(yaml.SafeDumper):
    """Writes :class:`_Tagged` values back with their tags."""


def _construct_tagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> _Tagged:
    if isinstance(node, yaml.ScalarNode):
        value: object = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)  # type: ignore[arg-type]
    return _Tagged(node.tag, value)


def _represent_tagged(dumper: yaml.SafeDumper, data: _Tagged) -> yaml.Node:
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value)
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    return dumper.represent_scalar(data.tag, str(data.value))


_ConfigLoader.add_multi_constructor("!", _construct_tagged)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _construct_tagged)
_ConfigDumper.add_representer(_Tagged, _represent_tagged)


def _project_config() -> dict:
    with (PROJECT / "mkdocs.yml").open(encoding="utf-8") as f:
        return yaml.load(f, Loader=_ConfigLoader)  # a SafeLoader that keeps tags as data


def _dump_config(config: dict) -> str:
    return yaml.dump(config, Dumper=_ConfigDumper, sort_keys=False, allow_unicode=True)


def _site_config(nav: list, hook: Path | None, features: list[str]) -> dict:
    """The project's mkdocs.yml, adapted: (a) with our hook by absolute path, (b) (``hook`` None) without."""
    config = _project_config()
    generator = hook is not None
    config["site_name"] = "Explainer bench (generator)" if generator else "Explainer bench (plain)"
    for key in ("hooks", "watch", "nav"):
        config.pop(key, None)
    theme = config.get("theme") or {}
    if features and isinstance(theme, dict):
        theme["features"] = [*theme.get("features", []), *(f for f in features if f not in theme.get("features", []))]
    if isinstance(theme, dict) and theme.get("custom_dir"):
        custom = PROJECT / theme["custom_dir"]
        if custom.is_dir():
            theme["custom_dir"] = str(custom)
        else:
            theme.pop("custom_dir")
    extra = config.get("extra") or {}
    if generator:
        config["hooks"] = [str(hook)]
        config["watch"] = ["seeds"]
    else:
        extra.pop("explainer", None)
    if extra:
        config["extra"] = extra
    else:
        config.pop("extra", None)
    config["nav"] = nav
    return config


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _copy_assets(config: dict, docs: Path) -> None:
    for css in config.get("extra_css") or []:
        source = PROJECT / "docs" / css
        if source.is_file():
            (docs / css).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, docs / css)


def _q(value: str) -> str:
    """A YAML scalar (JSON strings are valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def _glossary_markdown(corpus: Corpus, cite) -> str:
    parts = ["# Glossary\n", "Key words and phrases of the essays, with background and sources.\n"]
    for term in corpus.terms:
        parts.append(f"## {term.name}\n")
        if term.aliases:
            parts.append(f"Also: {', '.join(term.aliases)}\n")
        parts.append(term.short + "\n")
        more = term.more + "".join(f" See {cite(slug, n)}." for slug, n in term.cites)
        parts.append(more + "\n")
        parts.append("Sources:\n\n- A. Author, *A study of the subject*, University Press, 2001.\n")
    return "\n".join(parts)


def _analysis_markdown(corpus: Corpus, cite) -> str:
    parts = ["# Analysis\n", "Where the essays agree and disagree, passage by passage.\n"]
    by_slug = {e.slug: e for e in corpus.essays}
    for slug, numbers in corpus.analysis:
        cites = ", ".join(cite(slug, n) for n in numbers)
        parts.append(f"{by_slug[slug].title}: see {cites}.\n")
    return "\n".join(parts)


def _write_companions(corpus: Corpus, docs: Path, cite) -> None:
    """The glossary and analysis pages, with each citation written by ``cite(slug, n)``."""
    _write(docs / "glossary.md", _glossary_markdown(corpus, cite))
    _write(docs / "analysis.md", _analysis_markdown(corpus, cite))


def _essay_txt(essay: EssaySpec) -> str:
    paragraphs = [" ".join(p) for p in essay.paragraphs]
    paragraphs.insert(min(2, len(paragraphs)), essay.boilerplate)
    paragraphs.append(essay.author_note)
    return "\n\n".join(paragraphs) + "\n"


def write_generator_site(corpus: Corpus, root: Path, hook: Path = HOOK, features: tuple[str, ...] = (), nav_essays: int | None = None) -> Path:
    """Corpus (a): seed folders, glossary, home and analysis pages, mkdocs.yml with our hook."""
    if root.exists():
        shutil.rmtree(root)
    docs = root / "docs"
    for essay in corpus.essays:
        folder = root / "seeds" / essay.slug
        _write(folder / "essay.txt", _essay_txt(essay))
        _write(folder / "meta.yml", "\n".join([
            f"title: {_q(essay.title)}", f"author: {_q(essay.author)}", f"date: {essay.date.isoformat()}",
            f"publication: {_q(essay.publication)}", "series: Outlook", f"url: https://example.org/{essay.slug}",
            f"summary: {_q(essay.summary)}", "omit:", f"  - {_q(essay.boilerplate)}",
            f"author_note: {_q(essay.author.split()[0] + ' ' + essay.author.split()[1] + ' is a senior')}", "",
        ]))
        claims = ["# Claims\n"]
        for c in essay.claims:
            note = c.note + (f" See [[p{c.cite}]]." if c.cite else "")
            outcome = (f"Outcome: {c.outcome[0]} (as of 2025-06)\n\n{c.outcome[1]}\n\nOutcome sources:\n\n- {c.outcome[2]}\n\n"
                       if c.outcome else "")
            claims.append(f"## {c.title} {{#{c.id}}}\n\n> {c.quote}\n\nKind: {c.kind}\nDate: 2019-10-03\n\n{note}\n\n"
                          f"{outcome}Sources:\n\n- {c.source}\n")
        _write(folder / "claims.md", "\n".join(claims))
    _write(docs / "index.md", "---\nhide:\n  - toc\n---\n# Essays, annotated\n\n[[essays]]\n")
    _write_companions(corpus, docs, lambda slug, n: f"[[{slug}:p{n}]]")
    config = _site_config([{"Home": "index.md"}, {"Glossary": "glossary.md"}, {"Analysis": "analysis.md"}], hook, list(features))
    config.setdefault("extra", {}).setdefault("explainer", {})["nav_essays"] = project_nav_essays() if nav_essays is None else nav_essays
    _copy_assets(config, docs)
    _write(root / "mkdocs.yml", _dump_config(config))
    return root / "mkdocs.yml"


def _terms_in(essay: EssaySpec, terms: list[Term]) -> list[Term]:
    """The glossary terms an essay's paragraphs mention: names or aliases as whole words, any case, spaces or
    hyphens, the longest match first (a term inside a longer one's match is not counted).

    What an editor of the plain site would list in the essay's printed "Terms" section; close to the
    generator's list (which also counts terms in the notes), not identical.
    """
    forms = {tuple(n.casefold().split()): t for t in terms for n in [t.name, *t.aliases]}
    longest = max((len(f) for f in forms), default=0)
    found: dict[str, Term] = {}
    for paragraph in essay.paragraphs:
        words = re.sub(r"[\W_]+", " ", " ".join(paragraph).casefold()).split()
        i = 0
        while i < len(words):
            for size in range(min(longest, len(words) - i), 0, -1):
                term = forms.get(tuple(words[i : i + size]))
                if term is not None:
                    found[term.name] = term
                    i += size
                    break
            else:
                i += 1
    return sorted(found.values(), key=lambda t: t.name.casefold())


def _plain_print_terms(essay: EssaySpec, terms: list[Term]) -> str:
    """The essay's "Terms" for print, hand-written as HTML (one raw block, hidden on screen, out of search)."""
    items = "".join(f"<dt>{html.escape(t.name, quote=False)}</dt><dd>{html.escape(t.short, quote=False)}</dd>" for t in terms)
    return (f'<section class="explainer-print-terms explainer-print-only" data-search-exclude=""><h2>Terms</h2>'
            f"<dl>{items}</dl></section>\n") if terms else ""


def _plain_cite(essay: EssaySpec) -> str:
    """The "Cite this edition" box, hand-written as HTML: the reference, downloads, BibTeX and CSL-JSON shown."""
    family, given = essay.author.rsplit(" ", 1)[1], essay.author.rsplit(" ", 1)[0]
    when = f"{essay.date.day} {essay.date:%B} {essay.date.year}"
    url = f"https://example.org/bench/essays/{essay.slug}/"
    before = f"{family}, {given}. \u201c{essay.title}.\u201d {essay.publication}, {when}. Annotated edition, Explainer bench"
    bib = (f"@misc{{{essay.slug},\n  author = {{{essay.author}}},\n  title = {{{{{essay.title}}}}},\n  howpublished = "
           f"{{{essay.publication}}},\n  year = {{{essay.date.year}}},\n  month = {essay.date:%b},\n  date = "
           f"{{{essay.date.isoformat()}}},\n  note = {{Annotated edition, Explainer bench}},\n  url = {{{url}}}\n}}\n")
    csl = json.dumps([{"id": essay.slug, "type": "article-newspaper", "title": essay.title,
                       "author": [{"family": family, "given": given}],
                       "issued": {"date-parts": [[essay.date.year, essay.date.month, essay.date.day]]}, "URL": url,
                       "note": "Annotated edition, Explainer bench", "language": "en",
                       "container-title": essay.publication, "section": "Outlook"}], ensure_ascii=False, indent=2)
    return ('<section class="explainer-citethis" aria-labelledby="cite-this">\n<h2 id="cite-this">Cite this edition</h2>\n'
            f'<p class="explainer-citethis-text" data-cite-before="{html.escape(before)}" data-cite-url="{url}">'
            f"{html.escape(before, quote=False)}, {url}.</p>\n"
            '<p class="explainer-citethis-more">Download it as <a href="cite.bib" type="application/x-bibtex" download>BibTeX</a> '
            'or <a href="cite.json" type="application/json" download>CSL-JSON</a>. The annotations are also data: '
            '<a href="annotations.jsonld" type="application/ld+json">W3C Web Annotations (JSON-LD)</a>. To cite one '
            "paragraph, follow the number beside it: its reference adds <q>para. N</q> and the paragraph's own address.</p>\n"
            f'<details class="explainer-citethis-format"><summary>BibTeX</summary>\n<pre><code>{html.escape(bib, quote=False)}'
            '</code></pre></details>\n<details class="explainer-citethis-format"><summary>CSL-JSON</summary>\n'
            f"<pre><code>{html.escape(csl, quote=False)}\n</code></pre></details>\n</section>\n")


def _plain_essay(essay: EssaySpec, footnotes: bool, terms: list[Term] | None = None) -> str:
    marks: dict[tuple[int, int], ClaimSpec] = {(c.paragraph, c.sentence): c for c in essay.claims} if footnotes else {}
    lines = [f"---\ntitle: {_q(essay.title)}\ndescription: {_q(essay.summary)}\n---\n", f"# {essay.title}\n",
             f"By {essay.author} · [{essay.publication}, Outlook](https://example.org/{essay.slug}) · "
             f"{essay.date.day} {essay.date:%B %Y} · {max(1, round(essay.words / 230))} min read\n"]
    for number, paragraph in enumerate(essay.paragraphs, start=1):
        text = " ".join(s + (f"[^claim-{marks[(number, k)].id}]" if (number, k) in marks else "") for k, s in enumerate(paragraph))
        lines.append(f"{text}\n{{: #p{number} }}\n")
    lines.append(f"{essay.author_note}\n")
    if terms is not None:  # the mirror: what the generator adds at the end of an essay page, written by hand
        lines.append(_plain_print_terms(essay, _terms_in(essay, terms)) + _plain_cite(essay))
    if footnotes:
        for c in essay.claims:
            note = c.note + (f" See [¶{c.cite}](#p{c.cite})." if c.cite else "")
            outcome = (f"    **Outcome: {c.outcome[0]}** (as of June 2025). {c.outcome[1]}\n\n    Outcome sources:\n\n    - {c.outcome[2]}\n\n"
                       if c.outcome else "")
            lines.append(f"[^claim-{c.id}]: {c.kind.capitalize()} {note}\n\n{outcome}    Sources:\n\n    - {c.source}\n\n"
                         f"    [Claims register: {c.title}](claims.md#{c.id})\n")
    return "\n".join(lines)


def _plain_register(essay: EssaySpec) -> str:
    parts = [f"---\ntitle: {_q('Claims register: ' + essay.title)}\n---\n", "# Claims register\n",
             "Every claim annotated in [the essay](index.md), in reading order.\n"]
    for number, c in enumerate(essay.claims, start=1):
        note = c.note + (f" See [¶{c.cite}](index.md#p{c.cite})." if c.cite else "")
        parts.append(f"## {number}. {c.title} {{ #{c.id} }}\n\n{c.kind.capitalize()} · 2019-10-03 · "
                     f"[Paragraph {c.paragraph}](index.md#p{c.paragraph}) · [Footnote {number}](index.md#fnref:claim-{c.id})\n\n"
                     f"> {c.quote}\n\n{note}\n\n"
                     + (f"**Outcome: {c.outcome[0]}** (as of June 2025). {c.outcome[1]}\n\n**Outcome sources**\n\n- {c.outcome[2]}\n\n"
                        if c.outcome else "")
                     + f"**Sources**\n\n- {c.source}\n")
    return "\n".join(parts)


def project_nav_essays() -> int:
    """How many essays the generator's navigation names: the project's setting, or its default."""
    sys.path.insert(0, str(PROJECT / "hooks"))
    try:
        from explainer.navigation import DEFAULT_NAV_ESSAYS
    finally:
        sys.path.pop(0)
    return ((_project_config().get("extra") or {}).get("explainer") or {}).get("nav_essays", DEFAULT_NAV_ESSAYS)


def _card(essay: EssaySpec, prefix: str, registers: bool) -> str:
    more = f"\n    [{len(essay.claims)} annotated claims]({prefix}{essay.slug}/claims.md)\n" if registers and essay.claims else ""
    return (f"-   **[{essay.title}]({prefix}{essay.slug}/index.md)**\n\n    {essay.author} · {essay.publication}\n\n"
            f"    {essay.summary}\n{more}")


def _cards(essays: list[EssaySpec], prefix: str, registers: bool) -> str:
    return '<div class="grid cards" markdown>\n\n' + "\n".join(_card(e, prefix, registers) for e in essays) + "\n</div>\n"


def write_plain_site(corpus: Corpus, root: Path, baseline: str, features: tuple[str, ...] = (), nav_essays: int | None = None) -> Path:
    """Corpus (b): the same content as plain Markdown pages, no hooks; ``baseline`` is mirror or texts.

    The navigation is the generator's: Home, then "Essays" (the Essays page and
    the ``nav_essays`` newest essays, each with its register), Glossary,
    Analysis. The other essay pages are built but marked ``not_in_nav``.
    """
    if root.exists():
        shutil.rmtree(root)
    docs = root / "docs"
    mirror = baseline == "mirror"
    essays = corpus.essays_in_nav_order
    nav_essays = project_nav_essays() if nav_essays is None else nav_essays
    entries: list = ["essays/index.md"] if essays else []
    for number, essay in enumerate(essays):
        _write(docs / "essays" / essay.slug / "index.md", _plain_essay(essay, footnotes=mirror, terms=corpus.terms if mirror else None))
        children: list = [f"essays/{essay.slug}/index.md"]
        if mirror and essay.claims:
            _write(docs / "essays" / essay.slug / "claims.md", _plain_register(essay))
            children.append({"Claims register": f"essays/{essay.slug}/claims.md"})
        if number < nav_essays:
            entries.append({essay.title: children})
    _write(docs / "index.md", "---\nhide:\n  - toc\n---\n# Essays, annotated\n\n" + _cards(essays, "essays/", mirror))
    if essays:
        _write(docs / "essays" / "index.md", f"---\ntitle: Essays\n---\n# Essays\n\n{len(essays)} essays in this edition, newest first.\n\n"
               + _cards(essays, "", mirror))
    _write_companions(corpus, docs, lambda slug, n: f"[¶{n}](essays/{slug}/index.md#p{n})")
    nav = [{"Home": "index.md"}, *([{"Essays": entries}] if entries else []), {"Glossary": "glossary.md"}, {"Analysis": "analysis.md"}]
    config = _site_config(nav, None, list(features))
    config["not_in_nav"] = "/essays/"  # pages the nav does not name are intended (strict mode would report them)
    _copy_assets(config, docs)
    _write(root / "mkdocs.yml", _dump_config(config))
    return root / "mkdocs.yml"


# Files the edition publishes beside its pages (feeds, robots.txt, each essay's citations and annotations).
PUBLISHED_FILES = ("feed.xml", "rss.xml", "robots.txt", "cite.bib", "cite.json", "annotations.jsonld")


def mirror_published_files(config_a: Path, config_b: Path, out: Path) -> int:
    """Give the mirror (b) the files (a) publishes beside its pages, as static files in its docs.

    A hand-built edition that published the same feeds, citation files and annotations
    would keep them in ``docs/``, and MkDocs would copy them; so (b) pays for copying what
    (a) pays for writing. Taken from one untimed build of (a); returns how many files.
    """
    sample_site = out / "site-published"
    measure_build(config_a, sample_site, out / "build-published.log")
    docs = config_b.parent / "docs"
    count = 0
    for path in sample_site.rglob("*"):
        if path.name in PUBLISHED_FILES and path.is_file():
            target = docs / path.relative_to(sample_site)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
            count += 1
    shutil.rmtree(sample_site)
    return count
