"""Word lists for understanding questions and reading sentences: stopwords, synonyms,
derivations, demonyms, number words, hedges. General news English, not one story's words."""

from __future__ import annotations

from functools import lru_cache

from lemminflect import getAllLemmas

from facts.wordlists import NUMBER_WORDS as _WL_NUMBER_WORDS

# Words that carry no focus in a question: wh-words, auxiliaries, pronouns, particles.
STOPWORDS = frozenset(
    """
    a an the this that these those there here it its it's they them their theirs he him his she her
    hers we our ours you your yours i me my mine us? one ones
    what which who whom whose when where why how whats what's whos who's wheres where's hows how's
    is are was were be been being am do does did done doing have has had having
    will would shall should can could may might must ought
    of in on at to from by for with about into onto over under after before since until till
    during per via than as so such then also just only very too more most less least much many
    and or but nor not no yes if whether any some all each every both either neither
    up down out off again further once ever yet still already
    tell know say said please pls anything something thing things get got go going went
    supposed meant 'd 's 'll 're 've n't
    because although though while despite against among between through across toward towards near
    within without amid unless whereas
    """.replace("us?", "").split()
)

# Words a question uses to ask, not to describe the thing asked about.
QUESTION_FILLER = frozenset(
    """number amount total figure figures count exactly approximately roughly around latest update
    updates news story info information detail details currently now today so far far""".split()
)

AUXILIARIES = frozenset(
    "is are was were be been am do does did have has had will would shall should can could may might must".split()
)

WH_WORDS = frozenset("what which who whom whose when where why how".split())

# Generic words: matched they help a little, unmatched they hurt little.
# ("altogether", "apiece", "overall" say how a count is taken, in all or each, which the answering
# reads from the question's wording: not words the answering sentence must hold)
GENERIC = frozenset(
    """people person persons thing things way time times day days year years part kind lot place
    make made take took give gave put use used happen happened happening occur occurred
    mean means new first last recent recently due
    altogether apiece overall""".split()
)

# Verbs of saying: low weight as focus, but they mark "who said" questions.
SAY_VERBS = frozenset(
    """say tell report confirm announce state claim add note write post tweet describe
    acknowledge insist argue comment reveal disclose""".split()
)
WHO_SAID_VERBS = frozenset("say tell report confirm announce state claim reveal disclose break leak".split())

