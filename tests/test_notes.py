"""The note layer as built: names for assistive technology, foreign phrases, the print edition's parts."""

from __future__ import annotations

from conftest import Build

SLUG = "trenin-2019"


def test_the_russian_phrase_in_the_first_note_carries_its_language(site_build: Build) -> None:
    for page in (f"essays/{SLUG}/", f"essays/{SLUG}/claims/"):
        spans = site_build.soup(page).select('span[lang="ru"]')
        assert [s.get_text() for s in spans] == ["союзнические отношения"], page
