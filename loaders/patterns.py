"""Pattern rules for entities the registry lacks (general rules of Norwegian, no names).

Every rule here returns :class:`Candidate` spans into ``norm.text``; ``loaders.recognise``
resolves overlaps, merges candidates into entities and flags them ``verified=False``,
``method="pattern"``. The rules are deliberately conservative: a capitalised word is a name
only when Norwegian orthography says so (capital letter inside a sentence, an organisational
head noun, a cue such as ``selskaper som X og Y``), never merely because it starts a sentence.

This module holds the shared helpers (tokens, sentence starts, noun-phrase extension, word
lists) and the rules for bodies and schemes by head nouns and cues; cited documents are in
``loaders.documents``, countries and international examples in ``loaders.international``,
official names by their form in ``loaders.official_names``; ``loaders.rules`` runs them all.

Word lists in this module are general Norwegian (head nouns, cue words, role titles, the
world's countries in Norwegian); none is taken from a particular document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from loaders.segment import is_abbreviation
from schema.text import fold

# -------------------------------------------------------------------------------------------
# Candidates
# -------------------------------------------------------------------------------------------


@dataclass
class Candidate:
    type: str
    name: str
    start: int
    end: int
    rule: str
    confidence: float
    method: str = "pattern"
    entry: object | None = None  # registry Entry for registry matches
    aliases: list[str] = field(default_factory=list)
    country: str | None = None
    role: str | None = None
    organisation: str | None = None
    nested_ok: bool = False  # a composite find (example, document) that may contain others
    key: str | None = None  # merge key for the same thing named differently (documents)

    @property
    def length(self) -> int:
        return self.end - self.start


# -------------------------------------------------------------------------------------------
# Character classes and small helpers
# -------------------------------------------------------------------------------------------
UP = "A-ZÆØÅÄÖÜÉÈÁ"
LO = "a-zæøåäöüéèáóòôêç"
L = f"{UP}{LO}"
CAP = rf"[{UP}][{L}]*"  # a capitalised word (also all caps)
WORD = rf"[{L}]+"
HY = "\\-\u2010\u2011"  # hyphens (not dashes), escaped for a regex class
HYPHENS = ("-", "\u2010", "\u2011")

TOKEN_RE = re.compile(r"[^\W\d_]+|\d+")


@dataclass
class Tok:
    start: int
    end: int
    text: str
    fold: str


# Nynorsk spellings of the morphemes official names are built from, read as their bokmål
# form when names are matched (`Noregs forskingsråd` is `Norges forskningsråd`,
# `Sjukehusinnkjøp` is `Sykehusinnkjøp`, `høgskule` is `høgskole`); applied to folded words.
_NYNORSK = ((re.compile(r"sjuk"), "syk"), (re.compile(r"forsking"), "forskning"),
            (re.compile(r"noreg"), "norge"), (re.compile(r"(?<!j)tenest"), "tjenest"),
            (re.compile(r"utval(?!g)"), "utvalg"), (re.compile(r"hogskul"), "hogskol"),
            (re.compile(r"verksemd"), "virksomhet"), (re.compile(r"hogare"), "hoyere"),
            (re.compile(r"^aust"), "ost"),  # Helse Sør-Aust, Austlandet
            # plural endings: `Nye metodar` is `Nye metoder`, `metodane` `metodene`
            (re.compile(r"(?<=[a-z]{3})ar$"), "er"), (re.compile(r"(?<=[a-z]{3})ane$"), "ene"))


@lru_cache(maxsize=50000)
def match_fold(word: str) -> str:
    """A word folded for matching names (:func:`schema.ids.fold`), nynorsk morphemes as bokmål."""
    f = fold(word)
    for rx, nb in _NYNORSK:
        f = rx.sub(nb, f)
    return f


def tokenise(text: str) -> list[Tok]:
    return [Tok(m.start(), m.end(), m.group(), match_fold(m.group())) for m in TOKEN_RE.finditer(text)]


def clean(s: str) -> str:
    """Normalised surface form: whitespace collapsed, PDF line-break hyphens joined."""
    s = re.sub(rf"([{LO}])[{HY}][ \t]*\n\s*(?!(?:og|eller|samt|til)\b)([{LO}])", r"\1\2", s)
    s = re.sub(rf"([{LO}]{{2,}})[{HY}] +(?!(?:og|eller|samt|til|som)\b)([{LO}]{{3,}})", r"\1\2", s)
    s = re.sub(r"\s+", " ", s).strip()
    return s.strip(" ,;:.")


def is_titlecase(w: str) -> bool:
    return bool(w) and w[0].isupper() and (len(w) == 1 or not w[1:].isupper())


def is_allcaps(w: str) -> bool:
    letters = [c for c in w if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def has_internal_cap(w: str) -> bool:
    """`StudENT`, `NorTrials`, `SkatteFUNN`: an upper-case letter after a lower-case one."""
    return bool(re.search(rf"[{LO}][{UP}]", w)) and w[0].isupper()


try:  # word frequencies ship inside the wordfreq wheel (no download at run time)
    from wordfreq import zipf_frequency as _zipf
except Exception:  # pragma: no cover
    _zipf = None


@lru_cache(maxsize=20000)
def zipf(word: str) -> float:
    if _zipf is None:
        return 0.0
    try:
        return _zipf(word.lower(), "nb")
    except Exception:  # pragma: no cover
        return 0.0


def is_sentence_start(text: str, pos: int) -> bool:
    """True when the word at ``pos`` starts a sentence, a line item, a heading or a quote."""
    i = pos - 1
    crossed_newline = False
    newlines = 0
    while i >= 0 and text[i].isspace():
        if text[i] == "\n":
            crossed_newline = True
            newlines += 1
        i -= 1
    if i < 0 or newlines >= 2:  # a blank line: a new paragraph
        return True
    c = text[i]
    if c in "!?:;•●▪■*«\"“(\u2013\u2014|>" or c in HYPHENS:
        return True
    if c == ")":  # footnote "1) Eksempelvis"
        return True
    if c == ".":  # after an abbreviation (loaders.segment.ABBREVIATIONS) or an initial, no new sentence
        m = re.search(r"([\w.]+)\.$", text[max(0, i - 12):i + 1])
        w = m.group(1) if m else ""
        return not (is_abbreviation(w) or len(w) == 1 and w.isalpha())
    if c.isdigit() and crossed_newline:
        return True
    if crossed_newline:
        # a line that ends without punctuation: a heading or a wrapped line. A wrapped line
        # continues a sentence; treat it as a start only if the previous line is short.
        line_start = text.rfind("\n", 0, i) + 1
        prev_line = text[line_start:i + 1].strip()
        return len(prev_line) < 50 and not prev_line[-1:].islower() or is_allcaps(prev_line)
    return False


def line_is_shouting(text: str, start: int, end: int) -> bool:
    """A heading set in capitals: pattern rules do not read names from it."""
    ls = text.rfind("\n", 0, start) + 1
    le = text.find("\n", end)
    le = len(text) if le < 0 else le
    letters = [c for c in text[ls:le] if c.isalpha()]
    return len(letters) >= 8 and sum(c.isupper() for c in letters) / len(letters) > 0.8


# -------------------------------------------------------------------------------------------
# Word lists (general Norwegian)
# -------------------------------------------------------------------------------------------
FUNCTION_WORDS = {
    "den", "det", "de", "denne", "dette", "disse", "en", "et", "ei", "ett", "vi", "jeg", "du",
    "han", "hun", "hvis", "når", "som", "for", "med", "til", "i", "på", "av", "om", "og",
    "men", "eller", "samt", "at", "å", "fra", "ved", "etter", "under", "over", "mot", "uten",
    "hvor", "hva", "hvem", "hvordan", "hvilke", "hvilken", "her", "der", "da", "så", "også",
    "ikke", "alle", "andre", "annen", "noen", "mange", "flere", "hver", "vår", "våre", "vårt",
    "deres", "sin", "sine", "sitt", "dagens", "nye", "ny", "nytt", "store", "stor", "små",
    "liten", "god", "gode", "eksempel", "eksempelvis", "blant", "innen", "gjennom", "dersom",
    "mens", "selv", "både", "enten", "kun", "bare", "the", "of", "and", "for", "in", "to",
    "a", "an", "on", "at", "by", "with", "your", "our", "about", "us", "from",
}
NP_STOP = FUNCTION_WORDS - {"og", "for", "i", "å", "nye", "ny", "nytt", "store", "små"} | {
    "kan", "må", "bør", "skal", "vil", "er", "var", "har", "hadde", "blir", "ble", "bli",
    "være", "vært", "gir", "får", "gjør", "finnes", "inneholder", "sikrer", "viser", "mener",
    "foreslår", "bidrar", "kunne", "skulle", "ville", "måtte", "burde", "slik", "derfor",
    "fordi", "siden", "enn", "hos", "uten", "videreføres", "videreutvikles", "styrkes",
    "si",  # nynorsk possessive: `Nasjonalt senter for distriktsmedisin si rolle`
}

# head noun (definite singular or indefinite) -> (type, strong)
ORG_HEADS = {
    "direktorat": ("Agency", True), "tilsyn": ("Agency", True), "verk": ("Agency", False),
    "etat": ("Agency", False), "register": ("Agency", False), "råd": ("Agency", False),
    "utvalg": ("Agency", True), "institutt": ("Organisation", False),
    "forening": ("Organisation", True), "forbund": ("Organisation", True),
    "stiftelse": ("Organisation", True), "klynge": ("Organisation", False),
    "senter": ("Organisation", False), "sykehus": ("Organisation", False),
    "universitetssykehus": ("Organisation", False), "høgskole": ("Organisation", False),
    "fond": ("Organisation", False), "akademi": ("Organisation", False),
    "foretak": ("Agency", False), "ombud": ("Agency", False), "nemnd": ("Agency", False),
    "kontor": ("Organisation", False), "konsern": ("Organisation", False),
    "kommisjon": ("Agency", True),
    # nynorsk
    "sjukehus": ("Organisation", False), "universitetssjukehus": ("Organisation", False),
    "føretak": ("Agency", False), "utval": ("Agency", True), "høgskule": ("Organisation", False),
}
# head -> definite singular endings it takes
_DEF = {"direktorat": "et", "tilsyn": "et", "verk": "et", "etat": "en", "register": "et",
        "råd": "et", "utvalg": "et", "institutt": "et", "forening": "en", "forbund": "et",
        "stiftelse": "n", "klynge": "n", "senter": "et", "sykehus": "et",
        "universitetssykehus": "et", "høgskole": "n", "fond": "et", "akademi": "et",
        "foretak": "et", "ombud": "et", "nemnd": "a", "kontor": "et", "konsern": "et",
        "kommisjon": "en", "sjukehus": "et", "universitetssjukehus": "et", "føretak": "et",
        "utval": "et", "høgskule": "n"}
# common words with these heads that are not names
ORG_HEAD_COMMON = {"regelverket", "lovverket", "rammeverket", "nettverket", "håndverket",
                   "regelverk", "lovverk", "rammeverk", "nettverk", "verktøy", "kraftverket",
                   "styret", "hovedkontoret", "hjemmekontoret", "ressurssenteret",
                   "kompetansesenteret", "eierskapsfondet", "fondet", "sykehuset", "senteret",
                   "rådet", "utvalget", "instituttet", "registeret", "foretaket",
                   "helseforetaket", "lokalsykehuset", "universitetssykehuset", "kommisjonen",
                   "sjukehuset", "føretaket", "helseføretaket", "utvalet", "lokalsjukehuset",
                   "universitetssjukehuset"}

ENGLISH_ORG_WORDS = {
    "Economics", "Consulting", "Group", "Pharma", "Pharmaceuticals", "Healthcare", "Venture",
    "Ventures", "Seed", "Seeds", "Capital", "Partners", "Invest", "Investments", "Holding",
    "Holdings", "Network", "Hub", "Institute", "Lab", "Labs", "Therapeutics", "Medical",
    "Diagnostics", "Technologies", "Cluster", "Foundation", "Fund", "Biotech", "Solutions",
    "Systems", "Analytics", "Incubator", "Accelerator", "Alliance", "Association",
    "Federation", "Council", "Agency", "Authority", "Society", "Tech", "Bio", "Biosciences",
    "Sciences", "Corporation", "Company", "Inc", "Ltd", "GmbH", "AB", "ApS", "Oy", "Oyj",
    "University", "College", "Hospital", "Centre", "Center", "Academy",
}

INSTRUMENT_HEADS = ("program", "programmet", "stipend", "stipendet", "ordning", "ordningen",
                    "modellen", "initiativet", "satsingen", "satsinga", "fondet", "prosjektet",
                    "plattformen", "partnerskapet")

# class nouns before a list of names: stem -> type
CLASS_NOUNS = {
    "selskap": "Organisation", "bedrift": "Organisation", "fond": "Organisation",
    "aktør": "Organisation", "organisasjon": "Organisation", "forening": "Organisation",
    "institutt": "Organisation", "instituttsektor": "Organisation", "klynge": "Organisation",
    "investor": "Organisation", "leverandør": "Organisation", "firma": "Organisation",
    "universitet": "Organisation", "sykehus": "Organisation", "produsent": "Organisation",
    "inkubator": "Organisation", "interessent": "Organisation", "miljø": "Organisation",
    "etat": "Agency", "direktorat": "Agency", "virksomhet": "Organisation",
    "partnerskap": "Instrument", "program": "Instrument", "ordning": "Instrument",
    "initiativ": "Instrument", "virkemiddel": "Instrument", "virkemidl": "Instrument",
    "satsing": "Instrument", "prosjekt": "Instrument",
}
_CLASS_RE = "|".join(sorted(CLASS_NOUNS, key=len, reverse=True))
LIST_CUES = r"(?:som\s+for\s+eksempel|som\s+f\.\s?eks\.?|som|eks\.?|f\.\s?eks\.?|bl\.\s?a\.?|blant\s+annet|eksempelvis|for\s+eksempel|inkludert|herunder|slik\s+som|spesielt|særlig|deriblant)"

GENERIC_ACRONYMS = {"FOU", "FOUOI", "FOUI", "IKT", "KI", "AI", "IT", "OPS", "ESG", "CRO", "CROS", "HMS", "PHD",
                    "RWE", "EU", "EØS", "FN", "USA", "UK", "NOK", "EUR", "USD", "CEO", "PDF",
                    "MVA", "BNP", "GDP", "SMB", "SME", "HTA", "OECD", "NB", "OBS", "PS", "TV",
                    "ID", "API", "OK", "CV", "DNA", "RNA", "ATMP", "GMP", "GCP", "MRI", "CT",
                    # diseases, tests and regulations named by their letters: topics, not bodies
                    "COVID", "SARS", "HIV", "AIDS", "KOLS", "ADHD", "MRSA", "PCR", "BMI", "GDPR", "CE", "IVD"}

DOC_HEADS_EN = ("Survey", "Index", "Indicator", "Monitor", "monitor", "Report", "Scoreboard",
                "Barometer", "barometer", "Outlook", "Review", "Atlas", "Yearbook", "Roadmap",
                "Plan", "Strategy", "Act", "Agenda", "Action Plan", "White Paper")

INTL_BODIES = {"FN", "EU", "WHO", "OECD", "WTO", "NATO", "UNESCO", "UNICEF", "ILO", "EFTA",
               "IEA", "IMF", "EØS", "OSSE", "UNDP", "UNEP", "EMA", "ICH"}
INTL_DOC_HEADS = ("bærekraftsmål", "bærekraftmål", "konvensjon", "direktiv", "forordning",
                  "strategi", "handlingsplan", "plan", "erklæring", "rammeprogram", "program", "pakt",
                  "traktat", "resolusjon", "agenda", "charter", "forskrift", "veileder")

# Names of the world's countries in Norwegian (bokmål), general knowledge.
COUNTRIES = {
    "Norge": "NO", "Noreg": "NO", "Sverige": "SE", "Danmark": "DK", "Finland": "FI", "Island": "IS",
    "Færøyene": "FO", "Grønland": "GL", "Tyskland": "DE", "Frankrike": "FR",
    "Storbritannia": "GB", "Det forente kongerike": "GB", "England": "GB", "Skottland": "GB",
    "Wales": "GB", "Nord-Irland": "GB", "Irland": "IE", "Nederland": "NL", "Belgia": "BE",
    "Luxembourg": "LU", "Sveits": "CH", "Østerrike": "AT", "Liechtenstein": "LI",
    "Italia": "IT", "Spania": "ES", "Portugal": "PT", "Hellas": "GR", "Kypros": "CY",
    "Malta": "MT", "Polen": "PL", "Tsjekkia": "CZ", "Slovakia": "SK", "Ungarn": "HU",
    "Romania": "RO", "Bulgaria": "BG", "Kroatia": "HR", "Slovenia": "SI", "Serbia": "RS",
    "Bosnia-Hercegovina": "BA", "Montenegro": "ME", "Albania": "AL", "Nord-Makedonia": "MK",
    "Kosovo": "XK", "Estland": "EE", "Latvia": "LV", "Litauen": "LT", "Ukraina": "UA",
    "Russland": "RU", "Belarus": "BY", "Hviterussland": "BY", "Moldova": "MD",
    "Tyrkia": "TR", "Monaco": "MC", "Andorra": "AD", "San Marino": "SM", "USA": "US",
    "De forente stater": "US", "Canada": "CA", "Mexico": "MX", "Brasil": "BR",
    "Argentina": "AR", "Chile": "CL", "Colombia": "CO", "Peru": "PE", "Venezuela": "VE",
    "Cuba": "CU", "Uruguay": "UY", "Ecuador": "EC", "Bolivia": "BO", "Paraguay": "PY",
    "Kina": "CN", "Japan": "JP", "Sør-Korea": "KR", "Nord-Korea": "KP", "Taiwan": "TW",
    "India": "IN", "Pakistan": "PK", "Bangladesh": "BD", "Sri Lanka": "LK", "Nepal": "NP",
    "Indonesia": "ID", "Malaysia": "MY", "Singapore": "SG", "Thailand": "TH",
    "Vietnam": "VN", "Filippinene": "PH", "Myanmar": "MM", "Kambodsja": "KH", "Laos": "LA",
    "Mongolia": "MN", "Kasakhstan": "KZ", "Usbekistan": "UZ", "Afghanistan": "AF",
    "Australia": "AU", "New Zealand": "NZ", "Israel": "IL", "Palestina": "PS", "Iran": "IR",
    "Irak": "IQ", "Syria": "SY", "Libanon": "LB", "Saudi-Arabia": "SA", "Qatar": "QA",
    "De forente arabiske emirater": "AE", "Kuwait": "KW", "Oman": "OM", "Jemen": "YE",
    "Egypt": "EG", "Marokko": "MA", "Algerie": "DZ", "Tunisia": "TN", "Libya": "LY",
    "Sudan": "SD", "Sør-Sudan": "SS", "Etiopia": "ET", "Eritrea": "ER", "Somalia": "SO",
    "Kenya": "KE", "Uganda": "UG", "Tanzania": "TZ", "Rwanda": "RW", "Burundi": "BI",
    "Kongo": "CG", "Angola": "AO", "Zambia": "ZM", "Zimbabwe": "ZW", "Mosambik": "MZ",
    "Malawi": "MW", "Madagaskar": "MG", "Sør-Afrika": "ZA", "Namibia": "NA",
    "Botswana": "BW", "Nigeria": "NG", "Ghana": "GH", "Senegal": "SN", "Mali": "ML",
    "Niger": "NE", "Tsjad": "TD", "Kamerun": "CM", "Elfenbenskysten": "CI",
    "Burkina Faso": "BF", "Sierra Leone": "SL", "Liberia": "LR", "Armenia": "AM",
    "Aserbajdsjan": "AZ", "Georgia": "GE", "Haiti": "HT", "Jamaica": "JM",
    "Costa Rica": "CR", "Panama": "PA", "Guatemala": "GT", "Nicaragua": "NI",
    "Honduras": "HN", "El Salvador": "SV", "Den dominikanske republikk": "DO",
}
HOME_COUNTRY_NAMES = ("Norge", "Noreg")  # bokmål, nynorsk

# Role titles for people (lower case; longest first when matching).
ROLES = [
    "administrerende direktør", "adm. direktør", "adm. dir.", "daglig leder", "generalsekretær",
    "styreleder", "nestleder", "direktør", "fagdirektør", "avdelingsdirektør", "kommunikasjonsdirektør",
    "næringspolitisk direktør", "fagsjef", "avdelingsleder", "seksjonssjef", "prosjektleder",
    "spesialrådgiver", "seniorrådgiver", "rådgiver", "fagrådgiver", "politisk rådgiver",
    "statsråd", "statssekretær", "statsminister", "helseminister", "næringsminister",
    "forskningsminister", "helse- og omsorgsminister", "nærings- og fiskeriminister",
    "kunnskapsminister", "finansminister", "minister", "professor", "førsteamanuensis",
    "overlege", "forsker", "seniorforsker", "leder", "president", "konsernsjef",
    "administrerende", "sjeføkonom", "økonom", "jurist", "advokat", "partner", "ceo", "cto",
    "cfo", "chief executive officer", "head of", "director", "managing director",
    # nynorsk, the Storting and the government
    "leiar", "leiaren", "lederen", "nestleiar", "dagleg leiar", "president", "presidenten",
    "stortingspresident", "stortingspresidenten", "stortingsrepresentant", "representanten",
    "saksordfører", "komiteleder", "komiteens leder", "statsråden", "statsministeren",
    "digitaliseringsminister", "forsknings- og høyere utdanningsminister", "utenriksminister",
    "helse- og omsorgsministeren", "næringsministeren", "ordfører", "fylkesordfører",
]


# -------------------------------------------------------------------------------------------
# Noun-phrase extension (for `Handlingsplan for X`, `stortingsmelding om X`)
# -------------------------------------------------------------------------------------------
_NPTOK = re.compile(rf"([ \t]*\n?[ \t]*)([{HY}]?[{L}]+(?:[{HY}][{L}]+)*[{HY}]?)")


def _verb_like(w: str) -> bool:
    """A passive or infinitive-like verb after `og` ends the noun phrase: `og følges opp`."""
    wl = w.lower()
    return len(wl) > 4 and wl.endswith("es") and not wl.endswith(("ses", "nes"))


# Finite verbs (bokmål and nynorsk) that a title's noun phrase never holds: one ends it
# (`Nasjonalt råd for kvalitet og prioritering ga råd`, `… for persontilpasset medisin deltek`).
FINITE_VERBS = frozenset("""
er var har hadde blir ble vert vart blei kan skal vil må bør burde kunne skulle ville måtte
gir ga gav gjev får fikk fekk går gjekk gikk kommer kjem kom ligger ligg står stod sto trenger treng
gjelder gjeld betyr viser bidrar bidreg sikrer sikrar fører skaper skapar gjør gjer gjorde tar tok
øker aukar sørger syter mener meiner tror trur ønsker ønskjer foreslår føreslår la legger legg
leverte leverer leverer deltar deltek deltok samarbeider samarbeider samarbeidar arbeider arbeidar
jobber finansierer finansierte forvalter forvaltar lyser leder leiar ledet leidde startet starta
etablerte etablerte oppretta opprettet sa sier seier uttaler skriver skriv peker peikar varsler
varslar omtaler beskriver skildrar inneholder inneheld handler handlar
""".split())

# `i tråd med`, `i samarbeid med`: fixed phrases that end a title's noun phrase
FIXED_AFTER_I = {"tråd", "samsvar", "regi", "lys", "forbindelse", "samarbeid", "tillegg", "form",
                 "dag", "år", "fjor", "perioden", "løpet", "stor", "større", "hovudsak", "hovedsak", "oppdrag",
                 "oppgåve", "oppgave", "gang", "stand", "utgangspunktet", "praksis", "realiteten", "tillegg"}
SUBJECT_PRONOUNS = {"vi", "de", "han", "hun", "man", "jeg", "dere", "me", "dei", "ho", "eg"}
_PERIOD = re.compile(r"[ \t]+(\(?)\d{4}[ \t]*[–\-][ \t]*\d{2,4}(\)?)")


def title_period(text: str, end: int) -> int:
    """End of a title's period when one follows: `Nasjonal handlingsplan for kliniske studiar
    2021-2025`, `Strategi for Norges forskningsråd (2020-2021)`."""
    m = _PERIOD.match(text, end)
    if m and bool(m.group(1)) == bool(m.group(2)):
        return m.end()
    return end


def extend_np(text: str, pos: int, max_tokens: int = 10, allow_aa: bool = False,
              allow_caps: bool = True) -> int:
    """End of the noun phrase that starts at ``pos`` (after ``for``/``om``)."""
    end = pos
    good_end = pos
    n = 0
    prev = ""
    while n < max_tokens:
        m = _NPTOK.match(text, end)
        if not m:
            break
        gap, w = m.group(1), m.group(2)
        if end != pos and not gap:
            break
        if "\n" in gap and w[:1].isupper():
            break
        wl = w.lower()
        after = _NPTOK.match(text, m.end())
        if n > 0 and after and not after.group(1).strip() and after.group(2) in SUBJECT_PRONOUNS:
            break  # `I rapporten om X finner vi ...`: a verb before its subject ends the phrase
        if n > 0 and len(wl) > 4 and wl.endswith("ås"):
            break  # a passive verb: `... for tarmkreft foreslås`
        if wl == "i" and n > 0:
            nxt = _NPTOK.match(text, m.end())
            if _NUMBER_NEXT.match(text, m.end()) or nxt and (
                    nxt.group(2).lower() in FIXED_AFTER_I or nxt.group(2).lower() in TIME_AFTER_I):
                break  # `... studiar i tråd med ...`, `... folkehelse i 2019-2020`, `i åra 2015 til
                #        2025`: the title has ended (a when, not a part of the name)
        if prev == "å":
            pass  # the verb after "for å"
        elif wl in ("og", "for", "eller"):
            nxt = _NPTOK.match(text, m.end())
            if not nxt or nxt.group(2).lower() in NP_STOP or "\n\n" in nxt.group(1) or _verb_like(nxt.group(2)):
                break
            if wl != "for" and (re.search(r"(?:planen|strategien|meldingen|meldinga|loven|lova)$", nxt.group(2).lower())
                                or nxt.group(2)[:1].isupper() and re.search(
                                    r"(?:plan|strategi|melding|lov|program|programmet|ordning|ordningen|veikart|veikartet)$",
                                    nxt.group(2).lower())):
                break  # `… for rusfeltet og tiltaksplanen for …`, `… og Handlingsplan for …`: a second title begins
        elif wl == "å":
            if not allow_aa:
                break
        elif wl == "av" and prev.endswith(("ing", "else", "sjon")):
            pass  # a verbal noun takes its object with `av`: `utjevning av helseforskjeller`
        elif wl in NP_STOP or (n > 0 and wl in FINITE_VERBS):
            break
        elif w[:1].isupper() and not allow_caps and n > 0:
            break
        end = m.end()
        n += 1
        prev = wl
        if wl not in ("og", "for", "eller", "å") and wl not in _NP_DETERMINERS and wl not in _NP_PREPOSITIONS \
                and not w.endswith(HYPHENS):
            good_end = end
    return good_end