# Synonym groups over lemmas. A question word matches a sentence word of the same group.
_SYNONYM_GROUPS: list[set[str]] = [
    {"troop", "soldier", "force", "servicemember", "personnel", "marine", "serviceman", "guardsman"},
    {"send", "deploy", "order", "dispatch", "station", "mobilize", "post", "assign"},
    {"order", "direct", "instruct", "command", "tell"},
    {"cancel", "scrap", "void", "end", "terminate", "shut", "revoke", "rescind", "axe"},
    {"capacity", "hold", "house", "accommodate", "space"},
    {"target", "quota", "goal"},
    {"migrant", "immigrant", "deportee", "asylum-seeker", "returnee", "alien", "illegal"},
    {"plane", "aircraft", "airplane", "jet", "aeroplane", "airliner", "flight", "airlift"},
    {"tariff", "duty", "levy", "tax"},
    {"deport", "expel", "remove", "repatriate", "return"},
    {"refuse", "deny", "reject", "block", "decline", "bar", "turn", "rebuff", "prevent", "withhold"},
    {"land", "arrive", "touch"},
    {"agree", "accept", "consent", "allow", "approve", "permit", "authorize", "receive"},
    {"say", "state", "tell", "comment"},
    {"designate", "declare", "label", "classify", "name", "brand", "list"},
    {"border", "frontier", "borderline"},
    {"start", "begin", "commence", "launch", "kick", "open", "resume"},
    {"cost", "price", "spend", "expense", "pay", "worth", "charge", "bill"},
    {"relocate", "move", "transport", "evacuate", "carry", "ferry", "fly", "airlift"},
    {"threaten", "warn", "threat"},
    {"promise", "pledge", "commit", "vow", "guarantee", "offer"},
    {"pentagon", "defense", "defence"},
    {"administration", "white_house", "government"},
    {"military", "army", "armed", "air_force", "navy"},
    {"impose", "slap", "levy", "enact", "announce"},
    {"program", "programme", "policy", "plan", "initiative", "scheme"},
    {"ministry", "department", "secretariat", "office"},
    {"president", "leader"},
    {"official", "officer", "administrator", "authority", "spokesperson", "spokesman", "spokeswoman"},
    {"country", "nation", "state"},
    {"good", "import", "product", "export"},
    {"rename", "name", "call", "redesignate"},
    {"hold", "detain", "keep", "house"},
    {"increase", "raise", "rise", "grow", "boost", "hike", "climb", "gain"},
    {"decrease", "cut", "reduce", "fall", "drop", "lower"},
    {"kill", "die", "dead", "death", "fatality"},
    {"injure", "wound", "hurt"},
    {"arrest", "detain", "apprehend"},
    {"cartel", "gang"},
    {"relation", "relationship", "tie"},
    {"request", "ask", "demand", "plea"},
    {"emergency", "crisis"},
    {"end", "stop", "halt", "suspend", "cancel", "pause"},
    {"pause", "postpone", "delay", "defer", "suspend", "freeze"},
    {"talk", "negotiation", "negotiate", "discussion", "meeting"},
    {
        "people",
        "person",
        "individual",
        "migrant",
        "immigrant",
        "deportee",
        "passenger",
        "national",
        "citizen",
        "asylum-seeker",
        "seeker",
        "returnee",
        "resident",
        "civilian",
        "crowd",
        "protester",
        "demonstrator",
        "marcher",
    },
    {"use", "utilize", "employ"},
    {"stock", "share"},
    {"home", "house", "residence", "dwelling"},
    {"building", "structure"},
    {"firefighter", "personnel", "crew"},
    {"injure", "hurt", "wound", "injury"},
    {"employee", "worker", "staff", "workforce", "employ"},
    {"job", "position", "post", "role"},
    {"layoff", "cut", "eliminate", "lay", "redundancy"},
    {"earthquake", "quake", "temblor", "tremor"},
    {"wildfire", "fire", "blaze"},
    {"burn", "scorch", "char", "blacken"},
    {"win", "defeat", "beat", "victory", "elect"},
    {"election", "race", "vote", "ballot", "contest"},
    {"support", "favor", "favour", "endorse", "back"},
    {"company", "firm"},
    {"chief", "head"},
    {"train", "rail", "railway", "railroad"},
    {"main", "benchmark", "key", "headline"},
    {"profit", "earnings", "earn", "income"},
    {"revenue", "sales", "turnover"},
    {"spill", "leak"},
    {"appoint", "nominate", "name"},
    # a trip and the travelling done on it: "a six-year journey" is how far a probe travelled
    {"travel", "journey", "trip", "voyage"},
]

# Nouns that name a measured quantity: "what was the turnout", "how deep was the quake": the
# figure a sentence gives right after the noun ("Turnout was about 41%", "a depth of 10 km").
MEASURE_NOUNS = frozenset(
    """turnout margin magnitude depth toll height length distance speed area size population
    capacity price value rate score inflation unemployment yield""".split()
)
# "how deep/big/far ...": the measure noun asked for, and the units that measure it
DIMENSIONS: dict[str, tuple[str, frozenset[str]]] = {
    "deep": ("depth", frozenset("kilometer kilometre km mile meter metre foot feet".split())),
    "big": ("size", frozenset("acre hectare kilometer kilometre km mile".split())),
    "large": ("size", frozenset("acre hectare kilometer kilometre km mile".split())),
    "high": ("height", frozenset("meter metre foot feet".split())),
    "tall": ("height", frozenset("meter metre foot feet".split())),
    "far": ("distance", frozenset("kilometer kilometre km mile meter metre".split())),
    "strong": ("magnitude", frozenset()),
    "fast": ("speed", frozenset({"speed", "knot", "mph", "kph"})),
    "old": ("age", frozenset()),
}

# Verbs of change: "how much did the shares fall" asks for the size of a change.
CHANGE_VERBS = frozenset(
    """fall drop decline slide sink plunge tumble slip lose rise climb gain jump surge soar increase
    decrease grow shrink""".split()
)

