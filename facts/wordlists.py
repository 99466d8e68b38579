"""Word lists and a compact gazetteer that the offline extractor leans on instead of a tagger.

Everything here is plain data built once at import; lookups are dict/set hits.
Keys are lower-case unless a comment says otherwise.
"""

from __future__ import annotations

from functools import lru_cache

from lemminflect import getAllLemmas


def _words(s: str) -> frozenset[str]:
    return frozenset(w.strip() for w in s.split("|") if w.strip())


# --- places -------------------------------------------------------------------------------------

_COUNTRIES = """Afghanistan|Albania|Algeria|Andorra|Angola|Argentina|Armenia|Australia|Austria|Azerbaijan|
Bahamas|Bahrain|Bangladesh|Barbados|Belarus|Belgium|Belize|Benin|Bhutan|Bolivia|Bosnia|Bosnia and Herzegovina|
Botswana|Brazil|Brunei|Bulgaria|Burkina Faso|Burundi|Cambodia|Cameroon|Canada|Cape Verde|Central African Republic|
Chad|Chile|China|Colombia|Comoros|Congo|Costa Rica|Croatia|Cuba|Cyprus|Czech Republic|Czechia|Denmark|Djibouti|
Dominica|Dominican Republic|Ecuador|Egypt|El Salvador|Equatorial Guinea|Eritrea|Estonia|Eswatini|Ethiopia|Fiji|
Finland|France|Gabon|Gambia|Georgia|Germany|Ghana|Greece|Greenland|Grenada|Guatemala|Guinea|Guyana|Haiti|Honduras|
Hungary|Iceland|India|Indonesia|Iran|Iraq|Ireland|Israel|Italy|Ivory Coast|Jamaica|Japan|Jordan|Kazakhstan|Kenya|
Kosovo|Kuwait|Kyrgyzstan|Laos|Latvia|Lebanon|Lesotho|Liberia|Libya|Liechtenstein|Lithuania|Luxembourg|Madagascar|
Malawi|Malaysia|Maldives|Mali|Malta|Mauritania|Mauritius|Mexico|Moldova|Monaco|Mongolia|Montenegro|Morocco|
Mozambique|Myanmar|Burma|Namibia|Nepal|Netherlands|New Zealand|Nicaragua|Niger|Nigeria|North Korea|North Macedonia|
Norway|Oman|Pakistan|Palestine|Panama|Papua New Guinea|Paraguay|Peru|Philippines|Poland|Portugal|Puerto Rico|Qatar|
Romania|Russia|Rwanda|Saudi Arabia|Senegal|Serbia|Sierra Leone|Singapore|Slovakia|Slovenia|Somalia|South Africa|
South Korea|South Sudan|Spain|Sri Lanka|Sudan|Suriname|Sweden|Switzerland|Syria|Taiwan|Tajikistan|Tanzania|
Thailand|Togo|Trinidad and Tobago|Tunisia|Turkey|Turkiye|Turkmenistan|Uganda|Ukraine|United Arab Emirates|
United Kingdom|United States|Uruguay|Uzbekistan|Venezuela|Vietnam|Yemen|Zambia|Zimbabwe|Britain|England|Scotland|
Wales|Northern Ireland|Vatican|Hong Kong|Macau|Tibet|Xinjiang|Gaza|Gaza Strip|West Bank|Crimea|Donbas|Kashmir|
Chechnya|Darfur|Kurdistan"""

_US_STATES = """Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|Hawaii|Idaho|
Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota|Mississippi|
Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|New Mexico|New York|North Carolina|North Dakota|Ohio|
Oklahoma|Oregon|Pennsylvania|Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|
Washington|West Virginia|Wisconsin|Wyoming|District of Columbia"""

