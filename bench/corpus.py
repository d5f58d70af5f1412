"""The synthetic corpus: N essays of made-up prose, M made-up terms sprinkled through them, K claims per essay.

A pure function of its seed and sizes, so every run measures the same text."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

KINDS = ("fact", "paraphrase", "assessment", "forecast")

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
