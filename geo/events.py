"""Events: who did what where and when, one per reported action at a named place.

Each sentence is read for action words (a closed lexicon per action, mapped to ACLED's
event types), the places the geoparser found in it, the factions it names, a number of
dead, a date expression and reporting verbs that make it a claim. A sentence with an
action and no place takes the article's main place ("Warplanes also attacked IS-held
positions" in a Sirte story), and says so.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass
from datetime import date

from geo.dates import DateMention, find_dates
from geo.event_words import (
    ABROAD_RE,
    ACLED_TYPES,
    ACTION_RE,
    AFFILIATION_BEFORE,
    ATTRIBUTION_BEFORE,
    BASED_RE,
    BEARING_RE,
    CAMPAIGN_BEFORE,
    CAPTOR_AFTER,
    CAPTURED_THING,
    CIVILIANS_BEFORE,
    CLAIM_RE,
    CLAUSE_BREAK,
    CONTEXT_ACTIONS,
    COORDINATED_TARGET,
    DATELINE_DASH,
    DEFINITE_RE,
    DESCRIBING_RE,
    DESTINATION_RE,
    FACILITY_HEADS,
    FATALITY_RES,
    GERUND,
    GROUP_AFTER,
    INSERTED_CLAUSE,
    INTRODUCTORY_CLAUSE,
    NAMED_VIOLENCE,
    NUMBER_WORDS,
    OBJECT_BEFORE,
    ORIGIN_RE,
    PART_OF,
    PASSIVE_RE,
    PROGRESSIVE_RE,
    REFERENCE_RE,
    RELATIVE_RE,
    RESULT_RE,
    RETAKING,
    SEAT_BEFORE,
    SELF_EVIDENT_ACTIONS,
    SHELLING_RE,
    SINCE_BEFORE,
    SPEAKER_RE,
    SPEECH_AFTER_DATE,
    SPEECH_BEFORE_DATE,
    SUBORDINATE_GERUND,
    SUBSUMED_BY,
    THE_FACILITY_RE,
    UNREAL_RE,
    VIOLENCE,
)
from geo.extract import PlaceMention
from geo.factions import FactionLexicon, load_lexicon
from geo.gazetteer import distance_km
from geo.text import listed_together, sentence_spans

# An action dated this long before publication, in a sentence naming no place, is
# background history: it does not take the article's place.
HISTORY_DAYS = 90
# A sentence with no place of its own is read as about the town named this shortly before.
RECENT_CHARS = 300
# A place this close to a finer one named for the same action contains it.
NESTED_KM = 15
# A spot inside a town may carry the town's own point (and precision): its kind tells.
SPOT_KINDS = frozenset({"landmark", "district", "facility"})
TOWN_KINDS = frozenset({"city", "town", "village"})
PRECISION_RANK = {"exact": 0, "city": 1, "district": 2, "country": 3}
KIND_SIZE = {"landmark": 0, "facility": 0, "district": 1, "village": 2, "town": 3, "city": 4}
# A date this close to an action word, in the same clause, is that action's date.
DATE_REACH = 120
# A "since" clause longer than this runs to publication ("since May"); a shorter one is
# dated by its first day ("since January 4", as the annotation does).
SHORT_RANGE_DAYS = 7


@dataclass
class Event:
    date: str | None
    date_precision: str | None
    date_text: str
    place: str
    source_id: str
    country: str
    lat: float
    lon: float
    action: str
    acled_event_type: str
    acled_sub_event_type: str
    actor: str | None
    target: str | None
    fatalities: int | None
    claim: bool
    evidence: str
    start: int
    end: int
    place_from_context: bool
    origin: str | None = None            # where the forces came from ("from Misrata")
    origin_source_id: str | None = None
    origin_lat: float | None = None
    origin_lon: float | None = None

    def to_dict(self) -> dict:
        return asdict(self)


def _number(token: str) -> int | None:
    token = token.lower().replace(",", "")
    if token.isdigit():
        return int(token)
    return NUMBER_WORDS.get(token)


def opens_period(sentence: str, mention: DateMention) -> bool:
    """Is this date in a "since" clause ("since May", "since the offensive began in May")?"""
    return mention.text.lower().startswith("since") or \
        SINCE_BEFORE.search(sentence, 0, mention.start) is not None


def fatalities_in(sentence: str) -> int | None:
    for pattern in FATALITY_RES:
        match = pattern.search(sentence)
        if match:
            value = _number(match.group(1))
            if value is not None:
                return value
    return None


def is_heading(sentence: str) -> bool:
    """A short line without closing punctuation: a title or subhead, not a report."""
    stripped = sentence.rstrip()
    return len(stripped.split()) <= 8 and not stripped.endswith((".", "!", "?", '"', "”",
                                                                  "’", ")", ":"))


def main_place(places: list[PlaceMention], focus: str | None) -> PlaceMention | None:
    """The place an article is about: its most-named place below country level, inside
    the focus region (a Washington dateline is where the news was told, not made)."""
    local = [p for p in places if p.kind not in ("country", "continent")
             and (focus is None or p.country == focus)]
    if not local:
        return None
    best = Counter(p.source_id for p in local).most_common(1)[0][0]
    return next(p for p in local if p.source_id == best)


def subsumed(chosen: dict[str, list]) -> None:
    """Drop an action at a place where the same sentence reports a more specific one
    ("fighting ... captured Sirte" is the capture), but keep it at other places ("advancing
    toward Sirte after retaking Tarhuna" is an advance and a capture)."""
    for action in list(chosen):
        stronger = {p.source_id for other in SUBSUMED_BY.get(action, ())
                    for p, _, _ in chosen.get(other, [])}
        chosen[action] = [pick for pick in chosen[action] if pick[0].source_id not in stronger]
        if not chosen[action]:
            del chosen[action]


def apposition(text: str, first: PlaceMention, second: PlaceMention) -> bool:
    """"Mitiga airport, Tripoli's only airport": after a bare comma, a possessive name
    says where the first place is; it is not a second place of the list."""
    return text[first.end:second.start].strip() == "," and (
        second.surface.endswith(("'s", "’s")) or text.startswith(("'s", "’s"), second.end))


def coordinated_targets(text: str, end: int, start: int) -> bool:
    """"garrisons in Tripoli and air defense systems around Sabha": two targets of one
    action, joined by "and" and a short noun phrase ending in a place preposition (not a
    new clause: no verb in -ed, "and forces advanced near Sabha")."""
    match = COORDINATED_TARGET.fullmatch(text, end, start)
    return match is not None and not any(
        word.endswith("ed") for word in (match.group(1) or "").split())


def days_between(earlier: str, later: str) -> int:
    return (date.fromisoformat(later) - date.fromisoformat(earlier)).days


# The two sides of one change of hands (within SHORT_RANGE_DAYS of each other).
OTHER_SIDE = {"capture": "retreat", "retreat": "capture"}


def one_per_action(events: list[Event]) -> list[Event]:
    """One event per action, place and day: an article that retells its news ("seized the
    airbase" ... "today's victory" ... "captured the base") reports one capture, not three.
    The first telling is kept; what a retelling adds (who acted, against whom, a toll)
    fills its gaps."""
    kept: dict[tuple, Event] = {}
    for event in events:
        key = (event.action, event.source_id, event.date, event.date_precision)
        first = kept.setdefault(key, event)
        if first is not event:
            fill_gaps(first, event)
    # "said Sunday they had seized the airport" ... "drove them out of the airport on
    # Saturday": a statement's day only bounds an action that another sentence dates
    # earlier; it is that action, told again. So does the publication date of a change of
    # hands (a town is taken once; strikes and tolls recur, so theirs stand).
    # The two become one, told where the article first tells it (its clearest sentence,
    # usually the lede), on the earlier day.
    events = list(kept.values())
    dropped: set[int] = set()
    for event in events:
        bound_only = event.date_text.startswith("said ") or (
            event.date_text == "published" and event.action in ("capture", "retreat"))
        if not bound_only or not event.date or id(event) in dropped:
            continue
        # "had retaken the town" after "the group had seized it last week": the retaking
        # undoes the earlier seizure; it is not that seizure told again.
        earlier = next((e for e in events if id(e) not in dropped and e.date
                        and (e.action, e.source_id) == (event.action, event.source_id)
                        and e.date < event.date
                        and bool(RETAKING.search(e.evidence)) ==
                        bool(RETAKING.search(event.evidence))), None)
        if earlier is None:
            # One change of hands, told from both sides: "calling its withdrawal a tactical
            # maneuver" after the capture's day; "said Saturday it had recaptured Gharyan"
            # after "lost control of Gharyan on Wednesday". Each takes the other's day.
            other = OTHER_SIDE.get(event.action)
            counterpart = next((e for e in events if e.action == other and e.date and
                                e.source_id == event.source_id and e.date < event.date and
                                days_between(e.date, event.date) <= SHORT_RANGE_DAYS),
                               None) if other else None
            if counterpart is not None:
                event.date, event.date_precision, event.date_text = \
                    counterpart.date, counterpart.date_precision, counterpart.date_text
            continue
        first, second = sorted((event, earlier), key=lambda e: e.start)
        first.date, first.date_precision, first.date_text = \
            earlier.date, earlier.date_precision, earlier.date_text
        fill_gaps(first, second)
        dropped.add(id(second))
    return [e for e in events if id(e) not in dropped]


def fill_gaps(kept: Event, retold: Event) -> None:
    """What a retelling adds to the telling kept: who acted, against whom, a toll."""
    kept.actor = kept.actor or retold.actor
    kept.target = kept.target or retold.target
    if kept.fatalities is None:
        kept.fatalities = retold.fatalities


def casualties_share_sides(events: list[Event]) -> None:
    """A toll in a sentence that reports an attack counts the attack's victims: "warplanes
    bombed Libya Dawn positions, killing 13 fighters" (Libya Dawn lost them)."""
    by_sentence: dict[int, Event] = {}
    for event in events:
        if event.action in VIOLENCE or event.action == "capture":
            by_sentence.setdefault(event.start, event)
    for event in events:
        cause = by_sentence.get(event.start)
        if event.action == "casualties" and cause is not None:
            event.actor, event.target = cause.actor, cause.target


class EventExtractor:
    def __init__(self, lexicon: FactionLexicon | None = None, focus: str | None = "LY"):
        self.lexicon = lexicon or load_lexicon()
        self.focus = focus

    def actions_in(self, sentence: str) -> list[tuple[str, int]]:
        """(action, offset of its word) for each real (not hypothetical) action word."""
        found: dict[str, list[int]] = {}
        for action, pattern in ACTION_RE.items():
            for match in pattern.finditer(sentence):
                if action == "capture" and CAPTURED_THING.match(sentence, match.end()):
                    continue
                if CAMPAIGN_BEFORE.search(sentence, 0, match.start()):
                    continue  # "its 14-month offensive", "a months-long siege": a whole campaign
                if action == "retreat" and CIVILIANS_BEFORE.search(sentence, 0, match.start()):
                    continue  # "families fled to Sirte": people displaced, not forces retreating
                unreal = UNREAL_RE.search(sentence, 0, match.start())
                if unreal and unreal.group().lower() == "to " and \
                        RESULT_RE.search(sentence, 0, match.start()):
                    unreal = None
                if not unreal:
                    found.setdefault(action, []).append(match.start())
        return [(a, o) for a, offsets in found.items() for o in offsets]

    def candidate_places(self, text: str, start: int, places: list[PlaceMention],
                         action: str) -> list[PlaceMention]:
        """Places that can host an action: not a dateline, speaker, origin or refuge."""
        chosen: list[PlaceMention] = []
        destinations: list[PlaceMention] = []
        for place in places:
            before = text[max(start, place.start - 40):place.start]
            after = text[place.end:place.end + 30]
            if place.start == start and place.surface.isupper():
                continue  # dateline: "PENTAGON—", "WASHINGTON, Aug. 4"
            if SPEAKER_RE.search(after) or BASED_RE.match(after) or GROUP_AFTER.match(after):
                continue  # "the Pentagon said"; "the Misrata-based brigade", "the Misrata
                # militias": a group from there
            if SEAT_BEFORE.search(before):
                continue  # "the government in Tobruk": where it sits, not where it acts
            if action != "retreat" and ORIGIN_RE.search(before):
                continue
            if action != "advance" and (DESTINATION_RE.search(before) or any(
                    listed_together(text, p.end, place.start) for p in destinations)):
                destinations.append(place)  # "fled to Sirte and Bani Walid": both refuges
                continue
            if place.kind in ("country", "continent") and place.country != self.focus:
                continue  # "U.S. strikes", "France said": countries abroad act, they are not hit
            if REFERENCE_RE.search(before) and any(
                    start <= p.start and p.end <= place.start and place.start - p.end <= 60
                    for p in places if p is not place):
                continue  # "Tajoura, east of Tripoli": Tripoli only locates Tajoura
            chosen.append(place)
        local = [p for p in chosen if p.kind not in ("country", "continent")]
        if local:
            focus = [p for p in local if p.country == self.focus]
            return focus or local
        return chosen[:1]

    @staticmethod
    def earlier_event(events: list[Event], action: str, day: str | None) -> Event | None:
        """The report this sentence follows up ("Today's attack killed 65" after "the
        bombing in Zliten"): the last event of the same kind (for a toll, the last
        violence; for a withdrawal, also the last capture), on the same day if one is."""
        kinds = VIOLENCE if action == "casualties" else \
            {"retreat", "capture"} if action == "retreat" else {action}
        earlier = [e for e in events if e.action in kinds and not e.place_from_context]
        same_day = [e for e in earlier if day is not None and e.date == day]
        return (same_day or earlier or [None])[-1]

    def abroad(self, text: str, start: int, inside: list[PlaceMention]) -> bool:
        """Does the sentence locate what it tells in a country outside the focus region?"""
        return any(p.kind == "country" and p.country != self.focus and
                   ABROAD_RE.search(text, max(start, p.start - 20), p.start)
                   for p in inside)

    @staticmethod
    def date_from_violence(toll: Event, events: list[Event]) -> None:
        """A toll that gives no date of its own counts the dead of the last violence
        reported at its place ("On Sept. 26 an airstrike ... The airstrike killed 17")."""
        violence = [e for e in events if e.action in VIOLENCE and e.source_id == toll.source_id]
        if violence:
            last = violence[-1]
            toll.date, toll.date_precision = last.date, last.date_precision
            toll.date_text = f"the date of the {last.action} it follows"

    def recent_place(self, text: str, places: list[PlaceMention],
                     start: int, end: int) -> PlaceMention | None:
        """The town named last, shortly before this sentence: what "the city" refers to;
        the facility named last when the sentence speaks of "the base" or "the airport".
        A bearing ("southwest of Tripoli") only located what was named before it."""
        before = [p for p in places if start - RECENT_CHARS <= p.start < start
                  and p.kind in ("city", "town", "village", "facility")
                  and p.country == self.focus
                  and not ORIGIN_RE.search(text[max(0, p.start - 40):p.start])
                  and not REFERENCE_RE.search(text[max(0, p.start - 40):p.start])]
        if THE_FACILITY_RE.search(text, start, end):
            before = [p for p in before if p.kind == "facility"] or before
        return before[-1] if before else None

    @staticmethod
    def origin_of(text: str, start: int, places: list[PlaceMention],
                  target: PlaceMention) -> PlaceMention | None:
        """For a movement, the town forces came from: a "from X" in the same sentence."""
        for place in places:
            before = text[max(start, place.start - 40):place.start]
            if place is not target and place.kind not in ("country", "continent") and \
                    ORIGIN_RE.search(before) and place.source_id != target.source_id:
                return place
        return None

    @staticmethod
    def bearing_target(text: str, start: int, place: PlaceMention,
                       everywhere: list[PlaceMention]) -> PlaceMention:
        """For "an airbase south of Tripoli", the air base the article names elsewhere."""
        match = BEARING_RE.search(text, max(start, place.start - 70), place.start)
        if not match:
            return place
        head = match.group("head").lower()
        wanted = ("facility",) if head in FACILITY_HEADS else ("town", "village", "city")
        options = [p for p in everywhere if p.kind in wanted and p.source_id != place.source_id
                   and distance_km(p.lat, p.lon, place.lat, place.lon) <= 300]
        if not options:
            return place
        best = Counter(p.source_id for p in options).most_common(1)[0][0]
        return next(p for p in options if p.source_id == best)

    def event_places(self, text: str, places: list[PlaceMention],
                     offset: int) -> list[PlaceMention]:
        """The place nearest the action word, with the places listed together with it."""
        if not places:
            return []
        # English puts the place after the action ("strikes on X"), so a place before the
        # action word counts as twice as far.
        nearest = min(places, key=lambda p: p.start - offset if p.start >= offset
                      else 2 * (offset - p.start))
        group = [nearest]
        ordered = sorted(places, key=lambda p: p.start)
        at = ordered.index(nearest)
        for step in (-1, 1):
            k = at
            while 0 <= k + step < len(ordered):
                a, b = sorted((ordered[k], ordered[k + step]), key=lambda p: p.start)
                if not (listed_together(text, a.end, b.start) or
                        coordinated_targets(text, a.end, b.start)) or \
                        apposition(text, a, b):
                    break  # not one action's places; "Mitiga airport, Tripoli's only
                    # airport": an apposition that says where the first one is
                group.append(ordered[k + step])
                k += step
        # "the Sirte neighborhood of al-Dular": a spot inside the town goes with it (and
        # `finest` then keeps the spot alone).
        group += [p for p in places if p not in group and self.inside(text, p, nearest)]
        unique: dict[str, PlaceMention] = {}
        for place in sorted(group, key=lambda p: p.start):
            unique.setdefault(place.source_id, place)
        return list(unique.values())

    @staticmethod
    def inside(text: str, a: PlaceMention, b: PlaceMention) -> bool:
        """Is `a` a finer place within `b`: a neighbourhood or landmark of a town, by its
        kind or as the text says ("the Abu Salim district of Tripoli")?"""
        if a is b or a.kind in ("country", "continent") or \
                distance_km(a.lat, a.lon, b.lat, b.lon) > NESTED_KM:
            return False
        first, second = sorted((a, b), key=lambda p: p.start)
        if first.end <= second.start and PART_OF.fullmatch(text, first.end, second.start):
            # either way round: "the Sirte neighborhood of al-Dular", "the Abu Salim district
            # of Tripoli"; the smaller kind of place is the part
            return KIND_SIZE.get(a.kind, 0) < KIND_SIZE.get(b.kind, 0)
        return PRECISION_RANK[a.precision] < PRECISION_RANK[b.precision] or (
            a.precision == b.precision and a.kind in SPOT_KINDS and b.kind in TOWN_KINDS)

    def finest(self, text: str, places: list[PlaceMention]) -> list[PlaceMention]:
        """Drop a town when the same action also names a spot inside it ("the Sirte
        neighborhood of al-Dular" is one event, at al-Dular), unless the two are listed
        side by side ("the oil ports of Ras Lanuf and Es Sider": two places taken)."""
        def listed(a: PlaceMention, b: PlaceMention) -> bool:
            first, second = sorted((a, b), key=lambda p: p.start)
            return listed_together(text, first.end, second.start)
        return [p for p in places
                if not any(self.inside(text, q, p) and not listed(q, p) for q in places)]

    @staticmethod
    def event_dates(sentence: str, published: date | None,
                    ) -> tuple[list[DateMention], list[DateMention]]:
        """Date expressions that can date an action (not a dateline), and those that date
        a statement ("said Monday"): the latter only bound what the statement reports."""
        kept, said = [], []
        for mention in find_dates(sentence, published):
            if DATELINE_DASH.match(sentence[mention.end:]):
                continue
            if SPEECH_BEFORE_DATE.search(sentence[max(0, mention.start - 40):mention.start]) \
                    or SPEECH_AFTER_DATE.search(sentence[mention.end:mention.end + 30]):
                said.append(mention)
                continue
            kept.append(mention)
        return kept, said

    @staticmethod
    def opens_old_period(sentence: str, offset: int, dates: list[DateMention],
                         published: date | None) -> bool:
        """"since the offensive began in May", "since Gadhafi was killed in 2011": an action
        in a since-clause dated long before publication starts a period; it is not news.
        ("Since the airstrike yesterday" is.)"""
        if published is None or not SINCE_BEFORE.search(sentence, 0, offset):
            return False
        own = [d for d in dates if d.start > offset and d.date is not None
               and opens_period(sentence, d)]
        return bool(own) and (published - own[0].date).days > SHORT_RANGE_DAYS

    @staticmethod
    def date_for(sentence: str, dates: list[DateMention], offset: int,
                 published: date | None, said: list[DateMention] = (),
                 ) -> tuple[str | None, str | None, str]:
        """The nearest date expression in the action word's clause; else the day of the
        statement that reports it ("said Monday they had captured": Monday, as the
        annotation convention dates announced actions); else the publication date. A
        vague one ("over the past weeks") leaves the date unknown."""
        clauses = [0] + [m.end() for m in CLAUSE_BREAK.finditer(sentence)] + [len(sentence)]
        opening = INTRODUCTORY_CLAUSE.match(sentence)
        if opening:
            clauses = sorted(set(clauses) | {opening.end()})
        for inserted in INSERTED_CLAUSE.finditer(sentence):  # ", since ... yesterday,"
            clauses = sorted(set(clauses) | {inserted.start(), inserted.end()})
        low = max(c for c in clauses if c <= offset)
        high = min(c for c in clauses if c > offset) if offset < len(sentence) else len(sentence)
        mine = [d for d in dates if low <= d.start < high and abs(d.start - offset) <= DATE_REACH]
        if mine:
            best = min(mine, key=lambda d: abs(d.start - offset))
            if published and best.date and opens_period(sentence, best) and \
                    (published - best.date).days > SHORT_RANGE_DAYS:
                # "700 fighters have been killed since the offensive began in May": a toll or
                # a state that runs to publication, not an action of May
                return published.isoformat(), "day", f"as of publication (since {best.text})"
            if best.date is None:
                return None, None, best.text
            return best.date.isoformat(), best.precision, best.text
        statement = next((d for d in said if d.date is not None and d.precision == "day"), None)
        if statement is not None:
            return statement.date.isoformat(), "day", f"said {statement.text}"
        if published:
            return published.isoformat(), "day", "published"
        return None, None, ""

    @staticmethod
    def sides(sentence: str, offset: int, factions: list) -> tuple[str | None, str | None]:
        """Actor: the nearest faction named before the action word, unless it is an object
        ("strikes against IS") or the clause is passive ("IS forces have been reduced");
        target: the nearest other faction after it, or the object before it."""
        actor = target = None
        relative = RELATIVE_RE.search(sentence, 0, offset) is not None
        # A faction named before the action word, or around it ("Turkish drones struck")
        before = sorted((f for f in factions if f.start < offset), key=lambda f: -f.start)
        if SUBORDINATE_GERUND.search(sentence, 0, offset) and GERUND.match(sentence, offset):
            before = before[-1:]  # the sentence's subject, not what lies between
        for mention in before:
            if relative or AFFILIATION_BEFORE.search(sentence, 0, mention.start):
                # "... against rebel forces, who retreated": the antecedent acts;
                # "fighters allied with the GNA recaptured": the GNA's side acts
                actor = mention.faction
                break
            if OBJECT_BEFORE.search(sentence, 0, mention.start):
                target = target or mention.faction
                continue
            if PASSIVE_RE.search(sentence, mention.end, offset) and \
                    not GERUND.match(sentence, offset):  # "were advancing": active
                target = target or mention.faction
                break
            actor = mention.faction
            break
        after = next((f.faction for f in factions if f.start > offset and f.faction != actor
                      and not SPEAKER_RE.search(sentence[f.end:f.end + 30])
                      and not ATTRIBUTION_BEFORE.search(sentence, 0, f.start)),
                     None)  # "..., GNA spokesman X said": who speaks is not the target
        return actor, after or (target if target != actor else None)

    def event(self, sentence: str, start: int, end: int, action: str, offset: int,
              place: PlaceMention, from_context: bool, dates: list[DateMention],
              factions: list, claim: bool, fatalities: int | None,
              published: date | None, said: list[DateMention]) -> Event:
        actor, target = self.sides(sentence, offset, factions)
        if CAPTOR_AFTER.match(sentence, offset):  # "Derna fell to the LNA": the LNA took it
            actor, target = target, actor
        ongoing = published is not None and PROGRESSIVE_RE.search(sentence, 0, offset) and \
            GERUND.match(sentence, offset)
        day, precision, date_text = (published.isoformat(), "day", "ongoing") if ongoing \
            else self.date_for(sentence, dates, offset, published, said)
        if date_text == "published" and DESCRIBING_RE.search(sentence, 0, offset):
            day, precision, date_text = None, None, "describes someone; no date"
        event_type, sub_type = ACLED_TYPES[action]
        if action == "attack" and SHELLING_RE.match(sentence, offset):
            event_type, sub_type = "Explosions/Remote violence", "Shelling/artillery/missile attack"
        return Event(day, precision, date_text, place.name, place.source_id, place.country,
                     place.lat, place.lon, action, event_type, sub_type, actor, target,
                     fatalities if action == "casualties" else None, claim, sentence, start,
                     end, from_context)

    def extract(self, text: str, places: list[PlaceMention],
                published: date | None) -> list[Event]:
        year = published.year if published else None
        context = main_place(places, self.focus) or next(
            (p for p in places if p.kind == "country" and p.country == self.focus), None)
        events = []
        for start, end in sentence_spans(text):
            sentence = text[start:end]
            if is_heading(sentence):
                continue  # "Airstrikes Aug. 1-3": a subhead announces, the text reports
            actions = self.actions_in(sentence)
            if not actions:
                continue
            inside = [p for p in places if start <= p.start < end]
            dates, said = self.event_dates(sentence, published)
            factions = self.lexicon.find(sentence, year)
            claim = bool(CLAIM_RE.search(sentence))
            fatalities = fatalities_in(sentence)
            chosen: dict[str, list[tuple[PlaceMention, int, bool]]] = {}
            for action, offset in actions:
                if self.opens_old_period(sentence, offset, dates, published):
                    continue
                hosts = self.candidate_places(text, start, inside, action)
                targets = [self.bearing_target(text, start, p, places)
                           for p in self.event_places(text, hosts, start + offset)]
                if context is not None and action in CONTEXT_ACTIONS and \
                        all(p.kind == "country" for p in targets):
                    targets = []  # "strikes in Libya": the article's own town says more
                from_context = not targets
                if from_context and self.abroad(text, start, inside):
                    continue  # "strikes against IS in Syria and Iraq": not here
                new_toll = action == "casualties" and fatalities is not None
                own_dates = [d for d in dates if not opens_period(sentence, d)]
                if from_context and not own_dates and not new_toll and \
                        DEFINITE_RE.search(sentence, 0, offset):
                    continue  # "the airstrike ...": told already, unless it brings a toll
                if from_context:
                    evidence = factions or dates or action in SELF_EVIDENT_ACTIONS or new_toll
                    if context is None or action not in CONTEXT_ACTIONS or not evidence:
                        continue
                    own_day = self.date_for(sentence, dates, offset, published, said)[0]
                    if own_day and published and \
                            (published - date.fromisoformat(own_day)).days > HISTORY_DAYS:
                        continue  # "since Gadhafi was killed in 2011": history, not this news
                    told = self.earlier_event(events, action, own_day)
                    told_place = next((p for p in places if p.source_id == told.source_id),
                                      None) if told else None
                    targets = [told_place or self.recent_place(text, places, start, end)
                               or context]
                chosen.setdefault(action, []).extend((p, offset, from_context) for p in targets)
            subsumed(chosen)
            for action, picks in chosen.items():
                keep = self.finest(text, [p for p, _, _ in picks])
                seen: set[str] = set()
                for place, offset, from_context in picks:
                    if place not in keep or place.source_id in seen:
                        continue
                    seen.add(place.source_id)
                    found = self.event(sentence, start, end, action, offset, place,
                                       from_context, dates, factions, claim, fatalities,
                                       published, said)
                    if action == "casualties" and found.date_text == "published" and \
                            NAMED_VIOLENCE.search(sentence):
                        self.date_from_violence(found, events)
                    if action == "advance":
                        origin = self.origin_of(text, start, inside, place)
                        if origin is not None:
                            found.origin, found.origin_source_id = origin.name, origin.source_id
                            found.origin_lat, found.origin_lon = origin.lat, origin.lon
                    events.append(found)
        casualties_share_sides(events)
        return one_per_action(events)