_CITIES = """Washington|New York|Los Angeles|Chicago|Houston|Phoenix|Philadelphia|San Antonio|San Diego|Dallas|
San Jose|Austin|San Francisco|Seattle|Denver|Boston|Detroit|Miami|Atlanta|Las Vegas|El Paso|Tucson|Laredo|
Brownsville|McAllen|Nogales|Yuma|New Orleans|Baltimore|Minneapolis|Portland|Sacramento|Orlando|Tampa|Pittsburgh|
Cleveland|Nashville|Memphis|Honolulu|Anchorage|Guantanamo|Guantanamo Bay|Mexico City|Tijuana|Ciudad Juarez|Juarez|
Monterrey|Guadalajara|Matamoros|Reynosa|Nuevo Laredo|Cancun|Acapulco|Guatemala City|San Salvador|Tegucigalpa|
Managua|Havana|Caracas|Bogota|Lima|Quito|Santiago|Buenos Aires|Sao Paulo|Rio de Janeiro|Brasilia|Montevideo|
La Paz|Panama City|San Juan|Port-au-Prince|Santo Domingo|Kingston|Ottawa|Toronto|Montreal|Vancouver|London|
Paris|Berlin|Madrid|Rome|Brussels|Amsterdam|The Hague|Vienna|Geneva|Zurich|Stockholm|Oslo|Copenhagen|Helsinki|
Warsaw|Prague|Budapest|Bucharest|Athens|Lisbon|Dublin|Edinburgh|Moscow|St. Petersburg|Kyiv|Kiev|Kharkiv|Odesa|
Minsk|Istanbul|Ankara|Tehran|Baghdad|Damascus|Beirut|Jerusalem|Tel Aviv|Amman|Cairo|Riyadh|Jeddah|Dubai|
Abu Dhabi|Doha|Kabul|Islamabad|Karachi|Lahore|New Delhi|Delhi|Mumbai|Kolkata|Dhaka|Beijing|Shanghai|Shenzhen|
Guangzhou|Wuhan|Taipei|Tokyo|Osaka|Seoul|Pyongyang|Manila|Jakarta|Bangkok|Hanoi|Kuala Lumpur|Sydney|
Melbourne|Canberra|Auckland|Wellington|Nairobi|Lagos|Abuja|Johannesburg|Cape Town|Pretoria|Addis Ababa|Khartoum|
Kinshasa|Tripoli|Tunis|Algiers|Rabat|Casablanca|Dakar|Accra|Mogadishu|Kampala|Kigali|Strasbourg|
Davos|Munich|Frankfurt|Hamburg|Milan|Naples|Barcelona|Marseille|Lyon|Manchester|Birmingham|Glasgow|
Belfast|Cardiff|Rafah|Khan Younis|Gaza City|Ramallah|Aleppo|Mosul|Basra|Kandahar|Sanaa|Aden"""

_REGIONS = """Gulf of Mexico|Gulf of America|Middle East|Europe|Asia|Africa|North America|South America|
Latin America|Central America|Caribbean|Pacific|Atlantic|Arctic|Antarctica|Mediterranean|Red Sea|Black Sea|
Baltic|Balkans|Sahel|Persian Gulf|Gulf of Aden|Strait of Hormuz|South China Sea|Taiwan Strait|Rio Grande|
Southeast Asia|East Asia|Western Europe|Eastern Europe|Scandinavia|Siberia|Indo-Pacific|Horn of Africa|
Panama Canal|Suez Canal|Midwest|Silicon Valley|Capitol Hill"""

# Other spellings -> canonical name.
PLACE_ALIASES: dict[str, str] = {
    "US": "United States",
    "U.S.": "United States",
    "USA": "United States",
    "U.S.A.": "United States",
    "America": "United States",
    "United States of America": "United States",
    "UK": "United Kingdom",
    "U.K.": "United Kingdom",
    "Britain": "United Kingdom",
    "Great Britain": "United Kingdom",
    "UAE": "United Arab Emirates",
    "U.A.E.": "United Arab Emirates",
    "Kiev": "Kyiv",
    "Burma": "Myanmar",
    "Czechia": "Czech Republic",
    "Turkiye": "Turkey",
    "D.C.": "Washington, D.C.",
}

# Canonical place name by surface form (case-sensitive: "US" is a place, "us" is not).
PLACES: dict[str, str] = {}
for _blob in (_COUNTRIES, _US_STATES, _CITIES, _REGIONS):
    for _p in _words(_blob.replace("\n", "")):
        PLACES[_p] = _p