# a title does not end on a preposition (`… folkehelse i` before a number it does not take in)
_NP_PREPOSITIONS = frozenset("i på til av om med mot frå fra".split())


# `i 2019-2020`: a number after `i` (matched in place: extend_np runs on every title candidate)
_NUMBER_NEXT = re.compile(r"[ \t]+\d")
# `i åra …`, `i perioden …`: a time after a title, not a part of it
TIME_AFTER_I = frozenset("år åra årene året perioden tidsrommet".split())


# words that determine a noun to come: a title does not end on one (`Handlingsplan for neste 3-årsperiode`
# is cut at the number, and `… for neste` is not a name)
_NP_DETERMINERS = frozenset("neste hele heile alle første siste denne dette disse kommende komande kommande "
                            "inneværende ny nye".split())


# -------------------------------------------------------------------------------------------
# Rules
# -------------------------------------------------------------------------------------------
NAME_TOK = rf"(?:[{UP}][{L}\d&'’]*(?:[{HY}][{L}\d]+)*)"
NAME = rf"{NAME_TOK}(?:[ \t]+{NAME_TOK}){{0,3}}"


_ADJECTIVES = {"nye", "ny", "nytt", "store", "stor", "små", "liten", "god", "gode", "dagens"}


def _name_ok(name: str) -> bool:
    toks = name.split()
    if not toks:
        return False
    if toks[0].lower() in FUNCTION_WORDS and not (
            toks[0].lower() in _ADJECTIVES and len(toks) >= 2 and all(t[:1].isupper() for t in toks)):
        return False
    if all(t.lower() in FUNCTION_WORDS for t in toks):
        return False
    if len(toks) == 1 and is_allcaps(toks[0]) and toks[0].upper() in GENERIC_ACRONYMS:
        return False
    return True


