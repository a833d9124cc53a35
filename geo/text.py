"""Text normalisation shared by the gazetteer build and the runtime lookups.

One folding function decides when two spellings are "the same name", so the index built
from GeoNames and OpenStreetMap and the spans found in articles always agree.
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata

APOSTROPHES = "'’‘`ʿʾ´"
_ARABIC_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه",
                              "ـ": None, "\u200f": None, "\u200e": None})
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—_/]+")
# Arabic definite article as romanised in news and gazetteers ("al-Watiya", "Ash Shati'").
ARTICLE = re.compile(r"^(?:al|el|an|as|ash|ar|az|at|ad|adh|ath|ad|ed|es|et|ez|en)\s+")


_ASCII_FOLD = str.maketrans({**{ch: None for ch in "'`"}, "-": " ", "_": " ", "/": " ",
                             **{ch: " " for ch in "\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f"}})


@functools.lru_cache(maxsize=1 << 16)
def fold(name: str) -> str:
    """Case-, accent-, hyphen- and apostrophe-insensitive key of a name (memoised: the
    recogniser folds the same few thousand spans over and over)."""
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
    for ch in APOSTROPHES:
        text = text.replace(ch, "")
    return _SEPARATORS.sub(" ", text).strip(" .,")


_FINAL_AH = re.compile(r"ah\b")
_INITIAL_Q = re.compile(r"\bq")


def spelling_variants(key: str) -> set[str]:
    """Other ways news transliterates a folded Arabic place name: a final -ah written -a
    ("Jufrah" -> "Jufra", "Awjilah" -> "Awjila") and an initial q written g ("Qarabulli" ->
    "Garabulli"). The gazetteer build indexes Libyan names under these too."""
    variants = {_FINAL_AH.sub("a", key), _INITIAL_Q.sub("g", key)}
    variants.add(_INITIAL_Q.sub("g", _FINAL_AH.sub("a", key)))
    return variants - {key}


_FINAL_VOWEL_H = re.compile(r"(?<=[aeiouy])h\b")
_DIGRAPHS = (("gh", "g"), ("kh", "k"), ("q", "g"), ("ou", "u"))
_DOUBLED = re.compile(r"(.)\1+")
_VOWELS_AND_GAPS = re.compile(r"[aeiouy ]+")


def consonant_skeleton(key: str) -> str:
    """What survives of a folded Arabic name across English transliterations: its
    consonants, without the article, a final -ah, doubled letters, and with gh/q/g and
    kh/k merged ("tawergha" and "tawurgha" -> "twrg"; "ash shuwayrif" and "shwayrif" ->
    "shwrf"). News and gazetteers spell the vowels of one town in many ways."""
    text = _FINAL_VOWEL_H.sub("", strip_article(key))
    for digraph, plain in _DIGRAPHS:
        text = text.replace(digraph, plain)
    return _VOWELS_AND_GAPS.sub("", _DOUBLED.sub(r"\1", text))


@functools.lru_cache(maxsize=1 << 16)
def strip_article(key: str) -> str:
    """The folded key without a leading Arabic article ("al watiya" -> "watiya")."""
    return ARTICLE.sub("", key, count=1)


# Between two names of one list: "Zintan and Nalut", "Ajdabiya, Misrata, and Zawiya".
LIST_JOINER = re.compile(r",\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+")


def listed_together(text: str, end: int, start: int) -> bool:
    """Is text[end:start], between two names, nothing but a list separator?"""
    return LIST_JOINER.fullmatch(text, end, start) is not None


def is_arabic(text: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" for ch in text)


SENTENCE_BOUNDARY = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[\"“(]?[A-Z0-9])|\n+")
# A period after these ends a word, not a sentence ("Aug. 4", "Gen. Haftar", "U.S. forces").
ABBREVIATIONS = frozenset("""
jan feb mar apr jun jul aug sep sept oct nov dec mr mrs ms dr gen lt col maj capt sgt adm
cmdr rep sen gov st no vs etc inc corp co jr sr prof rev fig approx
""".split())
_LAST_WORD = re.compile(r"([A-Za-z]+)\.[\"”’)]*$")


def _ends_with_abbreviation(text: str, position: int) -> bool:
    """Whether the period before `position` closes an abbreviation, not a sentence."""
    match = _LAST_WORD.search(text, max(0, position - 12), position)
    if not match:
        return False
    word = match.group(1)
    before = text[match.start() - 1:match.start()] if match.start() else ""
    return word.lower() in ABBREVIATIONS or len(word) == 1 or before == "."


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, whitespace trimmed, in text order."""
    spans, left = [], 0
    boundaries = [m for m in SENTENCE_BOUNDARY.finditer(text)
                  if "\n" in m.group() or not _ends_with_abbreviation(text, m.start())]
    for match in [*boundaries, None]:
        right = match.start() if match else len(text)
        chunk = text[left:right]
        stripped = chunk.lstrip()
        if stripped.strip():
            begin = left + len(chunk) - len(stripped)
            spans.append((begin, begin + len(stripped.rstrip())))
        if match:
            left = match.end()
    return spans


def sentence_at(spans: list[tuple[int, int]], offset: int) -> tuple[int, int]:
    """The sentence span holding `offset` (spans from sentence_spans)."""
    index = max(0, bisect.bisect_right(spans, (offset, float("inf"))) - 1)
    return spans[index]
