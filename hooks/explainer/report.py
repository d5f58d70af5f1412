"""``make report``: the editors' report, what is still to annotate or to tidy.

Per essay: the paragraphs and the sentences no claim covers (sentences with
numbers, dates or proper names first: they are the likeliest to need a
source), claims whose sources carry no link, and forecasts past their
horizon without an outcome. For the glossary: terms never used, terms used
only once, terms an essay uses only inside longer ones (never linked
there, by the term links' rule), and names that stand inside longer names.

Term use is counted over the sources with the build's own :class:`TermMatcher`
(essay paragraphs, claim notes and every authored page but the glossary), so
no build is needed. The report is printed as tables and written as Markdown to
``reports/editors-report.md`` (git-ignored).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .model import Claim, Essay, Term
from .outcomes import overdue_forecasts
from .site import Site
from .text import normalise, original_offset

REPORT = Path("reports") / "editors-report.md"
# A sentence ends at . ! or ? (and any closing quotes or brackets) before a space.
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s+")
_NUMBER = re.compile(r"\d")
_MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|December")
_DATE = re.compile(rf"\b(?:{_MONTHS})\b|\b(?:1[0-9]|20)\d\d\b")
_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*")
_LINK = re.compile(r"\]\(\s*https?://|<https?://|\bhttps?://")


@dataclass
class Sentence:
    paragraph: int
    text: str
    flags: list[str]


@dataclass
class EssayReport:
    essay: Essay
    unclaimed_paragraphs: list[int] = field(default_factory=list)
    unclaimed_sentences: list[Sentence] = field(default_factory=list)
    unlinked_sources: list[tuple[Claim, str]] = field(default_factory=list)
    overdue_forecasts: list[tuple[Claim, str]] = field(default_factory=list)


@dataclass
class GlossaryReport:
    unused: list[Term] = field(default_factory=list)
    used_once: list[tuple[Term, str]] = field(default_factory=list)
    hidden_in_essays: list[tuple[str, Term, list[str]]] = field(default_factory=list)  # (essay, term, longer terms)
    hidden: list[tuple[Term, Term, int]] = field(default_factory=list)  # (shorter, longer, times the longer occurs)


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of a paragraph."""
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        nxt = text[m.end() : m.end() + 1]
        if nxt and (nxt.isupper() or nxt.isdigit() or nxt in "\"'\u201c\u2018("):
            spans.append((start, m.end()))
            start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def flags(sentence: str) -> list[str]:
    """What makes a sentence likely to need a source: numbers, dates, proper names."""
    found = []
    if _DATE.search(sentence):
        found.append("date")
    if _NUMBER.search(_DATE.sub("", sentence)):
        found.append("number")
    words = _WORD.findall(sentence)
    if any(w[0].isupper() and w != "I" for w in words[1:]):
        found.append("name")
    return found


def _claim_span(essay: Essay, claim: Claim) -> tuple[int, int]:
    text = essay.paragraphs[claim.paragraph - 1].text
    at = normalise(text).find(normalise(claim.quote))
    return (original_offset(text, at) if at >= 0 else claim.end - len(claim.quote)), claim.end


def essay_report(essay: Essay, today: dt.date) -> EssayReport:
    report = EssayReport(essay)
    spans: dict[int, list[tuple[int, int]]] = {}
    for claim in essay.claims:
        spans.setdefault(claim.paragraph, []).append(_claim_span(essay, claim))
    for paragraph in essay.paragraphs:
        covered = spans.get(paragraph.number, [])
        if not covered:
            report.unclaimed_paragraphs.append(paragraph.number)
        for start, end in sentences(paragraph.text):
            if not any(s < end and start < e for s, e in covered):
                text = paragraph.text[start:end].strip()
                report.unclaimed_sentences.append(Sentence(paragraph.number, text, flags(text)))
    report.unclaimed_sentences.sort(key=lambda s: (not s.flags, s.paragraph))
    for claim in essay.claims:
        for source in claim.sources:
            if not _LINK.search(source):
                report.unlinked_sources.append((claim, source))
    report.overdue_forecasts = overdue_forecasts(essay, today)  # the build's own rule (its horizon, see outcomes)
    return report