PLACES.update(PLACE_ALIASES)
US_STATES = _words(_US_STATES.replace("\n", ""))
# State abbreviations as used after a city ("Austin, Tex.").
US_STATE_ABBR: dict[str, str] = {
    "Ala.": "Alabama",
    "Ariz.": "Arizona",
    "Ark.": "Arkansas",
    "Calif.": "California",
    "Colo.": "Colorado",
    "Conn.": "Connecticut",
    "Fla.": "Florida",
    "Ga.": "Georgia",
    "Ill.": "Illinois",
    "Ind.": "Indiana",
    "Kan.": "Kansas",
    "Ky.": "Kentucky",
    "La.": "Louisiana",
    "Md.": "Maryland",
    "Mass.": "Massachusetts",
    "Mich.": "Michigan",
    "Minn.": "Minnesota",
    "Miss.": "Mississippi",
    "Mo.": "Missouri",
    "Neb.": "Nebraska",
    "Nev.": "Nevada",
    "N.J.": "New Jersey",
    "N.M.": "New Mexico",
    "N.Y.": "New York",
    "N.C.": "North Carolina",
    "Okla.": "Oklahoma",
    "Ore.": "Oregon",
    "Pa.": "Pennsylvania",
    "Tenn.": "Tennessee",
    "Tex.": "Texas",
    "Va.": "Virginia",
    "Wash.": "Washington",
    "Wis.": "Wisconsin",
    "D.C.": "District of Columbia",
}

# Nationality adjective -> country. Used for roles ("Mexican President") and figure modifiers.
DEMONYMS: dict[str, str] = {
    "American": "United States",
    "US": "United States",
    "U.S.": "United States",
    "Mexican": "Mexico",
    "Guatemalan": "Guatemala",
    "Honduran": "Honduras",
    "Salvadoran": "El Salvador",
    "Nicaraguan": "Nicaragua",
    "Cuban": "Cuba",
    "Haitian": "Haiti",
    "Venezuelan": "Venezuela",
    "Colombian": "Colombia",
    "Brazilian": "Brazil",
    "Argentine": "Argentina",
    "Chilean": "Chile",
    "Peruvian": "Peru",
    "Ecuadorian": "Ecuador",
    "Bolivian": "Bolivia",
    "Panamanian": "Panama",
    "Canadian": "Canada",
    "British": "United Kingdom",
    "UK": "United Kingdom",
    "English": "England",
    "Scottish": "Scotland",
    "Irish": "Ireland",
    "French": "France",
    "German": "Germany",
    "Italian": "Italy",
    "Spanish": "Spain",
    "Portuguese": "Portugal",
    "Dutch": "Netherlands",
    "Belgian": "Belgium",
    "Swiss": "Switzerland",
    "Austrian": "Austria",
    "Swedish": "Sweden",
    "Norwegian": "Norway",
    "Danish": "Denmark",
    "Finnish": "Finland",
    "Polish": "Poland",
    "Czech": "Czech Republic",
    "Hungarian": "Hungary",
    "Romanian": "Romania",
    "Greek": "Greece",
    "Turkish": "Turkey",
    "Russian": "Russia",
    "Ukrainian": "Ukraine",
    "Belarusian": "Belarus",
    "Israeli": "Israel",
    "Palestinian": "Palestine",
    "Lebanese": "Lebanon",
    "Syrian": "Syria",
    "Iraqi": "Iraq",
    "Iranian": "Iran",
    "Saudi": "Saudi Arabia",
    "Emirati": "United Arab Emirates",
    "Qatari": "Qatar",
    "Yemeni": "Yemen",
    "Jordanian": "Jordan",
    "Egyptian": "Egypt",
    "Libyan": "Libya",
    "Moroccan": "Morocco",
    "Sudanese": "Sudan",
    "Ethiopian": "Ethiopia",
    "Somali": "Somalia",
    "Kenyan": "Kenya",
    "Nigerian": "Nigeria",
    "South African": "South Africa",
    "Congolese": "Congo",
    "Afghan": "Afghanistan",
    "Pakistani": "Pakistan",
    "Indian": "India",
    "Chinese": "China",
    "Taiwanese": "Taiwan",
    "Japanese": "Japan",
    "Korean": "Korea",
    "South Korean": "South Korea",
    "North Korean": "North Korea",
    "Vietnamese": "Vietnam",
    "Filipino": "Philippines",
    "Indonesian": "Indonesia",
    "Australian": "Australia",
    "European": "Europe",
}