def _drop_lead(words: list[str]) -> list[str]:
    """Leading function words and class nouns are not part of a name:
    `Selskapet Vistin Pharma AS` -> `Vistin Pharma AS`."""
    while len(words) > 1 and (words[0].lower() in FUNCTION_WORDS or words[0].lower() in APPOSITION_HEADS):
        words = words[1:]
    return words


def _strip_footnote(name: str) -> str:
    return re.sub(rf"(?<=[{L}])\d{{1,2}}$", "", name)


def _cand(type_, name, start, end, rule, conf, **kw) -> Candidate:
    return Candidate(type_, clean(name), start, end, rule, conf, **kw)


def rule_ministries(text: str) -> list[Candidate]:
    out = []
    rx = re.compile(
        rf"(?<![{L}{HY}])((?:[{UP}][{LO}]+[{HY}]\s*,?\s*(?:[{LO}]+[{HY}]\s*,\s*)*(?:og|eller)\s+)?"
        rf"[{UP}]?[{LO}]+departement(?:et|ets))(?![{L}])")
    for m in rx.finditer(text):
        s = m.group(1)
        if not s[0].isupper():
            continue
        name = clean(s)
        if name.endswith("departementets"):
            name = name[:-1]
        if name.lower() == "departementet":  # a reference, not a name
            continue
        out.append(_cand("Ministry", name, m.start(1), m.end(1), "ministry", 0.8))
    return out