# Counted nouns that denote people: a "how many people" question accepts any of them.
PERSON_NOUNS = frozenset(
    """people person individual migrant immigrant deportee passenger national citizen asylum-seeker
    seeker returnee resident civilian refugee detainee prisoner child adult family worker alien
    troop soldier servicemember personnel marine officer agent official employee staff voter
    firefighter student patient victim survivor evacuee man woman boy girl teenager baby
    pedestrian motorist""".split()
)

# An outbreak's count of the sick, however a report words it: "14 people fell ill", "cases rose
# to 19", "sickened 30 people", "40 infections" count the same people.
ILLNESS_NOUNS = frozenset("case infection".split())
ILLNESS_WORDS = frozenset(
    """ill sick sickened sicken sickens infected infect infection infections illness illnesses
    poisoning poisoned""".split()
)

# Derivationally related lemmas (verb <-> noun <-> adjective), matched at a small discount.
_DERIVATIONS: list[set[str]] = [
    {"deport", "deportation", "deportee", "deported"},
    {"declare", "declaration"},
    {"fly", "flight", "flew"},
    {"relocate", "relocation"},
    {"deny", "denial"},
    {"refuse", "refusal"},
    {"approve", "approval"},
    {"repatriate", "repatriation"},
    {"migrate", "migrant", "migration"},
    {"immigrate", "immigrant", "immigration"},
    {"emigrate", "emigrant", "emigration"},
    {"arrive", "arrival"},
    {"remove", "removal"},
    {"expel", "expulsion"},
    {"agree", "agreement"},
    {"decide", "decision"},
    {"announce", "announcement"},
    {"threaten", "threat"},
    {"impose", "imposition"},
    {"designate", "designation"},
    {"permit", "permission"},
    {"land", "landing"},
    {"respond", "response"},
    {"retaliate", "retaliation", "retaliatory"},
    {"negotiate", "negotiation"},
    {"accept", "acceptance"},
    {"cooperate", "cooperation"},
    {"launch", "relaunch", "re-launch", "launching"},
    {"deploy", "deployment", "redeploy"},
    {"detain", "detention", "detainee"},
    {"rescue", "rescuer"},
    {"survive", "survivor", "survival"},
    {"militarize", "military", "militarization"},
    {"propose", "proposal"},
    {"require", "requirement"},
    {"invade", "invasion"},
    {"escalate", "escalation"},
    {"sanction", "sanctions"},
    {"transport", "transportation"},
    {"confirm", "confirmation"},
    {"report", "reporter", "reporting"},
    {"state", "statement"},
    {"charter", "chartered"},
    {"commerce", "commercial"},
    {"govern", "government", "governor"},
    {"administer", "administration"},
    {"withdraw", "withdrawal"},
    {"evacuate", "evacuation"},
    {"seek", "seeker", "asylum-seeker"},
    {"travel", "traveler", "traveller"},
    {"receive", "reception", "receipt"},
    {"return", "returnee"},
    {"tariff", "tariffs"},
    {"cost", "costly"},
    {"treat", "treatment"},
    {"enforce", "enforcement"},
    {"derail", "derailment"},
    {"quarter", "quarterly"},
    {"month", "monthly"},
    {"week", "weekly"},
    {"year", "yearly", "annual", "annually"},
    {"mayor", "mayoral", "mayoralty"},
    {"manage", "manager", "management"},
    {"investigate", "investigation", "investigator"},
    {"hospital", "hospitalize", "hospitalise", "hospitalization", "hospitalisation"},
]

# A word with a sense the sentence reads it in only when no particle of motion follows: "the
# budget passed", "parliament passed the bill" approve; "the convoy passed through Wenlow" does
# not. Sentence words get the extra key; words of the other lemmas get the first one back.
SENSES: dict[str, tuple[str, frozenset[str]]] = {
    "pass": (
        "approve",
        frozenset(
            """through away over on out along into across down under around off between near
            beyond past up back""".split()
        ),
    ),
}
SENSE_BACK: dict[str, str] = {"approve": "pass", "adopt": "pass"}

# The little words that finish a phrasal verb in a question ("pay back"): read into the verb, not
# words a sentence must hold
PARTICLES = frozenset("back in off out up down at for on over away".split())

