"""An essay's language (BCP 47) and the direction of its script.

The tag is checked loosely (its shape, not a registry lookup), because a tag
the check does not know is still better than none for a browser or a screen
reader. The direction comes from the Unicode CLDR data that Babel ships (its
``character_order``), with the script subtag as a fallback for languages CLDR
does not describe: Arabic, Hebrew, Persian, Urdu, Pashto, Sindhi, Uyghur,
Yiddish, Dhivehi... and any tag with a right-to-left script such as ``-Arab``
are right-to-left.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from babel import Locale, UnknownLocaleError

from .errors import EditorError

# language[-Script][-REGION][-variant...][-x-private...]: the common shape of a BCP 47 tag
_TAG = re.compile(r"^[a-z]{2,3}(-[a-z]{4})?(-(?:[a-z]{2}|\d{3}))?(-(?:[a-z\d]{5,8}|\d[a-z\d]{3}))*(-x(-[a-z\d]{1,8})+)?$",
                  re.IGNORECASE)
# ISO 15924 codes of scripts written right to left, for tags CLDR has no data on.
RTL_SCRIPTS = frozenset({"Adlm", "Arab", "Aran", "Armi", "Avst", "Cprt", "Hebr", "Khar", "Lydi", "Mand", "Mani", "Mend",
                         "Nbat", "Nkoo", "Narb", "Orkh", "Palm", "Phli", "Phlp", "Phnx", "Prti", "Rohg", "Samr", "Sarb",
                         "Sogd", "Sogo", "Syrc", "Thaa", "Yezi"})


def check_language(tag: str, path: Path | str, line: int | None) -> str:
    """``tag`` in its usual case (``zh-hant`` -> ``zh-Hant``), or :class:`EditorError` if it is not shaped like BCP 47."""
    if not _TAG.match(tag):
        raise EditorError(path, line, f"'language: {tag}' is not a language tag.",
                          "Write a BCP 47 tag such as en, fr, pt-BR, ar, he, fa, ur or zh-Hant (hyphens, not underscores).")
    parts = tag.split("-")
    out = [parts[0].lower()]
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha() and len(out) == 1:
            out.append(part.title())
        elif len(part) == 2 and part.isalpha():
            out.append(part.upper())
        else:
            out.append(part.lower())
    return "-".join(out)


@functools.cache
def text_direction(tag: str) -> str:
    """``"rtl"`` or ``"ltr"``: the direction the language's script is written in."""
    parts = tag.split("-")
    script = next((p.title() for p in parts[1:] if len(p) == 4 and p.isalpha()), None)
    if script:
        return "rtl" if script in RTL_SCRIPTS else "ltr"
    for size in range(min(len(parts), 3), 0, -1):  # the longest prefix CLDR knows: "ar-EG", then "ar"
        try:
            order = Locale.parse("_".join(parts[:size])).character_order
        except (UnknownLocaleError, ValueError):
            continue
        return "rtl" if order == "right-to-left" else "ltr"
    return "ltr"
