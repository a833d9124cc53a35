"""`extract`: the geoparser's public entry point, text in, places (and events) out."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date

from geo.gazetteer import Entry, Gazetteer, default_gazetteer
from geo.recognize import Recognizer
from geo.resolve import Resolver
from geo.text import fold

MAX_TEXT_CHARS = 5_000_000  # beyond this a "text" is not an article; the caller must split it


class InputError(ValueError):
    """Input that cannot be read as an article; the message says why, in one line."""


@dataclass
class Alternative:
    name: str
    country: str
    lat: float
    lon: float
    kind: str
    confidence: float
    source_id: str


@dataclass
class PlaceMention:
    surface: str
    start: int
    end: int
    name: str
    country: str
    lat: float
    lon: float
    kind: str
    precision: str
    confidence: float
    source_id: str
    alternatives: list[Alternative] = field(default_factory=list)


@dataclass
class Unresolved:
    """A name that reads like a place but could not be placed; kept so a user can fix it."""

    surface: str
    start: int
    end: int
    sentence: str
    reason: str


@dataclass
class Extraction:
    id: str | None
    published: str | None
    places: list[PlaceMention]
    events: list[dict] = field(default_factory=list)
    unresolved: list[Unresolved] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)


def _alternative(entry: Entry, confidence: float) -> Alternative:
    return Alternative(entry.name, entry.country, entry.lat, entry.lon, entry.kind,
                       round(confidence, 3), entry.gid)


def find_places(text: str, *, focus: str | None = "LY", broad: bool = False,
                gazetteer: Gazetteer | None = None, geocoder=None,
                unresolved: list[Unresolved] | None = None) -> list[PlaceMention]:
    """Recognise and resolve every toponym of `text`, in text order.

    broad=True also counts demonyms ("Libyan") and continents, as GeoWebNews and LGL do;
    the default follows the Libya corpus convention, which leaves them out. Names that read
    like places but are not in the gazetteer go to `geocoder` (geo.geocode, optional) and
    are scored with the rest; those still unplaced are appended to `unresolved`.
    """
    from geo.geocode import GeocodeFailure
    from geo.recognize import Mention, likely_places
    from geo.text import sentence_at, sentence_spans

    gazetteer = gazetteer or default_gazetteer()
    recognizer = Recognizer(gazetteer, broad=broad, respell=focus == "LY")
    mentions = recognizer.find(text)
    spans = None
    for start, end, name in likely_places(text, [(m.start, m.end) for m in mentions]):
        reason = "not in the gazetteer (online geocoding is off)"
        if geocoder is not None:
            try:
                candidates = geocoder.candidates(name)
            except GeocodeFailure as error:
                reason = f"online geocoder failed: {error}"
            else:
                if candidates:
                    mentions.append(Mention(start, end, name, fold(name), candidates, cue=True))
                    continue
                reason = f"not in the gazetteer, and {geocoder.provider} found nothing"
        if unresolved is not None:
            spans = spans or sentence_spans(text)
            first, last = sentence_at(spans, start)
            unresolved.append(Unresolved(name, start, end, text[first:max(last, end)], reason))
    mentions.sort(key=lambda m: m.start)
    resolutions = Resolver(gazetteer, focus=focus).resolve(text, mentions,
                                                           recognizer.demonym_countries)
    places = []
    for mention, resolution in zip(mentions, resolutions, strict=False):
        entry = resolution.entry
        places.append(PlaceMention(
            mention.surface, mention.start, mention.end, entry.name, entry.country,
            entry.lat, entry.lon, entry.kind, entry.precision, round(resolution.confidence, 3),
            entry.gid, [_alternative(e, c) for e, c in resolution.alternatives]))
    return places


def check_text(text: object) -> str:
    if not isinstance(text, str):
        raise InputError(f"text must be a string, not {type(text).__name__}")
    if "\x00" in text:
        raise InputError("text contains NUL bytes: this looks like a binary file, not an article")
    if len(text) > MAX_TEXT_CHARS:
        raise InputError(f"text is {len(text):,} characters; the limit for one article is "
                         f"{MAX_TEXT_CHARS:,}")
    return text


def check_published(published: str | date | None, what: str = "published date") -> str | None:
    """The date as YYYY-MM-DD, None when absent; InputError naming `what` when malformed."""
    if published is None or published == "":
        return None
    if isinstance(published, date):
        return published.isoformat()
    try:
        return date.fromisoformat(str(published).strip()[:10]).isoformat()
    except ValueError:
        raise InputError(f"{what} {published!r} is not a date (use YYYY-MM-DD)") from None


def extract(text: str, published: str | date | None = None, *, doc_id: str | None = None,
            focus: str | None = "LY", broad: bool = False, geocoder=None) -> Extraction:
    """Find and geocode every place in one article; `published` anchors relative dates.

    `geocoder`: an optional geo.geocode.OnlineGeocoder for names the gazetteer lacks.
    """
    from geo.events import EventExtractor

    text = check_text(text)
    published_iso = check_published(published)
    unresolved: list[Unresolved] = []
    places = find_places(text, focus=focus, broad=broad, geocoder=geocoder,
                         unresolved=unresolved)
    day = date.fromisoformat(published_iso) if published_iso else None
    events = EventExtractor(focus=focus).extract(text, places, day)
    return Extraction(doc_id, published_iso, places, [e.to_dict() for e in events],
                      unresolved)