# Idioms that say one verb in several words, as lemma sequences: a sentence saying one is read
# as also saying the verb ("came off the rails" derailed; "treated in hospital" hospitalized).
# The idiom's own words keep their keys ("how many were treated" still matches).
IDIOMS: dict[tuple[str, ...], str] = {
    **{
        (verb, "off", "the", way): "derail"
        for verb in ("come", "go")
        for way in ("rail", "rails", "track", "tracks", "line")
    },
    **{
        (verb, "the", way): "derail"
        for verb in ("leave", "jump")
        for way in ("rail", "rails", "track", "tracks")
    },
    # a fire, war or outbreak "broke out": it started
    ("break", "out"): "start",
    ("pay", "back"): "repay",
    # money a tax or sale "brings in" is money it raises
    ("bring", "in"): "raise",
    # the people who "work at" or "work for" a company are the people it employs
    ("work", "at"): "employ",
    ("work", "for"): "employ",
    **{
        (verb, prep, *det, "hospital"): "hospitalize"
        for verb, prep in (("treat", "in"), ("treat", "at"), ("admit", "to"), ("take", "to"), ("rush", "to"))
        for det in ((), ("a",), ("the",))
    },
}

# Countries, their demonyms and common aliases: normalised to one key.
_PLACE_ALIASES: dict[str, set[str]] = {
    "usa": {"us", "u.s.", "u.s", "usa", "united states", "america", "american", "americans", "washington"},
    "mexico": {"mexico", "mexican", "mexicans"},
    "canada": {"canada", "canadian", "canadians", "ottawa"},
    "guatemala": {"guatemala", "guatemalan", "guatemalans"},
    "honduras": {"honduras", "honduran", "hondurans"},
    "colombia": {"colombia", "colombian", "colombians", "bogota"},
    "venezuela": {"venezuela", "venezuelan", "venezuelans"},
    "el salvador": {"el salvador", "salvadoran", "salvadorans", "salvadorean"},
    "brazil": {"brazil", "brazilian", "brazilians"},
    "ecuador": {"ecuador", "ecuadorian", "ecuadorians"},
    "peru": {"peru", "peruvian", "peruvians"},
    "cuba": {"cuba", "cuban", "cubans"},
    "haiti": {"haiti", "haitian", "haitians"},
    "nicaragua": {"nicaragua", "nicaraguan", "nicaraguans"},
    "panama": {"panama", "panamanian", "panamanians"},
    "china": {"china", "chinese", "beijing"},
    "india": {"india", "indian", "indians"},
    "russia": {"russia", "russian", "russians", "moscow"},
    "ukraine": {"ukraine", "ukrainian", "ukrainians", "kyiv"},
    "israel": {"israel", "israeli", "israelis"},
    "iran": {"iran", "iranian", "iranians", "tehran"},
    "afghanistan": {"afghanistan", "afghan", "afghans"},
    "uk": {"uk", "britain", "british", "united kingdom", "london"},
    "france": {"france", "french", "paris"},
    "germany": {"germany", "german", "germans", "berlin"},
    "spain": {"spain", "spanish"},
    "japan": {"japan", "japanese", "tokyo"},
    "europe": {"europe", "european", "eu", "european union"},
    "texas": {"texas", "texan"},
    "california": {"california", "californian"},
    "arizona": {"arizona"},
    "florida": {"florida"},
}

