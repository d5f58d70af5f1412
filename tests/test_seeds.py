"""Reading a seed folder, and the error an editor gets for each way of getting it wrong."""

from __future__ import annotations

from pathlib import Path

import pytest
from explainer.errors import EditorError
from explainer.seeds import load_essay

META = 'title: "A title"\nauthor: A. Writer\ndate: 2020-02-03\npublication: The Paper\n'
TEXT = "First paragraph.\n\nBoilerplate. Click here.\n\nSecond paragraph\nover two lines.\n\nA. Writer is a writer.\n\nMore In Section"


def seed(tmp_path: Path, text: str | bytes | None = TEXT, meta: str | None = META, name: str = "an-essay") -> Path:
    folder = tmp_path / name
    folder.mkdir()
    if text is not None:
        (folder / "essay.txt").write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    if meta is not None:
        (folder / "meta.yml").write_text(meta, encoding="utf-8")
    return folder


def error(folder: Path) -> str:
    with pytest.raises(EditorError) as info:
        load_essay(folder)
    return str(info.value)


def test_paragraphs_are_numbered_after_boilerplate_and_author_note_are_set_aside(tmp_path: Path) -> None:
    meta = META + 'omit:\n  - "Boilerplate. Click here."\n  - "More In Section"\nauthor_note: "A. Writer is"\n'
    essay = load_essay(seed(tmp_path, meta=meta))
    assert [(p.anchor, p.text, p.line) for p in essay.paragraphs] == [
        ("p1", "First paragraph.", 1), ("p2", "Second paragraph\nover two lines.", 5)]
    assert essay.author_note == "A. Writer is a writer."
    assert essay.title == "A title" and str(essay.date) == "2020-02-03"


def test_the_real_seed(tmp_path: Path) -> None:
    essay = load_essay(Path(__file__).resolve().parent.parent / "seeds" / "trenin-2019")
    assert len(essay.paragraphs) == 6
    assert essay.paragraphs[0].text.startswith("In his remarks in October 2019")
    assert essay.paragraphs[-1].text.startswith("This is good news.")
    assert essay.author_note.startswith("Dmitri Trenin is the director")


def test_windows_line_endings_and_a_byte_order_mark_are_read_as_text(tmp_path: Path) -> None:
    essay = load_essay(seed(tmp_path, text="\ufeffOne.\r\n\r\nTwo.\r\n"))
    assert [p.text for p in essay.paragraphs] == ["One.", "Two."]


def test_folder_without_text(tmp_path: Path) -> None:
    message = error(seed(tmp_path, text=None))
    assert "an-essay: the seed folder has no essay.txt." in message and "Fix: Put the essay" in message


def test_folder_without_metadata(tmp_path: Path) -> None:
    message = error(seed(tmp_path, meta=None))
    assert "the seed folder has no meta.yml." in message and "title, author, date." in message


def test_yaml_error_names_its_line(tmp_path: Path) -> None:
    message = error(seed(tmp_path, meta=META + "summary: a: b: c\n"))
    assert "meta.yml:5: this is not valid YAML" in message


def test_missing_required_key(tmp_path: Path) -> None:
    message = error(seed(tmp_path, meta=META.replace("author: A. Writer\n", "")))
    assert "the required key 'author' (who wrote or delivered it) is missing" in message and "Add a line 'author: …'" in message


def test_unknown_key_suggests_the_closest(tmp_path: Path) -> None:
    message = error(seed(tmp_path, meta=META.replace("title:", "titel:")))
    assert "meta.yml:1: unknown key 'titel'. Did you mean 'title'?" in message
    assert "Valid keys: title, author" in message


def test_text_that_is_not_utf8_says_where(tmp_path: Path) -> None:
    message = error(seed(tmp_path, text="Fine.\n\nCaf\xe9 au lait.".encode("latin-1")))
    assert "essay.txt:3: the text is not UTF-8 (byte 0xe9 at column 4)." in message and "Re-save the file as UTF-8" in message


def test_empty_essay(tmp_path: Path) -> None:
    assert "essay.txt: the essay is empty." in error(seed(tmp_path, text="  \n\n "))


def test_boilerplate_not_in_the_text(tmp_path: Path) -> None:
    message = error(seed(tmp_path, meta=META + 'omit:\n  - "Subscribe now"\n'))
    assert "meta.yml:6: the passage to omit, 'Subscribe now', is not in essay.txt." in message


