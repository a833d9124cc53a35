"""The words of war reporting that geo.events reads, and the patterns around them.

The action lexicon (mapped to ACLED's event types), and the short patterns before or after an
action word, a place or a faction that change what it means: hypotheticals and denials,
objects and affiliations, speakers, origins and bearings, statement dates, since-clauses.
Kept apart from the reading logic so the vocabulary can be reviewed and extended alone.
"""

from __future__ import annotations

import re

# Action words, as regular expressions over a sentence. Order is the order of output.
ACTION_PATTERNS: dict[str, str] = {
    "capture": r"captur(?:e|ed|es|ing)|seiz(?:e|ed|es|ing)|took (?:full |complete )?control"
               r"|(?:took|taken|taking) (?:the|that|this) (?:\w+ )?(?:town|city|village|port"
               r"|base|airbase|airport|district)"
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
               r"|forced (?:out of|to (?:withdraw|retreat|pull back))"
               r"|lost (?:full |complete )?control (?:of|over)"
               r"|fell back|tactical maneuver",
    "airstrike": r"air ?strikes?|air attacks?|precision strikes?|missile strikes?|warplanes?"
                 r"|struck|strikes (?:on|against|hit)"
                 r"|drones?|tomahawk|bombardments?|air raids?"
                 r"|(?:aircraft|jets|planes|helicopters|gunships|air forces?) (?:\w+ )?"
                 r"(?:pounded|bombed|hit"
                 r"|attacked"
                 r"|targeted|fired on)"
                 r"|(?:\d+|two|three|four|five|six|many|several|multiple|numerous|more)"
                 r" (?:more )?(?:U\.S\. )?(?:precision )?strikes",
    "clash": r"fighting(?! positions?| vehicles?)|clash(?:es|ed)?|battl(?:e|es|ed|ing)(?! for)"
             r"|fought|gunfire"
             r"|shoot at each other|vying for control|exchange(?:d)? fire",
    "attack": r"attack(?:s|ed|ing)?|assault|offensive|bomb(?:ing|ed)|suicide bomb\w*"
              r"|counter-?attack(?:s|ed)?|counter-?offensive"
              r"|storm(?:ed|ing)(?! into)|ambush(?:ed|es)?|raid(?:ed|s)?|pound(?:ed|ing)"
              r"|car bombs?|(?:roadside|suicide|truck) bombs?|bomb (?:exploded|went off)"
              r"|shell(?:ing|ed|s)|artillery|mortars?|rocket fire"
              r"|(?:rockets?|missiles?|projectiles?) (?:hit|struck|fell|slammed)"
              r"|(?:started|launched|began|begun) (?:a |an |the |its |their )?(?:\w+ )?"
              r"(?:campaign|offensive|operation)"
              r"|military campaign|campaign (?:against|to seize)|began the battle",
    "casualties": r"killed|killing|dead|died|death toll|wounded|injured|casualties",
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
# Civilians as the subject of a flight: "Hundreds of families fled", "residents have fled".
CIVILIANS_BEFORE = re.compile(
    r"\b(?:families|residents|civilians|people|inhabitants|migrants|refugees|villagers"
    r"|children|women)\b(?:\s+\w+){0,3}\s+$", re.I)
# A capture that undoes an earlier one ("retook", "recaptured", "regained control").
RETAKING = re.compile(r"\bre(?:took|take[ns]?|taking|captur\w*|gain\w*|conquer\w*)\b", re.I)
# Between two places of one action: "and" and up to four lower-case words that end in a
# place preposition ("and air defense systems around").
COORDINATED_TARGET = re.compile(
    r",?\s+and\s+((?:[a-z][a-z-]*\s+){0,4})(?:in|around|near|outside|at|on)\s+(?:the\s+)?")
SUBSUMED_BY = {"clash": {"casualties", "capture"}, "attack": {"airstrike", "capture", "clash"},
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
    re.compile(rf"\b(?:at least |more than |about |some )?{_NUMBER}\s+(?:[\w-]+\s+){{0,3}}"
               r"(?:have |had |has )?died\b", re.I),
]
# Words shortly before an action word that make it intended, demanded or hypothetical.
UNREAL_RE = re.compile(r"\b(?:will|would|could|should|must|(?-i:may)|might|to prevent|in order to"
                       r"|aims? to|aimed at|scheduled to|plans? to|planning|ability to"
                       r"|threaten\w*|help to|call(?:s|ed|ing)? for|trying to|close to|capable of"
                       r"|stop(?:s|ped|ping)?|prevent(?:s|ed|ing)?|halt(?:s|ed|ing)?"
                       r"|foil(?:s|ed|ing)?|thwart(?:s|ed|ing)?"
                       r"|authoriz\w+|enforc\w+|risks? of|fear\w*|threat of|danger of"
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
                       r"|\bno\s+(?:[\w-]+\s+){0,3}$|\bend (?:of|to)\s+(?:[\w-]+\s+){0,2}$", re.I)
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
# Words before a place that make it where forces came from, or where they fled to.
_DESCRIPTORS = r"(?:(?:the|nearby|western|eastern|northern|southern|coastal|central|city|town" \
               r"|port|village|oasis|capital|stronghold|of)\s+){0,4}"
ORIGIN_RE = re.compile(rf"\bfrom\s+{_DESCRIPTORS}$", re.I)
# ("laid siege to", "close to", "next to": the place itself, not a destination)
DESTINATION_RE = re.compile(rf"\b(?:toward|towards|in the direction of|(?<!siege )(?<!close )"
                            rf"(?<!next )(?<!near )(?<!adjacent )to)\s+{_DESCRIPTORS}$", re.I)
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
# Between a spot and its town: "the Abu Salim district of Tripoli".
PART_OF = re.compile(r"\s+(?:district|neighbou?rhood|suburb|quarter|area)\s+of\s+"
                     r"(?:the\s+)?(?:capital\s+|city\s+)?", re.I)
# After a town: a group named after it ("the Misrata militias", "Zintan brigades").
GROUP_AFTER = re.compile(r"\s+(?:militias?|brigades?|battalions?|fighters|forces|units?)\b",
                         re.I)
# Before a town: the seat of an authority ("the government in Tobruk").
SEAT_BEFORE = re.compile(r"\b(?:government|parliament|authorities|administration|cabinet"
                         r"|representatives|headquartered|seated)\s+(?:based\s+)?in\s+$", re.I)
# Right after a place: where a unit comes from, not where it acts ("Misrata-based").
BASED_RE = re.compile(r"[-‑]based\b", re.I)
# Capture words after which the faction named is the captor, not the one attacked.
CAPTOR_AFTER = re.compile(r"fell to|fell within|in the hands of", re.I)
# "east of", "30 km south of": the place that follows locates another one named just before.
REFERENCE_RE = re.compile(r"\b(?:north|south|east|west)(?:[- ]?(?:east|west))?(?:ern)?"
                          r"\s+of\s+(?:the\s+)?(?:capital\s+|city\s+|town\s+)?$", re.I)
ATTRIBUTION_BEFORE = re.compile(r"\baccording to\s+(?:the\s+)?$", re.I)
# A date inside a "since" clause opens a period (geo.events.SHORT_RANGE_DAYS).
SINCE_BEFORE = re.compile(r"\bsince\b[^.;,]{0,60}$", re.I)
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