# News organisations under the names reporters type ("told the AP", "according to Reuters"):
# a question naming one asks about what was said to or by that outlet, so the names are never
# "corrected" into dictionary words ("reuters" is not a typo of "reporters").
_OUTLETS: dict[str, set[str]] = {
    "reuters": {"reuters", "thomson reuters"},
    "ap": {"ap", "a.p.", "associated press"},
    "afp": {"afp", "agence france-presse", "agence france presse"},
    "bbc": {"bbc", "bbc news"},
    "cnn": {"cnn"},
    "nbc": {"nbc", "nbc news"},
    "cbs": {"cbs", "cbs news"},
    "abc": {"abc", "abc news"},
    "fox": {"fox news"},
    "cnbc": {"cnbc"},
    "msnbc": {"msnbc"},
    "npr": {"npr", "national public radio"},
    "pbs": {"pbs"},
    "bloomberg": {"bloomberg", "bloomberg news", "bloomberg tv"},
    "nyt": {"nyt", "new york times"},
    "wsj": {"wsj", "wall street journal"},
    "wapo": {"wapo", "washington post"},
    "ft": {"ft", "financial times"},
    "guardian": {"guardian"},
    "economist": {"economist"},
    "politico": {"politico"},
    "axios": {"axios"},
    "semafor": {"semafor"},
    "al jazeera": {"al jazeera", "aljazeera"},
    "sky": {"sky news"},
    "dpa": {"dpa"},
    "efe": {"efe"},
    "ansa": {"ansa"},
    "xinhua": {"xinhua"},
    "kyodo": {"kyodo"},
    "yonhap": {"yonhap"},
    "tass": {"tass"},
    "interfax": {"interfax"},
    "anadolu": {"anadolu"},
    "usa today": {"usa today"},
    "la times": {"la times", "los angeles times"},
    "newsweek": {"newsweek"},
    "spiegel": {"spiegel", "der spiegel"},
    "le monde": {"le monde"},
    "el pais": {"el pais", "el país"},
    "telegraph": {"telegraph"},
}
OUTLET_KEY: dict[str, str] = {alias: key for key, aliases in _OUTLETS.items() for alias in aliases}
OUTLET_ALIASES: dict[str, frozenset[str]] = {key: frozenset(a) for key, a in _OUTLETS.items()}
# single words of outlet names that are not English words: never spelling-corrected
OUTLET_WORDS = frozenset(w for alias in OUTLET_KEY for w in alias.split())

# Who a statement was made to when it was not an outlet: "told reporters", "said at a briefing".
AUDIENCE_WORDS = frozenset(
    "reporter reporters journalist journalists press media newsmen correspondents briefing".split()
)

# Multi-word names written as one token so that "united states" matches "US".
PHRASES: dict[str, str] = {
    "united states": "usa",
    "united kingdom": "uk",
    "european union": "europe",
    "el salvador": "el_salvador",
    "asylum seeker": "asylum-seeker",
    "asylum seekers": "asylum-seeker",
    "asylum-seekers": "asylum-seeker",
    "service members": "servicemember",
    "service member": "servicemember",
    # a ship's or plane's list of who is aboard
    "passenger list": "manifest",
    "passenger lists": "manifest",
    "passenger manifest": "manifest",
    "air force": "air_force",
    "air forces": "air_force",
    "white house": "white_house",
    "chief executive officer": "ceo",
    "chief executive": "ceo",
    "chief financial officer": "cfo",
    "chief operating officer": "coo",
    "re-launch": "relaunch",
    "re-launching": "relaunching",
    "re-launched": "relaunched",
    # phrasal verbs read as the verb they mean
    "put off": "postpone",
    "puts off": "postpone",
    "putting off": "postpone",
    "kick in": "start",
    "kicks in": "start",
    "kicked in": "start",
    "take effect": "start",
    "takes effect": "start",
    "took effect": "start",
    "taken effect": "start",
}

# Number words: extraction's list (facts/wordlists.py, "one" to "ninety"; its "zero" left out, as
# the answering side never read it as a figure), plus the words that stand for a figure here
# (scales, dozens, vague amounts).
NUMBER_WORDS: dict[str, float] = {
    **{w: float(v) for w, v in _WL_NUMBER_WORDS.items() if v > 0},
    "hundred": 100,
    "dozen": 12,
    "tens": 10,
    "dozens": 24,
    "hundreds": 200,
    "thousands": 2000,
    "millions": 2e6,
    "billions": 2e9,
    "several": 3,
    "a few": 3,
    "a couple": 2,
    "both": 2,
    "a handful": 4,
}
VAGUE_NUMBER_WORDS = frozenset(
    {"tens", "dozens", "hundreds", "thousands", "millions", "billions", "several", "a few", "a handful"}
)
SCALE_WORDS: dict[str, float] = {
    "hundred": 1e2,
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
}
ORDINAL_WORDS = frozenset(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth".split()
)

HEDGES = (
    # "owes no more than 40 million": a bound, the opposite of "more than"
    "no more than",
    "not more than",
    "no fewer than",
    "no less than",
    "more than",
    "less than",
    "fewer than",
    "at least",
    "at most",
    "up to",
    "as many as",
    "as few as",
    "nearly",
    "almost",
    "about",
    "around",
    "roughly",
    "approximately",
    "some",
    "over",
    "under",
    "an estimated",
    "estimated",
    "close to",
    "upwards of",
    "just over",
    "just under",
    "as much as",
)

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(MONTHS)}

