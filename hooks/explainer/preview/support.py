"""What the preview keeps outside the pages: file states, compiled templates, the site folder swept of stale output."""

from __future__ import annotations

import gc
import json
import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import jinja2
import jinja2.bccache

PUBLISHED_FILES = ("cite.bib", "cite.json", "annotations.jsonld")  # beside each essay's page (publishing.outputs)


class TemplateCache(jinja2.BytecodeCache):
    """Compiled theme templates, kept between rebuilds (MkDocs makes a new Jinja environment for each).

    Jinja checks each template's source checksum before using its cached code."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


class ThemeListing:
    """The theme's file list, kept while the theme's folders and the project's overrides are the same.

    MkDocs lists every file of the theme at each build to copy its assets (with Material's
    icons about 14 000 names, each matched against a dozen patterns: 0.1-0.15 s a save).
    """

    def __init__(self) -> None:
        self.key: object = None
        self.listed: dict[object, list[str]] = {}

    def install(self, theme, key: object) -> None:
        """Make ``theme.get_env()`` give environments whose ``list_templates`` answer from this list.

        ``key`` changes when anything the list depends on may have: the project's state (its config,
        which names the theme's static templates, and its overrides folder) and the theme's folders."""
        key = (key, tuple(theme.dirs))
        if key != self.key:
            self.key, self.listed = key, {}
        make_env, listed = theme.get_env, self.listed

        def get_env() -> jinja2.Environment:
            env = make_env()
            list_templates = env.list_templates

            def kept(extensions=None, filter_func=None) -> list[str]:
                # The filter is the same code each build (MkDocs' add_files_from_theme), reading the config.
                asked = (tuple(extensions) if extensions is not None else None, getattr(filter_func, "__code__", filter_func))
                if asked not in listed:
                    listed[asked] = list_templates(extensions, filter_func)
                return list(listed[asked])

            env.list_templates = kept
            return env

        theme.get_env = get_env


class FewerSwitches:
    """While a build runs, the interpreter switches threads every 0.1 s at most instead of every 5 ms.

    ``mkdocs serve`` polls every watched file twice a second from another thread (4000 files under
    ``seeds/`` at 1000 essays). Each ``stat`` releases the interpreter lock and taking it back
    interrupts the build: 0.15-0.4 s of a 1.1 s rebuild, measured in one process. With the longer
    interval the watcher waits while the build runs; a file saved meanwhile is seen by its next poll.
    """

    INTERVAL = 0.1

    def __init__(self) -> None:
        self.saved: float | None = None

    def start(self) -> None:
        if self.saved is None:
            self.saved = sys.getswitchinterval()
            sys.setswitchinterval(max(self.saved, self.INTERVAL))

    def stop(self) -> None:
        if self.saved is not None:
            sys.setswitchinterval(self.saved)
            self.saved = None


class LaterCollection:
    """The last build's garbage collected while the editor reads the page, not while they wait for it.

    A build freezes the site model (``gc.freeze`` in ``on_config``) so that no collection walks it.
    A full build unfreezes at the start of the next, where the collection that follows costs about
    0.4 s at 1000 essays on every other save. Under the preview the hooks leave the heap frozen
    and this collects it ``delay`` seconds after a build (the reloaded page is served by then),
    then freezes what is alive again; skipped while a build runs (the next build schedules one).
    """

    def __init__(self, delay: float = 1.0) -> None:
        self.delay = delay
        self.timer: threading.Timer | None = None

    def schedule(self, busy: Callable[[], bool]) -> None:
        if self.timer is not None:
            self.timer.cancel()
        self.timer = threading.Timer(self.delay, self.run, (busy,))
        self.timer.daemon = True
        self.timer.start()

    @staticmethod
    def run(busy: Callable[[], bool]) -> None:
        if busy():
            return
        gc.unfreeze()
        gc.collect()
        gc.freeze()


def search_json(entry: dict) -> str:
    """One search entry as Material's search plugin encodes its index (``SearchIndex.generate_search_index``)."""
    return json.dumps(entry, separators=(",", ":"), default=str)


def write_search_docs(search_plugin, docs: str) -> None:
    """Have the search plugin write ``docs`` (its entries, encoded, in page order) as its index's ``docs``.

    Encoding the whole index took about 0.1 s at 1000 essays; each page's entries are encoded when
    made instead. The plugin makes the rest (its settings) as usual, from an empty list of entries."""
    index = search_plugin.search_index
    generate = type(index).generate_search_index
    search_plugin.search_index_prev = None  # Material's own dirty-mode merge assumes one page per build

    def with_docs(prev) -> str:
        index.entries = []
        head, empty, tail = generate(index, None).rpartition('"docs":[]')
        if not empty or tail != "}":
            raise RuntimeError("the search plugin's index is not {..., \"docs\": [...]}: the preview cannot write it")
        return f'{head}"docs":[{docs}]{tail}'

    index.generate_search_index = with_docs


def copied(value: object) -> object:
    return value.copy() if isinstance(value, (dict, set)) else value


def navigation_state(nav) -> object:
    def item(node) -> object:
        children = getattr(node, "children", None)
        meta = getattr(node, "meta", None)
        return (type(node).__name__, node.title, getattr(node, "url", None),
                repr(sorted(meta.items())) if isinstance(meta, dict) else None,
                tuple(item(child) for child in children) if children else None)
    return tuple(item(node) for node in nav.items) if nav is not None else None


def read_bytes(path: str | None) -> bytes | None:
    try:
        return Path(path).read_bytes() if path else None
    except OSError:
        return None


def sweep(site_dir: Path, keep: set[str], fresh: int) -> None:
    """Remove output older than this build that no file of the build accounts for (a deleted essay's pages)."""
    for folder, _dirs, names in os.walk(site_dir, topdown=False):
        for name in names:
            path = os.path.join(folder, name)
            if os.path.normpath(path) not in keep and os.stat(path).st_mtime_ns < fresh:
                os.remove(path)
        if folder != str(site_dir) and not os.listdir(folder):
            os.rmdir(folder)
