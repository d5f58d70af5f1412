"""Checks shared by the publishing tests: schema.org vocabulary, JSON-LD expansion, re-anchoring."""

from __future__ import annotations

import functools
import importlib
import json
from pathlib import Path

import msgspec_schemaorg.models
from pyld import jsonld

SCHEMA = "https://schema.org/"
# JSON-LD keywords msgspec-schemaorg models as fields: not schema.org properties.
_KEYWORD_FIELDS = {"id", "type", "context", "graph", "reverse"}


def _loader(url: str, options: object = None) -> dict:
    """The schema.org context from a local document: no network. It maps every term into schema.org."""
    if url.rstrip("/") in ("https://schema.org", "http://schema.org"):
        return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url,
                "document": {"@context": {"@vocab": SCHEMA}}}
    raise AssertionError(f"the JSON-LD refers to a context that is not schema.org's: {url}")


def expand(document: dict) -> list:
    return jsonld.expand(document, {"documentLoader": _loader})


@functools.cache
def _type_modules() -> dict[str, str]:
    """schema.org type name -> module of msgspec-schemaorg that defines it (one file per type)."""
    root = Path(msgspec_schemaorg.models.__file__).parent
    return {p.stem: "msgspec_schemaorg.models." + ".".join(p.relative_to(root).with_suffix("").parts)
            for p in root.rglob("*.py") if p.stem[:1].isupper()}


@functools.cache
def properties_of(type_name: str) -> frozenset[str] | None:
    """The schema.org properties a type has (its own and inherited); None if it is no schema.org type."""
    module = _type_modules().get(type_name)
    if module is None:
        return None
    cls = getattr(importlib.import_module(module), type_name)
    return frozenset(cls.__struct_fields__) - _KEYWORD_FIELDS


def schema_problems(expanded: list) -> list[str]:
    """Every type or property in expanded JSON-LD that schema.org does not define for that node."""
    problems: list[str] = []

    def visit(node: object) -> None:
        if isinstance(node, list):
            for item in node:
                visit(item)
            return
        if not isinstance(node, dict) or "@value" in node:
            return
        types = node.get("@type", [])
        allowed: set[str] = set()
        for iri in types:
            name = iri.removeprefix(SCHEMA)
            props = properties_of(name) if iri.startswith(SCHEMA) else None
            if props is None:
                problems.append(f"type {iri} is not a schema.org type")
            else:
                allowed |= props
        for key, value in node.items():
            if key.startswith("@"):
                if key == "@graph":
                    visit(value)
                continue
            name = key.removeprefix(SCHEMA)
            if not key.startswith(SCHEMA):
                problems.append(f"property {key} is not in schema.org")
            elif types and name not in allowed:
                problems.append(f"property {name} is not a property of {', '.join(types)}")
            visit(value)

    visit(expanded)
    return problems


def page_jsonld(soup) -> list[dict]:
    return [json.loads(script.string) for script in soup.find_all("script", type="application/ld+json")]


def essay_text(path: Path) -> str:
    """essay.txt as the annotations count it: UTF-8, a leading BOM dropped, line breaks as in the file."""
    return path.read_bytes().decode("utf-8").removeprefix("\ufeff")


def anchoring_problems(collection: dict, text: str) -> list[str]:
    """Every annotation whose selectors do not land on the same passage of ``text``, with its context."""
    problems: list[str] = []
    for item in collection["first"]["items"]:
        selectors = {s["type"]: s for s in item["target"]["selector"]}
        quote, position = selectors["TextQuoteSelector"], selectors["TextPositionSelector"]
        start, end = position["start"], position["end"]
        if text[start:end] != quote["exact"]:
            problems.append(f"{item['id']}: text[{start}:{end}] is {text[start:end]!r}, not {quote['exact']!r}")
        if not text[:start].endswith(quote["prefix"]) or not text[end:].startswith(quote["suffix"]):
            problems.append(f"{item['id']}: prefix or suffix differs from the text around {start}:{end}")
        # The quote selector alone finds the passage, and finds it there.
        whole = quote["prefix"] + quote["exact"] + quote["suffix"]
        found = text.find(whole)
        if found < 0 or found + len(quote["prefix"]) != start or text.find(whole, found + 1) != -1:
            problems.append(f"{item['id']}: prefix + exact + suffix does not single out the passage at {start}")
    return problems