# --- organisations ------------------------------------------------------------------------------

# Last word of a capitalised run that makes it an organisation.
ORG_SUFFIXES = _words(
    """Ministry|Department|News|Agency|Party|Council|Army|Police|Commission|Committee|Court|Bank|Inc|Inc.|
Corp|Corp.|Corporation|Group|Company|Co.|Ltd|Ltd.|LLC|PLC|University|College|Institute|Association|Union|
Organization|Organisation|Service|Services|Office|Bureau|Administration|Authority|Forces|Force|Guard|Navy|
Times|Post|Journal|Network|Foundation|Fund|Board|Senate|House|Congress|Parliament|Assembly|Cartel|Front|
Movement|Brigade|Brigades|Patrol|Command|Corps|Reserve|Federation|Alliance|Airlines|Airways|Motors|Holdings|
Technologies|Labs|Partners|Tribunal|Cabinet|Secretariat|Directorate|Coalition|Church|Hospital|Center|
Centre|Club|Exchange|Enforcement|Protection|Security|Intelligence|Magazine|Press|Radio|Television|TV|
Broadcasting|Herald|Tribune|Gazette|Telegraph|Guardian|Register|Review"""
)
# First word of a capitalised run that makes it an organisation ("Ministry of Defence").
ORG_PREFIXES = _words(
    """Ministry|Department|Bank|University|Office|Bureau|Court|Council|Committee|Commission|Institute"""
)
KNOWN_ORGS = _words(
    """Reuters|AP|Associated Press|AFP|Agence France-Presse|Bloomberg|NBC|NBC News|CBS|CBS News|ABC|ABC News|
CNN|Fox News|MSNBC|BBC|Al Jazeera|Axios|Politico|New York Times|Washington Post|Wall Street Journal|
Financial Times|The Economist|Economist|Pentagon|Kremlin|White House|Congress|Senate|Parliament|
Supreme Court|NATO|UN|U.N.|United Nations|EU|European Union|European Commission|IMF|World Bank|WHO|WTO|
OPEC|FBI|CIA|NSA|ICE|CBP|DHS|DOJ|FEMA|EPA|FDA|CDC|SEC|IRS|NASA|Border Patrol|Coast Guard|Marines|
Hamas|Hezbollah|Taliban|Islamic State|ISIS|Al Qaeda|Houthis|Sinaloa Cartel|Wagner|
Democrats|Republicans|Democratic Party|Republican Party|GOP|Labour|Conservatives|Red Cross|UNHCR|UNICEF|
Amnesty International|Human Rights Watch|Interpol|Europol|Frontex|Federal Reserve|Fed|Treasury|
State Department|Justice Department|Homeland Security|Google|Apple|Microsoft|Amazon|Meta|Tesla|Boeing|
Airbus|SpaceX|OpenAI|Truth Social|Facebook|Instagram|TikTok|YouTube|Telegram|WhatsApp"""
)
# Lower-case heads that, after a place possessive or a nationality, name an institution or a
# group: "Mexico's foreign ministry", "Guatemalan authorities", "Mexican drug cartels".
INSTITUTION_HEADS = (
    "ministry|government|military|army|navy|police|embassy|consulate|parliament|congress|senate|cabinet|"
    "authorities|administration|armed forces|forces|cartels?|gangs?|rebels|militants|militia|courts?|"
    "central bank|security forces|border patrol|coast guard|air force|prosecutors|intelligence services?|"
    "presidency|junta|regime|opposition|officials"
)