def _org_head(word: str) -> tuple[str, str, bool, str] | None:
    """(head, type, strong, lemma) when ``word`` is a compound on an organisational head."""
    wl = word.lower()
    for head, (typ, strong) in sorted(ORG_HEADS.items(), key=lambda kv: -len(kv[0])):
        for suf in ("", _DEF[head]):
            if wl.endswith(head + suf) and len(wl) > len(head + suf):
                return head, typ, strong, word[: len(word) - len(suf)] if suf else word
    return None


def rule_org_heads(text: str) -> list[Candidate]:
    """`Kreftforeningen`, `Norsk sykepleierforbund`, `Radiumhospitalets Forskningsstiftelse`."""
    out = []
    # multi-word: capitalised words, then a (possibly lower-case) compound on an org head
    rx = re.compile(rf"(?<![{L}{HY}])((?:{NAME_TOK}[ \t]+){{0,3}}{NAME_TOK})(?:[ \t]+([{LO}]+))?(?![{L}{HY}])")
    for m in rx.finditer(text):
        words = m.group(1).split()
        if _org_head(words[-1]) and len(words) >= 2:
            last, words, end = words[-1], words[:-1], m.end(1)
        elif m.group(2) and _org_head(m.group(2)):
            last, end = m.group(2), m.end(2)
        else:
            continue
        h = _org_head(last)
        if len(last) <= len(h[0]) + 1 and not last[0].isupper():
            continue
        if last.lower().endswith(("området", "område", "områder")):
            continue
        # drop leading sentence-start function words ("Den norske" is kept)
        while words and words[0].lower() in FUNCTION_WORDS and not (
                words[0] in ("Den", "Det") and len(words) > 1 and words[1].lower().startswith("norsk")):
            words = words[1:]
        if not words or any(w.lower() in FUNCTION_WORDS - {"den", "det", "norske"} for w in words):
            continue
        if any(w in COUNTRIES for w in words) and len(words) == 1 and not last[0].isupper():
            pass
        if line_is_shouting(text, m.start(), end):
            continue
        if last.lower() in ORG_HEAD_COMMON and not last[0].isupper():
            continue
        if last.lower().endswith(h[0] + "s") and not last.lower().endswith(h[0]):
            continue  # a genitive: "Statens fonds ..." is not a name
        start = m.start(1) + m.group(1).find(words[0])
        out.append(_cand(h[1], " ".join(words + [last]), start, end, "org-multi", 0.7))
    # `Den norske legeforening`, `Det norske Veritas`
    rx2 = re.compile(rf"(?<![{L}])((?:Den|Det)[ \t]+norske[ \t]+([{L}]+))(?![{L}])")
    for m in rx2.finditer(text):
        if _org_head(m.group(2)) or m.group(2)[:1].isupper():
            out.append(_cand("Organisation", m.group(1), m.start(1), m.end(1), "org-multi", 0.7))
    # single capitalised compound
    rx1 = re.compile(rf"(?<![{L}{HY}])([{UP}][{LO}]{{3,}})(?![{L}{HY}])")
    for m in rx1.finditer(text):
        w = m.group(1)
        h = _org_head(w)
        if not h:
            continue
        head, typ, strong, _lemma = h
        if w.lower() in ORG_HEAD_COMMON or len(w) - len(head) < 4:
            continue
        if w.lower().endswith(("området", "område")):
            continue
        if not w.lower().endswith(head + _DEF[head]):  # names are definite: Kreftforeningen
            continue
        if line_is_shouting(text, m.start(), m.end()):
            continue
        start_of_sentence = is_sentence_start(text, m.start())
        if start_of_sentence and (not strong or zipf(w) >= 3.0):
            continue
        out.append(_cand(typ, w, m.start(1), m.end(1), "org-single", 0.6 if start_of_sentence else 0.7))
    # `helsepersonellkommisjonen`: a commission is named by its compound, also in lower case (a committee,
    # `arbeidsutvalget`, may be any)
    for m in re.finditer(rf"(?<![{L}{HY}])([{LO}]{{5,}}kommisjonen)(?![{L}{HY}])", text):
        w = m.group(1)
        if line_is_shouting(text, m.start(), m.end()):
            continue
        out.append(_cand("Agency", w[0].upper() + w[1:], m.start(1), m.end(1), "commission-compound", 0.6,
                         aliases=[w]))
    return out


