"""Events: who did what where and when, one per reported action at a named place.

Each sentence is read for action words (a closed lexicon per action, mapped to ACLED's
event types), the places the geoparser found in it, the factions it names, a number of
dead, a date expression and reporting verbs that make it a claim. A sentence with an
action and no place takes the article's main place ("Warplanes also attacked IS-held
positions" in a Sirte story), and says so.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import asdict, dataclass
from datetime import date

from geo.dates import DateMention, find_dates
from geo.extract import PlaceMention
from geo.factions import FactionLexicon, load_lexicon
from geo.gazetteer import distance_km
from geo.text import listed_together, sentence_spans

# Action words, as regular expressions over a sentence. Order is the order of output.
ACTION_PATTERNS: dict[str, str] = {
    "capture": r"captur(?:e|ed|es|ing)|seiz(?:e|ed|es|ing)|took (?:full |complete )?control"
               r"|tak(?:en|ing|e) (?:full |complete )?control|retook|recaptur\w+|liberat\w+"
               r"|fell to|fell within|dr(?:o|i)ve (?:\w+ ){0,3}out|driving (?:\w+ ){0,3}out"
               r"|driven (?:\w+ ){1,3}(?:out|from)"
               r"|freeing|took over|overran|in the hands of"
               r"|regain(?:ed|s|ing)? (?:full |complete |total )?control|retak(?:e|es|en|ing)"
               r"|pushed (?:\w+ ){0,3}out",
    "advance": r"advanc(?:e|ed|es|ing)|push(?:ed|ing)? into|mov(?:ed|ing) into|entered"
               r"|push(?:ed|ing)? (?:\w+ )?(?:toward|towards|on)\b|push(?:es|ing)? (?:\w+ ){0,3}out"
               r"|reach(?:ed)? the outskirts|reduced to|regaining|closing in"
               r"|storm(?:ed|ing) into|sw(?:ept|eeping) into|roll(?:ed|ing) into"
               r"|march(?:ed|ing) (?:on|into)"
               r"|continue to degrade|have cleared|gains? (?:in|against)",
    "retreat": r"retreat(?:ed|ing|s)?|withdr(?:ew|awn|awal|awing)|pull(?:ed)? back|fled"
               r"|fell back|tactical maneuver",
    "airstrike": r"air ?strikes?|air attacks?|precision strikes?|missile strikes?|warplanes?"
                 r"|struck|strikes (?:on|against|hit)"
                 r"|drones?|tomahawk|bombardments?|air raids?"
                 r"|(?:aircraft|jets|planes|helicopters) (?:\w+ )?(?:pounded|bombed|hit|attacked"
                 r"|targeted|fired on)"
                 r"|(?:\d+|two|three|four|five|six|many|several|multiple|numerous|more)"
                 r" (?:more )?(?:U\.S\. )?(?:precision )?strikes",
    "clash": r"fighting(?! positions?| vehicles?)|clash(?:es|ed)?|battl(?:e|es|ed|ing)(?! for)"
             r"|fought|gunfire"
             r"|shoot at each other|vying for control|exchange(?:d)? fire",
    "attack": r"attack(?:s|ed|ing)?|assault|offensive|bomb(?:ing|ed)|suicide bomb\w*"
              r"|storm(?:ed|ing)(?! into)|ambush(?:ed|es)?|raid(?:ed|s)?|pound(?:ed|ing)"
              r"|car bombs?|(?:roadside|suicide|truck) bombs?|bomb (?:exploded|went off)"
              r"|shell(?:ing|ed|s)|artillery|mortars?|rocket fire|rockets? (?:hit|struck|fell)"
              r"|(?:started|launched|began|begun) (?:a |an |the |its |their )?(?:\w+ )?"
              r"(?:campaign|offensive|operation)"
              r"|military campaign|campaign (?:against|to seize)|began the battle",
    "casualties": r"killed|killing|dead|death toll|wounded|injured|casualties",
    "other": r"explosions?|anti-aircraft fire|besieg\w+|siege|blockade|secured the waters"
             r"|deploy(?:ed|ment)|being deployed|concluded|no-fly zone|pulled back from",
}
# An action word used as a modifier names a capability or a mission, not an action:
# "air strike support", "airstrike authority", "attack helicopters", "attack operations".
MODIFIED_NOUN = (r"(?!\s+(?:support|authority|authorization|operations|capabilit(?:y|ies)"
                 r"|helicopters?|aircraft|planes?|jets?|drones?|missions?|requests?|plans?"
                 r"|planning|cells?|networks?)\b)")
ACTION_RE = {action: re.compile(rf"\b(?:{pattern})\b{MODIFIED_NOUN}", re.I)
             for action, pattern in ACTION_PATTERNS.items()}
# Actions that a more specific action in the same sentence makes redundant.
SUBSUMED_BY = {"clash": {"casualties", "capture"}, "attack": {"airstrike", "capture"},
               "advance": {"capture"}, "other": {"airstrike", "clash", "capture"}}
ACLED_TYPES = {
    "capture": ("Battles", "Non-state actor overtakes territory"),
    "advance": ("Strategic developments", "Change to group/activity"),
    "retreat": ("Strategic developments", "Non-violent transfer of territory"),
    "airstrike": ("Explosions/Remote violence", "Air/drone strike"),
    "clash": ("Battles", "Armed clash"),
    "attack": ("Battles", "Armed clash"),
    "casualties": ("Battles", "Armed clash"),
    "other": ("Strategic developments", "Other"),
}
# Attacks by guns from afar, which ACLED counts as remote violence, not battles.
SHELLING_RE = re.compile(r"\b(?:shell(?:ing|ed|s)|artillery|mortars?|rocket)", re.I)
CLAIM_RE = re.compile(r"\b(?:said|says|say|claimed|claims?|according to|announced|reported"
                      r"|told)\b", re.I)
NUMBER_WORDS = {w: n for n, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty".split())}
_NUMBER = r"(\d[\d,]*|" + "|".join(NUMBER_WORDS) + r")"
FATALITY_RES = [
    re.compile(rf"\bkill(?:ed|ing)\s+(?:at least |more than |about |some )?{_NUMBER}\b", re.I),
    re.compile(rf"\b(?:at least |more than |about |some )?{_NUMBER}\s+(?:\(\d+\)\s+)?"
               r"(?:[\w-]+\s+){0,3}(?:[\w-]+,[^,.;]{0,50},\s+)?"  # ", including three children,"
               r"(?:were|have been|had been|was)\s+killed", re.I),
    re.compile(rf"\bdeath toll\b[^.]{{0,60}}?\b{_NUMBER}\b", re.I),
    re.compile(rf"\b{_NUMBER}\s+dead\b", re.I),
]
# Words shortly before an action word that make it intended, demanded or hypothetical.
UNREAL_RE = re.compile(r"\b(?:will|would|could|should|must|(?-i:may)|might|to prevent|in order to"
                       r"|aims? to|aimed at|scheduled to|plans? to|planning|ability to"
                       r"|threaten\w*|help to|calls? for|trying to|close to|capable of"
                       r"|stop(?:s|ped|ping)?|prevent(?:s|ed|ing)?|halt(?:s|ed|ing)?"
                       r"|authoriz\w+|enforc\w+|risks? of|fears? of|threat of|danger of"
                       r"|protect\w*|objectives?|goals?|intent\w*)"
                       r"\b[^.;]{0,40}$|(?<!able )\bto $"
                       # denied: "denied that its forces had withdrawn"
                       r"|\b(?:den(?:y|ies|ied)|rejected (?:claims|reports)|dismissed (?:claims|"
                       r"reports))\b[^.;]{0,60}$"
                       # a means, not a report of its own: "backed by U.S. airstrikes"
                       # (the words between are the means' own: in "backed by U.S.
                       # airstrikes seized", the seizure is real)
                       r"|\b(?:backed|supported|aided|helped) by\s+"
                       r"(?:(?!\w*(?:strikes|attacks|fire|power|support)\b)[\w.-]+\s+){0,2}$"
                       # a count, not an event: "the total number of airstrikes ... to 29"
                       r"|\b(?:number|total|tally|count) of\s+(?:[\w-]+\s+)?$"
                       # anaphora: "these airstrikes", "the recent strikes" were told already
                       r"|\b(?:these|those|such|recent|latest)\s+(?:[\w-]+\s+)?$"
                       # negation: "no civilians were killed", "No casualties"
                       r"|\bno\s+(?:[\w-]+\s+){0,3}$|\bend of\s+(?:[\w-]+\s+){0,2}$", re.I)
# "the airstrike", "this strike": an action told before, when nothing new is said of it.
DEFINITE_RE = re.compile(r"\b(?:the|this|that)\s+(?:[\w-]+\s+)?$", re.I)
# After a place: it names who speaks, not where something happens ("the Pentagon said").
SPEAKER_RE = re.compile(r"^\W{0,3}(?:press|spokes\w+|officials?|said|says|told|statement"
                        r"|announced)\b", re.I)
# Actions read from the article's main place when the sentence names none: these need an
# actor the lexicon knows, a date or a death toll, so "the missions continued" makes none.
CONTEXT_ACTIONS = frozenset({"capture", "advance", "retreat", "airstrike", "clash", "attack",
                             "casualties"})
# ... and these need nothing more: reports of strikes and fighting are not hypothetical.
SELF_EVIDENT_ACTIONS = frozenset({"airstrike", "clash"})
# Before a faction name: it is the object of something, not the one acting.
OBJECT_BEFORE = re.compile(r"\b(?:against|on|at|targeting|targeted|from|of|by|with|hit)\s+"
                           r"(?:the\s+)?$", re.I)
# Before a faction name: the one acting belongs to it ("fighters allied with the GNA").
AFFILIATION_BEFORE = re.compile(r"\b(?:allied|aligned|affiliated|loyal|linked)\s+(?:with|to)\s+"
                                r"(?:the\s+)?$", re.I)
# "..., after retaking Ras Lanuf": a gerund whose subject is the sentence's subject.
SUBORDINATE_GERUND = re.compile(r"\b(?:after|before|while|by|upon)\s+$", re.I)
# After a capture verb: people or materiel taken, not a place ("captured Gadhafi's son",
# "captured a Russian-made Pantsir air defense system", "seized 20 fighters").
CAPTURED_THING = re.compile(
    r"\w*\s+(?:(?!(?:the|a|an)\s+(?:[\w-]+\s+){0,2}(?:town|city|village|base|airbase|"
    r"airport|port|terminal|district|neighbou?rhood|area|territory|hill|field|oilfield"
    r"|positions?|headquarters|compound|camp|barracks)\b)[^,.;]){0,60}?"
    r"\b(?:sons?|daughters?|brothers?|leaders?|commanders?|spokesm[ae]n|soldiers|fighters"
    r"|prisoners|militants|members|mercenaries|weapons|tanks|vehicles|trucks|systems?"
    r"|equipment|ammunition|arms|missiles?|drones?)\b", re.I)
# "enabling GNA-aligned forces to drive Daesh out": a result that happened, not an aim.
RESULT_RE = re.compile(r"(?<!to )\b(?:enabl|allow)(?:ing|ed)\s+(?:[\w-]+\s+){0,3}to\s+$",
                       re.I)
# "..., who retreated": a relative clause whose subject is the noun just before it.
RELATIVE_RE = re.compile(r",?\s+(?:who|which)\s+(?:[\w-]+\s+)?$", re.I)
# Between a faction and the action word: the faction undergoes it.
PASSIVE_RE = re.compile(r"\b(?:have|has|had)?\s*(?:been|was|were|being)\s+(?:\w+\s+)?$|"
                        r"\b(?:been|was|were)\s+\w+ed\b", re.I)
# "an airbase south of Tripoli": the place named is a bearing; the airbase is the place.
BEARING_RE = re.compile(r"\b(?P<head>air ?base|base|airport|airfield|port|terminal|town|city"
                        r"|village)\b[^.;]{0,30}?\b(?:north|south|east|west)(?:[- ]?(?:east|west))?"
                        r"(?:ern)?\s+of\s+$", re.I)
FACILITY_HEADS = frozenset({"airbase", "air base", "base", "airport", "airfield", "port",
                            "terminal"})
VIOLENCE = frozenset({"attack", "airstrike", "clash"})
# "the airstrike killed 17", "Today's attack killed 65": a toll for violence told before
# (unlike "200 people have been killed", a running toll as of publication).
NAMED_VIOLENCE = re.compile(r"\b(?:the|this|that|today's|today’s|yesterday's|yesterday’s)"
                            r"\s+(?:[\w-]+\s+)?(?:air ?strikes?|strikes?|attacks?|bombings?"
                            r"|raids?|shelling|clash(?:es)?|fighting)\b", re.I)
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
# Words before a place that make it where forces came from, or where they fled to.
_DESCRIPTORS = r"(?:(?:the|nearby|western|eastern|northern|southern|coastal|central|city|town" \
               r"|port|village|oasis|capital|stronghold|of)\s+){0,4}"
ORIGIN_RE = re.compile(rf"\bfrom\s+{_DESCRIPTORS}$", re.I)
DESTINATION_RE = re.compile(rf"\b(?:toward|towards|in the direction of|to)\s+{_DESCRIPTORS}$",
                            re.I)
# A date this close to an action word, in the same clause, is that action's date.
DATE_REACH = 120
CLAUSE_BREAK = re.compile(r";|,\s+(?:although|while|but|adding|whereas)\b|\s+but\s+", re.I)
# "Since the airstrike that took out the tank yesterday, GNA forces have moved in": the
# opening subordinate clause keeps its date to itself.
INTRODUCTORY_CLAUSE = re.compile(r"(?:since|after|before|when|while|although|though|once)\b"
                                 r"[^,;]{0,150},", re.I)
# An action word in -ing: with "is/are" going on now; after "were" active, not passive.
GERUND = re.compile(r"\w+ing\b")
# "are retreating", "is advancing": going on as the article is written, whatever dates
# other clauses give ("retreating ... following coalition attacks over the weekend").
PROGRESSIVE_RE = re.compile(r"\b(?:is|are|am)\s+(?:(?:still|now|reportedly|already)\s+)?$",
                            re.I)
# "We have seen, since we struck it yesterday, GNA forces move in": the same, mid-sentence.
INSERTED_CLAUSE = re.compile(r",\s*(?:since|after|before|when|while|once)\b[^,;]{0,150},",
                             re.I)
# "individuals who fled Sirte": a relative clause describes people by what they once did;
# without a date of its own that is not news of the day.
DESCRIBING_RE = re.compile(r"\b(?:who|whom)\s+(?:had\s+|have\s+|has\s+)?$", re.I)
# Right after a place: where a unit comes from, not where it acts ("Misrata-based").
# After a town: a group named after it ("the Misrata militias", "Zintan brigades").
GROUP_AFTER = re.compile(r"\s+(?:militias?|brigades?|battalions?|fighters|forces|units?)\b",
                         re.I)
# Before a town: the seat of an authority ("the government in Tobruk").
SEAT_BEFORE = re.compile(r"\b(?:government|parliament|authorities|administration|cabinet"
                         r"|representatives|headquartered|seated)\s+(?:based\s+)?in\s+$", re.I)
BASED_RE = re.compile(r"[-‑]based\b", re.I)
# Capture words after which the faction named is the captor, not the one attacked.
CAPTOR_AFTER = re.compile(r"fell to|fell within|in the hands of", re.I)
# "east of", "30 km south of": the place that follows locates another one named just before.
REFERENCE_RE = re.compile(r"\b(?:north|south|east|west)(?:[- ]?(?:east|west))?(?:ern)?"
                          r"\s+of\s+(?:the\s+)?(?:capital\s+|city\s+|town\s+)?$", re.I)
ATTRIBUTION_BEFORE = re.compile(r"\baccording to\s+(?:the\s+)?$", re.I)
# A date inside a "since" clause opens a period; one longer than this runs to publication
# ("since May"), a shorter one is dated by its first day ("since January 4", as annotated).
SINCE_BEFORE = re.compile(r"\bsince\b[^.;,]{0,60}$", re.I)
SHORT_RANGE_DAYS = 7
# A duration before an action noun makes it a campaign, not one of its events.
CAMPAIGN_BEFORE = re.compile(r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten"
                             r"|eleven|twelve|months?|years?|weeks?)[- ](?:day|week|month|year)s?"
                             r"(?:[- ]long)?\s+$|\b(?:months|years|weeks)-long\s+$", re.I)
# "the base", "the airport": the sentence speaks of a facility named before.
THE_FACILITY_RE = re.compile(r"\bthe\s+(?:air ?base|base|airport|airfield)\b", re.I)
# Before a foreign country: the action took place there ("strikes in Syria and Iraq").
ABROAD_RE = re.compile(r"\b(?:in|inside|across|over|into)\s+(?:the\s+)?$", re.I)
# A date next to a verb of saying dates the statement, not the action ("said Monday").
SPEECH_BEFORE_DATE = re.compile(r"\b(?:said|says|told|announced|reported|report|statement)"
                                r"\W+(?:\w+\W+){0,3}$", re.I)
SPEECH_AFTER_DATE = re.compile(r"^\W*(?:\w+\W+)?(?:said|says|told|announced)\b", re.I)
# "WASHINGTON, Aug. 4, 2016 —": the dateline dates the article, already known.
DATELINE_DASH = re.compile(r"^\s*[—–-]")


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
    result = []
    for event in kept.values():
        bound_only = event.date_text.startswith("said ") or (
            event.date_text == "published" and event.action in ("capture", "retreat"))
        earlier = next((e for e in kept.values() if bound_only and event.date and e.date
                        and (e.action, e.source_id) == (event.action, event.source_id)
                        and e.date < event.date), None)
        if earlier is None:
            result.append(event)
        else:
            fill_gaps(earlier, event)
    return result


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
        chosen = []
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
            if action != "advance" and DESTINATION_RE.search(before):
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
                if not listed_together(text, a.end, b.start):  # share one action
                    break
                group.append(ordered[k + step])
                k += step
        # "the Sirte neighborhood of al-Dular": a spot inside the town goes with it (and
        # `finest` then keeps the spot alone).
        group += [p for p in places if p not in group and self.inside(p, nearest)]
        unique: dict[str, PlaceMention] = {}
        for place in sorted(group, key=lambda p: p.start):
            unique.setdefault(place.source_id, place)
        return list(unique.values())

    @staticmethod
    def inside(a: PlaceMention, b: PlaceMention) -> bool:
        """Is `a` a finer place within `b` (a neighbourhood or landmark of a town)?"""
        finer = PRECISION_RANK[a.precision] < PRECISION_RANK[b.precision] or (
            a.precision == b.precision and a.kind in SPOT_KINDS and b.kind in TOWN_KINDS)
        return a is not b and finer and a.kind not in ("country", "continent") and \
            distance_km(a.lat, a.lon, b.lat, b.lon) <= NESTED_KM

    def finest(self, text: str, places: list[PlaceMention]) -> list[PlaceMention]:
        """Drop a town when the same action also names a spot inside it ("the Sirte
        neighborhood of al-Dular" is one event, at al-Dular), unless the two are listed
        side by side ("the oil ports of Ras Lanuf and Es Sider": two places taken)."""
        def listed(a: PlaceMention, b: PlaceMention) -> bool:
            first, second = sorted((a, b), key=lambda p: p.start)
            return listed_together(text, first.end, second.start)
        return [p for p in places
                if not any(self.inside(q, p) and not listed(q, p) for q in places)]

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
               and SINCE_BEFORE.search(sentence, 0, d.start)]
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
            if published and best.date and SINCE_BEFORE.search(sentence, 0, best.start) and \
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
                if from_context and not dates and not new_toll and \
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
