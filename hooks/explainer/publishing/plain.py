"""An editor's Markdown (claim titles, notes, sources) as plain text for data outputs, without Markdown.

Running Python-Markdown once per claim title, note and source cost seconds on a site of
200 essays; these fields use a small, known part of Markdown, so a few expressions
suffice: links keep their address in brackets, emphasis and code marks go, raw HTML
tags go (their text stays), backslash escapes and character references are resolved,
citations ``[[p5]]`` read "¶5".
"""

from __future__ import annotations

import html
import re

from ..citations import CITATION

_CITATION = re.compile(CITATION)
_LINK = re.compile(r"!?\[([^\]]*)\]\(\s*<?([^)\s>]*)>?(?:\s+\"[^\"]*\")?\s*\)")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EM = re.compile(r"(?<![\w*])([*_])(?=\S)(.+?)(?<=\S)\1(?![\w*])")
_CODE = re.compile(r"(`+)(.+?)\1")
_ATTRS = re.compile(r"\s*\{:?\s*[#.][^}]*\}")  # attr_list: {: .class } / { #id }
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>])")
_BLANKS = re.compile(r"\n\s*\n+")
_SPACES = re.compile(r"[ \t]*\n[ \t]*|[ \t]{2,}")
_MARKUP = re.compile(r"[\[<`*_\\&{\n]|\s\s")  # none of these: the text is plain already


def markdown_text(source: str) -> str:
    """``source`` (Markdown) as plain text: paragraphs separated by a blank line, lines joined."""
    if not _MARKUP.search(source):
        return source.strip()

    def citation(m: re.Match[str]) -> str:
        return m.group(3) or (f"{m.group(1)} ¶{m.group(2)}" if m.group(1) else f"¶{m.group(2)}")

    text = _CITATION.sub(citation, source)
    text = _LINK.sub(lambda m: f"{m.group(1)} ({m.group(2)})" if m.group(2) else m.group(1), text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _CODE.sub(r"\2", text)
    text = _TAG.sub("", _ATTRS.sub("", text))
    text = _EM.sub(r"\2", _STRONG.sub(r"\2", text))
    text = html.unescape(_ESCAPE.sub(r"\1", text))
    paragraphs = [_SPACES.sub(lambda m: " ", p).strip() for p in _BLANKS.split(text.strip())]
    return "\n\n".join(p for p in paragraphs if p)