def rule_statens(text: str) -> list[Candidate]:
    out = []
    rx = re.compile(rf"(?<![{L}])(Statens|Norges|Nasjonalt|Nasjonal)[ \t\n]+([{L}]+)(?:[ \t]+(utland|innland))?(?![{L}])")
    for m in rx.finditer(text):
        w = m.group(2)
        h = _org_head(w)
        if not h and w.lower() not in ("vegvesen", "kartverk", "pensjonsfond", "helsetilsyn",
                                        "lånekasse", "innkrevingssentral"):
            continue
        if h and w.lower() in ORG_HEAD_COMMON - {"fondet"} and not w[0].isupper():
            continue
        typ = h[1] if h else "Agency"
        if m.group(1) == "Statens":
            typ = "Agency"
        out.append(_cand(typ, m.group(0), m.start(), m.end(), "statens", 0.75))
    return out


def rule_universities(text: str) -> list[Candidate]:
    out = []
    rx = re.compile(rf"(?<![{L}])((?:Universitetet|Høgskolen|Høyskolen|Høgskulen|Sykehuset|Sjukehuset|"
                    rf"Universitetssykehuset|Universitetssjukehuset|"
                    rf"Helse|Senteret)\s+i\s+[{UP}][{L}]+(?:[{HY}][{UP}][{L}]+)?)(?![{L}])")
    for m in rx.finditer(text):
        out.append(_cand("Organisation", m.group(1), m.start(1), m.end(1), "university", 0.8))
    rx2 = re.compile(rf"(?<![{L}{HY}])((?:{NAME_TOK}[ \t]+){{1,4}})(HF|AS|ASA|SA|IKS|KF|BA)(?![{L}\d])")
    for m in rx2.finditer(text):
        words = _drop_lead(m.group(1).split())
        if words and words[0].lower() in FUNCTION_WORDS | set(APPOSITION_HEADS):
            words = []
        if not words or is_allcaps(" ".join(words)) and len(words) > 2:
            continue
        start = m.start(1) + m.group(1).find(words[0])
        typ = "Agency" if m.group(2) in ("HF",) else "Organisation"
        out.append(_cand(typ, " ".join(words + [m.group(2)]), start, m.end(2), "company-suffix", 0.75))
    return out


_DETERMINERS = {"hver", "enhver", "kvar", "ein", "eit", "éin", "hvilken", "kva", "samme", "same", "annen",
                "anna", "egen", "eiga", "eigen", "ingen", "ny", "vertskommune", "din", "min"}


_MUNICIPALITY_RE = re.compile(rf"(?<![{L}{HY}])([{UP}][{LO}]+(?:[{HY}][{UP}][{LO}]+)*(?:[ \t]+og[ \t]+[{UP}][{LO}]+)?)"
                              rf"[ \t]+((?:fylkes)?kommune)(?![{L}])")


def municipalities(text: str) -> list[re.Match]:
    """`Bergen kommune`, `Vestland fylkeskommune`, `Nord-Aurdal kommune`: a place (group 1) and
    its council's kind (group 2: `kommune` or `fylkeskommune`), not `Hver kommune`."""
    return [m for m in _MUNICIPALITY_RE.finditer(text)
            if m.group(1).lower() not in FUNCTION_WORDS | _DETERMINERS and not line_is_shouting(text, m.start(), m.end())]


def rule_municipalities(text: str) -> list[Candidate]:
    """A county or municipality named as such is an organisation of its own."""
    return [_cand("Organisation", m.group(0), m.start(), m.end(), "municipality", 0.7) for m in municipalities(text)]