# --- people -------------------------------------------------------------------------------------

# Title words (as capitalised in a run) that can be part of a role before a name.
TITLE_WORDS = _words(
    """President|President-elect|Vice|Prime|Minister|Secretary|Senator|Sen.|Rep.|Representative|Gov.|Governor|
Mayor|General|Gen.|Lt.|Lieutenant|Col.|Colonel|Maj.|Major|Capt.|Captain|Adm.|Admiral|Sgt.|Sergeant|
Cmdr.|Commander|Chancellor|King|Queen|Pope|Judge|Justice|Ambassador|Spokesman|Spokeswoman|Spokesperson|
CEO|Chairman|Chairwoman|Chair|Director|Commissioner|Mr.|Mrs.|Ms.|Dr.|Prof.|Professor|Speaker|Leader|
Attorney|Sheriff|Chief|Deputy|Premier|Prince|Princess|Crown|Sheikh|Emir|Sultan|Ayatollah|Rabbi|Cardinal|
Bishop|Archbishop|Rev.|Reverend|Officer|Inspector|Superintendent|Envoy|Czar|Tsar|Adviser|Advisor|Sir|Dame|
Lord|Lady|Mr|Mrs|Ms|Dr|Congressman|Congresswoman|Coach|Agent|Detective|Minority|Majority|Whip|Founder|
Executive|Marshal|Field|Foreign|Defense|Defence|Interior|Finance|Economy|Trade|Health|Justice|Homeland|
Security|State|Treasury|Border|Press|Senior|Acting|Former|Interim|House|Senate|of|the"""
)
# Title words that can end a role ("Secretary of State" keeps going through "of State").
TITLE_HEADS = _words(
    """President|President-elect|Minister|Secretary|Senator|Sen.|Rep.|Representative|Gov.|Governor|Mayor|
General|Gen.|Colonel|Col.|Major|Maj.|Captain|Capt.|Admiral|Adm.|Sergeant|Sgt.|Commander|Cmdr.|Chancellor|
King|Queen|Pope|Judge|Justice|Ambassador|Spokesman|Spokeswoman|Spokesperson|CEO|Chairman|Chairwoman|Chair|
Director|Commissioner|Mr.|Mrs.|Ms.|Dr.|Prof.|Professor|Speaker|Leader|Sheriff|Chief|Premier|Prince|
Princess|Sheikh|Emir|Sultan|Ayatollah|Rabbi|Cardinal|Bishop|Archbishop|Rev.|Reverend|Officer|Inspector|
Superintendent|Envoy|Czar|Tsar|Adviser|Advisor|Sir|Dame|Lord|Lady|Mr|Mrs|Ms|Dr|Congressman|Congresswoman|
Coach|Agent|Detective|Whip|Founder|Marshal|Lieutenant|Lt.|Attorney|Deputy"""
)
# "Secretary of State", "Minister of Finance": these words may follow "of" inside a title.
TITLE_OF_WORDS = _words(
    "State|Defense|Defence|Finance|Foreign|Affairs|Interior|Health|Justice|Homeland|Security|the|Economy|Trade"
)
# Lower-case role nouns that may stand before a name ("spokesman John Kirby") or for a person
# already named ("the president").
ROLE_NOUNS = _words(
    """president|vice president|prime minister|minister|secretary|spokesman|spokeswoman|spokesperson|
governor|mayor|senator|lawmaker|leader|chief|director|ambassador|envoy|adviser|advisor|commander|
chancellor|judge|prosecutor|attorney|lawyer|chairman|chairwoman|executive|analyst|economist|researcher|
professor|sheriff|king|queen|pope|premier|head|negotiator|diplomat|candidate|president-elect|
foreign minister|defense minister|defense secretary|interior minister|czar|official"""
)

# --- closed word classes ------------------------------------------------------------------------

MONTHS: dict[str, int] = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
WEEKDAYS: dict[str, int] = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}

