"""Read a YAML file an editor wrote: duplicate keys and values that cannot be built are errors at their line.

PyYAML silently keeps the last of two equal keys, and raises a bare ``ValueError``
(a traceback, no line) for a value that looks like a date but is none, such as
``2019-02-30``. :class:`Loader` turns both into :class:`EditorError`s that name
the line. It is PyYAML's safe loader on libyaml when available (the C parser is
several times faster; the checks run in the Python constructor, once per key).
"""

from __future__ import annotations

import re
from collections.abc import Hashable
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor

from .errors import EditorError

_MERGE = "tag:yaml.org,2002:merge"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"


class InvalidValue(ConstructorError):
    """A value YAML can read but we cannot use: says what and how to fix it."""

    def __init__(self, node: yaml.Node, problem: str, fix: str) -> None:
        super().__init__(None, None, problem, node.start_mark)
        self.fix = fix


class Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """A safe loader that refuses duplicate keys and reports values that fail to construct at their line."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep)
        except yaml.YAMLError:
            raise
        except (ValueError, TypeError, OverflowError) as e:  # e.g. date(2019, 2, 30) in the timestamp constructor
            value = node.value if isinstance(node, yaml.ScalarNode) else "this value"
            if node.tag == _TIMESTAMP:
                raise InvalidValue(node, f"'{value}' is written as a date, but there is no such day ({e}).",
                                   "Write a real date as YYYY-MM-DD (e.g. 2019-02-28); "
                                   "if it is not meant as a date, put it in quotes.") from None
            raise InvalidValue(node, f"'{value}' cannot be read as {node.tag.rsplit(':', 1)[-1]} ({e}).",
                               "Correct the value, or put it in quotes to keep it as text.") from None


def construct_unique_mapping(loader: yaml.constructor.BaseConstructor, node: yaml.MappingNode) -> dict[Any, Any]:
    """``construct_mapping(node, deep=True)``, refusing a key written twice in the same mapping.

    Only the mapping's own keys are compared: a key that overrides one merged in
    with ``<<:`` is YAML's intended use, not a mistake.
    """
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        if key_node.tag == _MERGE:
            continue
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, Hashable):
            continue  # construct_mapping reports it, with its line
        line = key_node.start_mark.line + 1
        if key in seen:
            raise InvalidValue(key_node, f"the key '{key}' is written twice (first at line {seen[key]}); "
                               "YAML would silently keep only the second.",
                               f"Keep one '{key}:' line and delete the other.")
        seen[key] = line
    return SafeConstructor.construct_mapping(loader, node, deep=True)


Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_unique_mapping)


def read_yaml(path: Path, loader: type[Loader] = Loader) -> Any:
    """The data of a UTF-8 YAML file (a byte order mark is allowed); every problem is an :class:`EditorError`."""
    try:
        source = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as e:
        raise EditorError(path, None, f"the file is not UTF-8 (byte {e.start}).", "Save it as UTF-8.") from None
    try:
        return yaml.load(source, Loader=loader)
    except InvalidValue as e:
        raise EditorError(path, e.problem_mark.line + 1, e.problem, e.fix) from None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        problem = (getattr(e, "problem", None) or str(e)).rstrip(".")
        raise EditorError(path, mark.line + 1 if mark else None, f"this is not valid YAML: {problem}.",
                          "Write one 'key: value' per line; put values with ': ' or quotes inside in quotes.") from None


# MkDocs' own pattern for a page's front matter (mkdocs.utils.meta.YAML_RE).
_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)


def check_front_matter(file: Path | str, source: str) -> None:
    """Read a page's front matter as strictly as ``meta.yml``.

    MkDocs drops front matter it cannot load without a word (and then shows it as
    page text), and keeps the last of two equal keys: here either is an error at its line.
    """
    m = _FRONT_MATTER.match(source)
    if not m:
        return
    try:
        data = yaml.load("\n" + m.group(1), Loader=Loader)  # the '---' line: lines count as in the file
    except InvalidValue as e:
        raise EditorError(file, e.problem_mark.line + 1, e.problem, e.fix) from None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        problem = (getattr(e, "problem", None) or str(e)).rstrip(".")
        raise EditorError(file, mark.line + 1 if mark else 1, f"the front matter is not valid YAML ({problem}), "
                          "so MkDocs would ignore it and show it as text.",
                          "Write one 'key: value' per line between the '---' lines; put values with ': ' in quotes.") from None
    if data is not None and not isinstance(data, dict):
        raise EditorError(file, 2, "the front matter must be 'key: value' lines; MkDocs would show it as text.",
                          "Write one 'key: value' per line between the '---' lines.")
