"""``make check``: every problem in the sources, without building the site.

Runs the build's own validation (:func:`explainer.validate.check_sources`): seeds,
metadata, claims, glossary, settings, the citations on every page. Prints each
problem as the build would and exits 1 if there is any, else 0. Fast enough to
run on every save or as a pre-commit hook.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from pathlib import Path

from .validate import check_sources, overdue_warnings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make check", description=__doc__.split("\n\n")[0])
    parser.add_argument("-f", "--config-file", default="mkdocs.yml", type=Path, help="the site's mkdocs.yml")
    args = parser.parse_args(argv)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    logging.getLogger("mkdocs").setLevel(logging.ERROR)  # MkDocs' own info lines are no problems
    start = time.monotonic()
    site, problems, _ = check_sources(args.config_file)
    took = time.monotonic() - start
    if site is not None:  # what the build warns about (and --strict fails on), without failing here
        for warning in overdue_warnings(site, args.config_file.resolve().parent):
            print(f"warning: {warning}", file=sys.stderr)
    if problems:
        print(problems.report(), file=sys.stderr)
        return 1
    what = f"{_count(len(site.essays), 'essay')}, {_count(len(site.terms), 'term')}" if site else "the sources"
    print(f"No problems in {what} ({took:.2f} s).")
    return 0


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


if __name__ == "__main__":
    sys.exit(main())