# Capitalised words that start sentences or quotes and are never names on their own.
FUNCTION_WORDS = _words(
    """the|a|an|but|and|or|nor|so|yet|in|on|at|to|for|from|by|with|without|of|as|if|when|while|after|before|
since|until|although|though|because|however|meanwhile|also|still|then|there|here|this|that|these|those|
he|she|it|they|we|i|you|his|her|its|their|our|my|your|him|them|us|who|whom|whose|which|what|where|why|how|
some|many|most|more|few|all|both|each|every|any|no|not|one|other|another|such|only|even|just|earlier|later|
last|next|first|second|third|new|former|under|over|about|around|despite|during|against|among|between|amid|
into|through|according|asked|speaking|separately|instead|yes|now|today|yesterday|tomorrow|it's|that's|
there's|let|do|does|did|is|are|was|were|be|been|has|have|had|will|would|could|should|may|might|must|can|
including|like|unlike|following|within|across|toward|towards|upon|via|per|than|whether|whatever|whoever|
overall|finally|initially|ultimately|previously|currently|officials|authorities|police|people|monday|
tuesday|wednesday|thursday|friday|saturday|sunday"""
)

AUXILIARIES = _words(
    """is|are|was|were|be|been|being|am|has|have|had|having|do|does|did|will|would|could|can|may|might|shall|
should|must|won't|wouldn't|couldn't|can't|cannot|didn't|doesn't|don't|isn't|aren't|wasn't|weren't|hasn't|
haven't|hadn't|shouldn't|won’t|wouldn’t|couldn’t|can’t|didn’t|doesn’t|don’t|isn’t|aren’t|wasn’t|weren’t|
hasn’t|haven’t|hadn’t|shouldn’t"""
)
MODALS = _words(
    "will|would|could|can|may|might|shall|should|must|won't|wouldn't|couldn't|can't|cannot|won’t|wouldn’t|couldn’t|can’t"
)
NEGATIONS = _words("not|n't|never")
DETERMINERS = _words(
    """the|a|an|this|these|those|his|her|its|their|our|my|your|some|any|each|every|no|another|such|
whose|both|either|neither|all"""
)
PREPOSITIONS = _words(
    """of|in|on|at|to|for|from|by|with|without|into|onto|over|under|about|around|across|after|before|since|
until|during|against|among|between|through|toward|towards|near|along|amid|despite|per|via|than|like|
within|beyond|behind|beside|below|above|off|upon|including|following|inside|outside"""
)
CONJUNCTIONS = _words("and|or|but|nor|so|yet|while|whereas|although|though|because|as|if|when|that|which|who")
PRONOUNS = _words("he|she|it|they|we|i|you|who|which|that|there")
# Words that end the noun phrase after a number ("1,500 troops there", "80 migrants each").
NP_STOP = (
    PREPOSITIONS
    | CONJUNCTIONS
    | DETERMINERS
    | AUXILIARIES
    | _words(
        """there|here|each|apiece|so|far|now|then|already|also|still|soon|ago|earlier|later|less|fewer|
total|altogether|respectively|too|last|next|this|that|yesterday|today|tomorrow|tonight|again|alone|
only|just|overall|instead|daily|annually|monthly|weekly|out|up|down|off|not|who|which|whom|whose"""
    )
)
# Particles that make phrasal verbs ("carry out", "set up").
PARTICLES = _words("out|up|off|down|back|over|away|forward|ahead")
PHRASAL_OK = _words(
    """carry|set|take|shut|call|pull|step|back|hand|turn|sign|send|wipe|break|cut|lay|roll|scale|ramp|
crack|drop|push|move|rule|give|put|blow|bring|beef|shore|round|sort|pick|ship|fend|stave|spell|point|
wind|phase|close|hold|head|hit|lock|seal|speak|stand|walk|back|sit|spill|pay|make|buy|sell"""
)

