"""Explainer: turns an essay in ``seeds/`` into a reader's edition on MkDocs.

Pipeline, one module each:

* ``seeds``     seed folder -> :class:`~explainer.model.Essay` (text, metadata, paragraphs)
* ``claims``    ``claims.md`` -> claims anchored to the essay's passages
* ``glossary``  ``docs/glossary.md`` -> terms; ``terms`` matches them in text
* ``site``      all of the above for one build
* ``navigation``  the "Essays" section of the site's navigation
* ``generated``  the generated pages' sources and the elements that carry text as text;
  ``essaypage`` / ``register`` / ``essaycards`` / ``printterms``: the processors that render
  them (``EssayExtension`` registers them all)
* ``citations`` / ``termlinks``: the Python-Markdown extensions for ``[[p5]]`` citations and
  term links on every page
* ``timelinedata`` / ``timeline``: the timeline's data file, and the extension that merges
  it with every dated claim; ``comparison``: a comparison page's declared columns, each row checked
* ``usedin``    the glossary's "Used in" lists, filled once every page is rendered
* ``tooltips``  term and citation tooltips, written into each page once search has read it
* ``preview``   ``make serve``'s incremental rebuilds: each page's reads and products, what to render again

The MkDocs glue is ``hooks/explainer_hooks.py``.
"""