def _texts(site: Site, pages: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """(where, text) for everything a reader sees terms in, apart from the glossary itself."""
    texts = []
    for essay in site.essays:
        texts += [(f"{essay.slug} \u00b6{p.number}", p.text) for p in essay.paragraphs]
        texts += [(f"{essay.slug} claim '{c.title}'", c.note) for c in essay.claims]
    return texts + pages


def glossary_report(site: Site, pages: list[tuple[str, str]]) -> GlossaryReport:
    report = GlossaryReport()
    uses: Counter[str] = Counter()
    first: dict[str, str] = {}
    for where, text in _texts(site, pages):
        for match in site.matcher.find(text):
            for found in (match, *match.inner):  # a term inside a longer one is used there too (as "Used in" has it)
                uses[found.term.id] += 1
                first.setdefault(found.term.id, where)
    for term in site.terms:
        if uses[term.id] == 0:
            report.unused.append(term)
        elif uses[term.id] == 1:
            report.used_once.append((term, first[term.id]))
    report.hidden_in_essays = hidden_in_essays(site)
    report.hidden = hidden_terms(site.terms, uses)
    return report


def hidden_in_essays(site: Site) -> list[tuple[str, Term, list[str]]]:
    """(essay slug, term, the longer terms) for each term that occurs in an essay only inside longer terms.

    The rule of the build's term links (``TermLinkTreeprocessor``: such a term is never linked in
    that essay), applied to the essay's paragraphs with the matcher's ``inner`` matches, no build needed.
    """
    by_id = {t.id: t for t in site.terms}
    out: list[tuple[str, Term, list[str]]] = []
    for essay in site.essays:
        alone: set[str] = set()
        inside: dict[str, set[str]] = {}
        for paragraph in essay.paragraphs:
            for match in site.matcher.find(paragraph.text):
                alone.add(match.term.id)
                for inner in match.inner:
                    inside.setdefault(inner.term.id, set()).add(match.term.name)
        out += [(essay.slug, by_id[term_id], sorted(outer)) for term_id, outer in sorted(inside.items()) if term_id not in alone]
    return out


def hidden_terms(terms: list[Term], uses: Counter[str]) -> list[tuple[Term, Term, int]]:
    """Pairs (shorter, longer) where a name of the shorter term is a run of words of a name of the longer.

    Wherever the longer name occurs, the matcher takes it whole, so the shorter term is
    neither linked nor counted there: ``uses`` of the longer says how often.
    """
    by_words: dict[tuple[str, ...], Term] = {}
    for term in terms:
        for name in term.names:
            by_words.setdefault(tuple(w.casefold() for w in _WORD.findall(name)), term)
    pairs: dict[tuple[str, str], tuple[Term, Term, int]] = {}
    for longer in terms:
        for name in longer.names:
            words = tuple(w.casefold() for w in _WORD.findall(name))
            for i in range(len(words)):
                for j in range(i + 1, len(words) + 1):
                    shorter = by_words.get(words[i:j])
                    if shorter is not None and shorter is not longer and (j - i) < len(words):
                        pairs.setdefault((shorter.id, longer.id), (shorter, longer, uses[longer.id]))
    return sorted(pairs.values(), key=lambda p: (-p[2], p[0].name))


# ----------------------------------------------------------------------------- output


def _cell(text: object, width: int | None) -> str:
    value = " ".join(str(text).split()).replace("|", "\\|")
    return value if width is None or len(value) <= width else value[: width - 1] + "\u2026"


def table(headers: list[str], rows: list[list[object]], width: int | None = None) -> str:
    """A Markdown pipe table with padded columns: readable in a terminal and in a Markdown viewer."""
    if not rows:
        return "None.\n"
    cells = [[_cell(c, width) for c in row] for row in rows]
    widths = [max(len(h), *(len(r[i]) for r in cells)) for i, h in enumerate(headers)]
    line = lambda values: "| " + " | ".join(v.ljust(w) for v, w in zip(values, widths, strict=True)) + " |"  # noqa: E731
    return "\n".join([line(headers), "|" + "|".join("-" * (w + 2) for w in widths) + "|", *map(line, cells)]) + "\n"


def render(site: Site, essays: list[EssayReport], glossary: GlossaryReport, problems: int, width: int | None = None) -> str:
    out = ["# Editors' report", ""]
    if problems:
        out += [f"**{problems} problems** in the sources leave some units out of this report: run `make check`.", ""]
    for r in essays:
        e = r.essay
        out += [f"## {_cell(e.title, None)} (`{e.slug}`)", "",
                f"{len(e.paragraphs)} paragraphs, {len(e.claims)} claims; "
                f"{len(r.unclaimed_paragraphs)} paragraphs and {len(r.unclaimed_sentences)} sentences without a claim.", ""]
        out += ["### Paragraphs without a claim", "",
                table(["\u00b6", "line", "begins"], [[p, e.paragraphs[p - 1].line, e.paragraphs[p - 1].text]
                                                     for p in r.unclaimed_paragraphs], width or 90)]
        out += ["### Sentences without a claim (numbers, dates and names first)", "",
                table(["\u00b6", "has", "sentence"], [[s.paragraph, ", ".join(s.flags) or "-", s.text]
                                                     for s in r.unclaimed_sentences], width)]
        out += ["### Claims whose sources carry no link", "",
                table(["claim", "line", "source"], [[c.title, f"{_rel(c.file)}:{c.line}", s] for c, s in r.unlinked_sources], width)]
        out += ["### Forecasts past their horizon without an outcome", "",
                table(["claim", "line", "horizon"], [[c.title, f"{_rel(c.file)}:{c.line}", d] for c, d in r.overdue_forecasts], width)]
    out += ["## Glossary", "", f"{len(site.terms)} terms.", ""]
    out += ["### Terms never used", "", table(["term", "line"], [[t.name, t.line] for t in glossary.unused], width)]
    out += ["### Terms used only once", "", table(["term", "line", "where"], [[t.name, t.line, w] for t, w in glossary.used_once], width)]
    out += ["### Terms hidden by longer terms", "", "Terms an essay uses only inside longer terms: never linked in that essay.", "",
            table(["essay", "term", "only inside"], [[slug, t.name, ", ".join(outer)] for slug, t, outer in glossary.hidden_in_essays], width)]
    out += ["### Term names inside longer names", "", "Wherever the longer name occurs, the shorter term is not linked.", "",
            table(["term", "inside", "times the longer occurs"], [[s.name, lg.name, n] for s, lg, n in glossary.hidden], width)]
    return "\n".join(out)


def _rel(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def build_report(config_file: Path, today: dt.date | None = None) -> tuple[Site | None, list[EssayReport], GlossaryReport, int]:
    """Load and check the sources (as ``make check``), then gather the report."""
    from mkdocs.utils.meta import get_data

    from .validate import check_sources

    site, problems, files = check_sources(config_file)
    if site is None or files is None:
        return None, [], GlossaryReport(), len(problems)
    pages = []
    for file in files.documentation_pages():
        if file.abs_src_path and file.src_uri.endswith(".md") and file.src_uri != site.glossary_src:
            pages.append((file.src_uri, get_data(file.content_string)[0]))
    today = today or dt.date.today()
    return site, [essay_report(e, today) for e in site.essays], glossary_report(site, pages), len(problems)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make report", description=__doc__.split("\n\n")[0])
    parser.add_argument("-f", "--config-file", default="mkdocs.yml", type=Path)
    parser.add_argument("-o", "--output", default=REPORT, type=Path, help=f"the Markdown file (default {REPORT})")
    args = parser.parse_args(argv)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    site, essays, glossary, problems = build_report(args.config_file)
    if site is None:
        print("mkdocs.yml cannot be read: run `make check`.", file=sys.stderr)
        return 1
    print(render(site, essays, glossary, problems, width=100))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(render(site, essays, glossary, problems), encoding="utf-8")
    print(f"\nWritten to {args.output}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