# Speech verbs whose subject is the source of the clause they introduce or follow.
SPEECH_VERBS = _words(
    """said|says|say|told|tells|tell|added|adds|stated|states|noted|notes|wrote|writes|posted|tweeted|
warned|warns|insisted|insists|claimed|claims|acknowledged|acknowledges|explained|explains|argued|argues|
asserted|asserts|estimated|estimates|reported|reports|confirmed|confirms|announced|announces|
stressed|stresses|emphasized|emphasised|cautioned|predicted|alleged|alleges|maintained|maintains|
contended|observed|recalled|replied|responded|testified|commented|conceded|concedes|disclosed|revealed|
suggested|suggests|indicated|indicates|admitted|admits|denied|denies|vowed|vows|promised|pledged|
believes|believed|thinks|expects|continued|asked|asks|wrote"""
)

# Words a tagger would call adjectives but lemminflect may not: keep them as figure modifiers.
EXTRA_ADJECTIVES = _words(
    """additional|extra|new|former|other|further|active-duty|active|unaccompanied|undocumented|
civilian|military|armed|federal|national|foreign|local|elderly|young|wounded|injured|deported|detained|
registered|eligible|estimated|total|similar|separate|different|confirmed|suspected|alleged|displaced|
across-the-board|blanket|retaliatory|commercial|chartered|daily|annual|monthly|weekly"""
)

SCALES: dict[str, float] = {
    "hundred": 1e2,
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "mln": 1e6,
    "bln": 1e9,
    "bn": 1e9,
    "m": 1e6,
    "b": 1e9,
    "k": 1e3,
    "tn": 1e12,
}
NUMBER_WORDS: dict[str, int] = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
ORDINALS: dict[str, int] = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "twentieth": 20,
    "hundredth": 100,
}
IRREGULAR_PLURALS: dict[str, str] = {
    "people": "people",
    "persons": "person",
    "children": "child",
    "men": "man",
    "women": "woman",
    "police": "police",
    "personnel": "personnel",
    "staff": "staff",
    "troops": "troop",
    "aircraft": "aircraft",
    "goods": "goods",
    "data": "data",
    "cattle": "cattle",
    "feet": "foot",
    "lives": "life",
    "news": "news",
    "series": "series",
    "species": "species",
    "percent": "percent",
    "forces": "force",
    "arms": "arms",
}
_UNCOUNTED_PLURAL = frozenset(
    {"aircraft", "staff", "personnel", "data", "news", "series", "species", "percent"}
)


# --- lemmatisation (cached: the same few hundred words come up in every article) ----------------


@lru_cache(maxsize=65536)
def pos_lemmas(word: str) -> dict[str, tuple[str, ...]]:
    """lemminflect's {upos: lemmas} for a lower-case word; {} when it does not know the word."""
    return dict(getAllLemmas(word))


@lru_cache(maxsize=65536)
def noun_lemma(word: str) -> str:
    """Singular lemma of a counted noun ("troops" -> "troop", "people" -> "people")."""
    low = word.lower()
    if low in IRREGULAR_PLURALS:
        return IRREGULAR_PLURALS[low]
    if word.isupper() and len(word) > 1:
        return word  # acronyms: "ICBMs" handled below, "UN" stays
    lem = pos_lemmas(low).get("NOUN")
    if lem:
        return lem[0]
    if low.endswith("ies") and len(low) > 4:
        return low[:-3] + "y"
    if low.endswith(("ses", "xes", "ches", "shes")):
        return low[:-2]
    if low.endswith("s") and not low.endswith("ss") and len(low) > 3:
        return low[:-1]
    return low


@lru_cache(maxsize=65536)
def is_plural_noun(word: str) -> bool:
    low = word.lower()
    if low in IRREGULAR_PLURALS:
        return low not in _UNCOUNTED_PLURAL
    lem = pos_lemmas(low).get("NOUN")
    if lem:
        return lem[0] != low
    return low.endswith("s") and not low.endswith("ss") and len(low) > 3 and "VERB" not in pos_lemmas(low)


@lru_cache(maxsize=65536)
def verb_lemma(word: str) -> str | None:
    """Lemma when `word` can be a verb form, else None."""
    lem = pos_lemmas(word.lower()).get("VERB")
    return lem[0] if lem else None


@lru_cache(maxsize=65536)
def word_classes(word: str) -> frozenset[str]:
    return frozenset(pos_lemmas(word.lower()))
