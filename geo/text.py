"""Text normalisation shared by the gazetteer build and the runtime lookups.

One folding function decides when two spellings are "the same name", so the index built
from GeoNames and OpenStreetMap and the spans found in articles always agree.
"""

from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = "'’‘`ʿʾ´"
_ARABIC_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه",
                              "ـ": None, "\u200f": None, "\u200e": None})
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—_/]+")
# Arabic definite article as romanised in news and gazetteers ("al-Watiya", "Ash Shati'").
ARTICLE = re.compile(r"^(?:al|el|an|as|ash|ar|az|at|ad|adh|ath|ad|ed|es|et|ez|en)\s+")


_ASCII_FOLD = str.maketrans({**{ch: None for ch in "'`"}, "-": " ", "_": " ", "/": " ",
                             **{ch: " " for ch in "\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f"}})


def fold(name: str) -> str:
    """Case-, accent-, hyphen- and apostrophe-insensitive key of a name."""
    if name.isascii():  # the common case, ten times cheaper than the Unicode path
        text = name.lower().translate(_ASCII_FOLD)
        if "  " in text:
            text = " ".join(text.split())
        return text.strip(" .,")
    return fold_unicode(name)


def fold_unicode(name: str) -> str:
    """The general path of fold(); fold() must give the same key for ASCII names."""
    text = unicodedata.normalize("NFKD", name.translate(_ARABIC_FOLD))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.lower()
    for ch in _APOSTROPHES:
        text = text.replace(ch, "")
    return _SEPARATORS.sub(" ", text).strip(" .,")


def strip_article(key: str) -> str:
    """The folded key without a leading Arabic article ("al watiya" -> "watiya")."""
    return ARTICLE.sub("", key, count=1)


def is_arabic(text: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" for ch in text)
