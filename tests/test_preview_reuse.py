"""What the incremental preview keeps between rebuilds, and that keeping it changes nothing.

Each test makes an edit under ``mkdocs serve --dirty`` as ``tests/test_preview.py`` does,
checks that the kept piece was reused (the same object) or made again, and compares the
whole output with a clean build.
"""

from __future__ import annotations

import gc
import sys
import weakref
from pathlib import Path

import pytest

from tests import test_preview
from tests.conftest import FIXTURE_ESSAY
from tests.test_preview import (
    assert_same,
    clean_build,
    edit_companion,
    edit_essay_text,
    edit_glossary,
    edit_meta,
    incremental_build,
    outputs,
)

preview_project = test_preview.preview_project  # the fixture: the project with a second essay, the preview off after

EDITED_TERM = "entente"  # the entry edit_glossary rewords ("A friendly understanding between ...")


def test_a_definition_edit_makes_only_its_used_in_list_again(preview_project: Path, tmp_path: Path) -> None:
    from explainer.preview import preview

    site = tmp_path / "site"
    incremental_build(preview_project, site)
    before = dict(preview.used_in)
    assert EDITED_TERM in before and len(before) > 1
    edit_glossary(preview_project, 1)
    assert "glossary.md" in incremental_build(preview_project, site)
    # Its occurrences did not change, and no other list's did: every list is the one made before.
    assert all(preview.used_in[term] is made for term, made in before.items())
    clean_build(preview_project, tmp_path / "clean")
    assert_same(site, tmp_path / "clean")
    # An essay's words change where terms occur: the lists whose occurrences changed are made again.
    edit_essay_text(preview_project, "trenin-2019", 1)
    incremental_build(preview_project, site)
    clean_build(preview_project, tmp_path / "clean")
    assert_same(site, tmp_path / "clean")


def test_generated_sources_of_unchanged_essays_are_kept_and_the_token_never_shows(preview_project: Path, tmp_path: Path) -> None:
    from explainer.preview import preview

    site = tmp_path / "site"
    incremental_build(preview_project, site)
    token = preview.token
    made = dict(preview.sources_made)
    kept_key = ("essay_markdown", FIXTURE_ESSAY)
    edited_key = ("essay_markdown", "trenin-2019")
    assert kept_key in made and edited_key in made and token in made[kept_key][2]
    edit_essay_text(preview_project, "trenin-2019", 1)
    incremental_build(preview_project, site)
    assert preview.token == token  # one token for the whole `mkdocs serve`
    assert preview.sources_made[kept_key] is made[kept_key]  # the unchanged essay's source was not made again
    assert preview.sources_made[edited_key] is not made[edited_key]
    # The token stays inside the build: no page, index or file carries it, so no content can come to hold it.
    assert not [name for name, data in outputs(site).items() if token.encode() in data]
    clean_build(preview_project, tmp_path / "clean")
    assert_same(site, tmp_path / "clean")


def test_the_feeds_are_made_again_only_when_their_entries_change(preview_project: Path, tmp_path: Path) -> None:
    from explainer.preview import preview

    site = tmp_path / "site"
    incremental_build(preview_project, site)
    feeds = preview.made["feeds"]
    edit_companion(preview_project, 1)
    incremental_build(preview_project, site)
    assert preview.made["feeds"] is feeds
    edit_meta(preview_project, "trenin-2019", 1)  # its title: the feeds show it
    incremental_build(preview_project, site)
    assert preview.made["feeds"] is not feeds
    clean_build(preview_project, tmp_path / "clean")
    assert_same(site, tmp_path / "clean")


