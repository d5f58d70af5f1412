"""Reads of the site model, recorded while a page renders: the keys its output depends on."""

from __future__ import annotations

from collections.abc import Iterator

Key = tuple
_reads: set[Key] | None = None  # what the page being rendered has read so far (None: no page is rendering)


def record_into(reads: set[Key] | None) -> None:
    """Reads from now on go into ``reads`` (None: no page is rendering, nothing is recorded)."""
    global _reads
    _reads = reads


def read(key: Key) -> None:
    if _reads is not None:
        _reads.add(key)


class ReadingList(list):
    """``Site.essays`` while previewing: reading it while a page renders makes the page depend on every essay."""

    def __iter__(self) -> Iterator:
        read(("essays",))
        return super().__iter__()

    def __len__(self) -> int:
        read(("essays",))
        return super().__len__()

    def __getitem__(self, index):
        read(("essays",))
        return super().__getitem__(index)


class ReadingDict(dict):
    """``Site.by_slug`` while previewing: a lookup records the essay, a listing every essay."""

    def __getitem__(self, key):
        read(("essay", key))
        return super().__getitem__(key)

    def get(self, key, default=None):
        read(("essay", key))
        return super().get(key, default)

    def __contains__(self, key) -> bool:
        read(("essay", key))
        return super().__contains__(key)

    def __iter__(self) -> Iterator:
        read(("essays",))
        return super().__iter__()

    def __len__(self) -> int:
        read(("essays",))
        return super().__len__()

    def keys(self):
        read(("essays",))
        return super().keys()

    def values(self):
        read(("essays",))
        return super().values()

    def items(self):
        read(("essays",))
        return super().items()
