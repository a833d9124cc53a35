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

from geo.gazetteer import AREA_KINDS, Entry, Gazetteer
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
from geo.text import fold, strip_article

# Hyphens and apostrophes are not tokens: they join the words around them ("al-Watiya").
TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_]+|\d+(?:[.,]\d+)*|[^\s\-‐‑’'`]", re.UNICODE)
MAX_NAME_TOKENS = 6
# Between two tokens of one name only spaces, hyphens or apostrophes may stand.
JOINER = re.compile(r"^[ \t\-‐‑’'`]*$")
# A foreign place this populous is known well enough to need no cue.
WELL_KNOWN_POPULATION = 100_000
# A single word of these classes is never a place name on its own ("May", "No", "Western").
CLOSED_CLASS = FUNCTION_WORDS | MONTHS | WEEKDAYS | PLACE_MODIFIERS | PERSON_TITLES
CUED_POPULATION = 1_000


@dataclass(slots=True)
class Token:
    text: str
    start: int
    end: int
    index: int
    sentence_initial: bool = False
    is_word: bool = False
    capitalised: bool = False
    lower: str = ""

    def __post_init__(self) -> None:
        first = self.text[0]
        self.is_word = first.isalpha()
        self.capitalised = first.isupper()
        self.lower = self.text.lower().rstrip(".")


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
    evidence: list[str] = field(default_factory=list)


def tokenize(text: str) -> list[Token]:
    tokens = [Token(m.group(), m.start(), m.end(), i)
              for i, m in enumerate(TOKEN.finditer(text))]
    previous: Token | None = None
    for token in tokens:
        if previous is None:
            token.sentence_initial = True
        else:
            gap = text[previous.end:token.start]
            token.sentence_initial = "\n" in gap or previous.text in (".", "!", "?", ":") or (
                previous.text in ('"', "“", "'", "‘", "(") and previous.index >= 1
                and tokens[previous.index - 1].text in (".", "!", "?", ":")) or (
                previous.text in ('"', "“") and previous.index == 0)
        previous = token
    return tokens


def headline_lines(text: str) -> set[int]:
    """Line start offsets of title-case lines, where capitals say nothing about names."""
    starts, offset = set(), 0
    for line in text.split("\n"):
        words = [w for w in re.findall(r"[^\W\d_]+", line) if w.lower() not in FUNCTION_WORDS]
        if 2 <= len(words) <= 14 and not line.rstrip().endswith(".") and \
                sum(w[0].isupper() for w in words) >= 0.8 * len(words):
            starts.add(offset)
        offset += len(line) + 1
    return starts


class Recognizer:
    def __init__(self, gazetteer: Gazetteer, broad: bool = False) -> None:
        self.gazetteer = gazetteer
        self.broad = broad

    # -- candidate spans ----------------------------------------------------------------
    def joined(self, text: str, left: Token, right: Token) -> bool:
        return bool(JOINER.match(text[left.end:right.start]))

    def can_start(self, token: Token, tokens: list[Token], text: str) -> bool:
        if not token.is_word:
            return False
        if token.capitalised:
            return True
        # "al-Watiya", "el-Sider": a lower-case Arabic article glued to a capitalised name.
        nxt = tokens[token.index + 1] if token.index + 1 < len(tokens) else None
        return token.lower in ("al", "el", "ad", "as", "ash", "az", "an", "ar") and \
            nxt is not None and nxt.is_word and nxt.capitalised and \
            text[token.end:nxt.start] in ("-", "‑")

    def longest_name(self, text: str, tokens: list[Token], i: int) -> tuple[int, str] | None:
        """The last token index and key of the longest gazetteer name starting at i."""
        best = None
        has, continues = self.gazetteer.has_key, self.gazetteer.continues
        j = i
        while j < len(tokens) and j - i < MAX_NAME_TOKENS:
            if j > i and not self.joined(text, tokens[j - 1], tokens[j]):
                break
            if not tokens[j].is_word:
                break
            key = fold(text[tokens[i].start:tokens[j].end])
            bare = strip_article(key)
            if has(key) or (bare != key and has(bare)):
                best = (j, key)
            if not (continues(key) or (bare != key and continues(bare))):
                break
            j += 1
        return best

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
                if not self.broad and (head.lower not in PLACE_HEADS or longer):
                    return "organisation"  # "Islamic State of Iraq", "Central Bank of Libya"
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

    def find(self, text: str) -> list[Mention]:
        tokens = tokenize(text)
        lower_words = {t.text for t in tokens if t.is_word and t.text.islower()}
        line_starts = sorted(headline_lines(text))
        mentions: list[Mention] = []
        person_words: set[str] = set()
        i = 0
        while i < len(tokens):
            token = tokens[i]
            if not self.can_start(token, tokens, text):
                i += 1
                continue
            if self.broad and token.capitalised:
                mention = self.demonym(text, tokens, i)
                if mention:
                    mentions.append(mention)
                    i += 1
                    continue
            found = self.longest_name(text, tokens, i)
            if found is None:
                i += 1
                continue
            j, key = found
            if j == i and (token.lower in CLOSED_CLASS):
                i += 1
                continue
            surface = text[token.start:tokens[j].end]
            if self.is_acronym(surface, key):
                i = j + 1
                continue
            in_headline = any(s <= token.start and "\n" not in text[s:token.start]
                              for s in line_starts)
            why = self.embedding(text, tokens, i, j, in_headline)
            if why is None and not self.broad and key in US_KEYS and \
                    self.us_adjective(text, tokens, j):
                why = "adjective"
            if why:
                if why in ("given name", "person title", "name connector", "after a name"):
                    person_words.add(key)
                i = j + 1
                continue
            candidates = self.gazetteer.lookup(surface)
            mention = Mention(token.start, tokens[j].end, surface, key, candidates,
                              cue=self.locative_cue(text, tokens, i, j))
            mention.evidence.append("sentence start" if token.sentence_initial else "capitalised")
            if j == i and token.lower in lower_words:
                mention.evidence.append("common word")
            mentions.append(mention)
            i = j + 1
        return self.judge(mentions, person_words)

    def demonym(self, text: str, tokens: list[Token], i: int) -> Mention | None:
        token = tokens[i]
        country = self.gazetteer.demonym_country(token.text)
        if country is None:
            return None
        return Mention(token.start, token.end, token.text, fold(token.text), [country],
                       demonym=True, cue=True)

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
        if any(c.prior > 0 or c.kind in AREA_KINDS for c in mention.candidates):
            return True
        population = max(c.population for c in mention.candidates)
        sentence_start = "sentence start" in mention.evidence
        if population >= WELL_KNOWN_POPULATION and not sentence_start:
            return True
        if population >= WELL_KNOWN_POPULATION * 5:
            return True
        if any(c.country == "LY" for c in mention.candidates):
            return not sentence_start or mention.cue or supported
        if mention.cue or supported:
            return population >= CUED_POPULATION or mention.cue
        return False

    def judge(self, mentions: list[Mention], person_words: set[str]) -> list[Mention]:
        cued = {m.key for m in mentions if m.cue}
        kept = []
        for mention in mentions:
            if mention.key in person_words and not mention.cue:
                continue
            if not self.broad:
                mention.candidates = [c for c in mention.candidates if c.kind != "continent"]
                if not mention.candidates:
                    continue
            if self.plausible(mention, mention.key in cued):
                kept.append(mention)
        return kept
