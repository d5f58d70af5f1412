"""Publishing: what a page tells other programs about itself, and the files made for them.

Plain functions that take the model (:class:`~explainer.model.Essay`, terms, addresses)
and return text or data; the MkDocs hooks only call them and write the results.

* :mod:`.pagemeta`    per-page description, Open Graph and Twitter tags, feed discovery
* :mod:`.jsonld`      schema.org JSON-LD: the essay, its edition and claims; the glossary
* :mod:`.feed`        the Atom and RSS feeds of essays (feedgen)
* :mod:`.citation`    "Cite this": plain text, BibTeX, CSL-JSON
* :mod:`.annotations` claims and term occurrences as a W3C Web Annotation collection
* :mod:`.edition`     site settings and the edition's deterministic modification dates; robots.txt
* :mod:`.plain`       an editor's Markdown fields as plain text, cheaply
* :mod:`.outputs`     the one object the hooks call: a page's head, the files written after the build
"""