# Nouns that make "how much" a question about money / a rate.
MONEY_WORDS = frozenset(
    "cost price spend spending pay paid worth expense budget money fund funding dollar fee bill charge".split()
)
# Currencies written as words after an amount ("42 million pounds", "50 million euros").
CURRENCY_WORDS = frozenset(
    "dollar dollars peso pesos euro euros pound pounds sterling yen yuan rupee rupees franc francs".split()
)
# Weights share a currency's name: "pounds" is money only when the amount reads as one.
AMBIGUOUS_CURRENCY = frozenset("pound pounds".split())

RATE_WORDS = frozenset("tariff duty levy tax rate percent percentage share interest".split())

# Common nouns that end the names of places, bodies and events ("Harbor City", "Cedar Ridge
# Fire", "Rail Accident Investigation Board"): a name made only of dictionary words and ending
# in one is a name as a whole, not a person's first name and surname.
NAME_HEADS = frozenset(
    """city town village county district province state region valley river lake bay island
    coast port harbor harbour bridge dam airport station park forest mountain hill ridge creek
    fire blaze storm council board committee commission agency authority court party club
    company group bank fund union school college university hospital ministry department
    office service police force army navy""".split()
)

# Words that name a role: "who is the <role>?"
ROLE_NOUNS = frozenset(
    """president leader minister secretary ambassador spokesperson spokesman spokeswoman governor
    mayor chief head director commander general czar tsar senator representative congressman
    congresswoman chancellor premier king queen prince envoy official adviser advisor attorney
    judge administrator commissioner sheriff founder ceo cfo coo chairman chair speaker dictator manager
    coach owner captain""".split()
)

# Titles of whoever holds a body's top post: "who heads the authority" is answered by "the
# authority's director, Lars Okonkwo" or "Chief Executive Edvard Holm" ("chief executive" reads as ceo)
HEAD_TITLES = frozenset(
    """head director ceo chairman chairwoman chairperson chair commissioner president leader""".split()
)

# Words before a title that make its holder someone other than the top post's current holder
SUBORDINATE_TITLE_WORDS = frozenset("deputy assistant vice associate former ex regional".split())

# Verbs that pick out a different set of people or things: "how many were injured" is not
# answered by how many were flown. A question naming one needs a sentence that says it.
CRITICAL_VERBS = frozenset(
    """kill die injure wound hurt arrest detain apprehend charge convict sentence release free
    rescue evacuate infect hospitalize displace strand sicken shoot attack abuse separate
    drown starve torture execute kidnap abduct disappear miss deny""".split()
)

NEGATIONS = frozenset("not no never n't none neither nor without".split())
NEGATIVE_VERBS = frozenset("refuse deny reject decline block bar rebuff oppose halt stop cancel".split())

# What a sentence says when the reason is explicitly unknown.
NO_REASON_PATTERNS = (
    r"did not (?:give|provide|offer|say|explain|specify|disclose|elaborate)[^.;]*\b(?:reason|why|explanation)",
    r"(?:did not|didn't|declined to|would not|wouldn't|refused to) (?:say|explain|specify|elaborate on|comment on) why",
    r"\bno (?:reason|explanation) (?:was|has been|had been|were) (?:given|provided|offered)",
    r"\bwithout (?:giving|providing|offering) (?:a |any )?(?:reason|explanation)",
    r"\b(?:gave|offered|provided) no (?:reason|explanation)",
    r"\bit (?:was|is) (?:not|un)clear why",
    r"\bit (?:was|is) unknown why",
    r"\bfor reasons? (?:that )?(?:were|was) not (?:given|disclosed|explained)",
    r"\bdid not give a reason",
    r"\bneither\b[^.]*\bnor\b[^.]*\b(?:explained|said|gave|offered|provided)\b[^.]*\b(?:why|reason|explanation)",
    r"\b(?:no one|nobody|none)\b[^.]*\b(?:explained|said|gave)\b[^.]*\bwhy\b",
    r"\b(?:did not|didn't|does not|doesn't) (?:explain|say) (?:why|the reason)",
    r"\bdid not (?:give|offer|provide) (?:an explanation|any explanation)",
)
REASON_MARKERS = (
    r"\bbecause\b",
    r"\bdue to\b",
    r"\bciting\b",
    r"\bcited\b",
    r"\bin order to\b",
    r"\bso that\b",
    r"\bin response to\b",
    r"\bin retaliation for\b",
    r"\bamid\b",
    r"\bover concerns?\b",
    r"\bthe reason\b",
    r"\bas a result of\b",
    r"\bsaying\b",
    r"\barguing\b",
    r"\bfor failing\b",
    r"\bafter\b",
    r"\bsince\b",
    r"\bover\b",
    r"\bin protest\b",
    r"\bto protest\b",
)


