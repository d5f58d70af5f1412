"""Keep ``attr_list`` off the elements that hold an essay's text.

Python-Markdown's ``attr_list`` reads ``{#id .class key=value}`` at the end of a
heading or block and at the start of the text after an inline element, wherever
that text came from. Essay paragraphs, titles and passages are text built as
elements (``AtomicString``), but a paragraph reading ``{#x .y}`` still lost its
text to the permalink before it, and a title ending in `` {.y}`` gave the essay's
heading a class. So while ``attr_list`` runs, the children of the generated
containers are set aside: it never sees them. Editors' Markdown (claim notes,
pages) keeps its attribute lists.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.treeprocessors import Treeprocessor

# The containers the generator fills with text: the essay (header, paragraphs, author box),
# a quoted passage in a register, the essay cards.
TEXT_CONTAINERS = frozenset({"explainer-essay", "explainer-passage", "explainer-essays"})


class GuardedAttrList(Treeprocessor):
    """``attr_list``'s tree processor, run with the generated text containers emptied."""

    def __init__(self, md: Markdown, inner: Treeprocessor) -> None:
        super().__init__(md)
        self.inner = inner

    def run(self, root: etree.Element) -> None:
        aside = [(el, list(el)) for el in root.iter()
                 if "explainer-" in (el.get("class") or "") and TEXT_CONTAINERS.intersection(el.get("class", "").split())]
        for el, _ in aside:
            el[:] = []
        try:
            self.inner.run(root)
        finally:
            for el, children in aside:
                el[:] = children


def guard_attr_list(md: Markdown) -> None:
    """Wrap the registered ``attr_list`` processor, if there is one, in :class:`GuardedAttrList`."""
    if "attr_list" in md.treeprocessors:
        index = md.treeprocessors.get_index_for_name("attr_list")
        priority = md.treeprocessors._priority[index].priority
        inner = md.treeprocessors["attr_list"]
        md.treeprocessors.register(GuardedAttrList(md, inner), "attr_list", priority)
