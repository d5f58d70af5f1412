"""Incremental preview: under ``mkdocs serve --dirty`` only the pages an edit can change are rendered again.

MkDocs' ``--dirty`` build skips reading, rendering and writing every page whose
``File.is_modified()`` is false, and keeps the site folder. Left alone that goes
wrong (stale navigation, search index, "Used in" lists), so the hooks decide
``is_modified`` themselves, from what each page read the last time it was rendered:

* While a page renders, every read of the site model is recorded as a key: an
  essay (``("essay", slug)``), the list of all essays (``("essays",)``: what a list of
  essays shows, i.e. metadata, length and number of claims; the timeline, which also
  shows claims and paragraphs, reads ``("essays-full",)``), a term the
  page uses (its occurrences), a file MkDocs resolved a link against
  (``("file", path)``), the data files beside the pages (``("data",)``). Reads are
  recorded by wrapping ``Site.essays``, ``Site.by_slug`` and
  ``Files.get_file_from_path`` for the build: no extension needs to know.
* A page is rendered again when its own source, or the value behind any key it
  read, changed; everything when the config, the code, the theme overrides or the
  names the term linker matches changed (:meth:`Preview.begin`).
* A page not rendered gets back what its last render produced: its MkDocs
  attributes (content, toc, meta, title, anchors), and what it recorded into the
  site model (term occurrences, render-time problems, tooltip texts, its printed
  "Terms", hidden terms). Aggregates are rebuilt from these per-page records in
  page order, so they equal a full build's.
* Its template is rendered again (phase two) when something every page shows
  changed: the navigation, or the serve-mode problem list; the glossary when any
  "Used in" input changed. Otherwise its written file stays.
* The search index gets each page's entries, fresh or remembered, in page order,
  each page's encoded once when made (``support.write_search_docs``); output files
  of pages that no longer exist are removed (the site folder is swept only when
  the build's files differ from the last build's).
* What is made from unchanged inputs is kept, each by the inputs it was made from:
  an essay's generated sources (the token is one per process, so they are the same
  text), the feeds (by their entries), the glossary's "Used in" list of each term
  (by its occurrences), the claim notes' citation checks, what a list shows of each
  essay. Definitions are compared once per build: the terms whose short definition
  changed since the last build (every record shows the last build's).
* While a build runs the interpreter switches threads every 0.1 s at most, so the server's
  file watcher, which polls every watched file twice a second, waits instead of interrupting
  it (``support.FewerSwitches``).
* The heap stays frozen between builds (``gc.freeze`` in ``on_config``); the last
  build's garbage is collected a second after it (``support.LaterCollection``), not
  at the start of the next save.

The state lives in this package (``state``), which ``mkdocs serve`` keeps loaded
between rebuilds; ``reads`` records what a page reads, ``support`` keeps the rest. A plain ``mkdocs build`` never activates it (:func:`active`).
"""

from .state import PageRecord, Preview, activate, preview, project_state

__all__ = ["PageRecord", "Preview", "activate", "preview", "project_state"]
