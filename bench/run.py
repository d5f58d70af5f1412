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
import json
import os
import sys
import time
from pathlib import Path

from builds import _median, build_runs, ratio_interval
from corpus import make_corpus
from edits import KINDS
from paths import DEFAULT_OUT, HOOK
from probe import attribute, profile_builds
from report import _summary, hooks_state, machine
from serve import serve_rebuilds
from sites import mirror_published_files, project_nav_essays, write_generator_site, write_plain_site


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
    p.add_argument("--serve", action="store_true", help="measure rebuilds under mkdocs serve after each kind of edit (see --edit-kind)")
    p.add_argument("--edit-kind", action="append", default=[], choices=KINDS, metavar="KIND",
                   help=f"with --serve: only this kind of edit; repeatable (default: all of {', '.join(KINDS)})")
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
        kinds = tuple(args.edit_kind) or KINDS
        rebuilds = serve_rebuilds({"a": config_a, "b": config_b}, args.edits, out, args.timeout, kinds)
        print(f"rebuild under `mkdocs serve` after each kind of edit, medians of {args.edits} edits each (alternating a/b); "
              "(a) the generator with its incremental preview (`mkdocs serve --dirty`), (b) plain MkDocs (`mkdocs serve`):")
        print(f"{'':16} {'saved->done s':>14} {'':>7} {'built in s':>11} {'':>7} {'cpu s':>7} {'':>7}")
        print(f"{'edit':16} {'a':>7} {'b':>7} {'a':>11} {'b':>7} {'a':>7} {'b':>7}")
        for kind in kinds:
            a, b = rebuilds[kind]["a"], rebuilds[kind]["b"]
            print(f"{kind:16} {_median([x.edit_to_done for x in a]):7.2f} {_median([x.edit_to_done for x in b]):7.2f} "
                  f"{_median([x.built_in for x in a if x.built_in == x.built_in]):11.2f} "  # nan: not logged (see serve)
                  f"{_median([x.built_in for x in b if x.built_in == x.built_in]):7.2f} "
                  f"{_median([x.cpu for x in a]):7.2f} {_median([x.cpu for x in b]):7.2f}")
            result[kind] = {name: [vars(x) for x in r] for name, r in rebuilds[kind].items()}
        # The ratio as before (one glossary entry, detected -> done), when that kind was measured.
        kind = "glossary entry" if "glossary entry" in kinds else kinds[0]
        r = rebuilds[kind]
        print(f"saved->done ratio ({kind}): "
              f"{_median([x.edit_to_done for x in r['a']]) / _median([x.edit_to_done for x in r['b']]):.3f}")
        ratio = _median([x.detect_to_done for x in r["a"]]) / _median([x.detect_to_done for x in r["b"]])
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