def rule_english_orgs(text: str) -> list[Candidate]:
    out = []
    words = "|".join(sorted(ENGLISH_ORG_WORDS, key=len, reverse=True))
    rx = re.compile(rf"(?<![{L}{HY}])((?:{NAME_TOK}[ \t]+){{1,3}})({words})(?![{L}\d{HY}])(?![ \t]+[{UP}])")
    for m in rx.finditer(text):
        ws = _drop_lead(m.group(1).split())
        if not ws or ws[0].lower() in FUNCTION_WORDS | set(APPOSITION_HEADS):
            continue
        if line_is_shouting(text, m.start(), m.end()) and not is_allcaps(ws[0]):
            continue
        start = m.start(1) + m.group(1).find(ws[0])
        out.append(_cand("Organisation", " ".join(ws + [m.group(2)]), start, m.end(2), "english-org", 0.7))
    return out


_COUNTRY_TAIL = ("Norge", "Norway", "Noreg")
_NOT_NAME_START = FUNCTION_WORDS | {"hele", "heile", "heila", "i", "fra", "frå", "utenfor", "utanfor", "dagens",
                                    "fremtidens", "framtidas", "hvorfor", "kvifor", "korleis", "kva"}


def rule_country_names(text: str) -> list[Candidate]:
    """`Kliniske Studier Norge`, `Team Norway`, `Invest in Norway`: capitalised words before the
    country's name make a body's name (Norwegian writes no title case)."""
    out = []
    rx = re.compile(rf"(?<![{L}{HY}])((?:{NAME_TOK}[ \t]+(?:(?:in|of)[ \t]+)?){{1,3}})"
                    rf"({'|'.join(_COUNTRY_TAIL)})(?![{L}\d{HY}])")
    for m in rx.finditer(text):
        ws = m.group(1).split()
        if ws[0].lower() in _NOT_NAME_START or ws[0] in COUNTRIES or ws[0].endswith("s") and len(ws) == 1:
            continue  # `i Norge`, `hele Norge`, `Sverige og Norge`, `Europas Norge`
        start = m.start()
        if is_sentence_start(text, start):
            if len(ws) == 1:
                continue  # `Innovasjon Norge` is in the registry; `Helse Norge` at a sentence's start may be a heading
            if zipf(ws[0]) >= 2.5 and ws[1][0].isupper() and re.search(r"[ae]$", ws[0]) and \
                    not re.search(r"(?:ske|ige|nde|ale|ære|ne|te)$", ws[0].lower()):
                start = text.index(ws[1], start + len(ws[0]))  # `Mobilisere Team Norway`: the verb is not the name
                ws = ws[1:]
        if line_is_shouting(text, m.start(), m.end()):
            continue
        out.append(_cand("Organisation", f"{' '.join(ws)} {m.group(2)}", start, m.end(), "country-name", 0.6))
    return out


def _split_names(s: str) -> list[tuple[str, int, int]]:
    """Split `A, B og C` into names with offsets relative to ``s``."""
    out = []
    for m in re.finditer(NAME, s):
        out.append((m.group(), m.start(), m.end()))
    return out


def rule_lists(text: str) -> list[Candidate]:
    """`selskaper som X og Y`, `instituttsektoren (X og Y)`, `fond ..., bl.a. X`."""
    out = []
    cls = rf"[{L}]*(?:{_CLASS_RE})(?:er|ene|en|et|e|a|ane|s)?"
    lst = rf"{NAME}(?:[ \t]*,[ \t\n]*{NAME})*(?:[ \t]*,?[ \t\n]+(?:og|eller|samt)[ \t\n]+{NAME})?"
    rx = re.compile(
        rf"(?<![{L}])(?P<cls>{cls})(?![{L}]),?(?P<mid>(?:[ \t\n]+[{LO}]+,?){{0,6}}?)[ \t\n]*"
        rf"(?P<open>[(:])?[ \t\n]*(?P<cue>{LIST_CUES}(?![{L}]))?[ \t\n]*(?P<list>{lst})")
    for m in rx.finditer(text):
        if not (m.group("open") or m.group("cue")):
            continue
        if m.group("mid").strip() and not m.group("cue"):
            continue
        if m.group("open") == ":" and m.group("mid").strip():
            continue
        stem = next((k for k in sorted(CLASS_NOUNS, key=len, reverse=True)
                     if k in m.group("cls").lower()), None)
        typ = CLASS_NOUNS.get(stem, "Organisation")
        base = m.start("list")
        names = _split_names(m.group("list"))
        if not m.group("cue") and len(names) < 2:
            continue  # `prosjekter (Helse-IKT)`: a gloss, not a list of names
        for name, a, b in names:
            name2 = _strip_footnote(name)
            b -= len(name) - len(name2)
            if not _name_ok(name2) or name2 in COUNTRIES or name2.rstrip("s") in COUNTRIES:
                continue
            out.append(_cand(typ, name2, base + a, base + b, "list", 0.65))
    return out


APPOSITION_HEADS = {
    "fondet": "Organisation", "selskapet": "Organisation", "foreningen": "Organisation",
    "organisasjonen": "Organisation", "klyngen": "Organisation", "instituttet": "Organisation",
    "stiftelsen": "Organisation", "nettverket": "Organisation", "inkubatoren": "Organisation",
    "investoren": "Organisation", "konsernet": "Organisation", "firmaet": "Organisation",
    "senteret": "Organisation", "bedriften": "Organisation", "etaten": "Agency",
    "direktoratet": "Agency", "programmet": "Instrument", "ordningen": "Instrument",
    "initiativet": "Instrument", "prosjektet": "Instrument", "plattformen": "Instrument",
    "partnerskapet": "Instrument", "satsingen": "Instrument", "rapporten": "PolicyDocument",
    "strategien": "PolicyDocument", "meldingen": "PolicyDocument", "studien": "PolicyDocument",
}


def rule_apposition(text: str) -> list[Candidate]:
    """`det statlige fondet Investinor`, `programmet Horisont Europa`."""
    out = []
    heads = "|".join(APPOSITION_HEADS)
    # also on a compound head: `eksportorganisasjonen Business Norway`, `forskingsprogrammet X`
    rx = re.compile(rf"(?<![{L}])[{LO}]*({heads})[ \t\n]+(?P<name>{NAME})")
    for m in rx.finditer(text):
        name = _strip_footnote(m.group("name"))
        if not _name_ok(name) or name in COUNTRIES or name.rstrip("s") in COUNTRIES:
            continue
        if "\n" in text[m.end(1):m.start("name")] and len(name.split()) == 1:
            continue  # `... meldingen\n\nHovedmålet med ...`: a new sentence, not a name
        out.append(_cand(APPOSITION_HEADS[m.group(1)], name, m.start("name"),
                         m.start("name") + len(name), "apposition", 0.65))
    return out