def test_boilerplate_that_is_part_of_a_paragraph(tmp_path: Path) -> None:
    message = error(seed(tmp_path, meta=META + 'omit:\n  - "Click here."\n'))
    assert "only part of the paragraph at essay.txt line 3" in message and "Omit whole paragraphs only" in message


def test_author_note_not_found(tmp_path: Path) -> None:
    assert "no paragraph of essay.txt begins with 'B. Nobody'" in error(seed(tmp_path, meta=META + 'author_note: "B. Nobody"\n'))


def test_bad_date(tmp_path: Path) -> None:
    assert "meta.yml:3: 'date: 2 March' is not a date." in error(seed(tmp_path, meta=META.replace("2020-02-03", "2 March")))


def test_control_characters_are_refused(tmp_path: Path) -> None:
    assert "essay.txt:3: the text contains the control character U+0002" in error(seed(tmp_path, text="a\n\nb\x02c"))


def test_folder_name_must_be_usable_in_an_address(tmp_path: Path) -> None:
    assert "cannot be used in an address" in error(seed(tmp_path, name="My Essay"))


@pytest.mark.parametrize("url", ["javascript:alert(1)", "www.example.com", "data:text/html,hi"])
def test_original_address_must_be_a_web_address(tmp_path: Path, url: str) -> None:
    assert f"meta.yml:5: 'url: {url}' is not a web address." in error(seed(tmp_path, meta=META + f'url: "{url}"\n'))


def test_an_unchanged_seed_is_not_parsed_again_but_an_edited_one_is(tmp_path: Path) -> None:
    from explainer.site import load_essay_with_claims

    folder = seed(tmp_path)
    first = load_essay_with_claims(folder)
    assert load_essay_with_claims(folder) is first  # `mkdocs serve` rebuilds reuse it
    (folder / "essay.txt").write_text("Edited paragraph.", encoding="utf-8")
    edited = load_essay_with_claims(folder)
    assert edited is not first and [p.text for p in edited.paragraphs] == ["Edited paragraph."]


VALUES = {"title": '"Another"', "author": "B. Writer", "date": "2021-01-01", "publication": "Another Paper",
          "series": "S", "url": "https://example.com/x", "omit": '["First paragraph."]', "author_note": '"A. Writer is"',
          "summary": "S", "note": "N"}


@pytest.mark.parametrize("key", sorted(VALUES))
def test_every_key_written_twice_is_refused_at_the_second(tmp_path: Path, key: str) -> None:
    meta = META if f"\n{key}:" in "\n" + META else META + f"{key}: {VALUES[key]}\n"
    first = next(n for n, line in enumerate(meta.splitlines(), 1) if line.startswith(f"{key}:"))
    second = len(meta.splitlines()) + 1
    message = error(seed(tmp_path, meta=meta + f"{key}: {VALUES[key]}\n"))
    assert f"meta.yml:{second}: the key '{key}' is written twice (first at line {first})" in message
    assert f"Fix: Keep one '{key}:' line" in message and "Traceback" not in message


def test_a_key_written_twice_inside_a_nested_mapping_is_refused(tmp_path: Path) -> None:
    message = error(seed(tmp_path, meta=META + "omit:\n  - a: 1\n    b: 2\n    a: 3\n"))
    assert "meta.yml:8: the key 'a' is written twice (first at line 6)" in message


def test_keys_overriding_a_merged_mapping_are_not_duplicates(tmp_path: Path) -> None:
    from explainer.yamlfile import read_yaml
    path = tmp_path / "x.yml"
    path.write_text("base: &b {a: 1, b: 2}\nother:\n  <<: *b\n  a: 3\n", encoding="utf-8")
    assert read_yaml(path)["other"] == {"a": 3, "b": 2}


@pytest.mark.parametrize("day", ["2019-02-30", "2019-13-45", "2019-00-10", "2019-04-31"])
def test_an_impossible_date_is_an_error_at_its_line(tmp_path: Path, day: str) -> None:
    message = error(seed(tmp_path, meta=META.replace("2020-02-03", day)))
    assert f"meta.yml:3: '{day}' is written as a date, but there is no such day" in message
    assert "Fix: Write a real date as YYYY-MM-DD" in message


def test_an_impossible_date_in_a_text_field_is_an_error_too(tmp_path: Path) -> None:
    message = error(seed(tmp_path, meta=META + "series: 2019-02-30\n"))
    assert "meta.yml:5: '2019-02-30' is written as a date" in message and "put it in quotes" in message