def _build_index(groups: list[set[str]]) -> dict[str, frozenset[str]]:
    index: dict[str, set[str]] = {}
    for group in groups:
        for word in group:
            index.setdefault(word, set()).update(group)
    return {k: frozenset(v) for k, v in index.items()}


SYNONYMS = _build_index(_SYNONYM_GROUPS)
DERIVATIONS = _build_index(_DERIVATIONS)
PLACE_KEY: dict[str, str] = {alias: key for key, aliases in _PLACE_ALIASES.items() for alias in aliases}
# the words a merged phrase's key is written as ("ceo" -> "chief executive"), for searching
PHRASE_FORMS: dict[str, tuple[str, ...]] = {}
for _phrase, _key in PHRASES.items():
    if " " in _phrase:
        PHRASE_FORMS[_key] = (*PHRASE_FORMS.get(_key, ()), _phrase)

KNOWN_WORDS = frozenset(
    set(SYNONYMS)
    | set(DERIVATIONS)
    | set(PLACE_KEY)
    | set(NUMBER_WORDS)
    | set(STOPWORDS)
    | set(ROLE_NOUNS)
    # nouns for people the dictionary may lack ("survivors"): common words, not names
    | set(PERSON_NOUNS)
)


@lru_cache(maxsize=50_000)
def lemmas(word: str) -> frozenset[str]:
    """Every lemma a word may have (noun, verb, adjective readings), plus the word itself."""
    w = word.lower()
    out = {w}
    for forms in getAllLemmas(w).values():
        out.update(f.lower() for f in forms)
    if len(out) == 1 and len(w) > 4:
        # Unknown to the dictionary: strip the common inflections by rule.
        for suffix, repl in (
            ("ies", "y"),
            ("ees", "ee"),
            ("es", ""),
            ("s", ""),
            ("ed", ""),
            ("ed", "e"),
            ("ing", ""),
            ("ing", "e"),
        ):
            if w.endswith(suffix) and len(w) - len(suffix) >= 3:
                out.add(w[: -len(suffix)] + repl)
    return frozenset(out)


@lru_cache(maxsize=50_000)
def pos_tags(word: str) -> frozenset[str]:
    """Parts of speech the dictionary allows for a word (NOUN, VERB, ADJ, ...); empty if unknown."""
    return frozenset(getAllLemmas(word.lower()).keys())


def is_dictionary_word(word: str) -> bool:
    w = word.lower()
    return bool(getAllLemmas(w)) or w in KNOWN_WORDS or bool(lemmas(w) & KNOWN_WORDS)


@lru_cache(maxsize=50_000)
def expand(word: str) -> tuple[frozenset[str], frozenset[str]]:
    """(exact forms, related forms) for a word: lemmas and place aliases count as exact;
    synonyms and derivations as related."""
    exact = set(lemmas(word))
    place = PLACE_KEY.get(word.lower())
    if place:
        exact.add("@" + place)
    related: set[str] = set()
    for lemma in list(exact):
        related |= SYNONYMS.get(lemma, frozenset())
        related |= DERIVATIONS.get(lemma, frozenset())
    # a derivation's synonyms too (deportation -> deport -> expel)
    for d in list(related):
        related |= DERIVATIONS.get(d, frozenset())
    return frozenset(exact), frozenset(related - exact)


@lru_cache(maxsize=50_000)
def token_keys(word: str) -> frozenset[str]:
    """The keys under which a sentence word is indexed for matching."""
    keys = set(lemmas(word))
    place = PLACE_KEY.get(word.lower())
    if place:
        keys.add("@" + place)
    return frozenset(keys)