def rule_instruments(text: str) -> list[Candidate]:
    out = []
    # `program for Helseinnovasjon og -næring`: a lower-case head, then a capitalised topic
    rx = re.compile(rf"(?<![{L}])([Pp]rogram(?:met)?|[Oo]rdning(?:en)?|[Ss]atsing(?:en)?)[ \t\n]+for[ \t\n]+(?=[{UP}][{LO}])")
    for m in rx.finditer(text):
        end = extend_np(text, m.end(), max_tokens=6)
        if end <= m.end():
            continue
        if line_is_shouting(text, m.start(), end):
            continue
        name = text[m.start():end]
        out.append(_cand("Instrument", name[0].upper() + name[1:], m.start(), end, "instrument-for", 0.7,
                         aliases=[clean(name)]))
    # `Program for kunnskapsløft i kommunene`: a capitalised head inside a sentence, then its topic in
    # lower case (at a sentence's start `Programmet for ...` may be any programme)
    rx = re.compile(rf"(?<![{L}{HY}])((?:[{UP}][{LO}]*(?:program|ordning)|Program|Ordning)(?:met|en)?)[ \t\n]+for[ \t\n]+(?=[{LO}])")
    for m in rx.finditer(text):
        if is_sentence_start(text, m.start()) or line_is_shouting(text, m.start(), m.end()):
            continue
        end = title_period(text, extend_np(text, m.end(), max_tokens=8, allow_caps=False))
        if end <= m.end():
            continue
        name = text[m.start():end]
        out.append(_cand("Instrument", name, m.start(), end, "programme-for", 0.65, aliases=[clean(name)]))
    # `Nasjonalt program for leverandørutvikling`, `Nasjonal helse- og sykehusplan`,
    # `Nasjonale helseregistre`, `Regional utviklingsplan 2023-2026`, `Nasjonalt e-helsestyre`;
    # in lower case only with its topic: `det nasjonale screeningprogrammet for tarmkreft`,
    # `nasjonal strategi for kunstig intelligens`
    rx = re.compile(rf"(?<![{L}])(Nasjonal|Nasjonalt|Nasjonale|nasjonal|nasjonalt|nasjonale|Regjeringens|Statlig|"
                    rf"Regional|Regionalt|Regionale|regional|regionalt|regionale)[ \t\n]+"
                    rf"((?:[{LO}]+[{HY}]?[ \t\n]+(?:og|eller)[ \t\n]+)?[{LO}]+(?:[{HY}][{LO}]+)?)(?![{L}{HY}])")
    for m in rx.finditer(text):
        head = m.group(2).lower()
        typ = None
        for h, t in (("handlingsplan", "Instrument"), ("program", "Instrument"), ("plan", "PolicyDocument"),
                     ("strategi", "PolicyDocument"), ("ordning", "Instrument"), ("satsing", "Instrument"),
                     ("melding", "PolicyDocument"), ("veikart", "PolicyDocument"),
                     ("registre|register", "Instrument"), ("portefølje", "Instrument"),
                     ("styre|råd|senter|organ|nettverk|tjeneste|teneste|utval|utvalg|forum", "Agency")):
            if re.search(rf"(?:{h})(?:en|et|a|ne|met)?$", head) and not (h == "handlingsplan" and "samhandlingsplan" in head):
                typ = t
                break
        if not typ:
            continue
        end = m.end()
        f = re.match(r"[ \t\n]+for[ \t\n]+", text[end:])
        if f:  # a body's remit ends before the next name: `… for e-helseforskning og Helse Nord`
            end2 = extend_np(text, end + f.end(), max_tokens=10, allow_caps=typ != "Agency")
            if end2 > end + f.end():
                end = end2
        if m.group(1)[0].islower() and end == m.end() and " og " not in head:
            continue  # in lower case only with its topic (`nasjonal strategi for kunstig intelligens`), or a
            # coordinated compound of its own (`nasjonal helse- og sykehusplan`)
        aliases = [clean(text[m.start():end])]
        end = title_period(text, end)
        name = text[m.start():end]
        out.append(_cand(typ, name[0].upper() + name[1:], m.start(), end, "nasjonal", 0.75,
                         aliases=aliases + [clean(name)]))
    # `SPARK-program`, `StudENT-stipend`, `SFI-ordningen`
    heads = "|".join(INSTRUMENT_HEADS)
    rx = re.compile(rf"(?<![{L}{HY}])([{UP}][{L}\d]*)[{HY}]({heads})(?![{L}])")
    for m in rx.finditer(text):
        w = m.group(1)
        proper = (is_allcaps(w) and len(w) >= 3) or (has_internal_cap(w) and len(w) >= 4)
        if not proper or w.upper() in GENERIC_ACRONYMS or w in COUNTRIES:
            continue
        out.append(_cand("Instrument", w, m.start(1), m.end(2), "hyphen-instrument", 0.7,
                         aliases=[m.group(0)]))
    # taxes: `Opsjonsbeskatningen`, `Formueskatten`
    rx = re.compile(rf"(?<![{L}{HY}])([{UP}][{LO}]{{3,}}(?:beskatning|skatt|avgift|fradrag))(en|et|ens|ets|s)?(?![{L}])")
    for m in rx.finditer(text):
        if m.group(1).lower() in ("beskatning", "skatt", "avgift", "fradrag"):
            continue
        out.append(_cand("Instrument", m.group(1), m.start(), m.end(), "tax", 0.6,
                         aliases=[m.group(1) + (m.group(2) or "").rstrip("s")]))
    return out


def rule_internal_caps(text: str) -> list[Candidate]:
    """`NorTrials`, `CleverHealth`, `StudENT`: odd capitals mark a proper name."""
    out = []
    rx = re.compile(rf"(?<![{L}{HY}\d@./])([{UP}][{L}]{{4,}})(?![{L}\d@])")
    for m in rx.finditer(text):
        w = m.group(1)
        if not has_internal_cap(w):
            continue
        if sum(c.isupper() for c in w) == len(w) - 1 and w[1].islower():
            continue
        if w.upper() in GENERIC_ACRONYMS:
            continue  # `FoUoI`: research, development and innovation, a concept
        out.append(_cand("Organisation", w, m.start(1), m.end(1), "internal-caps", 0.55))
    return out


_ROMAN = re.compile(r"[IVXLCDM]+")


def rule_bare_acronyms(text: str) -> list[Candidate]:
    """`KS støtter en videreutvikling av TØRN`: an acronym of three letters or more that no rule
    and no registry entry explains still names one thing (a body or a programme), unless it is a
    generic one (`IKT`, `FoU`) or a shouting line's word."""
    out = []
    rx = re.compile(rf"(?<![{L}{HY}\d])([{UP}]{{3,8}})(?:s|en|et|ane|ene)?(?![{L}\d])(?![{HY}][{L}])")
    for m in rx.finditer(text):
        w = m.group(1)
        if w in GENERIC_ACRONYMS or w in INTL_BODIES or _ROMAN.fullmatch(w) or line_is_shouting(text, m.start(), m.end()):
            continue
        if zipf(w) >= 4.4:
            continue  # `Dette er VIKTIG`: an ordinary word for emphasis
        if re.search(r"\([^()]{0,12}$", text[max(0, m.start() - 12):m.start()]) or \
                re.match(rf"[ \t]+[{UP}][{LO}]", text[m.end():m.end() + 3]):
            continue  # `(KTV/KVO)` glosses the phrase before it (loaders.acronyms decides); `SAR Queen` is a longer name
        out.append(_cand("Organisation", w, m.start(1), m.end(1), "bare-acronym", 0.5))
    return out


def rule_authors(text: str) -> list[Candidate]:
    """`rapporten fra Menon`, `utarbeidet av Menon Economics`: the author of a report."""
    out = []
    rx = re.compile(rf"(?<![{L}])(?:[Rr]apport(?:en)?|[Uu]tredning(?:en)?|[Aa]nalyse(?:n)?|[Ee]valuering(?:en)?|"
                    rf"[Ss]tudie(?:n)?|[Uu]ndersøkelse(?:n)?|utarbeidet|gjennomført|skrevet|laget)"
                    rf"[ \t\n]+(?:fra|av)[ \t\n]+(?P<name>{NAME})")
    for m in rx.finditer(text):
        name = _strip_footnote(m.group("name"))
        if not _name_ok(name) or name in COUNTRIES or name.rstrip("s") in COUNTRIES:
            continue
        out.append(_cand("Organisation", name, m.start("name"), m.start("name") + len(name), "author", 0.6))
    return out



def rule_instrument_compounds(text: str) -> list[Candidate]:
    """`Pre-såkornordningen`, `Klyngeprogrammet`: a capitalised compound on a scheme head."""
    out = []
    rx = re.compile(rf"(?<![{L}{HY}])([{UP}][{L}]*(?:[{HY}][{LO}]+)*?)(ordningen|programmet|stipendet)(?![{L}])")
    for m in rx.finditer(text):
        prefix = m.group(1)
        if len(re.sub(rf"[{HY}]", "", prefix)) < 4 or line_is_shouting(text, m.start(), m.end()):
            continue
        w = m.group(0)
        if is_sentence_start(text, m.start()) and (
                zipf(w) >= 1.0 or re.match(rf"[ \t\n]+(?:i|for|om|på|av|til|med)[ \t\n]+[{LO}]", text[m.end():])):
            continue
        out.append(_cand("Instrument", w, m.start(), m.end(), "instrument-compound", 0.6))
    return out