def test_a_quoted_impossible_date_is_text_and_says_it_is_no_date(tmp_path: Path) -> None:
    assert "meta.yml:3: 'date: 2019-02-30' is not a date." in error(seed(tmp_path, meta=META.replace("2020-02-03", '"2019-02-30"')))


def test_a_value_with_an_explicit_tag_that_cannot_be_built(tmp_path: Path) -> None:
    message = error(seed(tmp_path, meta=META + "summary: !!int forty\n"))
    assert "meta.yml:5: 'forty' cannot be read as int" in message and "put it in quotes" in message


def test_a_byte_order_mark_in_the_metadata_is_accepted(tmp_path: Path) -> None:
    folder = seed(tmp_path, meta=None)
    (folder / "meta.yml").write_bytes(b"\xef\xbb\xbf" + META.encode("utf-8"))
    assert load_essay(folder).title == "A title"


def test_a_speech_needs_no_publication_and_is_named_by_author_and_year(tmp_path: Path) -> None:
    meta = ('title: "An address"\nauthor: Thomas Jefferson\ndate: 1801-03-04\nvenue: "Senate Chamber, Washington"\n'
            'occasion: "Inauguration"\n')
    essay = load_essay(seed(tmp_path, meta=meta))
    assert essay.publication is None and (essay.venue, essay.occasion) == ("Senate Chamber, Washington", "Inauguration")
    assert essay.short_name == "Jefferson 1801" and essay.register_title == "Claims in Jefferson 1801"
    assert (essay.language, essay.direction) == ("en", "ltr")
    named = load_essay(seed(tmp_path, meta=meta + 'short_title: "Jefferson\'s first inaugural"\n', name="other"))
    assert named.short_name == "Jefferson's first inaugural"


@pytest.mark.parametrize(("tag", "expected", "direction"), [
    ("ar", "ar", "rtl"), ("he", "he", "rtl"), ("fa-IR", "fa-IR", "rtl"), ("ur", "ur", "rtl"), ("yi", "yi", "rtl"),
    ("az-arab", "az-Arab", "rtl"), ("ru", "ru", "ltr"), ("zh-hant-tw", "zh-Hant-TW", "ltr"), ("en-gb", "en-GB", "ltr"),
])
def test_language_sets_the_tag_and_the_script_direction(tmp_path: Path, tag: str, expected: str, direction: str) -> None:
    essay = load_essay(seed(tmp_path, meta=META + f"language: {tag}\n"))
    assert (essay.language, essay.direction) == (expected, direction)


@pytest.mark.parametrize("tag", ["english", "en_US", "e", "<b>", "12"])
def test_a_language_that_is_not_a_bcp47_tag_is_an_error_at_its_line(tmp_path: Path, tag: str) -> None:
    message = error(seed(tmp_path, meta=META + f"language: '{tag}'\n"))
    assert f"meta.yml:5: 'language: {tag}' is not a language tag." in message and "BCP 47" in message


def test_a_date_of_any_year_with_four_digits(tmp_path: Path) -> None:
    assert str(load_essay(seed(tmp_path, meta=META.replace("2020-02-03", "0800-12-25"))).date) == "0800-12-25"
    assert "Write it as YYYY-MM-DD with a four-digit year" in error(seed(tmp_path, meta=META.replace("2020-02-03", "800-12-25"),
                                                                        name="other"))


@pytest.mark.parametrize(("source", "expected"), [
    ("---\ntitle: A\nlink_terms: all\ntitle: B\n---\n\n# Page\n", "p.md:4: the key 'title' is written twice (first at line 2)"),
    ("---\ntitle: A\ndate: 2019-02-30\n---\n\nText\n", "p.md:3: '2019-02-30' is written as a date, but there is no such day"),
    ("---\ntitle: a: b\n---\n\nText\n", "p.md:2: the front matter is not valid YAML"),
    ("---\n- a\n---\n\nText\n", "p.md:2: the front matter must be 'key: value' lines"),
])
def test_page_front_matter_is_read_as_strictly_as_the_metadata(source: str, expected: str) -> None:
    from explainer.yamlfile import check_front_matter
    with pytest.raises(EditorError) as info:
        check_front_matter("p.md", source)
    assert expected in str(info.value) and "Fix: " in str(info.value)


def test_valid_or_missing_front_matter_passes() -> None:
    from explainer.yamlfile import check_front_matter
    check_front_matter("p.md", "---\ntitle: A\nlink_terms: none\n---\n\nText\n")
    check_front_matter("p.md", "# No front matter\n\n---\n\na: b\n")
