"""Benchmark: the Explainer generator against plain MkDocs on a synthetic corpus.

Generates, deterministically from ``--seed``, N essays in the seed format
(``seeds/<slug>/essay.txt`` + ``meta.yml`` + ``claims.md``), a glossary of M
terms sprinkled through the essays and K claims per essay, then builds

* (a) the corpus with the generator (the project's ``mkdocs.yml`` with
  ``hooks:`` pointing at the project's ``hooks/explainer_hooks.py``), and
* (b) the same content as plain Markdown pages with the same theme, Markdown
  extensions and navigation, and no hooks or extensions of ours,

alternating a/b, each a fresh ``mkdocs build`` subprocess. It prints median
wall time, CPU time (user+sys of the child) and peak memory (the child's
``ru_maxrss``), and as its last line ``ratio: R`` (median wall a / median wall b).

``--serve`` instead measures the rebuild after editing one glossary entry
under ``mkdocs serve``; ``--profile`` runs build (a) under cProfile and lists
the hot spots in ``hooks/``. See ``bench/README.md``.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import html
import json
import os
import platform
import pstats
import queue
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

PROJECT = Path(__file__).resolve().parent.parent
HOOK = PROJECT / "hooks" / "explainer_hooks.py"
DEFAULT_OUT = PROJECT / "bench" / "out"
KINDS = ("fact", "paraphrase", "assessment", "forecast")
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUNBUFFERED": "1"}

# Filler prose: common English words (never a glossary term, whose words are made up).
_FILLER_TEXT = """the of and to in that is was for on with as by at from this but not or are it be have
has had were which their its they more than other into over after also about against between while
would could should may might will can did does such these those when where there then some many most
much very only still even both each every because although since until before during under through
government minister policy treaty border army navy trade market energy oil gas pipeline sanctions
summit talks leaders officials diplomats analysts observers partners rivals neighbours region country
countries state states power powers interest interests security defence economy growth weapons missile
exercises cooperation relations relationship support pressure crisis conflict war peace order world
global regional strategic military political economic financial public private new old long short
first last next early late recent major minor close distant strong weak open quiet formal informal
agreed signed announced warned argued claimed suggested noted expected seemed remained became grew
fell rose kept held made gave took saw said told asked offered refused accepted chose moved turned
year years decade decades month months week days time times moment period future past present history
"""
FILLER = _FILLER_TEXT.split()
# Made-up words for glossary terms: consonant-vowel syllables ending in a consonant that is never 's',
# so a term word is never an English filler word, a sentence token or the plural of another word.
ONSETS = tuple("bdfgklmnprtvz")
VOWELS = tuple("aeiou")
CODAS = tuple("nlrmk")
# Sentence tokens: exactly four consonant-vowel syllables (8 letters, ending in a vowel), unique in
# the corpus, so any quote that contains one occurs exactly once in its essay.
TOKEN_ONSETS = tuple("bdgklmnprt")
TOKEN_VOWELS = tuple("aeiou")


# --------------------------------------------------------------------------- corpus model


@dataclass
class Term:
    """A glossary entry of the synthetic corpus."""

    name: str
    aliases: list[str]
    short: str
    more: str
    cites: list[tuple[str, int]]  # (essay slug, paragraph) cited in ``more``

    @property
    def exact(self) -> bool:
        return any(ch.isupper() for ch in self.name[1:])


@dataclass
class ClaimSpec:
    """A claim quoting one sentence of its essay."""

    id: str
    title: str
    kind: str
    paragraph: int  # 1-based, among the kept paragraphs
    sentence: int  # index within the paragraph
    quote: str
    note: str
    cite: int | None  # paragraph cited in the note, if any
    source: str

    @property
    def outcome(self) -> tuple[str, str, str] | None:
        """A forecast's outcome (status, note, source), as every forecast past its horizon needs one.

        Derived from the claim, not drawn from the random stream, so adding it changed no other part of the corpus.
        """
        if self.kind != "forecast":
            return None
        status = ("borne out", "partly borne out", "not borne out", "too early to tell")[len(self.note) % 4]
        return status, "Since then: " + " ".join(self.note.split()[:20]) + ".", self.source.replace("3 October 2019", "5 June 2025")


@dataclass
class EssaySpec:
    """An essay of the synthetic corpus; ``paragraphs`` are the kept ones, as lists of sentences."""

    slug: str
    title: str
    author: str
    date: dt.date
    publication: str
    summary: str
    paragraphs: list[list[str]]
    boilerplate: str
    author_note: str
    claims: list[ClaimSpec] = field(default_factory=list)

    @property
    def words(self) -> int:
        return sum(len(s.split()) for p in self.paragraphs for s in p)


@dataclass
class Corpus:
    essays: list[EssaySpec]
    terms: list[Term]
    analysis: list[tuple[str, list[int]]]  # per essay: the paragraphs the analysis page cites

    @property
    def essays_in_nav_order(self) -> list[EssaySpec]:
        """The order the generator lists essays in: newest first, then by slug."""
        return sorted(self.essays, key=lambda e: (-e.date.toordinal(), e.slug))


# --------------------------------------------------------------------------- corpus generation


class _Words:
    """Deterministic word sources for one corpus."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.tokens = 0
        self.term_words: list[str] = []
        seen: set[str] = set(FILLER)
        while len(self.term_words) < 4000:
            w = "".join(rng.choice(ONSETS) + rng.choice(VOWELS) for _ in range(rng.choice((1, 2, 2, 3)))) + rng.choice(CODAS)
            if w not in seen:
                seen.add(w)
                self.term_words.append(w)

    def token(self) -> str:
        """A corpus-unique proper-noun-like word."""
        size = (len(TOKEN_ONSETS) * len(TOKEN_VOWELS)) ** 4
        if self.tokens >= size:
            raise ValueError("corpus too large for four-syllable sentence tokens")
        n = (self.tokens * 1_000_003 + 12_345) % size  # a bijection (1000003 is a prime), so still unique
        self.tokens += 1
        out = ""
        for _ in range(4):
            n, r = divmod(n, len(TOKEN_ONSETS) * len(TOKEN_VOWELS))
            out += TOKEN_ONSETS[r // len(TOKEN_VOWELS)] + TOKEN_VOWELS[r % len(TOKEN_VOWELS)]
        return out.capitalize()

    def filler(self, n: int) -> list[str]:
        return [self.rng.choice(FILLER) for _ in range(n)]


def _make_terms(rng: random.Random, words: _Words, count: int) -> list[Term]:
    """``count`` terms of one to three words, some sharing leading words, some with aliases."""
    terms: list[Term] = []
    taken: set[str] = set()
    pool = words.term_words[: max(50, count)]
    while len(terms) < count:
        roll = rng.random()
        if roll < 0.05:  # an acronym: matches only as written
            name = "".join(rng.choice("BCDFGHJKLMNPRTVZ") for _ in range(rng.choice((3, 4))))
        else:
            size = 1 if roll < 0.4 else 2 if roll < 0.8 else 3
            if terms and size > 1 and rng.random() < 0.25:  # extend or share the start of another term
                base = rng.choice(terms).name.lower().split()
                parts = [*base[: size - 1], rng.choice(pool)][:size]
                parts += [rng.choice(pool) for _ in range(size - len(parts))]
            else:
                parts = [rng.choice(pool) for _ in range(size)]
            name = " ".join(parts).capitalize()
        aliases = [f"{name}s"] if rng.random() < 0.3 and not name.isupper() else []
        keys = [" ".join(n.casefold().split()) for n in [name, *aliases]]
        if any(k in taken for k in keys):
            continue
        taken.update(keys)
        short = " ".join(words.filler(rng.randint(12, 30))).capitalize() + "."
        more = " ".join(words.filler(rng.randint(25, 60))).capitalize() + "."
        terms.append(Term(name=name, aliases=aliases, short=short, more=more, cites=[]))
    return terms


def _term_in_text(rng: random.Random, term: Term) -> str:
    """How a term appears in running text: lower case unless exact, sometimes hyphenated or an alias."""
    name = rng.choice([term.name, *term.aliases])
    if term.exact:
        return name
    words = name.lower().split()
    return ("-" if len(words) > 1 and rng.random() < 0.1 else " ").join(words)


def _sentence(rng: random.Random, words: _Words, terms: list[Term], term_rate: float) -> str:
    body = words.filler(rng.randint(9, 20))
    body.insert(rng.randint(1, len(body)), words.token())
    slots = sorted(rng.sample(range(1, len(body)), k=min(len(body) - 1, 3)), reverse=True)
    used = 0
    for slot in slots:
        if terms and rng.random() < term_rate and used < 2:
            body.insert(slot, _term_in_text(rng, rng.choice(terms)))
            used += 1
    if rng.random() < 0.15:  # some curly quotes, as in published text
        i = rng.randrange(1, len(body) - 1)
        body[i] = f"\u201c{body[i]}\u201d"
    text = " ".join(body)
    return text[0].upper() + text[1:] + "."


def make_corpus(seed: int, n_essays: int, n_terms: int, n_claims: int, words_per_essay: int = 600) -> Corpus:
    """A corpus determined entirely by its arguments."""
    rng = random.Random(seed)
    words = _Words(rng)
    terms = _make_terms(rng, words, n_terms)
    # About one term occurrence per 20 words of essay text.
    term_rate = 0.4
    essays: list[EssaySpec] = []
    for i in range(n_essays):
        slug = f"essay-{i + 1:04d}"
        paragraphs: list[list[str]] = []
        count = 0
        while count < words_per_essay:
            para = [_sentence(rng, words, terms, term_rate) for _ in range(rng.randint(3, 5))]
            count += sum(len(s.split()) for s in para)
            paragraphs.append(para)
        author = f"{words.token()} {words.token()}"
        essay = EssaySpec(
            slug=slug,
            title=f"{' '.join(words.filler(rng.randint(4, 8))).capitalize()} ({i + 1})",
            author=author,
            date=dt.date(2000, 1, 1) + dt.timedelta(days=rng.randrange(9000)),
            publication=rng.choice(["The Review", "World Affairs Weekly", "The Dispatch", "Strategy Quarterly"]),
            summary=" ".join(words.filler(rng.randint(15, 30))).capitalize() + ".",
            paragraphs=paragraphs,
            boilerplate=f"This essay is part of the {words.token()} Outlook project. Click here for more.",
            author_note=f"{author} is a senior fellow at the {words.token()} Institute.",
        )
        sentences = [(p, s) for p in range(len(paragraphs)) for s in range(len(paragraphs[p]))]
        for j, (p, s) in enumerate(sorted(rng.sample(sentences, k=min(n_claims, len(sentences)))), start=1):
            note = " ".join(words.filler(rng.randint(25, 50))).capitalize() + "."
            if terms and rng.random() < 0.5:
                note += f" It concerns the {_term_in_text(rng, rng.choice(terms))} question."
            cite = rng.randint(1, len(paragraphs)) if rng.random() < 0.5 else None
            essay.claims.append(ClaimSpec(
                id=f"c{j}", title=f"{' '.join(words.filler(rng.randint(2, 5))).capitalize()} {j}",
                kind=KINDS[j % len(KINDS)], paragraph=p + 1, sentence=s, quote=paragraphs[p][s], note=note,
                cite=cite, source=f"[{words.token()} report](https://example.org/{slug}/{j}), {essay.publication}, 3 October 2019.",
            ))
        essays.append(essay)
    for term in terms:
        if essays and rng.random() < 0.2:
            e = rng.choice(essays)
            term.cites.append((e.slug, rng.randint(1, len(e.paragraphs))))
    analysis = [(e.slug, sorted(rng.sample(range(1, len(e.paragraphs) + 1), k=min(3, len(e.paragraphs))))) for e in essays]
    return Corpus(essays=essays, terms=terms, analysis=analysis)


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


# --------------------------------------------------------------------------- measuring builds


@dataclass
class Sample:
    wall: float  # seconds
    cpu: float  # seconds, user + sys of the child
    rss: float  # MiB, peak resident set of the child


def measure_build(config: Path, site_dir: Path, log: Path) -> Sample:
    """One fresh ``mkdocs build --strict`` subprocess, timed; raises if it fails."""
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site_dir)]
    with log.open("w", encoding="utf-8") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=ENV, cwd=config.parent)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        tail = log.read_text(encoding="utf-8", errors="replace")[-3000:]
        raise SystemExit(f"build failed ({config}), exit {proc.returncode}:\n{tail}")
    return Sample(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def ratio_interval(a: list[float], b: list[float], level: float = 0.95, draws: int = 4000) -> tuple[float, float]:
    """How far noise alone moves ``median(a) / median(b)``: a percentile bootstrap over each side's runs.

    Each draw resamples the runs of (a) and of (b) with replacement. On these shared
    machines single runs vary by ±20 %, so a ratio near a target says little without it.
    Seeded: the same samples always give the same interval.
    """
    rng = random.Random(0)
    ratios = sorted(_median(rng.choices(a, k=len(a))) / _median(rng.choices(b, k=len(b))) for _ in range(draws))
    tail = (1 - level) / 2
    return ratios[int(tail * draws)], ratios[min(draws - 1, int((1 - tail) * draws))]


def build_runs(config_a: Path, config_b: Path, out: Path, runs: int, progress: bool = True) -> dict[str, list[Sample]]:
    """Alternate a/b builds ``runs`` times each."""
    samples: dict[str, list[Sample]] = {"a": [], "b": []}
    for run in range(runs):
        for name, config in (("a", config_a), ("b", config_b)):
            sample = measure_build(config, out / f"site-{name}", out / f"build-{name}.log")
            samples[name].append(sample)
            if progress:
                print(f"  run {run + 1}/{runs} {name}: wall {sample.wall:.2f} s, cpu {sample.cpu:.2f} s, "
                      f"peak {sample.rss:.0f} MiB", file=sys.stderr, flush=True)
    return samples


# --------------------------------------------------------------------------- mkdocs serve rebuilds


@dataclass
class Rebuild:
    edit_to_done: float  # seconds from saving the file to "Reloading browsers"
    detect_to_done: float  # from "Detected file changes" to "Reloading browsers"
    built_in: float  # what MkDocs reports: "Documentation built in X seconds"
    cpu: float  # CPU seconds of the serve process between the edit and the end of the rebuild


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _cpu_of(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class _Server:
    """A ``mkdocs serve`` subprocess whose log lines arrive, timestamped, on a queue."""

    def __init__(self, config: Path, log: Path) -> None:
        self.port = _free_port()
        self.lines: queue.Queue[tuple[float, str]] = queue.Queue()
        self.log = log.open("w", encoding="utf-8")
        cmd = [sys.executable, "-m", "mkdocs", "serve", "--strict", "-f", str(config), "-a", f"127.0.0.1:{self.port}"]
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=ENV, cwd=config.parent,
                                     text=True, bufsize=1)
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put((time.perf_counter(), line.rstrip("\n")))
            self.log.write(line)
        self.lines.put((time.perf_counter(), ""))

    def wait_for(self, needle: str, timeout: float) -> tuple[float, str]:
        deadline = time.perf_counter() + timeout
        while True:
            try:
                stamp, line = self.lines.get(timeout=max(0.01, deadline - time.perf_counter()))
            except queue.Empty:
                raise SystemExit(f"mkdocs serve: no '{needle}' within {timeout:.0f} s (log: {self.log.name})") from None
            if not line and self.proc.poll() is not None:
                raise SystemExit(f"mkdocs serve exited (log: {self.log.name})")
            if "ERROR" in line:
                raise SystemExit(f"mkdocs serve: {line} (log: {self.log.name})")
            if needle in line:
                return stamp, line

    def drain(self) -> None:
        """Forget lines already logged (e.g. of a rebuild triggered twice by one save); wait out a rebuild in progress."""
        pending = False
        while True:
            try:
                _, line = self.lines.get_nowait()
            except queue.Empty:
                break
            pending = (pending or "Detected file changes" in line) and "Reloading browsers" not in line
        if pending:
            self.wait_for("Reloading browsers", 3600)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.reader.join(timeout=5)
        self.log.close()


_BUILT = re.compile(r"Documentation built in ([\d.]+) seconds")


class _GlossaryEdit:
    """Edits one entry in the middle of a glossary: appends to its short definition, saving atomically."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.original = path.read_text(encoding="utf-8")
        headings = [m.start() for m in re.finditer(r"^## ", self.original, re.MULTILINE)]
        if not headings:
            raise SystemExit(f"{path} has no entries to edit")
        self.start = headings[len(headings) // 2]
        self.blocks = self.original[self.start:].split("\n\n")
        # The short definition is the first paragraph after the heading (and the Also: line).
        self.index = 2 if self.blocks[1].startswith("Also:") else 1

    def save(self, number: int | None) -> None:
        """Save revision ``number`` (None: the original) in one rename, so the watcher sees one change."""
        text = self.original
        if number is not None:
            changed = list(self.blocks)
            changed[self.index] = changed[self.index].rstrip(".") + f", as revised ({number})."
            text = self.original[: self.start] + "\n\n".join(changed)
        temp = self.path.with_name(f".{self.path.name}.tmp")
        temp.write_text(text, encoding="utf-8")
        os.replace(temp, self.path)


def _rebuild(server: _Server, edit: _GlossaryEdit, number: int, timeout: float) -> Rebuild:
    """Save one edit and wait until the server has rebuilt and says so."""
    time.sleep(1.5)  # longer than the polling interval (0.5 s) plus the build delay (0.1 s)
    server.drain()
    cpu0 = _cpu_of(server.proc.pid)
    saved = time.perf_counter()
    edit.save(number)
    detected, _ = server.wait_for("Detected file changes", timeout)
    _, built = server.wait_for("Documentation built in", timeout)
    done, _ = server.wait_for("Reloading browsers", timeout)
    m = _BUILT.search(built)
    return Rebuild(done - saved, done - detected, float(m.group(1)) if m else float("nan"), _cpu_of(server.proc.pid) - cpu0)


def serve_rebuilds(configs: dict[str, Path], edits: int, out: Path, timeout: float) -> dict[str, list[Rebuild]]:
    """Serve every site at once, then ``edits`` rounds of: edit one glossary entry of each in turn, time its rebuild.

    Alternating the sites round by round spreads any drift in the machine's load over both.
    """
    glossaries = {name: _GlossaryEdit(config.parent / "docs" / "glossary.md") for name, config in configs.items()}
    servers: dict[str, _Server] = {}
    results: dict[str, list[Rebuild]] = {name: [] for name in configs}
    try:
        for name, config in configs.items():  # one at a time, so the first builds do not compete
            servers[name] = _Server(config, out / f"serve-{name}.log")
            servers[name].wait_for("Serving on", timeout)
        for number in range(1, edits + 1):
            for name in configs:
                r = _rebuild(servers[name], glossaries[name], number, timeout)
                results[name].append(r)
                print(f"  edit {number}/{edits} {name}: saved->done {r.edit_to_done:.2f} s, detected->done {r.detect_to_done:.2f} s, "
                      f"built in {r.built_in:.2f} s, cpu {r.cpu:.2f} s", file=sys.stderr, flush=True)
    finally:
        for server in servers.values():
            server.stop()
        for edit in glossaries.values():
            edit.save(None)
    return results


# --------------------------------------------------------------------------- attributing time to our code

# Two hooks around the project's hook in (a)'s mkdocs.yml: the first stamps the time before each of its events, the
# last adds up the time since; the last also wraps the run/handleMatch/test methods of every class in the explainer
# package (its Markdown processors). The totals are printed at the end of the build as one JSON line.
_PROBE_FIRST = """import sys, time, types
from mkdocs.plugins import event_priority
S = sys.modules.setdefault("_bench_probe", types.SimpleNamespace(stamp={}, totals={}, calls={}))
def _stamp(event):
    S.stamp[event] = time.perf_counter()
def on_config(config):
    S.started = time.perf_counter()
    _stamp("hook on_config")
def on_files(files, config):
    _stamp("hook on_files")
def on_page_markdown(markdown, page, config, files):
    _stamp("hook on_page_markdown")
@event_priority(-100)  # the project's on_page_context runs at -100, after the search plugin
def on_page_context(context, page, config, nav):
    _stamp("hook on_page_context")
"""
_PROBE_LAST = """import functools, json, sys, time, types
from mkdocs.plugins import event_priority
S = sys.modules["_bench_probe"]
def _add(key, seconds):
    S.totals[key] = S.totals.get(key, 0.0) + seconds
    S.calls[key] = S.calls.get(key, 0) + 1
def _wrap(key, method):
    @functools.wraps(method)
    def timed(*args, **kwargs):
        start = time.perf_counter()
        try:
            return method(*args, **kwargs)
        finally:
            _add(key, time.perf_counter() - start)
    timed._bench_probe = True
    return timed
def on_config(config):
    _add("hook on_config", time.perf_counter() - S.stamp["hook on_config"])
    for name, module in list(sys.modules.items()):
        if not name.startswith("explainer."):
            continue
        for cls in [c for c in vars(module).values() if isinstance(c, type) and c.__module__ == name]:
            for attr in ("run", "handleMatch", "test"):
                method = vars(cls).get(attr)
                if callable(method) and not getattr(method, "_bench_probe", False):
                    setattr(cls, attr, _wrap(f"{name.split('.', 1)[1]}.{cls.__name__}.{attr}", method))
def on_files(files, config):
    _add("hook on_files", time.perf_counter() - S.stamp["hook on_files"])
def on_page_markdown(markdown, page, config, files):
    _add("hook on_page_markdown", time.perf_counter() - S.stamp["hook on_page_markdown"])
@event_priority(-100)
def on_page_context(context, page, config, nav):
    _add("hook on_page_context", time.perf_counter() - S.stamp["hook on_page_context"])
def on_post_build(config):
    S.totals["build (from on_config)"] = time.perf_counter() - S.started
    print("BENCH-PROBE " + json.dumps({"seconds": S.totals, "calls": S.calls}), file=sys.stderr)
"""


def write_probed_config(config: Path) -> Path:
    """A copy of (a)'s mkdocs.yml with the timing probes around its hook."""
    for name, text in (("probe_first.py", _PROBE_FIRST), ("probe_last.py", _PROBE_LAST)):
        _write(config.parent / name, text)
    with config.open(encoding="utf-8") as f:
        data = yaml.load(f, Loader=_ConfigLoader)
    data["hooks"] = [str(config.parent / "probe_first.py"), *data["hooks"], str(config.parent / "probe_last.py")]
    probed = config.with_name("mkdocs-probed.yml")
    _write(probed, _dump_config(data))
    return probed


def attribute(config: Path, out: Path, runs: int) -> dict[str, float]:
    """Median seconds spent in our code, per hook event and per Markdown processor method, over ``runs`` builds."""
    probed = write_probed_config(config)
    found: dict[str, list[float]] = {}
    walls: list[float] = []
    for run in range(runs):
        log = out / "build-a-probed.log"
        walls.append(measure_build(probed, out / "site-a", log).wall)
        line = next((x for x in log.read_text(encoding="utf-8").splitlines() if x.startswith("BENCH-PROBE ")), None)
        if line is None:
            raise SystemExit(f"no timing probe output in {log}")
        seconds = json.loads(line.split(" ", 1)[1])["seconds"]
        build = seconds.pop("build (from on_config)")
        ours = sum(seconds.values())
        for key, value in [*seconds.items(), ("our code, total", ours), ("build (from on_config)", build)]:
            found.setdefault(key, []).append(value)
        print(f"  run {run + 1}/{runs}: our code {ours:.2f} s of {build:.2f} s (whole process {walls[-1]:.2f} s)",
              file=sys.stderr, flush=True)
    found["whole process (wall)"] = walls
    return {key: _median(values) for key, values in found.items()}


# --------------------------------------------------------------------------- profiling


def _profile(config: Path, out: Path, name: str) -> dict:
    """Run one build under cProfile; its raw stats: (file, line, function) -> (cc, calls, own, cumulative, callers)."""
    prof = out / f"{name}.prof"
    cmd = [sys.executable, "-m", "cProfile", "-o", str(prof), "-m", "mkdocs", "build", "--strict", "-f", str(config),
           "-d", str(out / f"site-profile-{name}")]
    start = time.perf_counter()
    subprocess.run(cmd, check=True, env=ENV, cwd=config.parent, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    print(f"profiled build ({name}): {time.perf_counter() - start:.2f} s wall under cProfile; profile: {prof}")
    return pstats.Stats(str(prof)).stats  # type: ignore[attr-defined]


def _where(file: str) -> str:
    for marker in ("site-packages/", "/lib/python3"):
        if marker in file:
            return file.split(marker, 1)[1]
    with contextlib.suppress(ValueError):
        return str(Path(file).relative_to(PROJECT))
    return file


def profile_builds(config_a: Path, config_b: Path, out: Path, top: int, hook: Path) -> None:
    """Profile (a) and (b); list our functions by cumulative time, then what (a) spends more on than (b), by function."""
    raw_a, raw_b = _profile(config_a, out, "generator"), _profile(config_b, out, "plain")
    total_a = max(v[3] for v in raw_a.values())
    total_b = max(v[3] for v in raw_b.values())
    hooks = str(hook.parent)
    ours = [(key, value) for key, value in raw_a.items() if key[0].startswith(hooks)]
    own = sum(value[2] for _, value in ours)
    print(f"\ntotal (a) {total_a:.2f} s, (b) {total_b:.2f} s under cProfile; own time in {_where(hooks)}/: "
          f"{own:.2f} s ({100 * own / total_a:.1f}% of (a))")
    print(f"\nfunctions of {_where(hooks)}/ by cumulative time in (a):")
    print(f"{'cumulative':>10} {'own':>8} {'calls':>9}  function")
    for (file, line, func), (_, calls, tt, ct, _) in sorted(ours, key=lambda kv: -kv[1][3])[:top]:
        print(f"{ct:10.3f} {tt:8.3f} {calls:9d}  {_where(file)}:{line}({func})")
    print("\nother functions by extra cumulative time in (a) over (b) (what our output costs MkDocs, Markdown and the theme):")
    print(f"{'extra':>8} {'(a)':>8} {'(b)':>8} {'calls a':>9} {'calls b':>9}  function")
    rows = []
    for key, value in raw_a.items():
        if key[0].startswith(hooks):
            continue
        other = raw_b.get(key, (0, 0, 0.0, 0.0, {}))
        rows.append((value[3] - other[3], key, value, other))
    for extra, (file, line, func), value, other in sorted(rows, key=lambda r: -r[0])[:top]:
        print(f"{extra:8.3f} {value[3]:8.3f} {other[3]:8.3f} {value[1]:9d} {other[1]:9d}  {_where(file)}:{line}({func})")


# --------------------------------------------------------------------------- reporting


def machine() -> str:
    cpu = "unknown CPU"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return f"{os.cpu_count()} CPUs ({cpu}), Python {platform.python_version()}, {platform.system()} {platform.release()}"


def hooks_state(hook: Path) -> str:
    """Which generator is measured: the project's commit (and whether hooks/ has uncommitted changes), or another path."""
    if hook != HOOK:
        return str(hook)
    git = ["git", "-C", str(PROJECT)]
    try:
        commit = subprocess.run([*git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run([*git, "status", "--porcelain", "--", "hooks"], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return str(hook)
    return f"hooks/ at {commit}" + (" plus uncommitted changes" if dirty.strip() else "")


def _summary(samples: list[Sample]) -> tuple[float, float, float]:
    return _median([s.wall for s in samples]), _median([s.cpu for s in samples]), _median([s.rss for s in samples])


def _args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    p.add_argument("--essays", type=int, default=200, help="N essays of about 600 words")
    p.add_argument("--terms", type=int, default=1000, help="M glossary terms")
    p.add_argument("--claims", type=int, default=10, help="K claims per essay")
    p.add_argument("--runs", type=int, default=5, help="builds of each site (alternating a/b)")
    p.add_argument("--seed", type=int, default=7, help="seed of the synthetic corpus")
    p.add_argument("--baseline", choices=("mirror", "texts"), default="mirror",
                   help="(b) mirrors every page the generator emits, or has only the essay texts and glossary")
    p.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where corpora and sites go (git-ignored)")
    p.add_argument("--serve", action="store_true", help="measure rebuilds under mkdocs serve after editing one glossary entry")
    p.add_argument("--edits", type=int, default=5, help="with --serve: edits per server")
    p.add_argument("--profile", action="store_true", help="profile builds (a) and (b) with cProfile instead of timing")
    p.add_argument("--attribute", action="store_true",
                   help="time our code (hook events, Markdown processors) inside builds of (a), without a profiler")
    p.add_argument("--top", type=int, default=25, help="with --profile: rows to show")
    p.add_argument("--timeout", type=float, default=1800, help="with --serve: seconds to wait for a build")
    p.add_argument("--json", type=Path, help="also write the results as JSON")
    p.add_argument("--theme-feature", action="append", default=[], metavar="NAME",
                   help="add a Material feature to both sites (e.g. navigation.prune); repeatable")
    p.add_argument("--nav-essays", type=int, metavar="N",
                   help="essays named in both sites' navigation (default: the project's nav_essays); "
                        "a number above --essays lists every essay, as before the navigation was capped")
    p.add_argument("--hook", type=Path, default=HOOK, help="the hook module of (a), e.g. a patched copy of hooks/ to try a fix")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = _args(argv)
    out: Path = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    corpus = make_corpus(args.seed, args.essays, args.terms, args.claims)
    nav_essays = project_nav_essays() if args.nav_essays is None else args.nav_essays
    config_a = write_generator_site(corpus, out / "a", args.hook.resolve(), tuple(args.theme_feature), nav_essays)
    config_b = write_plain_site(corpus, out / "b", args.baseline, tuple(args.theme_feature), nav_essays)
    if args.baseline == "mirror" and not args.profile and not args.attribute and not args.serve:
        mirror_published_files(config_a, config_b, out)
    words = sum(e.words for e in corpus.essays)
    print(f"machine: {machine()}")
    print(f"generator: {hooks_state(args.hook.resolve())}")
    print(f"corpus: seed {args.seed}, {args.essays} essays ({words} words), {len(corpus.terms)} terms, "
          f"{sum(len(e.claims) for e in corpus.essays)} claims; baseline {args.baseline}"
          f"; {min(nav_essays, args.essays)} essays in the navigation"
          f"{'; extra theme features ' + ', '.join(args.theme_feature) if args.theme_feature else ''}; "
          f"written in {time.perf_counter() - started:.1f} s to {out}")
    result: dict = {"machine": machine(), "generator": hooks_state(args.hook.resolve()),
                    **{k: v for k, v in vars(args).items() if k not in ("out", "json", "hook")}}

    if args.attribute:
        medians = attribute(config_a, out, args.runs)
        print(f"time in our code during build (a), medians of {args.runs} runs:")
        for key, value in sorted(medians.items(), key=lambda kv: -kv[1]):
            print(f"{value:9.3f} s  {key}")
        result["attribute"] = medians
        if args.json:
            args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
        return 0

    if args.profile:
        profile_builds(config_a, config_b, out, args.top, args.hook.resolve())
        return 0

    if args.serve:
        rebuilds = serve_rebuilds({"a": config_a, "b": config_b}, args.edits, out, args.timeout)
        print(f"rebuild under `mkdocs serve` after editing one glossary entry, medians of {args.edits} edits each (alternating a/b):")
        print(f"{'':12} {'saved->done s':>14} {'detected->done s':>17} {'built in s':>11} {'cpu s':>7}")
        for name, label in (("a", "generator"), ("b", "plain")):
            r = rebuilds[name]
            print(f"{label:12} {_median([x.edit_to_done for x in r]):14.2f} {_median([x.detect_to_done for x in r]):17.2f} "
                  f"{_median([x.built_in for x in r]):11.2f} {_median([x.cpu for x in r]):7.2f}")
            result[name] = [vars(x) for x in r]
        ratio = _median([x.detect_to_done for x in rebuilds["a"]]) / _median([x.detect_to_done for x in rebuilds["b"]])
        print(f"saved->done ratio: {_median([x.edit_to_done for x in rebuilds['a']]) / _median([x.edit_to_done for x in rebuilds['b']]):.3f}")
    else:
        load_before = os.getloadavg()[0]
        samples = build_runs(config_a, config_b, out, args.runs)
        wall_a, cpu_a, rss_a = _summary(samples["a"])
        wall_b, cpu_b, rss_b = _summary(samples["b"])
        print(f"medians of {args.runs} runs (fresh `mkdocs build --strict` each):")
        print(f"{'':12} {'wall s':>8} {'cpu s':>8} {'peak MiB':>9}")
        print(f"{'generator':12} {wall_a:8.2f} {cpu_a:8.2f} {rss_a:9.0f}")
        print(f"{'plain':12} {wall_b:8.2f} {cpu_b:8.2f} {rss_b:9.0f}")
        pairs = [a.wall / b.wall for a, b in zip(samples["a"], samples["b"], strict=True)]
        print(f"cpu ratio: {cpu_a / cpu_b:.3f}; memory ratio: {rss_a / rss_b:.3f}; "
              f"wall ratio of each a/b pair: {', '.join(f'{p:.2f}' for p in pairs)} (median {_median(pairs):.3f})")
        # A second reading of the same cost. Not a steadier one on a shared machine: CPU clocks move both ways.
        fastest = min(s.wall for s in samples["a"]) / min(s.wall for s in samples["b"])
        print(f"fastest-run ratio: {fastest:.3f} (fastest (a) over fastest (b))")
        low, high = ratio_interval([s.wall for s in samples["a"]], [s.wall for s in samples["b"]])
        print(f"ratio, 95 % interval (bootstrap over the runs): {low:.3f} to {high:.3f}")
        result["ratio_interval"] = [low, high]
        print(f"load average (1 min) before/after: {load_before:.2f}/{os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
        result.update(a=[vars(s) for s in samples["a"]], b=[vars(s) for s in samples["b"]])
        ratio = wall_a / wall_b
    result["ratio"] = ratio
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"ratio: {ratio:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
