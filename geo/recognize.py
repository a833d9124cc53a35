"""Toponym recognition: find the spans of an English text that name places.

No statistical model: candidate spans are the longest gazetteer names that start at a
capitalised word, then each is judged on its surroundings. A name inside a longer proper
noun ("New York Times", "Benghazi Defense Brigades", "Ismail Bashir") is not a place; a
small foreign place needs a locative cue or support from the rest of the document; a
sentence-opening word is not capitalised by choice. Decisions are shared across the
document (one sense per discourse).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from geo.gazetteer import ADMIN2_WORDS, AREA_KINDS, Entry, Gazetteer, distance_km
from geo.lexicon import (
    CAPITAL_ABBREVIATIONS,
    FUNCTION_WORDS,
    GIVEN_NAMES,
    LOCATIVE_CUES,
    MONTHS,
    NAME_CONNECTORS,
    NOUN_FOLLOWERS,
    PERSON_TITLES,
    PLACE_HEADS,
    PLACE_MODIFIERS,
    US_KEYS,
    US_VERBS,
    WEEKDAYS,
)
from geo.text import (
    ABBREVIATIONS,
    consonant_skeleton,
    fold,
    listed_together,
    sentence_spans,
    strip_article,
)

# Hyphens and apostrophes are not tokens: they join the words around them ("al-Watiya").
TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_]+|\d+(?:[.,]\d+)*|[^\s\-‐‑’'`]", re.UNICODE)
MAX_NAME_TOKENS = 6
# How far back of a name its left context is read (five tokens or so: three of context,
# two for their sentence starts), and how many tokens after its end.
WINDOW_BACK_CHARS = 30
WINDOW_AFTER_TOKENS = 3
# Where a name may start: a capitalised word, an abbreviation such as "U.S.", or a
# lower-case Arabic article glued to a capitalised word ("al-Watiya"). Only these places
# are looked at, so the cost grows with the capitals of a text, not with its length.
# The patterns open with a plain character class so the regex engine can skip ahead to
# candidates; "not inside a word" is tested afterwards (a look-behind first, or an
# alternation, made the engine try every position: four times slower, measured).
_UPPER = "".join(chr(c) for c in range(0x41, 0x250) if chr(c).isupper())
CAPITALISED_WORD = re.compile(rf"[{_UPPER}](?:(?<=[A-Z])\.(?:[A-Z]\.)+|[^\W\d_]*)")
ARTICLE_HYPHEN = re.compile(rf"[-‑](?=[{_UPPER}])")
GLUED_ARTICLES = ("al", "el", "ad", "as", "ash", "az", "an", "ar")
FIRST_WORD = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_]+")
JOINER_RUN = re.compile(r"\.?[ \t\-‐‑’'`]*")  # "St. Louis": an abbreviation's period too
WORD = re.compile(r"[^\W\d_]+")
# Between two tokens of one name only spaces, hyphens or apostrophes may stand.
JOINER = re.compile(r"^[ \t\-‐‑’'`]*$")
DATELINE_DASH = re.compile(r" ?(?:--|[–—]| - )")
SPACED_DASH = re.compile(r"[\-‐‑]{2}|\s[\-‐‑]|[\-‐‑]\s")
# A foreign place this populous is known well enough to need no cue.
WELL_KNOWN_POPULATION = 100_000
# A single word of these classes is never a place name on its own ("May", "No", "Western").
CLOSED_CLASS = FUNCTION_WORDS | MONTHS | WEEKDAYS | PLACE_MODIFIERS | PERSON_TITLES
CUED_POPULATION = 1_000
LIBYAN_TOWN_POPULATION = 20_000
# A variant name this short and uncued is not taken for a foreign place (see by_another_name).
SHORT_VARIANT = 5
TITLE_CHARS = 200
# A place this populous (a big city or state: "the Connecting California column") is no one's
# surname; a small region can be ("Dewly Nelson").
NO_ONES_NAME = 1_000_000  # a first sentence longer than this is no title
NEXT_CAPITALISED = re.compile(r" [A-Z][\w'-]*")
# Verdicts that read a name as part of a person's name (and so, elsewhere, as that person).
PERSON_VERDICTS = frozenset({"given name", "person title", "name connector", "after a name",
                             "initial"})


class Token:
    """A word or punctuation mark with its offsets (a plain slotted class: made by the
    thousand, so construction cost matters)."""

    __slots__ = ("text", "start", "end", "index", "sentence_initial", "is_word",
                 "capitalised", "lower")

    def __init__(self, text: str, start: int, end: int, index: int) -> None:
        self.text, self.start, self.end, self.index = text, start, end, index
        self.sentence_initial = False
        first = text[0]
        self.is_word = first.isalpha()
        self.capitalised = first.isupper()
        self.lower = text.lower().rstrip(".")

    def __repr__(self) -> str:
        return f"Token({self.text!r}, {self.start})"


@dataclass
class Mention:
    """A span judged to name a place, with its gazetteer candidates."""

    start: int
    end: int
    surface: str
    key: str
    candidates: list[Entry]
    demonym: bool = False
    cue: bool = False
    respelled: bool = False  # matched a Libyan place by its consonants, not its spelling
    # "the Lebanese city of Tripoli": the country a people's adjective puts it in
    qualifier: Entry | None = None
    evidence: list[str] = field(default_factory=list)


def tokenize(text: str, start: int = 0, until: int | None = None,
             after: int = 0) -> list[Token]:
    """Tokens from `start` on, with offsets into the whole text; with `until`, only up to
    `after` tokens beyond the first token that starts at or after that offset.

    A token is sentence-initial after a line break, after . ! ? : (also behind an opening
    quote or bracket), or when it is the first token read.
    """
    tokens: list[Token] = []
    for match in TOKEN.finditer(text, start):
        token = Token(match.group(), match.start(), match.end(), len(tokens))
        if not tokens:
            token.sentence_initial = True
        else:
            previous = tokens[-1]
            token.sentence_initial = "\n" in text[previous.end:token.start] or \
                previous.text in (".", "!", "?", ":") or (
                previous.text in ('"', "“", "'", "‘", "(") and previous.index >= 1
                and tokens[previous.index - 1].text in (".", "!", "?", ":")) or (
                previous.text in ('"', "“") and previous.index == 0)
        tokens.append(token)
        if until is not None and token.start >= until:
            if after <= 0:
                break
            after -= 1
    return tokens


def name_starts(text: str) -> list[tuple[int, str]]:
    """(offset, word) of every capitalised word and every glued article ("al-"), in order."""
    starts = [(m.start(), m.group()) for m in CAPITALISED_WORD.finditer(text)
              if not (m.start() and text[m.start() - 1].isalpha())]
    articles = []
    for hyphen in ARTICLE_HYPHEN.finditer(text):
        end = hyphen.start()
        for article in GLUED_ARTICLES:
            start = end - len(article)
            if text.startswith(article, start) and \
                    not (start and text[start - 1].isalpha()):
                articles.append((start, text[start:end + 1]))
    return sorted(starts + articles) if articles else starts


def window_start(text: str, position: int) -> int:
    """Where to start tokenising so the tokens just before `position` see their own context.

    The start of the line when it is near; otherwise a space far enough back that the
    tokens used as left context (three of them) have two correct tokens before them.
    """
    line_start = text.rfind("\n", 0, position) + 1
    if position - line_start <= WINDOW_BACK_CHARS:
        return line_start
    space = text.rfind(" ", line_start, position - WINDOW_BACK_CHARS)
    return line_start if space < 0 else space


def headline_lines(text: str) -> set[int]:
    """Line start offsets of title-case lines, where capitals say nothing about names."""
    starts, offset = set(), 0
    for line in text.split("\n"):
        if not line.rstrip().endswith(".") and title_case(line):  # prose lines end with "."
            starts.add(offset)
        offset += len(line) + 1
    return starts


def title_end(text: str) -> int:
    """Where a title-case first sentence ends ("Freemason Bogdanov Joins Sochi Mayor Race.
    Former..."), for texts whose title runs into the body on one line; 0 when there is
    none."""
    spans = sentence_spans(text[:TITLE_CHARS])
    end = spans[0][1] if len(spans) > 1 else 0  # a title is followed by its text
    first = text[:end]
    # All its words capitalised: "The Islamic State of Iraq and the Levant claimed it." is
    # prose.
    return end if first.endswith(".") and "\n" not in first and "," not in first and \
        title_case(first, share=1.0) else 0


def title_case(line: str, share: float = 0.8) -> bool:
    """Are (at least `share` of) the line's content words capitalised?"""
    words = [w for w in WORD.findall(line) if w.lower() not in FUNCTION_WORDS]
    return 2 <= len(words) <= 14 and sum(w[0].isupper() for w in words) >= share * len(words)


# Phrases that announce a place by its kind, for names the gazetteer does not know:
# "the town of Qasr Bu Hadi", "Wadi Jarif, 30 km south of Sirte", "Zafarana roundabout".
_NAME = (r"(?:(?:al|el|as|ash|an|ar|az)-)?[A-Z][\w’'-]+"
         r"(?:\s+(?:(?:al|el|bin|bu|abu)[- ])?[A-Z][\w’'-]+){0,2}")
_DISTANCE = (r"\d+\s*(?:km|kilometers|kilometres|miles)\s+(?:\w+\s+)?"
             r"(?:north|south|east|west)")
# Kinds of place that announce a name: "the town of X", "the oasis of X".
PLACE_KINDS = ("town", "village", "city", "district", "neighborhood", "neighbourhood", "oasis",
               "port", "suburb", "area", "region")
_KIND_OF = r"\b(?:" + "|".join(PLACE_KINDS) + ") of "
_LANDMARK_HEAD = r"(?:checkpoint|roundabout|bridge|junction|square|crossroads|camp)\b"
# Each pattern is (literals, cue, name-and-cue). The cue is a rare literal found by a fast
# scan, and only then is the name read around it: leading with the name instead ("Sirte, 30
# km east") made the regex engine try a name at every capital of every text (measured: 70%
# of recognition time in bench_extract). A text with none of the literals (one of which
# every cue contains) skips the pattern: plain substring tests, as the cue scans alone took
# a tenth of extraction.
LIKELY_PLACE_RES = [
    (tuple(f"{kind} of" for kind in PLACE_KINDS),
     re.compile(_KIND_OF),
     re.compile(rf"{_KIND_OF}(?P<name>{_NAME})")),
    (("km", "kilomet", "miles"),
     re.compile(r"km|kilomet|miles"),  # literals: a digit-led cue is tried at every digit
     re.compile(rf"(?P<name>{_NAME}),?\s+(?:about |some |around |roughly )?{_DISTANCE}")),
    (("checkpoint", "roundabout", "bridge", "junction", "square", "crossroads", "camp"),
     re.compile(rf"\s{_LANDMARK_HEAD}"),
     re.compile(rf"\b(?:in|near|outside|into|toward|towards|at)\s+(?P<name>{_NAME})\s+"
                rf"{_LANDMARK_HEAD}")),
]
# How far before its cue a name and its lead-in word may start.
LIKELY_LOOKBACK = 80


def likely_places(text: str, known: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """Spans that read as place names but overlap no recognised toponym."""
    found: dict[int, tuple[int, int, str]] = {}
    for literals, cue, pattern in LIKELY_PLACE_RES:
        if not any(literal in text for literal in literals):
            continue
        for hit in cue.finditer(text):
            begin = max(0, hit.start() - LIKELY_LOOKBACK)
            for match in pattern.finditer(text, begin, min(len(text), hit.end() + 60)):
                if not match.start() <= hit.start() < hit.end() <= match.end():
                    continue  # another cue's match; it is read from its own cue
                start, end = match.span("name")
                name = match.group("name")
                if name.split()[0].lower() in CLOSED_CLASS or \
                        any(s < end and start < e for s, e in known):
                    continue
                found.setdefault(start, (start, end, name))
    return sorted(found.values())


def occurs_in_lower_case(text: str, word: str, seen: dict[str, bool]) -> bool:
    """Does `word` (lower case) stand in `text` as a whole word ("Sabha" ... "sabha")?

    Searched per candidate word, memoised in `seen`, instead of collecting every word of
    every text (that took a third of recognition time).
    """
    if word not in seen:
        found, start = False, text.find(word) if word.isalpha() else -1
        while start >= 0 and not found:
            end = start + len(word)
            found = (start == 0 or not text[start - 1].isalpha()) and \
                (end == len(text) or not text[end].isalpha())
            start = text.find(word, start + 1)
        seen[word] = found
    return seen[word]


CONTINUES, NOT_SEEN = object(), object()  # markers of Recognizer.single_word_name


# A respelled name must keep this many consonants: shorter skeletons ("jml", "grn") match
# unrelated towns and common words.
MIN_SKELETON = 4
# Rows of one respelled name farther apart than this are different places: no match.
RESPELLED_SPREAD_KM = 30
KIND_WORDS = frozenset(PLACE_KINDS) | {"outskirts"}  # "the outskirts of X" cues X too
NAME_RUN = re.compile(_NAME)
# "the Lebanese city of Tripoli", "the Syrian border town of Kobani": a people's adjective
# before a kind of place says whose place it is.
DEMONYM_KIND_OF = re.compile(r"\b([A-Z][a-z]+)\s+(?:[a-z]+\s+)?(?:city|town|village|port"
                             r"|capital|province|district|region|oasis)\s+of\s+$")
# What may follow "<a U.S. town>, " as its state: "W.Va.", "W. Va.", "Calif.", "N.Y.", "OH".
# A bare postal code only before a ZIP code or punctuation ("Dublin, OH 43017"; not "IN the").
# "D-S.C.", "R-Charleston": a U.S. politician's party and home state or town.
PARTY_LETTERS = ("D", "R", "I")
PARTY_LETTER = re.compile(rf"(?<![\w-])[{''.join(PARTY_LETTERS)}]-(?=[A-Z])")
STATE_AFTER_TOWN = re.compile(r"[A-Z][A-Za-z]{0,4}\.(?:\s?[A-Z][a-z]{0,3}\.)?"
                              r"|[A-Z]{2}(?=\s*(?:\d{5}|[.,;:)—–-]|$))", re.M)


def cued(text: str, position: int) -> bool:
    """Is the word at `position` led by a locative cue ("in", "near", "captured", "the
    town of")?"""
    if position < 2 or text[position - 1] != " ":
        return False
    # The word before, read from a short slice: this runs at most capitals of a text.
    words = text[max(0, position - 17):position - 1].rsplit(None, 1)
    word = words[-1].lower() if words else ""
    if word in LOCATIVE_CUES:
        return True
    if word != "of":
        return False
    words = text[max(0, position - 40):position - 1].lower().split()
    return len(words) >= 2 and words[-2] in KIND_WORDS


class Recognizer:
    def __init__(self, gazetteer: Gazetteer, broad: bool = False,
                 respell: bool = False) -> None:
        """respell: also match cued unknown names to Libyan places by their consonants."""
        self.gazetteer = gazetteer
        self.broad = broad
        self.respell = respell
        self._single_words: dict[str, str | None | object] = {}
        self.demonym_countries: set[str] = set()  # filled by find()

    # -- candidate spans ----------------------------------------------------------------
    def joined(self, text: str, left: Token, right: Token) -> bool:
        """Are two tokens parts of one name? A dash set off by spaces ("MANSFIELD --
        Mansfield", "Tripoli - Misrata") separates; a bare hyphen joins ("Jean-Pierre")."""
        gap = text[left.end:right.start]
        return bool(JOINER.match(gap)) and not SPACED_DASH.search(gap)

    # -- the judgement of one span -----------------------------------------------------
    def is_acronym(self, surface: str, key: str) -> bool:
        letters = surface.replace(".", "")
        return letters.isupper() and len(letters) <= 4 and "." not in surface and \
            key not in CAPITAL_ABBREVIATIONS

    def name_like(self, token: Token) -> bool:
        """A capitalised word that can continue a proper noun (not "Monday", not "The")."""
        if not token.is_word or not token.capitalised:
            return False
        lower = token.lower
        return lower not in MONTHS and lower not in WEEKDAYS and not (
            token.sentence_initial and lower in FUNCTION_WORDS)

    def embedding(self, text: str, tokens: list[Token], i: int, j: int,
                  headline: bool) -> str | None:
        """Why the span i..j is part of a longer non-place name, or None."""
        if headline:
            return None
        # Left: "Ismail Bashir", "President Salem", "Ali bin Gharbiya", "U.S. Africa Command".
        k = i - 1
        if k >= 1 and tokens[k].text == "." and tokens[k - 1].is_word and \
                tokens[k - 1].capitalised and tokens[k].start == tokens[k - 1].end and \
                self.joined(text, tokens[k], tokens[i]):
            abbreviation = tokens[k - 1]
            if len(abbreviation.text) == 1:
                return "initial"  # "Roy A. Nelson"
            if abbreviation.lower in PERSON_TITLES and abbreviation.lower in ABBREVIATIONS:
                return "person title"  # "Capt. Nelson", "Gov. Patrick", "St. Patrick"; but
                # "Ministry of Justice. Azerbaijan has": a sentence ends there
        if k >= 0 and self.joined(text, tokens[k], tokens[i]) and tokens[k].is_word:
            left = tokens[k]
            if left.lower in PERSON_TITLES and left.capitalised:
                return "person title"
            if left.lower in GIVEN_NAMES and left.capitalised:
                return "given name"
            if left.lower in NAME_CONNECTORS and not left.capitalised and k >= 1 and \
                    left.lower not in ("and", "the") and \
                    self.name_like(tokens[k - 1]) and self.joined(text, tokens[k - 1], left):
                if left.lower != "of":
                    return "name connector"
                head = tokens[k - 1]
                before = tokens[k - 2] if k >= 2 else None
                longer = before is not None and self.name_like(before) and \
                    self.joined(text, before, head)
                plural = head.lower.endswith("s") and not head.lower.endswith("ss")
                if not self.broad and not plural and (head.lower not in PLACE_HEADS or longer):
                    # "Islamic State of Iraq", "Central Bank of Libya"; but "Residents of
                    # Ain Zara": a plural is people, not an organisation's name
                    return "organisation"
            if left.text in PARTY_LETTERS and text[left.end:tokens[i].start] == "-":
                return None  # "D-Charleston": a politician's home town
            if self.name_like(left) and text[left.end:tokens[i].start] in ("-", "‑"):
                # "Amsterdam-London": two places; "Jean-Pierre", "Al-Qaeda": not a place here,
                # but no reason to doubt the word elsewhere either.
                return None if self.gazetteer.has_key(fold(left.text)) else "compound"
            if self.name_like(left) and left.lower not in PLACE_MODIFIERS and \
                    left.lower not in FUNCTION_WORDS and not left.sentence_initial:
                return "after a name"
            if self.name_like(left) and left.sentence_initial and \
                    (left.lower in GIVEN_NAMES or left.lower in PERSON_TITLES):
                return "given name"
        # Right: "New York Times", "Benghazi Defense Brigades", "Tripoli Revolutionaries".
        k = j + 1
        if k < len(tokens) and self.joined(text, tokens[j], tokens[k]):
            right = tokens[k]
            if text[tokens[j].end:right.start].strip() in ("-", "‑") and not right.capitalised:
                return None  # "Tripoli-based"
            if i == j and tokens[i].lower in GIVEN_NAMES and self.name_like(right):
                return "given name"  # "Salem Joha"
            if self.broad:
                return None  # GeoWebNews and LGL count "Washington" in "Washington Post"
            chain = [t for t in tokens[k:k + 3] if self.name_like(t)]
            if any(t.lower in PERSON_TITLES for t in chain):
                return None  # "Pentagon Press Secretary", "Misrata Mayor"
            if self.name_like(right) and right.lower not in PLACE_HEADS:
                return "inside a longer name"
            if right.lower in ("of", "de", "del") and k + 1 < len(tokens) and \
                    self.name_like(tokens[k + 1]) and self.joined(text, right, tokens[k + 1]):
                return "inside a longer name"
        return None

    def locative_cue(self, text: str, tokens: list[Token], i: int, j: int) -> bool:
        before = [t for t in tokens[max(0, i - 3):i] if t.is_word]
        if before and before[-1].lower in LOCATIVE_CUES:
            return True
        if len(before) >= 2 and before[-1].lower == "of" and \
                before[-2].lower in ("city", "town", "village", "outskirts", "port", "east",
                                     "west", "north", "south", "south-west", "centre", "center"):
            return True
        after = tokens[j + 1:j + 3]
        if after and after[0].text == "," and len(after) > 1 and after[1].capitalised:
            return True  # "Tarhuna, Libya" / "Paris, Texas"
        if DATELINE_DASH.match(text, tokens[j].end) and \
                text[tokens[i].start:tokens[j].end].isupper():
            return True  # a dateline: "SHREVEPORT -- Police said"
        return bool(after) and after[0].lower in PLACE_HEADS

    def us_adjective(self, text: str, tokens: list[Token], j: int) -> bool:
        """"U.S. forces", "U.S.-Libyan", "U.S. and Libyan officials": the adjective.

        The Libya annotation leaves the adjective out and keeps the noun ("the U.S. said").
        """
        if j + 1 >= len(tokens):
            return False
        nxt = tokens[j + 1]
        if text[tokens[j].end:nxt.start] in ("-", "‑"):
            return True
        if nxt.text[0].isdigit() or (nxt.is_word and nxt.capitalised):
            return True  # "U.S. 6th Fleet", "U.S. President"
        if not nxt.is_word:
            return False
        prev = tokens[j - 1] if j >= 1 else None
        article = prev is not None and prev.lower == "the"
        if nxt.lower in ("and", "or"):
            return not article
        if nxt.lower in NOUN_FOLLOWERS or nxt.lower.endswith("ed"):
            return False
        return not (article and nxt.lower in US_VERBS)

    def name_at(self, text: str, position: int) -> tuple[int, int, str] | None:
        """(words, end offset, folded key) of the longest gazetteer name starting here.

        Walks the raw string: words joined by spaces, hyphens or apostrophes (or an
        abbreviation's period, "St. Louis"), extended while some gazetteer name still
        continues them. A single closed-class word ("May", "Western") is no name.
        """
        has, continues = self.gazetteer.has_key, self.gazetteer.continues
        word = FIRST_WORD.match(text, position)
        if word is None:
            return None
        single = self.single_word_name(word.group())
        if single is not CONTINUES:
            return None if single is None else (1, word.end(), single)
        best = None
        single_closed = word.group().lower().rstrip(".") in CLOSED_CLASS
        for count in range(1, MAX_NAME_TOKENS + 1):
            key = fold(text[position:word.end()])
            bare = strip_article(key)
            if (has(key) or (bare != key and has(bare))) and not (count == 1 and single_closed):
                best = (count, word.end(), key)
            if not (continues(key) or (bare != key and continues(bare))):
                break
            gap = JOINER_RUN.match(text, word.end())
            word = FIRST_WORD.match(text, gap.end())
            if word is None or word.start() == gap.start():
                break
        return best

    def single_word_name(self, word: str) -> str | None | object:
        """The key of `word` as a one-word name, None when it is none, or CONTINUES when a
        longer name may start with it: memoised, as most words recur in a document."""
        verdict = self._single_words.get(word, NOT_SEEN)
        if verdict is NOT_SEEN:
            key = fold(word)
            bare = strip_article(key)
            continues = self.gazetteer.continues
            if continues(key) or (bare != key and continues(bare)):
                verdict = CONTINUES
            elif (self.gazetteer.has_key(key) or (bare != key and self.gazetteer.has_key(bare))) \
                    and word.lower().rstrip(".") not in CLOSED_CLASS:
                verdict = key
            else:
                verdict = None
            self._single_words[word] = verdict
        return verdict

    def openers(self, words: set[str], peoples: dict[str, Entry]) -> set[str]:
        """Which of a text's distinct capitalised words can open a name or (broad) be a
        demonym (`peoples`: its demonyms and their countries).

        Each distinct word is tested once, so the work per document follows its
        vocabulary, not its length. "al-" openers are always kept.
        """
        first_words = self.gazetteer.first_words()
        return {w for w in words if w[-1] in "-‑" or fold(w) in first_words or
                (self.broad and w in peoples)}

    def find(self, text: str) -> list[Mention]:
        line_starts, title = headline_lines(text), title_end(text)
        lower_case: dict[str, bool] = {}  # does the text also use this word in lower case?
        mentions: list[Mention] = []
        person_words: set[str] = set()
        resume = 0
        starts = name_starts(text)
        words = {word for _, word in starts}
        # Peoples the text names ("Lebanese", "Syrian"): places when broad, and context for
        # resolution even where demonyms are not counted as places.
        peoples = {word: country for word in words
                   if (country := self.gazetteer.demonym_country(word)) is not None}
        phrases = self.demonym_phrases(text, starts)
        self.demonym_countries = {country.country for country in peoples.values()} | {
            country.country for _, country in phrases.values()} | {
            country.country for word in words if word.endswith("s") and
            (country := self.gazetteer.demonym_country(word, plural=True)) is not None}
        openers = self.openers(words, peoples)
        for position, word in starts:
            if position < resume:
                continue
            if self.broad and position in phrases:  # "Sri Lankan", "South Koreans"
                end, country = phrases[position]
                mentions.append(Mention(position, end, text[position:end],
                                        fold(text[position:end]), [country], demonym=True,
                                        cue=True))
                resume = end
                continue
            name, demonym = None, False
            if word in openers:
                demonym = self.broad and word in peoples
                name = self.name_at(text, position)
            if name is None and not demonym:
                respelled = self.respelled(text, position) if self.respell else None
                if respelled is not None:
                    mentions.append(respelled)
                    resume = respelled.end
                continue
            if demonym:  # broad: "Libyan" names Libya, even before a longer name
                mentions.append(Mention(position, position + len(word), word, fold(word),
                                        [peoples[word]], demonym=True,
                                        cue=True))
                resume = position + len(word)
                continue
            _, end, key = name
            resume = end
            surface = text[position:end]
            if self.is_acronym(surface, key):
                continue
            # The name's tokens and a few either side: the context every judgement reads.
            tokens = tokenize(text, window_start(text, position), end, WINDOW_AFTER_TOKENS - 1)
            i = next(k for k, t in enumerate(tokens) if t.start >= position)
            token = tokens[i]
            j = next(k for k in range(i, len(tokens)) if tokens[k].end >= end)
            in_headline = position < title or \
                text.rfind("\n", 0, position) + 1 in line_starts
            why = self.embedding(text, tokens, i, j, in_headline)
            # Looked up here only when what follows needs the senses; once either way.
            candidates = self.gazetteer.lookup(surface) if why == "after a name" else None
            if why == "after a name" and \
                    occurs_in_lower_case(text, tokens[i - 1].lower, lower_case):
                # "Air Zimbabwe": a common word makes an organisation, not a person, so
                # the name stays a place elsewhere (and inside it, where broad counts it).
                why = None if self.broad else "after a common word"
            if why == "after a name" and self.broad and any(
                    c.kind == "country" for c in candidates):
                why = None  # "HSBC Malta": broad counts a country inside a name
            if why is None and not self.broad and key in US_KEYS and \
                    self.us_adjective(text, tokens, j):
                why = "adjective"
            if why in PERSON_VERDICTS and surface.rsplit(" ", 1)[-1] in ADMIN2_WORDS:
                why = None  # "Republican Orange County": no one is called "X County"
            if why:
                # One person's name stops the word's uncued mentions elsewhere, unless only a
                # capitalised word came before a country, a capital or a place of a million
                # ("By Trend Iran's", "Thawar Tripoli", "the Connecting California column"):
                # that is no one's surname ("Dewly Nelson" is).
                if why in PERSON_VERDICTS and not (why == "after a name" and any(
                        c.kind == "country" or c.prior > 0 or c.population >= NO_ONES_NAME
                        for c in candidates)):
                    person_words.add(key)
                continue
            if candidates is None:
                candidates = self.gazetteer.lookup(surface)
            mention = Mention(position, end, surface, key, candidates,
                              cue=self.locative_cue(text, tokens, i, j),
                              qualifier=self.people_of_the_place(text, position))
            mention.evidence.append("sentence start" if token.sentence_initial else "capitalised")
            if j == i and occurs_in_lower_case(text, token.lower, lower_case):
                mention.evidence.append("common word")
            mentions.append(mention)
        mentions += [state for state in self.states_after_towns(text, mentions) +
                     self.party_states(text)
                     if not any(m.start < state.end and state.start < m.end for m in mentions)]
        return self.judge(text, mentions, person_words)

    def demonym_phrases(self, text: str, starts: list[tuple[int, str]]
                        ) -> dict[int, tuple[int, Entry]]:
        """Demonyms of two words ("Sri Lankan", "South Koreans"): start -> (end, country)."""
        first_words = self.gazetteer.demonym_first_words()
        found = {}
        for position, word in starts:
            if fold(word) in first_words:
                following = NEXT_CAPITALISED.match(text, position + len(word))
                if following is not None:
                    country = self.gazetteer.demonym_country(text[position:following.end()])
                    if country is not None:
                        found[position] = (following.end(), country)
        return found

    def people_of_the_place(self, text: str, position: int) -> Entry | None:
        """The country of "the (northern) Lebanese city of Tripoli", or None."""
        match = DEMONYM_KIND_OF.search(text, max(0, position - 40), position)
        return self.gazetteer.demonym_country(match.group(1)) if match else None

    def states_after_towns(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """"Charleston, W.Va.", "Dublin, OH": a state abbreviation right after a U.S. place
        and a comma names the state (read nowhere else: "Ill." or "IN" alone are words)."""
        found = []
        for mention in mentions:
            if text.startswith(", ", mention.end):
                state = self.state_at(text, mention.end + 2)
                if state is not None and any(c.country == state.candidates[0].country
                                             for c in mention.candidates):
                    found.append(state)
        return found

    def party_states(self, text: str) -> list[Mention]:
        """"Rep. James Clyburn, D-S.C.": the state after a U.S. party letter."""
        return [state for match in PARTY_LETTER.finditer(text)
                if (state := self.state_at(text, match.end())) is not None]

    def state_at(self, text: str, position: int) -> Mention | None:
        """The state abbreviation starting at `position` ("W.Va.", "OH"), or None."""
        match = STATE_AFTER_TOWN.match(text, position)
        if match is None:
            return None
        # "Dublin, OH." ends a sentence: the period is not the abbreviation's.
        surface = next((s for s in (match.group(), match.group().rstrip("."))
                        if self.gazetteer.state_abbreviation(s)), None)
        if surface is None:
            return None
        state = self.gazetteer.state_abbreviation(surface)
        return Mention(position, position + len(surface), surface, fold(surface), [state],
                       cue=True)

    def respelled(self, text: str, position: int) -> Mention | None:
        """A cued name the gazetteer lacks as spelt, matched to the one Libyan place with
        its consonant skeleton ("in Tawergha" -> Tawurgha); the longest such run of words."""
        if not cued(text, position):
            return None
        run = NAME_RUN.match(text, position)
        if run is None:
            return None
        words = run.group().split()
        if words[0].lower() in CLOSED_CLASS or words[0].lower() in GIVEN_NAMES or \
                self.gazetteer.demonym_country(words[0]) is not None or (
                len(words) == 1 and words[0].endswith("i") and
                self.gazetteer.has_key(fold(words[0][:-1]))):
            return None  # "at American Electric", "in Zintani hands": a people's adjective
        for count in range(len(words), 0, -1):
            surface = " ".join(words[:count])
            end = position + len(surface)
            if text[position:end] != surface:
                continue  # a line break or double space inside: not one name
            if len(consonant_skeleton(fold(surface))) < MIN_SKELETON:
                break
            places = self.gazetteer.respellings(surface)
            if places and all(distance_km(p.lat, p.lon, places[0].lat, places[0].lon)
                              <= RESPELLED_SPREAD_KM for p in places):
                return Mention(position, end, surface, fold(surface), places, cue=True,
                               respelled=True, evidence=["respelled"])
        return None

    # -- document-level decisions ------------------------------------------------------
    def plausible(self, mention: Mention, supported: bool) -> bool:
        """Does the best-known sense of this name deserve a pin without more evidence?"""
        if mention.demonym:
            return True
        kinds = {c.kind for c in mention.candidates}
        if not self.broad and kinds <= {"continent"}:
            return False
        if "common word" in mention.evidence and not mention.cue and "country" not in kinds:
            return False
        if any(c.prior > 0 or c.kind in AREA_KINDS or c.kind == "admin2"  # "X County"
               for c in mention.candidates):
            return True
        population = max(c.population for c in mention.candidates)
        if not (mention.cue or supported) and self.by_another_name(mention):
            return False  # "Hamas" is an old name of Hamm, "Chen" one of Chenzhou
        sentence_start = "sentence start" in mention.evidence
        if population >= WELL_KNOWN_POPULATION and not sentence_start:
            return True
        if population >= WELL_KNOWN_POPULATION * 5:
            return True
        if any(c.country == "LY" for c in mention.candidates):
            # A Libyan town of some size is a place even at a sentence start ("Derna, the
            # last stronghold, fell"); a small village's name there may be any word.
            return not sentence_start or mention.cue or supported or \
                population >= LIBYAN_TOWN_POPULATION
        if mention.cue or supported:
            return population >= CUED_POPULATION or mention.cue
        return False

    @staticmethod
    def by_another_name(mention: Mention) -> bool:
        """A short single word that is only a variant name of a foreign place, never its
        own name: GeoNames' variants of this kind are more often words or names."""
        key = mention.key
        return " " not in key and len(key) <= SHORT_VARIANT and all(
            fold(c.name) != key and strip_article(fold(c.name)) != key and c.country != "LY"
            for c in mention.candidates)

    def judge(self, text: str, mentions: list[Mention],
              person_words: set[str]) -> list[Mention]:
        cued = {m.key for m in mentions if m.cue}
        candidates = []
        for mention in mentions:
            if mention.key in person_words and not mention.cue:
                continue
            if not self.broad:
                mention.candidates = [c for c in mention.candidates if c.kind != "continent"]
                if not mention.candidates:
                    continue
            candidates.append(mention)
        alone = [self.plausible(m, m.key in cued) for m in candidates]
        # "Zintan and Nalut fighters": a name listed with a place is a place too, even
        # where its capital proves nothing (at the start of a sentence).
        listed = [False] * len(candidates)
        for k in range(len(candidates) - 1):
            first, second = candidates[k], candidates[k + 1]
            if listed_together(text, first.end, second.start):
                listed[k] = listed[k] or alone[k + 1]
                listed[k + 1] = listed[k + 1] or alone[k]
        return [m for m, ok, support in zip(candidates, alone, listed, strict=True)
                if ok or (support and self.plausible(m, True))]
