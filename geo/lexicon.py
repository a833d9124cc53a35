"""Small closed word classes that decide whether a capitalised word is a place.

These are English function words and name cues, not place knowledge: they say "a title
comes before a person", "a month is not a town", "'in' before a word hints a location".
"""

from __future__ import annotations

MONTHS = frozenset("january february march april may june july august september october "
                   "november december jan feb mar apr jun jul aug sep sept oct nov dec".split())
WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())

# Words that are capitalised only because they open a sentence or a heading.
FUNCTION_WORDS = frozenset("""
a an the and or but nor so yet for of in on at to from by with without into onto over under
after before since until while when where whereas though although because if unless as than
this that these those there here it its he she they we you i his her their our your my me him
them us who whom whose which what why how all any both each every some many most much more few
several such no not only also just even still already again then now today yesterday tonight
meanwhile however moreover furthermore earlier later last next first second third one two three
during despite against among between through across around near outside inside toward towards
about above below beyond within upon according following including amid amidst
is are was were be been being has have had do does did will would can could shall should may
might must said says say told tells asked added reported
""".split())

# Words before a name that make it a person's.
PERSON_TITLES = frozenset("""
mr mrs ms miss dr prof sir lord lady king queen prince princess sheikh sheik emir imam
president vice prime minister secretary gen general lt col colonel maj major capt captain
sgt sergeant adm admiral cmdr commander marshal field brig brigadier gov governor sen senator
rep representative mayor judge justice ambassador envoy spokesman spokeswoman spokesperson
chief director deputy chairman chairwoman pope cardinal bishop father rev reverend saint st
""".split())

# Given names frequent in the news this app reads; a place name right after one is a surname.
GIVEN_NAMES = frozenset("""
abdel abdul abdullah abdelhakim abdelrahman abu ahmed ahmad ali amr anwar ashraf ayman bashir
fathi fayez faraj fawzi hafez hamza hassan hasan hussein ibrahim idris ismail jamal karim
khaled khalid khalifa mahmoud mohamed mohammed muhammad moammar muammar mustafa nouri omar
osama saif salah salem saleh sami sulaiman suleiman tarek tariq walid youssef yousef yusuf
zaid ahmed aguila aqila fathi ghassan haitham hisham ibrahim jalal jibril kamal majid mansour
marwan nabil nasser rashid ridha sadiq samir sherif tawfiq usama waleed abdulhamid abdulrahman
john james robert michael william david richard joseph thomas charles christopher daniel
matthew anthony mark donald steven paul andrew joshua kenneth kevin brian george edward ronald
timothy jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin scott brandon
frank benjamin gregory samuel raymond patrick alexander jack dennis jerry tyler aaron jose adam
henry nathan douglas zachary peter kyle walter ethan jeremy harold keith christian roger noah
gerald carl terry sean austin arthur lawrence jesse dylan bryan joe jordan billy bruce albert
willie gabriel logan alan juan wayne roy ralph randy eugene vincent russell elijah louis bobby
philip johnny mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy
lisa betty margaret sandra ashley kimberly emily donna michelle dorothy carol amanda melissa
deborah stephanie rebecca sharon laura cynthia kathleen amy shirley angela helen anna brenda
pamela nicole emma samantha katherine christine debra rachel catherine carolyn janet ruth
maria heather diane virginia julie joyce victoria olivia kelly christina lauren joan evelyn
judith megan cheryl andrea hannah martha jacqueline frances gloria ann teresa kathryn sara
janice jean alice madison doris abigail julia judy grace denise amber marilyn beverly danielle
theresa sophia marie diana brittany natalie isabella charlotte rose alexis kayla barack hillary
boris vladimir emmanuel angela recep bashar benjamin xi narendra theresa nicolas
ghassan stephanie martin bernardino tarek brett heather carla edward henry ashton
""".split())

# Connectors inside personal and organisation names ("Ali bin Gharbiya", "Bank of Libya").
NAME_CONNECTORS = frozenset(
    "bin ibn bint ben abu al el de del da di van von der of and the".split())

# Heads after a place name that keep it a place ("Misrata airport", "Jufra district").
PLACE_HEADS = frozenset("""
city town village district province governorate region municipality county state oblast
prefecture airport airbase port harbour harbor refinery terminal base oasis valley
mountains hills desert coast basin
""".split())

# Modifiers before a place name that keep it a place ("eastern Libya", "Greater Tripoli").
PLACE_MODIFIERS = frozenset("""
north south east west northern southern eastern western central greater downtown upper lower
northeast northwest southeast southwest northeastern northwestern southeastern southwestern
""".split())

# Words before a name that suggest a location.
LOCATIVE_CUES = frozenset("""
in at near from to into toward towards outside inside around across through via reach reached
reaching entered enter entering captured capture seized seize took retook liberated shelled
struck bombed besieged surrounded outskirts
""".split())

# Abbreviations kept in capitals even though short ("US", "UK", "UAE", "EU").
CAPITAL_ABBREVIATIONS = frozenset({"us", "uk", "uae", "usa", "eu", "drc"})
US_KEYS = frozenset({"u.s", "u.s.", "us", "u.s.a", "u.s.a."})
# Words after "U.S." that show it is a noun ("the U.S. and its allies", "the U.S. said").
NOUN_FOLLOWERS = FUNCTION_WORDS | frozenset({"which", "whose", "itself"})
# Verbs that follow "the U.S." as a subject ("the U.S. stands with").
US_VERBS = frozenset("""
says stands remains continues supports wants believes plans urges calls condemns welcomes
has is was will would does did can could must should may might needs seeks hopes expects
""".split())