SPECIFIC_ZIPF = 3.0  # a programme's topic this rare (wordfreq, nb) names one programme


def rule_named_programmes(text: str) -> list[Candidate]:
    """`mammografiprogrammet`, `livmorhalsprogrammet`: a definite programme whose topic is no
    everyday word is one programme, also in lower case (`forskningsprogrammet` is any)."""
    out = []
    for m in re.finditer(rf"(?<![{L}{HY}])([{LO}]{{5,}}?)(programmet)(?![{L}])", text):
        prefix = m.group(1)
        topic = prefix[:-1] if prefix.endswith(("s", "e")) and zipf(prefix[:-1]) > zipf(prefix) else prefix
        if zipf(topic) >= SPECIFIC_ZIPF or zipf(prefix) >= SPECIFIC_ZIPF or line_is_shouting(text, m.start(), m.end()):
            continue
        w = m.group(0)
        out.append(_cand("Instrument", w[0].upper() + w[1:], m.start(), m.end(), "named-programme", 0.6, aliases=[w]))
    return out


def rule_cue_lists(text: str) -> list[Candidate]:
    """`Eksempelvis Sykehusinnkjøp, Nye Metoder og Statens legemiddelverk.`: a list of two or
    more names after an example cue, closing the sentence or line."""
    out = []
    lst = rf"{NAME}(?:[ \t]*,[ \t\n]*{NAME})*[ \t]*,?[ \t\n]+(?:og|eller|samt)[ \t\n]+{NAME}"
    rx = re.compile(rf"(?<![{L}])(?:[Ee]ksempelvis|[Ee]ks\.|[Ff]\.\s?eks\.|[Ff]or eksempel|[Bb]lant annet|[Bb]l\.\s?a\.)"
                    rf"[ \t]+(?P<list>{lst})(?=[ \t]*(?:[.;)]|\n|$))")
    for m in rx.finditer(text):
        names = _split_names(m.group("list"))
        if len(names) < 2:
            continue
        base = m.start("list")
        for name, a, b in names:
            name2 = _strip_footnote(name)
            if not _name_ok(name2) or name2 in COUNTRIES or name2.rstrip("s") in COUNTRIES:
                continue
            out.append(_cand("Organisation", name2, base + a, base + a + len(name2), "cue-list", 0.55))
    return out


PROPER_ZIPF = 3.0  # a word rarer than this (wordfreq, nb and en) is no everyday word
_BODY_TAILS = ("forum", "bank", "plattform", "portal", "program", "register", "nett")
_LOCATIVE = {"i", "på", "fra", "frå", "til", "ved", "nær", "mot", "gjennom"}


@lru_cache(maxsize=20000)
def _english_zipf(word: str) -> float:
    if _zipf is None:
        return 0.0
    try:
        return _zipf(word.lower(), "en")
    except Exception:  # pragma: no cover
        return 0.0


def rule_capitalised_words(text: str) -> list[Candidate]:
    """`… søkte om lån i Husbanken`, `… gjennom Helsenorge`, `… vedtak i Beslutningsforum`:
    Norwegian writes common nouns in lower case, so a capitalised word in the middle of a
    sentence (after a lower-case word) that is no everyday word is a proper name. Its kind
    follows its head noun; a place is passed over when a preposition of place stands before it
    and the word has no definite ending (`i Førde`, but `i Husbanken`)."""
    out = []
    rx = re.compile(rf"(?<=[{LO},][ ])([{UP}][{LO}]{{3,}})(?![{L}{HY}\d])(?![ \t]+[{UP}\d])")
    for m in rx.finditer(text):
        w = m.group(1)
        stem = w[:-1] if re.search(r"(?:et|en|a|ns|ene)s$", w) else w  # `Vinmonopolets`
        if zipf(w) >= PROPER_ZIPF or zipf(stem) >= PROPER_ZIPF or _english_zipf(stem) >= PROPER_ZIPF:
            continue
        wl = stem.lower()
        if wl in FUNCTION_WORDS or wl.endswith(("ene", "ane", "ende", "lig", "lige", "isk", "iske", "ert", "erte",
                                                 "het", "heit", "else", "sjon", "itet")):
            continue  # a plural, a participle, an adjective or an abstract noun written with a capital
        if wl.endswith(("forslag", "framlegg", "innstilling", "innstilling", "vedtak", "referat", "votering",
                        "høring", "høyring")):
            continue  # `om Representantforslag fra ...`: a kind of parliamentary paper, capitalised in a title
        if re.search(rf"(?<![{L}])[{UP}][{LO}]+[ \t]+{w}(?![{L}])", text):
            continue  # `Martine Røiseland`: a surname
        if re.search(r"(?:er|ar)$", wl) and zipf(wl[:-2]) >= PROPER_ZIPF:
            continue  # `Strategiar`: the plural of an everyday noun
        # the preposition of place may stand before a list: `i Førde, Lærdal og Nordfjordeid`
        chain = re.search(rf"(?:[{UP}][{LO}]+(?:[ \t]*,[ \t]*|[ \t]+(?:og|eller)[ \t]+))*$", text[max(0, m.start() - 80):m.start()])
        before = text[max(0, m.start() - 80):m.start() - len(chain.group(0))].split()
        if before and before[-1].lower() in _LOCATIVE and not re.search(r"(?:et|en|a)$", wl) \
                and not _org_head(stem) and not wl.endswith(_BODY_TAILS):
            continue
        if line_is_shouting(text, m.start(), m.end()):
            continue
        h = _org_head(stem)
        typ = h[1] if h else "Organisation"
        if any(wl.endswith(i) for i in INSTRUMENT_HEADS) or wl.endswith(("program", "ordning", "katapult")):
            typ = "Instrument"
        elif wl.endswith(("plan", "planen", "strategi", "strategien", "melding", "meldingen", "rapport",
                          "rapporten", "loven", "lova", "veikart", "veikartet", "dokument", "dokumentet")):
            typ = "PolicyDocument"
        out.append(_cand(typ, stem, m.start(1), m.end(1), "capitalised-word", 0.55,
                         aliases=[w] if w != stem else []))
    # `… samarbeider med NORCE`, `… gjennom IKTPLUSS`: a word in capitals inside a sentence that
    # is no everyday word (nor a short acronym of a concept) names a body or programme
    for m in re.finditer(rf"(?<=[{LO},][ ])([{UP}]{{5,12}}\d*)(?![{L}{HY}\d])", text):
        w = m.group(1)
        if w in GENERIC_ACRONYMS or w in INTL_BODIES or zipf(w.lower()) >= PROPER_ZIPF - 0.5 \
                or _english_zipf(w) >= PROPER_ZIPF - 0.5 or line_is_shouting(text, m.start(), m.end()):
            continue
        typ = "Instrument" if re.search(r"program(?:met)?[ \t]+$", text[max(0, m.start() - 12):m.start()]) \
            else "Organisation"
        out.append(_cand(typ, w, m.start(1), m.end(1), "capitalised-word", 0.55))
    return out


# the rules of this module, in the order loaders.rules runs them
RULES = (rule_ministries, rule_org_heads, rule_statens, rule_universities, rule_municipalities, rule_english_orgs,
         rule_country_names, rule_lists, rule_apposition, rule_instruments, rule_internal_caps)
LATE_RULES = (rule_bare_acronyms, rule_authors, rule_instrument_compounds, rule_named_programmes, rule_cue_lists,
              rule_capitalised_words)