def test_the_last_builds_model_is_collected_after_the_build(preview_project: Path, tmp_path: Path) -> None:
    """The preview leaves the heap frozen between builds; its later collection lets the last build's model go."""
    from explainer.preview import preview

    site = tmp_path / "site"
    incremental_build(preview_project, site)
    hooks_file = preview_project / "hooks" / "explainer_hooks.py"
    hooks = next(m for m in list(sys.modules.values()) if getattr(m, "__file__", None) and Path(m.__file__) == hooks_file)
    first = weakref.ref(hooks._site)
    edit_companion(preview_project, 1)
    incremental_build(preview_project, site)
    assert preview.collection.timer is not None  # scheduled by the build
    preview.collection.timer.cancel()
    preview.collection.run(lambda: False)
    assert first() is None
    assert gc.get_freeze_count() > 0  # what is alive is frozen again for the next build
    gc.unfreeze()


def test_the_theme_file_list_is_kept_until_the_overrides_change(preview_project: Path, tmp_path: Path) -> None:
    from explainer.preview import preview

    site = tmp_path / "site"
    incremental_build(preview_project, site)
    listed = preview.theme_listing.listed
    assert listed and all(names for names in listed.values())
    edit_essay_text(preview_project, "trenin-2019", 1)
    incremental_build(preview_project, site)
    assert preview.theme_listing.listed is listed  # the theme's files were not listed again
    # A file added to the overrides is a theme file too: the list is made again and the file published.
    extra = preview_project / "overrides" / "assets" / "explainer-extra.txt"
    extra.parent.mkdir(parents=True, exist_ok=True)
    extra.write_text("an asset added while serving\n", encoding="utf-8")
    incremental_build(preview_project, site)
    assert preview.theme_listing.listed is not listed
    assert (site / "assets" / "explainer-extra.txt").read_text(encoding="utf-8") == "an asset added while serving\n"
    clean_build(preview_project, tmp_path / "clean")
    assert_same(site, tmp_path / "clean")


def test_a_build_keeps_the_interpreter_from_the_file_watcher_and_gives_it_back(
        preview_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """While it runs the interpreter switches threads at most every 0.1 s; before and after, as it was,
    also after a build that fails."""
    from explainer.preview import preview

    site = tmp_path / "site"
    before = sys.getswitchinterval()
    seen: list[float] = []
    plan = preview.plan

    def recording_plan(*args, **kwargs):
        seen.append(sys.getswitchinterval())
        return plan(*args, **kwargs)

    monkeypatch.setattr(preview, "plan", recording_plan)
    incremental_build(preview_project, site)
    assert seen == [pytest.approx(max(before, 0.1))] and sys.getswitchinterval() == pytest.approx(before)

    def failing_plan(*args, **kwargs):
        seen.append(sys.getswitchinterval())
        raise RuntimeError("a build that fails")

    monkeypatch.setattr(preview, "plan", failing_plan)
    edit_companion(preview_project, 1)
    with pytest.raises(RuntimeError):
        incremental_build(preview_project, site)
    assert seen[-1] == pytest.approx(max(before, 0.1)) and sys.getswitchinterval() == pytest.approx(before)


def test_the_glossarys_search_sections_are_parsed_again_only_where_it_changed(
        preview_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from explainer import searchparts
    from explainer.preview import preview

    site = tmp_path / "site"
    incremental_build(preview_project, site)
    preview.search_parts = searchparts.SectionParts(min_parts=2)  # the fixture's glossary is short
    edit_glossary(preview_project, 1)
    incremental_build(preview_project, site)
    kept = preview.search_parts.kept.get("glossary.md")
    assert kept and len(kept) > 3
    parsed: list[str] = []
    real_part = searchparts._part
    monkeypatch.setattr(searchparts, "_part", lambda text, **kw: parsed.append(text) or real_part(text, **kw))
    edit_glossary(preview_project, 2)
    assert "glossary.md" in incremental_build(preview_project, site)
    assert len(parsed) == 1 and 'id="entente"' in parsed[0]  # the reworded entry's part only
    clean_build(preview_project, tmp_path / "clean")
    assert_same(site, tmp_path / "clean")  # search_index.json included
