"""Proposal extraction: the concrete measures an author asks for.

``extract_proposals(norm, segments) -> list[ProposalDraft]`` with offsets into ``norm.text``.

General rules about Norwegian policy prose (no document is special-cased):

1. **Recommendation sentences.** A sentence is a proposal when its *main clause* carries a
   deontic modal (``bør``, ``må``, ``skal``, ``burde``), a proposing verb (``foreslår``,
   ``anbefaler``, ``ber om``, ``vil be``, ``oppfordrer``, ``forventer at``), an impersonal call for an
   action (``Det er behov for å opprette ...``), an obligation (``Det er et ledelsesansvar å ...``), a
   criticism that asks for more (``mener at X er gitt for liten plass``, ``Den største mangelen ... er
   at``), a verbless list of changes (``Økt eksportsatsing, bedre forutsigbarhet og mer
   risikokapital.``), an importance judgement with a complement
   (``det er viktig at/å``, ``er avgjørende``/``nødvendig`` at the end of the sentence, ``At ... er
   avgjørende``), a suggestion with ``kan`` + passive (``midlene kan brukes bedre``), a named
   measure or model (``kan være et konkret tiltak``, ``et godt eksempel som kan tilpasses``), or
   the author's own intention (``LMI/Vi ønsker å <gjøre noe>``).
   A modal inside a relative or subordinate clause (``som må``, ``Når X vokser er det behov``)
   does not count, nor does a habitual one (``må ofte``, ``Ofte må``, ``må som regel``).
2. **Not proposals:** questions, lines that only introduce a list (``Vi ber om følgende:``), sentences
   that report the past (``påpekte``, ``foreslo``; the Storting's requests excepted: ``Stortinget har
   bedt regjeringen om ...``), statements of need (``Næringslivet trenger ...``, ``behov for kapital``),
   references (``Det vises til ...``), the author describing itself (``LMI representerer ...``), a
   speaker's discourse (``Jeg vil starte med ...``), consequences (``På den måten kan ...``), contact,
   signature and footnote blocks. A lead-in that says something itself (eight words or more:
   ``Senteret skal jobbe med fire satsingsområde som ...:``) is a proposal.
3. **List items** (bullets, numbered points, and short paragraphs standing as items) are proposals
   when the line that introduces the list asks for something (``Følgende punkter må ivaretas:``,
   ``Dette innebærer å:``), or when they stand under a heading about measures
   (``Forslag til tiltak``, ``Våre anbefalinger``, ``Innspill``, ``Krav``, ``Prioriteringer``) or, for
   list items, goals (``Mål for 2023``, ``Hovudmål``: goals) and read as a measure (start with an
   infinitive — ``Sikre``, ``Etablere`` — or have no finite verb). A second sentence of an item that
   opens with an infinitive is a measure of its own (a lost bullet mark).
4. **Strategies** (a document whose title names a strategy or action plan): goals written as
   infinitive clauses (``Fremme innovasjon for å ...``, ``Bli anerkjent som ...``) are proposals.
5. **Headings** that are themselves demands (``Stortingsmeldingen bør avspeile ...``,
   ``LMI SKAL FREMME INNOVASJON ...``, a headline of five words or more the sentence rules read as an
   ask or commitment: ``Oslo Cancer Cluster vil se en nasjonal satsing ...``) are proposals, with
   lower confidence; so is a change named right under a goal heading (``Bedre folkehelse``).
6. An elliptic follow-up (``Likeså å tiltrekke ...``) right after a proposal is one too.
7. A proposal repeated in the document is kept once (fuzzy match on its words).
8. **Commitments, goals and endorsements.** ``Regjeringen/Regjeringa/Vi/<author> vil <verb>`` (not
   a discourse verb: ``Vi vil understreke ...``), ``Regjeringa vil at ...``, the government acting in
   the present (``Regjeringen styrker/set av/legg fram ...``), an allocation with an amount (``Siva
   bevilger 21 millioner ...``), a task taken on (``Vi har fått i oppdrag å ...``), a goal stated as
   such (``Hovedmålet er å ...``, ``Målet er at ...``, ``har som mål å``, ``Eit satsingsområde er
   ...``), and an endorsement of someone else's measure (``Vi støtter forslaget om ...``, ``Komiteen
   deler målsettingen om ...``, ``ser positivt på``, ``er glad for at``) are proposals. Nynorsk forms count alike
   (``føreslår``, ``tilrår``, ``ønskjer``, ``bed om``). The government's own proposals are proposals
   whoever reports them (``Regjeringen foreslår å sette av ...``: a commitment); someone else's
   (``Utvalget foreslår ...``) and a ministry's request for input (``Departementet ber om ...``) are not.

Each proposal says what it does (``intent``, one of ``schema.model.PROPOSAL_INTENTS``): an
**ask** (of someone else: ``bør``, ``må``, ``foreslår``, a bullet under a demanding lead-in), a
**commitment** (the author's or the government's own: ``Vi vil``, ``Regjeringen vil``, ``LMI skal``,
``ønsker å``) or a **goal** (``Målet er ...``, ``Norge skal være ledende ...``, a strategy's goals).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from loaders.metadata import doc_type_from_text, title_from_segments
from loaders.normalise import Normalised
from loaders.segment import PROSE_KINDS, Segment, reflow, split_sentences
from schema.model import PROPOSAL_INTENTS

__all__ = ["ProposalDraft", "extract_proposals", "split_sentences"]


@dataclass
class ProposalDraft:
    text: str
    start: int  # offsets in norm.text
    end: int
    section: str | None
    modality: str  # "bør", "må", "skal", "foreslår", "anbefaler", "ber om", "trenger", "behov",
    #                "viktig", "kan", "ønsker", "vil", "støtter", "bullet", "numbered", "mål", ...
    confidence: float
    intent: str = ""  # one of PROPOSAL_INTENTS; filled in by extract_proposals


# ----------------------------------------------------------------------------------------------
# Sentence splitting
# ----------------------------------------------------------------------------------------------
# ----------------------------------------------------------------------------------------------
# Word lists
# ----------------------------------------------------------------------------------------------
_MODALS = {"bør": "bør", "må": "må", "skal": "skal", "burde": "bør"}
_FINITE = frozenset("""
er var har hadde blir ble kan skal vil må bør burde kunne skulle ville måtte gir ga får fikk
finnes fins går kommer ligger står trenger mangler gjelder betyr viser bidrar sikrer fører
skaper gjør gjorde tar tas utgjør innebærer øker vokser sørger mener tror ønsker foreslår
foreslås anbefales
vart vert gjev gav kjem ligg treng manglar gjeld tyder bidreg sikrar fører skapar gjer tek inneber
aukar veks syter meiner trur ønskjer føreslår tilrår
""".split())
_SUBORD = frozenset("som at om hvis dersom når der hvor fordi mens inntil ettersom siden hvordan hvorvidt "
                    "hva hvilke hvilken hvilket hvem hvorfor "
                    "sidan kvar korleis kva kven kvifor".split())  # nynorsk
# ``avgjør om det skal ...``: ``om`` opens an indirect question, not the content of a request
_ASKS_WHETHER = frozenset("avgjør avgjer vurderer vurderte bestemmer spør spurte usikkert uklart vet veit "
                          "lurer diskuterer drøfter".split())
_NOT_VERB_AFTER_SUB = frozenset("dere deres disse flere andre mange store nye denne dette".split())
_OPINION = frozenset("""
mener foreslår foreslås anbefaler anbefales synes ber oppfordrer forventer forventninger krever
understreker viktig viktigere avgjørende nødvendig sentralt essensielt mål målet ambisjon
ønsker enig enige forslag opptatt hensiktsmessig ønskelig
meiner føreslår tilrår oppmodar forventar krev understrekar naudsynt ønskjer einig einige samd samde framlegg oppteken innebærer inneber
opptekne ønskjeleg ønskeleg påpeker påpeikar
""".split())
_FREQUENCY = ("ofte", "vanligvis", "normalt", "som regel", "gjerne")
_ADVERBS = frozenset("også ikke derfor gjerne enkelt lett raskt bedre godt med fordel i større grad "
                     "heller fortsatt videre".split())
_PAST_REPORT_RE = re.compile(r"\b(påpekte|foreslo|anbefalte|uttalte|skrev|understreket|pekte på|"
                             r"etterlyste|(?<!stortinget )ba om|trekkes\s+det\s+(?:frem|fram)|trekkjast\s+det\s+fram|"
                             r"pekes\s+det\s+på|peikast\s+det\s+på)\b")
# a short sentence that counts what follows (``... mot fire hovedmål``, ``Vi har tre prioriteringer``)
_ANNOUNCES_A_LIST = re.compile(r"\b(?:to|tre|fire|fem|seks|sju|syv|åtte|ni|ti|\d{1,2})\s+(?:[\w\-]+\s+)?(?:hoved|hovud|del|"
                               r"strategiske\s+|overordna\s+|overordnede\s+)?(?:mål|målsettinger|målsetjingar|prioriteringer|"
                               r"prioriteringar|satsingsområder|satsingsområde|innsatsområder|innsatsområde|tiltak|punkter|"
                               r"punkt|områder|område)\s*[.:]?$")
_SELF_RE = re.compile(r"\b(representerer|organiserer)\b")
# ``Det vises til dokumentet ...``: a reference, not a measure
_REFERENCE_RE = re.compile(r"(?:det\s+)?(?:vises|visast|viser\s+vi|vi\s+viser)\s+(?:\w+\s+)?til\s+(?!at\b)")
# ``Økt eksportsatsing, bedre forutsigbarhet og mer risikokapital.``: a list of changes asked for,
# without a verb (two or more phrases headed by a comparative or a participle of change)
_CHANGE_WORDS = ("økt|økte|auka|bedre|betre|mer|meir|flere|fleire|styrket|styrkt|større|raskere|raskare|enklere|"
                 "enklare|sterkere|sterkare|mindre|færre|lavere|lågare|redusert|forenklet|forenkla")
_CHANGE_WORDS_RE = re.compile(rf"(?:{_CHANGE_WORDS})\s")
_CHANGE_PHRASE = re.compile(rf"(?:^|,\s+|\bog\s+)(?:{_CHANGE_WORDS})\s+[a-zæøå«]")
_CONSEQUENCE_RE = re.compile(r"^(på den måten|dermed|slik|da|det vil|dette vil|derved|således)\b")
_QUESTION_START = frozenset("hva hvordan hvor hvem hvilke hvilken hvilket hvorfor når kva korleis kvar kven "
                            "kvifor".split())
_PROPOSAL_HEADING_RE = re.compile(r"tiltak|forslag|foreslå|anbefal|innspill|krav\b|prioriter|"
                                  r"tilråd|oppfordr", re.IGNORECASE)
# a heading announcing goals (``Mål``, ``Hovudmål``, ``Næringspolitiske mål``, ``Ambisjonar``), not
# a question about them (``Hva bør endres ved målene?``)
_GOAL_HEADING_RE = re.compile(r"mål(?:et|ene|a|setting\w*|setjing\w*|setning\w*)?\b|ambisjon\w*",
                              re.IGNORECASE)
_MONO_INF = frozenset("bli gå få ha nå se stå la gi ta tro bo gjøre være".split())
_NOT_INF = frozenset("""
alle andre flere mange nye store små norske offentlige private statlige gode ulike egne dette denne
disse de noen begge hele samme viktige nasjonale regionale kommunale internasjonale europeiske
nordiske konkrete bedre større færre mindre senere tidligere høyere lavere sterkere raskere
enklere nyere eldre yngre videre øvrige ytre indre helse side skole kunnskapsbase mye mer
utvalgte nevnte sentrale lange korte høye lave unge gamle hvite samme våre vore dine sine mine
""".split())
_NOT_INF_SUFFIX = re.compile(r"(ige|lige|iske|ske|nde|ene|ede|ale|ære|rte|lte|elle|ielle|ære|ære)$")
_INF_EXCEPTIONS = frozenset("anbefale betale tale avtale fortjene tjene forene lede berede forberede "
                            "styrte stille fylle spille telle skille kalle falle rulle".split())
_LEAD_IN_TAIL = re.compile(r"\s+(?:for\s+å\s+\w+|for\s+at|ved\s+å|ved|gjennom|slik\s+at|mellom\s+anna|"
                           r"blant\s+anna?|bl\.\s?a\.|med\s+vekt\s+på|innan|innen)\s*:$")
# ``forslag nr. 4, fra Kari Nordmann på vegne av Høyre``: proposals referred to by their numbers
_NUMBERED_REFERENCE_RE = re.compile(r"(?i)(?:forslag|forslagene|framlegg|framlegga|vedtak|punkt|punktene)\s+nr\.?\s*\d")
_CONTINUATION_RE = re.compile(r"^(likeså|tilsvarende|dessuten|det samme (?:er|gjelder))\b", re.IGNORECASE)
_LABEL_RE = re.compile(r"^([A-ZÆØÅ][\w\-]*(?:[ /][\w\-]+){0,3}):\s+(?=\S)")
# a speaker in a debate's minutes: ``Kari Nordmann (H) [10:15:02]:``, ``Statsråd Jan Christian Vestre [10:22:11]:``
_SPEAKER_RE = re.compile(r"^[A-ZÆØÅ][\w\-.]*(?:[ ][\w\-.]+){0,5}(?:[ ]\([A-Za-zÆØÅæøå]{1,6}\))?"
                         r"(?:[ ]\[\d{1,2}:\d{2}(?::\d{2})?\])?:\s+(?=\S)")

_TOKEN_RE = re.compile(r"[^\W\d_][\w]*(?:[-'’][\w]+)*|\d+|[,;:()]")


def _tokens(s: str) -> list[tuple[str, int, int]]:
    return [(m.group(0).lower(), m.start(), m.end()) for m in _TOKEN_RE.finditer(s)]


def _subordinate_flags(toks: list[tuple[str, int, int]]) -> dict[int, bool]:
    """For every finite verb token (by start offset): does it belong to a subordinate clause?

    A subordinator (``som``, ``at``, ``når`` ...) opens a clause whose first finite verb belongs
    to it; a sentence-initial subordinate clause ends at the first comma. ``at`` after an opinion
    verb or an importance judgement (``mener at``, ``viktig at``) is transparent: what follows is
    the content of the demand. A sentence-initial modal (``Skal vi øke tempoet, må ...``) opens a
    conditional."""
    flags: dict[int, bool] = {}
    pending = False
    initial = False
    opinion = False
    prev = ""
    prev_sub = ""
    for i, (w, a, _b) in enumerate(toks):
        if w in (",", ";"):
            if initial:
                pending = False
                initial = False
            prev = w
            continue
        if w in _OPINION:
            opinion = True
        if pending and prev_sub in ("som", "der", "hvor", "at") and prev == prev_sub and (
                w in _SUBORD and prev_sub == "som"
                or re.fullmatch(r"[a-zæøå]{3,}(?:er|es|ar|te|de|et)", w) and w not in _NOT_VERB_AFTER_SUB):
            pending = False  # ``som bevilges``, ``som utvikler``, ``som når``: the clause's own verb
            if initial:
                initial = False
            prev = w
            continue
        if w in _SUBORD:
            prev_sub = w
            transparent = (
                w == "at" and opinion and prev not in ("for", "slik", "uten", "etter", "så", "og")
                or w == "om" and not (i == 0 or prev == ",") and prev not in _ASKS_WHETHER
                or w in ("der", "hvor", "når", "siden") and i == 0 and w != "når"
                or w == "at" and prev == "og" and opinion
                or w == "som" and prev == "noe"  # ``..., noe som meldingen bør adressere``
                or w == "som" and (prev in _FINITE or prev in ("ha", "slik", "samme", "både", "like"))
            )
            if not transparent:
                pending = True
                if i <= 1:
                    initial = True
            prev = w
            continue
        if w in _FINITE or w in _MODALS:
            if i == 0 and w in _MODALS:
                flags[a] = True
                initial = True
                pending = False
            else:
                flags[a] = pending
                if pending:
                    pending = False
                    if initial:
                        initial = False
        prev = w
    return flags


def _frequency_near(low: str, start: int, end: int) -> bool:
    before = low[max(0, start - 12):start]
    after = low[end:end + 16]
    return any(re.match(rf"\s+(?:\w+\s+)?{f}\b", after) for f in _FREQUENCY) or \
        bool(re.search(r"\bofte\s+$", before))


# A trigger: (modality, regex on the lower-cased sentence, confidence, check the clause)
_TRIGGERS: list[tuple[str, re.Pattern, float, bool]] = [
    ("foreslår", re.compile(r"\b(?P<v>foreslår|foreslås|føreslår|føreslås|går\s+inn\s+for)\b"), 0.95, True),
    ("anbefaler", re.compile(r"\b(?P<v>anbefaler|anbefales|tilrår|tilrås)\b"), 0.95, True),
    ("ber om", re.compile(r"\b(?P<v>ber|bed)\s+(?:[\w\-]+\s+){0,4}?(?:om|å)\b"), 0.9, True),
    # ``ber regjeringen legge til rette for ...``: a request with its addressee and an infinitive
    ("ber om", re.compile(r"\b(?P<v>ber|bed)\s+(?:regjering\w*|departement\w*|statsråd\w*|stortinget|"
                          r"helseforetak\w*|helseføretak\w*|de\s+regionale\s+\w+|kommun\w+|"
                          r"direktorat\w*|forskningsrådet|forskingsrådet)\s+(?:[a-zæøå]+[ae]|få|gå|slå)\b"), 0.9, True),
    ("støtter", re.compile(
        r"\b(?P<v>støtter(?!\s+opp\b)|støttar(?!\s+opp\b)|deler|slutter\s+(?:seg|oss)\s+til|sluttar\s+(?:seg|oss)\s+til|"
        r"stiller\s+(?:seg|oss)\s+bak|stiller\s+(?:seg|oss)\s+bak|er\s+enige?\s+i|er\s+einige?\s+i)\s+(?:\w+\s+){0,2}?(?:forslag\w*|tiltak\w*|målsetting\w*|målet|ambisjon\w*|vurdering\w*|"
        r"konklusjon\w*|"
        r"anbefaling\w*|intensjon\w*|satsing\w*|satsning\w*|tilrådning\w*|tilråding\w*|ønsket|ønska)\b"),
     0.8, True),
    # ``Hovedmålet er å ...``, ``Det overordnede målet for X er størst mulig ...``
    # ``Planen beskriver også satsing på X, og dette støttes.``, ``Det er bra at helse er et eget område.``
    ("støtter", re.compile(r"\b(?:dette|det|forslaget|forslagene|tiltaket|tiltakene|satsingen|satsinga)\s+"
                           r"(?:\w+\s+)?(?P<v>støttes|støttast)\b"), 0.75, True),
    # ``Komiteen ser positivt på ...``, ``Vi er positive til ...``, ``Kreftforeningen er glad for at ...``
    ("støtter", re.compile(r"\b(?P<v>ser|stiller\s+seg|er|står)\s+(?:derfor\s+|også\s+|òg\s+|svært\s+|særlig\s+)?"
                           r"(?:positivt?|positive)\s+(?:på|til)\b"), 0.7, True),
    ("støtter", re.compile(r"\b(?P<v>er|blir)\s+(?:derfor\s+|også\s+|òg\s+|svært\s+|godt\s+|veldig\s+)?(?:glade?\s+for|"
                           r"(?:fornøyde?|fornøgde?|tilfreds(?:e|Se)?)\s+med)\s+at\b"), 0.7, True),
    ("støtter", re.compile(r"\b(?:er\s+det|det\s+er)\s+(?:(?:også|òg|derfor|difor|særlig|svært|veldig|spesielt)\s+){0,2}"
                           r"(?P<v>bra|positivt|gledelig|gledeleg|godt)\s+(?:å\s+sjå\s+|å\s+se\s+)?at\b"), 0.7, True),
    # ``Dette er gode nyheter, mener X``, ``..., og satsingen er velkommen!``, ``Forslaget er et steg i riktig
    # retning``: a measure welcomed
    ("støtter", re.compile(r"(?:^|,\s+og\s+|,\s+)(?:dette|det|satsingen|satsinga|forslaget|forslagene|tiltaket|tiltakene|"
                           r"bevilgningen|løyvinga|økningen|auken)\s+(?P<v>er|blir)\s+(?:svært\s+|veldig\s+|særs\s+)?"
                           r"(?:gode\s+nyheter|godt\s+nytt|velkommen|velkomment|et\s+steg\s+i\s+riktig\s+retning|"
                           r"eit\s+steg\s+i\s+rett\s+retning)\b"), 0.7, True),
    # ``Disse medlemmer vil berømme regjeringen for ...``, ``Komiteen gir honnør til departementet for ...``:
    # praise for a measure endorses it
    ("støtter", re.compile(r"\b(?P<v>berømmer|berømme|gir\s+honnør|gi\s+honnør|gir\s+ros|gi\s+ros)\s+(?:til\s+)?"
                           r"(?:\w+\s+){1,3}?for\s+(?:å|at|ikke|ikkje|\w+(?:ingen|inga|ninga|ningen|en|et))\b"), 0.7, True),
    ("mål", re.compile(r"\b(?P<v>har|har\s+hatt)\s+(?:\w+\s+)?som\s+(?:\w+\s+)?(?:mål|målsetting|målsetjing|ambisjon)\s+"
                       r"(?:å|at)\b"), 0.8, True),
    ("mål", re.compile(r"\b(?P<v>har)\s+(?:eit\s+|et\s+|ett\s+|ein\s+|en\s+)?(?:klart\s+|tydeleg\s+|tydelig\s+)?"
                       r"(?:mål|målsetting|målsetjing|ambisjon)\s+om\b"), 0.75, True),
    ("mål", re.compile(r"\b(?P<v>er)\s+(?:et|eit|ett)\s+(?:[\w\-]+\s+)?(?:hoved|hovud|over\w*)?mål\s+for\s+"
                       r"(?:denne\s+|dette\s+|vår\w*\s+)?(?:regjering\w*|politikk\w*|arbeid\w*|satsing\w*|strategi\w*)"), 0.75, True),
    ("mål", re.compile(r"\bat\s+(?:det\s+)?(?:[\w\-]+\s+)?(?P<v>(?:hoved|hovud|del|over\w*)?målet|visjonen|ambisjonen)\s+"
                       r"(?:(?:for|med)\s+[\w\-]+(?:\s+[\w\-]+){0,5}?\s+)?(?:er|blir)\s+(?:å|at)\b"), 0.7, False),
    # ``Hensikten med katapultnodene er å ...``: a measure's purpose (not someone's: ``Formålet med
    # industriens FoU er å ...`` says why they do it)
    ("mål", re.compile(r"^(?:[\w\-]+\s+)?(?P<v>hensikten|formålet|føremålet|formål|føremål)\s+(?:(?:med|for)\s+(?![\w\-]*[^s\W]s\s)"
                       r"[\w\-]+(?:\s+[\w\-]+){0,5}?\s+)?(?:er|blir)\s+å\s+(?!(?:presentere|beskrive|skildre|drøfte|drøfte|"
                       r"vise|redegjøre|gjøre\s+rede|gjere\s+greie|oppsummere|gi\s+en\s+oversikt|gi\s+ei\s+oversikt|"
                       r"gi\s+eit\s+oversyn|informere|orientere)\b)"), 0.7, False),
    # ``Eit satsingsområde for forsking er samhandlinga ...``: a priority stated as such
    ("mål", re.compile(r"^(?:et|eit|ett|ein|en)\s+(?:[\w\-]+\s+)?(?P<v>satsingsområde|satsingsfelt|innsatsområde|"
                       r"prioritert\s+område|prioritet)\s+(?:for\s+[\w\-]+(?:\s+[\w\-]+){0,3}?\s+)?(?:er|blir|vert)\b"),
     0.7, False),
    ("mål", re.compile(r"^(?:et|eit|ett|ein|en)\s+(?:[\w\-]+\s+)?(?P<v>(?:hoved|hovud|del)?mål)\s+"
                       r"(?:for\s+[\w\-]+(?:\s+[\w\-]+){0,3}?\s+)?(?:er|blir|vert)\s+(?:å|at)\b"), 0.75, False),
    ("mål", re.compile(r"^(?:det\s+|eit\s+|et\s+)?(?:[\w\-]+\s+)?(?P<v>(?:hoved|hovud|del|over\w*)?mål(?:et|a|"
                       r"setjinga|settingen)|visjonen|ambisjonen)\s+(?:(?:for|med)\s+[\w\-]+(?:\s+[\w\-]+){0,5}?\s+)?"
                       r"(?:er|blir|skal\s+vere|skal\s+være)\s+(?!ikke\b|ikkje\b|nådd\b|nådd\b)"), 0.8, False),
    # ``Regjeringens mål er et trygt samfunn ...``, ``Vår visjon er ...``, ``HMR sitt overordna mål er å ...``:
    # a goal whose owner is named by a genitive or a possessive (not ``Regjeringens mål er ikke nådd``)
    ("mål", re.compile(r"^(?:[\w\-]+s|vår|vårt|våre|(?:[\w\-()]+\s+){1,5}?(?:sitt|sin|si|sine))\s+"
                       r"(?:[\w\-]+\s+)?(?P<v>(?:hoved|hovud|del|over\w*)?mål|visjon|ambisjon)\s+"
                       r"(?:(?:for|med)\s+[\w\-]+(?:\s+[\w\-]+){0,5}?\s+)?(?:er|blir|skal\s+være|skal\s+vere)\s+"
                       r"(?!ikke\b|ikkje\b|nådd\b|nådd\b)"), 0.8, False),
    # ``Komiteen forutsetter at ...``, ``Vi savner en satsing ...``, ``Dette fordrer mer satsing ...``
    ("forventer", re.compile(r"(?<!\bjeg\s)(?<!\beg\s)\b(?P<v>forutsetter|føreset)\s+(?:derfor\s+|også\s+)?at\b"
                             r"(?!.*\b(?:redegjøre|redegjere|gjøre\s+rede|gjere\s+greie)\b)"), 0.8, True),
    ("savner", re.compile(r"\b(?P<v>savner|saknar|etterlyser|etterlyser)\b"), 0.75, True),
    ("krever", re.compile(r"\b(?P<v>fordrer|krever|krev)\s+(?:\w+\s+){0,2}?(?:satsing\w*|satsning\w*|tiltak|"
                          r"investering\w*|styrking\w*|økning|auke|midler|innsats)\b"), 0.7, True),
    ("krever", re.compile(r"\b(?P<v>forutsetter|føreset)\s+(?!at\b)(?:\w+\s+){0,4}?(?:satsing\w*|satsning\w*|tiltak|"
                          r"investering\w*|styrking\w*|rammevilkår\w*|midler|innsats)\b"), 0.65, True),
    ("tiltak", re.compile(r"^(?:de\s+|dei\s+)?(?:foreslåtte|føreslåtte|planlagte|varslede|varsla)\s+(?P<v>tiltak(?:ene|a)?)\s+"
                          r"(?:er|omfatter|omfattar|inkluderer)\b"), 0.7, False),
    ("tiltak", re.compile(r"^(?:en|ei|et|eit)\s+(?:[\w\-]+\s+)?(?P<v>oppfølging|tiltak|grep|løsning|løysing|oppgave|"
                          r"oppgåve|prioritet|prioritering)\s+(?:framover\s+|fremover\s+|no\s+|nå\s+)?"
                          r"(?:er|blir|vert|vil\s+være|vil\s+vere|kan\s+være|kan\s+vere)\s+å\b"), 0.7, False),
    ("ber om", re.compile(r"\b(?P<v>vil)\s+(?:\w+\s+)?(?:be|oppfordre|anbefale|foreslå|tilrå|føreslå|oppmode|råde\s+til)\b"),
     0.9, True),
    # ``I 2017 ba et enstemmig storting regjeringen fremme ...`` (the subject after the verb)
    ("ber om", re.compile(r"\b(?P<v>ba|bad)\s+(?:et\s+\w+\s+|eit\s+\w+\s+)?storting(?:et)?\s+regjering\w*\b"), 0.8, True),
    ("ber om", re.compile(r"\bstortinget\s+(?:\w+\s+)?(?P<v>ba|bad|har\s+bedt|har\s+bede|fattet\s+vedtak|fatta\s+vedtak|"
                          r"gjorde\s+vedtak|vedtok|vedtek|har\s+vedtatt|har\s+vedteke)\b"), 0.8, True),
    # ``Komiteen understreker behovet for å ...``: emphasis by those who decide or ask (not a report's)
    ("ber om", re.compile(r"\b(?:komite\w*|flertall\w*|fleirtal\w*|mindretal\w*|medlem\w*|vi|jeg|eg|regjering\w*|"
                          r"departement\w*|stortinget)\s+(?:\w+\s+)?(?P<v>understreker|understrekar|vil\s+understreke|peker\s+på|peikar\s+på|"
                          r"vil\s+(?:også\s+|òg\s+)?(?:peke|peike)\s+på|vil\s+(?:også\s+|òg\s+)?(?:fremheve|framheve)|fremhever|"
                          r"framhever|framhevar)\s+(?:\w+\s+)?(?:behovet|betydningen|viktigheten|nødvendigheten|"
                          r"verdien|tydinga)\s+(?:av|for)\b"), 0.7, True),
    # ``Vi har også fått i oppdrag å ...``: a task the author has taken on
    ("vil", re.compile(r"\b(?P<v>har|har\s+også|har\s+òg)\s+fått\s+(?:\w+\s+)?i\s+oppdrag\s+(?:å|frå|fra)\b"), 0.7, True),
    # ``Siva bevilger 21 millioner til ...``, ``Totalt innvilges søknader for 21 millioner kroner``
    ("vil", re.compile(r"\b(?P<v>bevilger|bevilges|løyver|løyvast|setter\s+av|set\s+av|settes\s+av|innvilger|innvilges|"
                       r"tildeler|tildeles|investerer|(?:er|blir|vart)\s+(?:det\s+)?(?:bevilget|bevilga|løyvd|løyvt|satt\s+av|sett\s+av)|"
                       r"(?<=regjeringen\s)gir|(?<=regjeringa\s)gjev|(?<=regjeringa\s)gir)\b"
                       r"(?=.*\b\d[\d,.]*\s*(?:millioner|millionar|milliarder|milliardar|mill\.|mrd\.|kroner))"), 0.7, True),
    # ``Derfor øker vi bevilgningen med 50 millioner kroner``, ``Vi doblar løyvinga til ...``: more money
    # for a measure, in the present
    ("vil", re.compile(r"\b(?P<v>øker|aukar|styrker|styrkjer|dobler|doblar|trapper\s+opp)\s+(?:vi\s+|me\s+|regjeringen\s+|"
                       r"regjeringa\s+|departementet\s+)?(?:\w+\s+){0,2}?(?:bevilgning\w*|løyving\w*|ramme\w*|midl\w*|"
                       r"støtte\w*|tilskot\w*|tilskudd\w*|budsjett\w*)\b"
                       r"(?=.*\b\d[\d,.]*\s*(?:millioner|millionar|milliarder|milliardar|mill\.|mrd\.|kroner))"), 0.7, True),
    # ``Et slikt fond kan bygge på erfaringene fra BioInnovation Institute``, ``Norge bør lære av Danmark``: a
    # model to copy
    ("kan", re.compile(r"\b(?P<v>kan|bør|må)\s+(?:\w+\s+)?(?:bygge|byggje)\s+på\s+(?:erfaringene|erfaringane|modellen|"
                       r"modellane|modellene)\s+(?:fra|frå)\b"), 0.6, True),
    ("kan", re.compile(r"\b(?P<v>kan|bør|må)\s+(?:\w+\s+)?(?:lære|lære\s+mye|hente\s+inspirasjon)\s+(?:av|fra|frå)\s+"
                       r"(?:andre\s+land|erfaringene|erfaringane|(?:den\s+[a-zæøå]+\s+)?modellen|"
                       r"[a-zæøå]+s\s+(?:erfaringer|erfaringar|modell|eksempel))\b"),
     0.6, True),
    # ``KS støtter en videreutvikling av TØRN``, ``Vi støtter ein «hus-hytte»-modell``: the author's support
    # for a measure it names (``Siva støtter næringshager`` - a body funding - has no article)
    ("støtter", re.compile(r"^(?:[\w\-]+\s+){0,1}?(?:vi|me|[a-zæøå]{2,6})\s+(?:derfor\s+|difor\s+|også\s+|òg\s+|sterkt\s+)?"
                           r"(?P<v>støtter|støttar)\s+(?:en|et|ei|eit|ein)\s+(?!rekke\b|rad\b)"), 0.7, True),
    # ``Omstillingar ... ser vi som svært viktig``: an importance judgement, the object fronted
    ("viktig", re.compile(r"\b(?P<v>ser|ser\s+på|anser|reknar)\s+(?:vi|me|komiteen|regjeringen|regjeringa)\s+(?:\w+\s+)?som\s+"
                          r"(?:svært\s+|særs\s+|heilt\s+|helt\s+|spesielt\s+|særleg\s+|særlig\s+)?(?:viktig|viktige|avgjørande|"
                          r"avgjørende|nødvendig|naudsynt|sentral|sentralt)\b"), 0.7, True),
    # ``Vi legg til grunn at tiltak skal bidra til ...``: a premise the author sets for what is done
    ("vil", re.compile(r"\b(?:vi|me|regjeringen|regjeringa|departementet)\s+(?:\w+\s+)?(?P<v>legger|legg|leggjer)\s+"
                       r"(?:\w+\s+)?til\s+grunn\s+at\b"), 0.65, True),
    # ``Flertallet legger til grunn idrettens viktige posisjon ...``: the premise a committee sets
    ("støtter", re.compile(r"^(?:komite\w*|flertall\w*|fleirtal\w*|mindretal\w*|(?:disse|desse)\s+medlem\w*)\s+"
                           r"(?:\w+\s+)?(?P<v>legger|legg|leggjer)\s+(?:også\s+|òg\s+|derfor\s+|difor\s+)?til\s+grunn\b"),
     0.65, True),
    # ``Derfor fremmer jeg forslaget om en innovasjonsmilliard``, ``Me fremjar eit forslag om ...``
    ("foreslår", re.compile(r"\b(?P<v>fremmer|fremjar|fremjer|setter\s+fram|set\s+fram)\s+(?:jeg\s+|eg\s+|vi\s+|me\s+)?"
                            r"(?:derfor\s+|difor\s+|også\s+|òg\s+)?(?:et\s+|eit\s+)?(?:forslag\w*|framlegg\w*)\s+om\b"), 0.85, True),
    ("oppfordrer", re.compile(r"\b(?P<v>oppfordrer|etterlyser|oppmodar|oppmoder)\b"), 0.9, True),
    # ``Komiteen viser til at det i proposisjonen foreslås endringer i loven``: what the government's bill or
    # white paper proposes is the government's measure, whoever reports it
    ("gjør", re.compile(r"\b(?:det\s+)?(?:i|gjennom)\s+(?:proposisjonen|meldingen|stortingsmeldingen|lovforslaget|"
                        r"budsjettforslaget|budsjettproposisjonen)\s+(?:\w+\s+)?(?P<v>foreslås|føreslåast|foreslår|"
                        r"føreslår|legges\s+det\s+opp\s+til|vert\s+det\s+lagt\s+opp\s+til)\b"), 0.65, False),
    # ``En av prioriteringene som regjeringen foreslår for 2021, er en økning ...``: the government's
    # own measure, named in the relative clause that picks it out
    ("gjør", re.compile(r"\b(?:som|der)\s+(?:regjeringen|regjeringa)\s+(?:\w+\s+)?(?P<v>foreslår|føreslår|legger\s+opp\s+til|"
                        r"legg\s+opp\s+til|prioriterer|prioriterar)\b(?=.*,\s+(?:er|blir|vert)\s)"), 0.65, False),
    # ``Oslo Cancer Cluster vil se en nasjonal satsing ...``: a wish for a measure
    ("ønske", re.compile(r"\b(?P<v>vil|ønsker\s+å|ønskjer\s+å)\s+(?:gjerne\s+|også\s+|òg\s+)?(?:se|sjå)\s+"
                          r"(?:en|et|ei|eit|mer|meir|flere|fleire|økt|auka|større|sterkere|sterkare|bedre|betre)\b"),
     0.7, True),
    ("forventer", re.compile(r"\b(?P<v>forventer|forventninger?\s+om)\s+at\b"), 0.8, True),
    # ``vi har store forventninger til at meldingen gir …``: an expectation held is one stated
    ("forventer", re.compile(r"\b(?P<v>har|hadde)\s+(?:\w+\s+){0,2}?(?:store\s+|klare\s+|høye\s+|høge\s+)?"
                             r"(?:forventninger|forventinger|forventningar|forventing|forventning)\s+til\s+at\b"),
     0.75, True),
    # ``Vi ønsker at flere studier legges til Norge``, ``Vi håper at regjeringen ...``: a wish that
    # someone else act (the author's own intention, ``ønsker å``, is a commitment: below)
    ("ønske", re.compile(r"\b(?P<v>ønsker|ønskjer)\s+(?:derfor\s+|difor\s+|også\s+|òg\s+|sterkt\s+)?at\b"), 0.7, True),
    ("ønske", re.compile(r"\b(?:vi|me|jeg|eg|komiteen|flertallet|fleirtalet)\s+(?:\w+\s+)?(?P<v>håper|håpar)\s+"
                          r"(?:derfor\s+|difor\s+|også\s+|òg\s+)?at\b"), 0.6, True),
    # ``Statsministeren varslet at regjeringen vil opprette ...``: the government's commitment, reported
    ("vil", re.compile(r"\b(?:varslet|varsla|varsler|varslar|kunngjorde|kunngjør|lovet|lova|lover|lovar|opplyser|"
                       r"opplyste|sier|seier|sa)\s+(?:\w+\s+)?at\s+(?:regjeringen|regjeringa|departementet)\s+"
                       r"(?:nå\s+|no\s+|derfor\s+|difor\s+|også\s+|òg\s+)?(?P<v>vil|skal)\s+[a-zæøå]+[ae]\b"), 0.7, False),
    # ``Det er behov for å opprette ...``: an impersonal call for an action (a need of someone's -
    # ``Næringslivet trenger ...``, ``Norge har behov for ...`` - or for a thing is a statement of need)
    ("behov", re.compile(r"\b(?:det\s+er|er\s+det)\s+(?:\w+\s+){0,2}?(?P<v>behov)\s+for\s+å\s+[a-zæøå]+[ae]\b"), 0.7, True),
    # ``Det er grunn til å vurdere ei ny ordning``: a reason given for an action is a call for it
    ("behov", re.compile(r"^(?:\w+\s+)?(?:det\s+er|er\s+det)\s+(?:derfor\s+|difor\s+|god\s+|gode\s+|all\s+)?(?P<v>grunn)\s+"
                         r"til\s+å\s+[a-zæøå]+[ae]\b"), 0.65, True),
    # ``Det er et ledelsesansvar å ...``: an obligation stated as whose it is
    ("ansvar", re.compile(r"^det\s+er\s+(?:eit\s+|et\s+|ett\s+|vårt\s+|vårt\s+felles\s+)?(?:[\w\-]+\s+)?"
                          r"(?P<v>[\w\-]*ansvar)\s+(?:å|for\s+å)\b"), 0.65, False),
    # ``Legeforeningen mener at helse er gitt for liten plass``: too little of something asks for more
    ("mener", re.compile(r"\b(?P<v>mener|meiner|synes|syns)\s+(?:\w+\s+){0,8}?(?:er|blir|får|har)\s+(?:\w+\s+){0,2}?"
                         r"for\s+(?:liten|lite|små|lav|lavt|låg|lågt|svak|svakt|få|dårlig|dårleg)\b"), 0.7, True),
    # ``vi mener også at private sykehus kan spille en viktig rolle``: the author's view of a role to give
    # someone (not ``Vi mener at kunnskap er nødvendig ...``, a statement of value)
    ("mener", re.compile(r"(?:^|[,;]\s+)(?:\w+\s+){0,2}?(?:vi|me)\s+(?P<v>mener|meiner)\s+(?:også\s+|òg\s+|derfor\s+|difor\s+)*"
                         r"at\b(?:\s+[\w\-]+){1,12}?\s+(?:kan|vil|bør|skal|må)\s+(?:få\s+)?(?:spille|spela|spele|ha)\s+"
                         r"(?:ei?n|ei)\s+(?:viktig|sentral|større|stor|avgjørende|avgjerande)\s+rolle\b"), 0.7, True),
    # ``Vi ønsker ikke et system der ...``: a position against (not ``Vi ønsker ikke å kommentere ...``)
    ("mener", re.compile(r"^(?:\w+\s+){0,2}?(?:vi|me)\s+(?P<v>ønsker|ønskjer|vil)\s+(?:derfor\s+|difor\s+)?(?:ikke|ikkje)\s+"
                          r"(?:et|en|ei|eit|ein|at|noen|nokon|flere|fleire|mer|meir)\b"), 0.7, True),
    # ``..., og vil være ferdig i løpet av 2019``, ``som skal være operativt i 2020``: a delivery scheduled
    ("vil", re.compile(r"\b(?P<v>vil|skal)\s+(?:være|vere|bli|verte|stå)\s+(?:helt\s+|heilt\s+)?(?:ferdig\w*|klare?|på\s+plass|"
                       r"operativ\w*|etablert|gjennomført|ferdigstilt|i\s+drift|tatt\s+i\s+bruk|teken\s+i\s+bruk)\s+"
                       r"(?:i\s+løpet\s+av\s+|innen\s+|innan\s+|i\s+|fra\s+|frå\s+)(?:(?:høsten|våren|hausten|utgangen\s+av|"
                       r"slutten\s+av)\s+)?(?:19|20)\d\d\b"), 0.65, True),
    # ``I disse dager utarbeider Innovasjonsavdelingen en handlingsplan ...``, ``For tiden arbeides det med
    # etablering av ...``: work in hand
    ("vil", re.compile(r"^(?:i\s+disse\s+dager|i\s+desse\s+dagar|for\s+tiden|for\s+tida)\s+(?P<v>utarbeider|utarbeidar|"
                       r"arbeider|arbeidar|arbeides|arbeidast|jobber|jobbar|jobbes|utvikler|utviklar|utvikles|etablerer|"
                       r"etablerast|etableres)\b"), 0.6, False),
    # ``Den største mangelen i planen er at det ikke følger med finansiering``
    ("mener", re.compile(r"^(?:den\s+|ein\s+|en\s+)?(?:største\s+|viktigste\s+|stor\s+)?(?P<v>mangel\w*|svakheit\w*|svakhet\w*)"
                         r"(?:\s+[\w\-]+){0,4}?\s+(?:er|blir)\s+(?:\w+\s+)?at\b"), 0.65, False),
    # ``I budsjettet er det også lagt opp til at Norge skal ta del i ...``: a plan set out
    ("vil", re.compile(r"\b(?:er|blir|ble|blei|vart)\s+det\s+(?:også\s+|òg\s+)?(?P<v>lagt\s+opp\s+til)\s+(?:at|å)\b"), 0.65, True),
    ("viktig", re.compile(
        r"\b(?P<v>viktig|viktigere|avgjørende|nødvendig|naudsynt|essensielt|sentralt|kritisk|hensiktsmessig|"
        r"ønskelig|ønskjeleg|ønskeleg|vesentlig|vesentleg)"
        r"(?:\s+for\s+(?!å\b|at\b)[\w\-]+(?:\s+(?!at\b|å\b)[\w\-]+){0,3})?\s+(?:og\s+)?(?:at|å)\b"),
     0.7, False),
    ("viktig", re.compile(r"^at\b.*\b(?P<v>viktig|avgjørende|nødvendig|sentralt|essensielt)\b"), 0.7,
     False),
    # ``... er at det å tiltrekke seg internasjonale aktører er viktig``, ``Å lykkes med X er viktigere enn
    # noen gang``: an action judged important
    ("viktig", re.compile(r"(?:^|\bat\s+)(?:det\s+)?å\s+[a-zæøå]+(?:e|a|es|as)\b.*?\b(?:er|blir|vert)\s+(?:\w+\s+)?"
                          r"(?P<v>viktig|viktigere|avgjørende|nødvendig|naudsynt|sentralt|essensielt)\b"), 0.65, False),
    ("viktig", re.compile(
        r"\ber\s+(?:(?:derfor|også|helt|absolutt|kritisk|svært|særdeles)\s+)*"
        r"(?P<v>nødvendig|essensielt|avgjørende|påkrevd|viktig)\s*[.!]?$"), 0.65, False),
    ("ønske", re.compile(r"\b(?P<v>hadde|ville)\s+(?:det\s+)?(?:vært|være)\s+(?:en\s+)?(?:stor\s+)?"
                          r"(?:fordel|ønskelig|bra|positivt|nyttig|gunstig|en\s+styrke)\b"), 0.65, True),
    ("tiltak", re.compile(
        r"\b(?P<v>er|være|utgjør|utgjøre)\s+(?:et|ett|en)\s+(?:(?:meget|svært|særlig)\s+)?"
        r"(?:viktig|konkret|godt|nødvendig|effektivt|egnet|riktig)\s+(?:[\w\-]+\s+)?"
        r"(?:tiltak|virkemiddel|grep|bidrag)\b(?!\s*,\s*og\b)"), 0.6, True),
    ("tiltak", re.compile(
        r"\b(?P<v>ser|ser\s+på|anser)\s+(?:\w+\s+){1,8}?som\s+(?:et|ett|en|ei|eit|ein)\s+(?:(?:svært|særlig)\s+)?"
        r"(?:viktig|sentralt|sentral|nødvendig|godt|riktig|naturlig)\s+(?:[\w\-]+\s+)?"
        r"(?:tiltak|virkemiddel|grep|bidrag|element|verktøy|steg|ledd)\b"), 0.6, True),
    ("kan", re.compile(
        r"\b(?P<v>kan)\b.*\b(?:være|utgjøre|bli)\s+(?:et|ett|en)\s+(?:[\w\-]+\s+){0,3}?"
        r"(?:tiltak|element|virkemiddel|grep|eksempel|modell|forbilde)\b"), 0.6, True),
    ("kan", re.compile(r"\b(?:mål|målet|ambisjon|ambisjonen)\b(?:\s+[\w\-]+){0,4}?\s+(?P<v>kan)\s+være\s+at\b"),
     0.6, True),
    ("kan", re.compile(r"\b(?P<v>kan)\s+bidra\s+(?:\w+\s+)?til\b"), 0.55, True),
    # ``Ved å dreie arbeidet mot forebygging kan vi dempe veksten``: a means recommended by what it achieves
    ("kan", re.compile(r"^ved\s+å\s+[a-zæøå]+[ae]\b[^.]*?\b(?P<v>kan)\s+(?:vi|man|me|ein|en|norge|noreg|samfunnet)\b"),
     0.6, False),
    ("kan", re.compile(r"\beksempel\w*\b.*\b(?P<v>kan|bør|må)\s+(?:\w+\s+)?\w+(?:es|is)\b"), 0.6, False),
]
# someone else's proposal, reported (``Utvalget foreslår ...``); the government's own proposals
# (``Regjeringen foreslår å sette av ...``) are proposals of the government, whoever reports them
_THIRD_PARTY_RE = re.compile(
    r"\b(utvalget|direktoratet|kommisjonen|forslaget|eu)\s+(?:\w+\s+)?(foreslår|foreslås|anbefaler|anbefales|ber|vil|oppfordrer)\b"
    r"|\b(foreslår|anbefaler)\s+(utvalget|stortinget|kommisjonen)\b"
    r"|\b(departementet|regjeringen|regjeringa)\s+(?:\w+\s+)?(ber|bed)\b"  # ``Departementet ber om innspill``
    r"|\bstortinget\s+(?:\w+\s+)?(foreslår|anbefaler|vil)\b")  # ``Stortinget ber regjeringen ...`` is a request
_WEAK = frozenset({"trenger", "behov", "kan", "viktig"})
_KAN_PASSIVE_RE = re.compile(r"\b(?P<v>kan)\s+(?P<mid>(?:[\w\-]+\s+){0,2}?)(?P<p>[a-zæøå]{2,}(?:es|is|ås|as))\b")


def _author_words(authors: list[str] | None) -> set[str]:
    out: set[str] = set()
    for a in authors or []:
        for w in re.findall(r"[\wæøåÆØÅ]+", a):
            if len(w) >= 2:
                out.add(w.lower())
    return out


_EPISTEMIC_RE = re.compile(r"\s+(?:også\s+|jo\s+|nok\s+)?(?:ha\s+)?(?:være|vært)\s+(?:\w+\s+)?"
                           r"(?:vanskelig|krevende|utfordrende|umulig|uheldig|klart|tydelig|riktig\s+at)\b")


# ``Pasientene må vente i gjennomsnitt 522 dager``, ``Vi må leve lenge med viruset``: what people have to
# endure, a description of how things are, not a demand
_ENDURED_RE = re.compile(r"\s+(?:[\w\-]+\s+){0,2}?(?:vente|venta|leve|leva|tåle|tole|slite|reise|pendle)\b"
                         r"(?!\s+(?:kortere|kortare|mindre)\b)")


def _match_modal(low: str, flags: dict[int, bool]) -> tuple[str, float] | None:
    for m in re.finditer(r"\b(bør|må|skal|burde)\b", low):
        if re.match(r"\s+(?:jeg|eg)\s+(?:\w+\s+)?(?:holde|starte|begynne|byrje|si|snakke|kommentere|ta\s+opp|"
                    r"gjøre\s+rede|gjere\s+greie|redegjøre|avslutte|minne)\b", low[m.end():]) or \
                re.search(r"\b(?:jeg|eg)\s+$", low[:m.start()]) and re.match(
                    r"\s+(?:\w+\s+)?(?:holde|starte|begynne|byrje|si|snakke|kommentere|ta\s+opp|gjøre\s+rede|"
                    r"gjere\s+greie|redegjøre|avslutte|minne)\b", low[m.end():]):
            continue  # a speaker announcing the speech, not a measure
        if flags.get(m.start(), False):
            # ``X er ordninger som bør styrkes``: a demand on what the main clause names
            cop = re.search(r"\b(?:er|blir)\b.*\bsom\s+(?:[\w\-]+\s+){0,2}$", low[:m.start()])
            if m.group(1) in ("bør", "burde", "må") and cop and not flags.get(cop.start(), True):
                return _MODALS[m.group(1)], 0.75
            # ``Sykehusstrukturen har utfordringer som bør sees i sammenheng med ...``
            has = re.search(r"\bhar\s+(?:[\w\-]+\s+){0,2}?[\w\-]+\s+som\s+$", low[:m.start()])
            if m.group(1) in ("bør", "burde") and has and not flags.get(has.start(), True):
                return _MODALS[m.group(1)], 0.7
            continue
        if m.group(1) == "må" and (_EPISTEMIC_RE.match(low[m.end():]) or _ENDURED_RE.match(low[m.end():])):
            continue
        if _frequency_near(low, m.start(), m.end()):
            continue
        if m.group(1) == "skal" and re.match(r"\s+(?:det\s+)?(?:ikke\s+|ikkje\s+)?(?:lite|mye|mykje|mer|meir|mindre|"
                                             r"ingenting|noe|noko|svært\s+lite|veldig\s+lite)\s+til\b", low[m.end():]):
            continue  # ``skal det lite til for at ...``: it takes little, an idiom, not a measure
        if re.match(r"\s+(?:\w+\s+)?(?:[\w-]+)?\s*[?]", low[m.end():]):
            continue
        return _MODALS[m.group(1)], 0.9
    # a misspelt modal in front of an infinitive (``børe være``)
    for m in re.finditer(r"\b([a-zæøå]{3,5})\s+(være|bli|få|ha|gi|ta)\b", low):
        w = m.group(1)
        if w in _MODALS or w in _FINITE or w in ("mål", "måte", "børs", "skala", "bor", "slik"):
            continue
        for modal in ("bør", "må", "skal"):
            if Levenshtein.distance(w, modal) == 1 and w[0] == modal[0]:
                if not flags.get(m.start(), False):
                    return modal, 0.5
    return None


def _match_sentence(sent: str, authors: set[str]) -> tuple[str, float] | None:
    """The modality of a recommendation sentence, or None."""
    s = sent.strip().lstrip("«\"“(")  # ``«Målet er å ...``: a quoted sentence is read as the sentence
    low = s.lower()
    if len(_tokens(s)) < 3 or s.endswith("?") or s.endswith(":"):
        return None
    if _PAST_REPORT_RE.search(low) or _SELF_RE.search(low) or _REFERENCE_RE.match(low):
        return None
    if _ANNOUNCES_A_LIST.search(low) and len(_tokens(s)) <= 14:
        return None  # ``Porteføljen skal styres mot fire hovedmål.``: it announces the list that follows
    toks = _tokens(low)
    flags = _subordinate_flags(toks)
    found = _match_modal(low, flags)
    if found:
        return found
    # a demand quoted after a reporting verb: ``... fremhever at «den klare hovedregelen bør være ...»``
    for q in re.finditer(r"«([^»]{20,})»", s):
        if low[:q.start()].rstrip().endswith(("at", ":")):
            quoted = _match_modal(q.group(1).lower(), _subordinate_flags(_tokens(q.group(1).lower())))
            if quoted:
                return quoted[0], 0.6
    for modality, rx, conf, check in _TRIGGERS:
        for m in rx.finditer(low):
            v = m.start("v") if "v" in rx.groupindex else m.start()
            if check and flags.get(v, False):
                continue
            if modality in ("foreslår", "anbefaler", "ber om", "oppfordrer") and _THIRD_PARTY_RE.search(
                    low[max(0, v - 40):v + len(m.group(0)) + 20]):
                continue  # someone else's proposal, reported: ``Departementet foreslår ...``
            if modality == "kan" and _CONSEQUENCE_RE.search(low):
                continue
            if modality in _WEAK and low.startswith("når "):
                continue  # ``Når selskapene vokser er det behov for ...``: how things generally are
            if modality == "viktig" and re.search(r"\b(?:når|hvis|dersom|om|fordi|ettersom|viss)\s+(?:det\s+)?"
                                                  r"(?:er|blir|var|vert)\s+(?:\w+\s+)?$", low[:v]):
                continue  # ``... særlig når det er nødvendig å koble data``: a circumstance, not a judgement
            return modality, conf
    for m in _KAN_PASSIVE_RE.finditer(low):
        mid = m.group("mid").split()
        if any(w not in _ADVERBS for w in mid) or "ikke" in mid:
            continue
        if re.search(r"\b(om|hvordan|hvorvidt|hva|hvilke|hvem)\b", low[:m.start()]):
            continue
        if flags.get(m.start("v"), False) or _CONSEQUENCE_RE.search(low) or low.startswith("når "):
            continue
        return "kan", 0.6
    if re.match(_CHANGE_WORDS_RE, low) and len(_CHANGE_PHRASE.findall(low)) >= 2 and not _has_finite(s) \
            and " som " not in low:
        return "endring", 0.6
    # the government's wish for a thing: ``Regjeringen ønsker en bærekraftig helse- og omsorgstjeneste ...``
    m = re.match(r"(?:regjeringen|regjeringa|departementet)\s+(?:\w+\s+)?(?P<v>ønsker|ønskjer)\s+"
                 r"(?:en|ei|et|eit|ein|mer|meir|flere|fleire|økt|auka|større|sterkere|sterkare|bedre|betre)\b", low)
    if m and not flags.get(m.start("v"), False):
        return "ønsker", 0.7
    # the author's own intention: ``LMI ønsker å nedsette ...`` / ``Vi ønsker å ...``
    for m in re.finditer(r"(\S+)\s+ønsker\s+(?:\w+\s+)?å\s+(\w+)", s):
        subj, inf = m.group(1), m.group(2).lower()
        if inf in ("være", "bli", "bidra", "delta") or inf in _DISCOURSE:
            continue
        if subj.lower() == "vi" or re.fullmatch(r"[A-ZÆØÅ]{2,}s?", subj) or subj.lower() in authors:
            return "ønsker", 0.7
    for m in re.finditer(r"(\S+)\s+ønskjer\s+(?:\w+\s+)?å\s+(\w+)", s):
        if m.group(1).lower() == "vi" or re.fullmatch(r"[A-ZÆØÅ]{2,}s?", m.group(1)) or m.group(1).lower() in authors:
            return "ønsker", 0.7
    # a commitment: ``Regjeringen vil styrke ...``, ``Vi vil etablere ...``
    m = re.search(r"(?:^|[,;]\s+)(?:\w+\s+){0,3}?(?P<subj>[\w\-]+)\s+(?P<v>vil)\s+(?:også\s+|òg\s+|derfor\s+|difor\s+)?at\b",
                  low)
    if m and not flags.get(m.start("v"), False) and (m.group("subj") in _GOVERNMENT or m.group("subj") in authors):
        return "vil", 0.75  # ``Regjeringa vil at alle innbyggjarar skal ...``
    # ``Vi kommer til å legge fram en ny strategi``: the government's or the author's plan
    m = re.search(r"(?:^|[,;]\s+|\bog\s+)(?:\w+\s+){0,3}?(?P<subj>[\w\-]+)\s+(?P<v>kommer|kjem)\s+(?:også\s+|òg\s+|derfor\s+|"
                  r"difor\s+)?til\s+å\s+(?P<verb>[a-zæøå]+[ae])\b", low)
    if m and not flags.get(m.start("v"), False) and (m.group("subj") in _GOVERNMENT or m.group("subj") in authors) \
            and m.group("verb") not in _DISCOURSE | _SPEECH_ACTS | {"se", "sjå", "få", "merke", "oppleve", "trenge"}:
        return "vil", 0.7
    m = _COMMIT_RE.search(low)
    if m and not flags.get(m.start("v"), False) and (m.group("subj") in _GOVERNMENT or m.group("subj") in authors) \
            and m.group("verb") not in (_SPEECH if m.group("subj") in _STATE - _SPEAKER else _DISCOURSE | _SPEECH_ACTS):
        return "vil", 0.8
    # the country's commitment, as the government writes it: ``I tillegg vil Norge delta i ...``, ``Noreg skal leie ...``
    m = re.search(r"(?:^(?:[\w\-]+\s+){0,4}?(?P<v>vil|skal)\s+(?:norge|noreg)|^(?:norge|noreg)\s+(?P<v2>vil|skal))\s+"
                  r"(?:nå\s+|no\s+|også\s+|òg\s+|derfor\s+|difor\s+)*(?P<verb>[a-zæøå]+[ae])\b", low)
    if m and not flags.get(m.start("v") if m.group("v") else m.start("v2"), False) \
            and m.group("verb") not in _DISCOURSE | _SPEECH_ACTS | _STATES:
        return "vil", 0.7
    # a public body's or an organisation's plan, its name as the subject: ``Forskningsrådet vil prioritere ...``,
    # ``FHI vil etablere ...`` (not ``Pasientene vil få ...``, nor ``Dette vil gi ...``)
    m = re.match(r"(?P<subj>[A-ZÆØÅ][\w\-]*(?:\s+[A-ZÆØÅa-zæøå][\w\-]*){0,2}?)\s+vil\s+(?:også\s+|òg\s+|derfor\s+|"
                 r"difor\s+|fortsatt\s+|framleis\s+)*(?P<verb>[a-zæøå]+[ae])\b", s)
    if m and (re.fullmatch(r"[A-ZÆØÅ]{2,6}", m.group("subj")) or _BODY_SUBJECT.search(m.group("subj").lower())
              or len(m.group("subj").split()) > 1 and re.search(r"\s(?:sykehus|sjukehus|HF|RHF|universitet|kommune)$",
                                                                m.group("subj"))) \
            and (m.group("verb") not in _DISCOURSE | _SPEECH_ACTS | _STATES
                 or re.match(r"\s+(?:i\s+bruk|initiativ|ansvar|grep|imot)\b", s[m.end():])):
        return "vil", 0.7
    # the same with a fronted adverbial (verb second): ``I denne meldingen vil regjeringen forsterke ...``
    m = _COMMIT_INV_RE.search(low)
    if m and not flags.get(m.start("v"), False) and (m.group("subj") in _GOVERNMENT or m.group("subj") in authors) \
            and m.group("verb") not in (_SPEECH if m.group("subj") in _STATE - _SPEAKER else _DISCOURSE | _SPEECH_ACTS):
        return "vil", 0.75
    # the government acting on a measure, in the present: ``Regjeringen styrker X med 50 millioner``,
    # also verb second: ``For å sikre at ..., legger regjeringen arbeidslinja til grunn.``
    m = _STATE_ACTS_RE.search(low) or _STATE_ACTS_INV_RE.search(low)
    if m and not flags.get(m.start("v"), False):
        return "gjør", 0.75
    return None


# what befalls a subject rather than what it does (``vil få``, ``vil ha``, ``skal være``)
_STATES = frozenset("se sjå få gi gje føre kunne ha være vere bli verte måtte trenge ligge liggje merke oppleve".split())
# the definite head of a body's name (``Forskningsrådet``, ``Helsedirektoratet``, ``Legeforeningen``)
_BODY_SUBJECT = re.compile(r"\w{2,}(?:rådet|direktoratet|tilsynet|instituttet|foreningen|foreininga|forbundet|klyngen|"
                           r"klynga|senteret|sykehuset|sjukehuset|universitetet|fondet|etaten|verket|registeret)$")
# the state speaking (a minister's ``jeg``/``eg``): ``Regjeringen vil gi ... i oppdrag`` commits it
_STATE = frozenset("regjeringen regjeringa departementet departementa staten jeg eg".split())
# a speaker's ``Jeg vil starte med ...``, ``Eg vil fortelje ...``: the speech, not a measure
_SPEAKER = frozenset({"jeg", "eg"})
_SPEECH_ACTS = frozenset("""
starte begynne byrje avslutte slutte snakke prate fortelle fortelje dele benytte nytte gratulere hilse
ønske rose presentere beskrive skildre orientere redegjøre gjøre gjere ta sitere lese spørre svare
""".split())
_GOVERNMENT = _STATE | {"vi", "me"}  # ``me``: nynorsk *we*
_STATE_ACTS_RE = re.compile(
    r"(?:^|[,;]\s+|\bog\s+)(?:\w+\s+){0,2}?(?:regjeringen|regjeringa|[\w\-]*departementet(?:\s+\([a-zæøå]{2,6}\))?)\s+(?:\w+\s+)?"
    r"(?P<v>styrker|styrkjer|øker|aukar|setter\s+av|set\s+av|bevilger|løyver|satser|prioriterer|etablerer|viderefører|vidarefører|"
    r"opprettar|oppretter|trapper\s+opp|tar\s+sikte\s+på|tek\s+sikte\s+på|legger\s+opp\s+til|legg\s+opp\s+til|"
    r"tar\s+initiativ\s+til|tek\s+initiativ\s+til|arbeider\s+for\s+å|arbeider\s+med\s+å|jobber\s+for\s+å|"
    r"legger\s+(?!i\s+dag\b)(?:\w+\s+){0,3}?fram|legg\s+(?!i\s+dag\b)(?:\w+\s+){0,3}?fram|leggjer\s+(?!i\s+dag\b)(?:\w+\s+){0,3}?fram|"
    r"legger\s+(?!i\s+dag\b)(?:\w+\s+){0,3}?frem)\b")
_STATE_VERBS = (r"styrker|styrkjer|øker|aukar|setter\s+av|set\s+av|bevilger|løyver|satser|prioriterer|etablerer|"
                r"opprettar|oppretter|trapper\s+opp|tar\s+sikte\s+på|tek\s+sikte\s+på|legger\s+opp\s+til|"
                r"legg\s+opp\s+til|tar\s+initiativ\s+til|tek\s+initiativ\s+til")
_GOV = r"(?:regjeringen|regjeringa|departementet)"
# verb second after a fronted adverbial: the verb, then the government, then what it does
# (``I 2024 styrker regjeringen ...``, ``For å sikre at ..., legger regjeringen arbeidslinja til grunn.``)
_STATE_ACTS_INV_RE = re.compile(
    r"(?:^(?:[\w\-]+\s+){1,8}?|[,;]\s+(?:[\w\-]+\s+){0,8}?)(?P<v>(?:" + _STATE_VERBS + r")(?=\s+" + _GOV + r"\b)|"
    r"(?:legger|legg|leggjer)(?=\s+" + _GOV + r"\s+(?:[\w\-]+\s+){1,5}?til\s+grunn\b)|"
    r"(?<!^i dag )(?<!^i dag, )(?:legger|legg|leggjer)(?=\s+(?:derfor\s+|difor\s+|også\s+)?(?:" + _GOV[3:-1] +
    r"|[\w\-]*ministeren(?:\s+og\s+[\w\-]*ministeren)?|[\w\-]*statsråden)\s+(?:\w+\s+){0,2}?(?:fram|frem)\s+"
    r"(?:en|ei|et|eit|ny|nye|sin|si|sitt)\b))")
_COMMIT_INV_RE = re.compile(r"^(?:[\w\-]+\s+){1,10}?(?P<v>vil)\s+(?P<subj>[\w\-]+)\s+"
                            r"(?:(?:også|òg|derfor|difor|videre|vidare|fortsatt|framleis|fremdeles|gjerne|i\s+\w+|"
                            r"blant\s+anna?)\s+)*(?P<verb>[a-zæøå]+[ae]|gi)\b")
_COMMIT_RE = re.compile(r"(?:^|[,;]\s+|\bog\s+)(?:\w+\s+){0,3}?(?P<subj>[\w\-]+)\s+(?P<v>vil)\s+"
                        r"(?:(?:også|òg|derfor|difor|videre|vidare|fortsatt|framleis|fremdeles|gjerne|i\s+\w+|"
                        r"blant\s+anna?)\s+)*"
                        r"(?P<verb>[a-zæøå]+[ae]|gi)\b")
# ``Vi vil understreke at ...``: the author speaking, not committing to a measure
_SPEECH = frozenset("""
understreke påpeke peke vise nevne kommentere fremheve framheve takke minne si nemne streke komme
framheva understreka peika
""".split())
_DISCOURSE = _SPEECH | frozenset("""
understreke påpeke peke vise nevne kommentere fremheve framheve trekke gi takke komme minne knytte
si nemne streke be oppfordre anbefale foreslå tilrå vere være bli ha kunne måtte fremheve
framheva understreka peika trenge trenga se sjå oppleve merke møte
""".split())


def intent_of(text: str, modality: str, authors: set[str], doc_type: str | None = None) -> str:
    """``ask``, ``commitment`` or ``goal``: what the sentence does (see the module doc)."""
    low = text.strip().lower()
    if modality == "mål" or re.match(r"(?:det\s+)?(?:hoved|del|over\w*)?mål(?:et|a|setjinga|settingen)?\b"
                                     r"|visjonen\b|ambisjonen\b", low) or re.match(
            r"(?:[\w\-]+s|vår|vårt|(?:[\w\-()]+\s+){1,5}?(?:sitt|sin|si|sine))\s+(?:[\w\-]+\s+)?"
            r"(?:hoved|hovud|del|over\w*)?(?:mål|visjon|ambisjon)\s+(?:for\s+[\w\-]+\s+)?(?:er|blir)\b", low):
        return "goal"  # also ``Regjeringa sitt mål er at alle skal ...`` (found by its modal first)
    if modality in ("vil", "ønsker", "gjør"):
        return "commitment"
    if re.match(r"(?:[\w\-]+\s+){1,3}?(?:\w+\s+)?(?:mener|meiner|synes|syns|forventer|forventar)\s", low) and \
            not re.match(r"(?:regjering\w*|departement\w*)\s", low):
        return "ask"  # ``Vi mener samtykke fortsatt skal være hovedregelen``: an opinion on what others do
    if modality == "foreslår" and re.match(r"(?:[\w\-]+\s+){0,2}?(?:regjering\w*|[\w\-]*departement\w*)\s+(?:\w+\s+)?"
                                           r"(?:foreslår|føreslår|går\s+inn\s+for)\b", low):
        return "commitment"  # ``Regjeringen foreslår å sette av ...``: the government's own measure
    m = re.match(r"(?:[\w\-]+\s+){0,3}?(?P<subj>[\w\-]+)\s+(?:skal|vil)\s+(?:\w+\s+)??"
                 r"(?P<verb>være|vere|bli|verte|ha|ligge|få|styrke|auke|øke|bidra|medverke|resultere|preges|prega)?",
                 low)
    if m and modality in ("skal", "vil", "bullet"):
        subj = m.group("subj")
        if subj in _GOVERNMENT or subj in authors or subj in ("norge", "noreg") and not m.group("verb"):
            return "commitment"  # also ``Noreg skal leie ein global dugnad``: the country acting, as its government writes
        if m.group("verb"):
            return "goal"  # ``Norge skal være ledende ...``, ``Andelen skal øke ...``
    # verb second after a fronted adverbial: ``Gjennom programmet skal vi hjelpe ...``
    inv = re.match(r"(?:[\w\-]+\s+){1,8}?(?:skal|vil)\s+(?P<subj>[\w\-]+)\s+(?:også\s+|òg\s+|derfor\s+|difor\s+)?"
                   r"(?P<verb>være|vere|bli|verte)?", low)
    if inv and modality in ("skal", "vil") and (inv.group("subj") in _GOVERNMENT or inv.group("subj") in authors) \
            and not inv.group("verb"):
        return "commitment"
    if doc_type == "strategy" and modality in ("bullet", "numbered", "skal"):
        return "goal"
    return "ask"


def _is_infinitive_start(text: str) -> bool:
    m = re.match(r"[«\"(]?([^\W\d_]+)", text)
    if not m:
        return False
    w = m.group(1)
    if not w[0].isupper():
        return False
    lw = w.lower()
    if lw in _MONO_INF:
        return True
    if lw in _NOT_INF or len(lw) < 4 or not lw.endswith("e"):
        return False
    if _NOT_INF_SUFFIX.search(lw) and lw not in _INF_EXCEPTIONS:
        return False
    # an infinitive is not followed by a finite verb (``Nye midler er ...`` is a subject)
    rest = _tokens(text[m.end():])[:3]
    if rest and rest[0][0] in _FINITE:
        return False
    # ``Vestre Viken har …``, ``Nye Sykehusbygg skal …``: a name's first word, then its verb
    nxt = re.match(r"\s+([^\W\d_]+)", text[m.end():])
    return not (nxt and nxt.group(1)[0].isupper() and len(rest) > 1 and rest[1][0] in _FINITE)


def _last_word(text: str) -> str:
    t = _tokens(text.lower())
    return t[-1][0] if t else ""


def _has_finite(text: str) -> bool:
    """A finite verb from the list, or a present tense of a Latinate verb (``fungerer``)."""
    return any(t[0] in _FINITE or len(t[0]) > 6 and t[0].endswith("erer") for t in _tokens(text))


_GOAL_INTRO_RE = re.compile(r"\b(?:hoved|hovud|del|over\w*)?mål(?:et|a|ene|setjing\w*|setting\w*)?\b|"
                            r"\bambisjon\w*|\bvisjon\w*|\boppnå\w*\b.*\b20\d\d\b")


_ANNOUNCES = re.compile(r"\b(?:følgende|følgjande|nedenfor|nedanfor|disse|desse|blant\s+annet|mellom\s+anna|"
                        r"bl\.\s?a\.|f\.\s?eks\.|eksempel\w*|t\.\s?d\.)\b", re.IGNORECASE)


def _lead_in_with_content(sent: str) -> bool:
    """A line before a list that says something itself (eight words or more, not ``Vi ber om
    følgende:``, not ending in a verb or a particle the bullets complete: ``Regjeringen vil:``)."""
    words = _tokens(sent.rstrip(":"))
    return len(words) >= 8 and not _ANNOUNCES.search(sent) and words[-1][0] not in _FINITE | _MODALS.keys() | {
        "å", "at", "om", "som", "med", "til", "for", "på", "av", "i", "seg", "sikre", "gjennom", "ved", "mot",
        "ein", "en", "et", "eit", "å:", "slik", "vere", "være"}


def _goal_intro(intro: str | None) -> bool:
    """``Hovudmål:``, ``Kva har vi oppnådd innan 2022:``: a short line announcing a list of goals
    (not an opinion about someone else's: ``LMI mener de overordnede målene i planen står seg godt:``)."""
    low = (intro or "").lower()
    return low.rstrip().endswith(":") and len(low.split()) <= 8 and bool(_GOAL_INTRO_RE.search(low)) \
        and not _PAST_REPORT_RE.search(low) and not re.search(r"\b(mener|meiner|synes|syns)\b", low)


def _demanding_intro(intro: str | None, authors: set[str]) -> bool:
    if not intro:
        return False
    low = intro.lower()
    if _goal_intro(intro):
        return True
    # ``Regjeringen vil:``, ``Vi skal:``: the bullets complete the sentence
    if re.search(r"\b(vil|skal|må|bør|ønsker|ønskjer)\s*(?:å\s*)?:?$", low.strip()):
        return True
    # ``Komiteen ønsker å fremheve følgende punkter:``: a request whose points are the bullets
    if re.search(r"\b(ønsker|ønskjer|ber|bed|krever|krev|foreslår|føreslår|anbefaler|tilrår)\b", low) and \
            re.search(r"\b(følgende|følgjande|disse|desse|punkt\w*|tiltak\w*|område\w*)\b", low) and \
            not _PAST_REPORT_RE.search(low):
        return True
    if re.search(r"\b(innebærer|betyr|vil\s+si)\s+(?:\w+\s+)?å\b", low):
        return True
    # ``... har fem hovudprioriteringar ...:`` (a compound's head names what the bullets are)
    if re.search(r"(tiltak|forslag|anbefaling\w*|\bkrav|prioriteringer|prioriteringar|innspill|satsingsområde\w*|"
                 r"innsatsområde\w*)\b", low) and \
            not _PAST_REPORT_RE.search(low):
        return True
    # ``... vil være ferdig i 2019. Den vil blant annet handle om:``: the list says what something is about
    last = re.split(r"(?<=[.!?])\s+", intro.strip())[-1].lower()
    if re.search(r"\b(?:handle|handler|handlar|dreie|dreier|dreiar|omfatte|omfatter|omfattar|ta\s+for\s+seg|"
                 r"tar\s+for\s+seg|inneholde|inneholder|innehalde|inneheld)\b", last) and "mål" not in last:
        return False
    return _match_sentence(intro.rstrip(":").rstrip() + ".", authors) is not None


_PRESENT_VERB_RE = re.compile(r"(?:[a-zæøå]{2,}(?:er|ar|rer)|er|har|tar|gjør|gjer|går|får|ser|står|bidreg|driv|"
                              r"tilbyr|tilbyd|yter|legg)$")


def _commitment_runs(segments: list[Segment]) -> set[int]:
    """Indexes of the segments that state what a body does, as a strategy's commitments: a list of
    three or more bullets that each open with the same subject (``Legemiddelverket tilbyr ...``,
    ``Legemiddelverket styrker ...``, ``Vi samarbeider ...``) and a verb in the present, and the short
    paragraph right before such a list when it opens the same way (``Vi bidrar til at ...``)."""
    out: set[int] = set()
    i = 0
    while i < len(segments):
        if segments[i].kind != "bullet":
            i += 1
            continue
        j = i
        while j < len(segments) and segments[j].kind == "bullet" and segments[j].section == segments[i].section:
            j += 1
        heads = []
        for seg in segments[i:j]:
            toks = re.findall(r"[^\W\d_][\w\-]*", seg.text)
            ok = len(toks) >= 3 and _names_a_body(toks[0]) and bool(_PRESENT_VERB_RE.match(toks[1].lower())) \
                and toks[1].lower() not in _MODALS
            heads.append(toks[0] if ok else None)
        if j - i >= 3 and heads[0] is not None and all(h == heads[0] for h in heads):
            out.update(range(i, j))
            k = i - 1
            if k >= 0 and segments[k].kind == "paragraph" and segments[k].section == segments[i].section \
                    and len(segments[k].text.split()) <= 30:
                toks = re.findall(r"[^\W\d_][\w\-]*", segments[k].text)
                if len(toks) >= 3 and toks[0] in (heads[0], "Vi", "Me") and _PRESENT_VERB_RE.match(toks[1].lower()):
                    out.add(k)
        i = max(j, i + 1)
    return out


# the head nouns of a body's one-word name (``Legemiddelverket``, ``Forskningsrådet``, ``Helsedirektoratet``)
_BODY_HEADS = ("rådet", "direktoratet", "instituttet", "departementet", "foreningen", "foreininga", "forbundet",
               "klyngen", "klynga", "etaten", "tilsynet", "senteret", "utvalget", "utvalet", "komiteen", "byrået",
               "kontoret", "fondet", "universitetet", "sykehuset", "sjukehuset", "foretaket", "føretaket",
               "registeret", "verket")


def _names_a_body(word: str) -> bool:
    """A one-word name of a body: an acronym (``NAV``, ``FHI``) or a compound on a body's head noun;
    not ``Vi`` (``Vi har 500 ansatte``), a country or a generic plural (``Sykehusene``)."""
    return bool(re.fullmatch(r"[A-ZÆØÅ]{2,6}", word)) or word[:1].isupper() and word.lower().endswith(_BODY_HEADS)


def _goal_heading(heading: str) -> bool:
    return bool(_GOAL_HEADING_RE.search(heading)) and not heading.rstrip().endswith("?")


# a paragraph opening with a goal label, unnumbered (``Mål:``, ``Hovudmål:``, ``Målsetting:``)
_GOAL_LABEL = re.compile(r"(?:hoved|hovud|del|effekt|resultat)?mål(?:setting|setjing|settinger|setjingar)?\s*:\s+(?=\S)",
                         re.IGNORECASE)
_RECOMMENDATION_LABEL = re.compile(r"(?:anbefaling|tilråding|tilrådning|tiltak|forslag|framlegg|krav|innspill|innspel|"
                                   r"(?:hoved|hovud|del)?mål)"
                                   r"\s*(?:nr\.?\s*)?\d{1,2}[a-z]?\s*[:.–-]\s+(?=\S)", re.IGNORECASE)


def _proposal_heading(seg: Segment) -> bool:
    """Under a heading about measures; list items (and headings) also under one announcing goals."""
    goals = seg.kind in ("bullet", "numbered", "heading")
    return any(_PROPOSAL_HEADING_RE.search(h) or goals and _goal_heading(h) for h in seg.path)


# ----------------------------------------------------------------------------------------------
# Extraction
# ----------------------------------------------------------------------------------------------
def _draft(norm: Normalised, a: int, b: int, seg: Segment, modality: str, conf: float) -> ProposalDraft:
    text = reflow(norm.text[a:b])
    return ProposalDraft(text, a, b, seg.section, modality, round(conf, 2))


def _strip_label(text: str, a: int, b: int) -> int:
    m = _LABEL_RE.match(text[a:b])
    if m is None and re.search(r"\)|\]", text[a:min(b, a + 90)].split(":", 1)[0]):
        m = _SPEAKER_RE.match(text[a:b])
    if m and len(text[a:b]) - m.end() > 12:
        return a + m.end()
    return a


def _trim_men(norm: Normalised, a: int, b: int, authors: set[str]) -> int:
    """``Ordningen har vært et godt bidrag, men det er viktig at ...``: keep the demand."""
    s = norm.text[a:b]
    m = re.search(r",\s+men\s+", s)
    if not m:
        return a
    first = _tokens(s[m.end():].lower())[:1]
    if first and (first[0][0] in _FINITE or first[0][0] in _OPINION):
        return a  # ``..., men mener at ...``: the clause after ``men`` has no subject of its own
    if _match_sentence(s[:m.start()] + ".", authors) is None and \
            _match_sentence(s[m.end():], authors) is not None:
        return a + m.end()
    return a


def extract_proposals(norm: Normalised, segments: list[Segment], *, doc_type: str | None = None,
                      authors: list[str] | None = None) -> list[ProposalDraft]:
    """Proposals in document order, duplicates merged. ``doc_type`` ("strategy", ...) and
    ``authors`` (organisation names) refine the rules; both are inferred when not given."""
    doc_type = doc_type or doc_type_from_text(title_from_segments(segments), segments)
    author_words = _author_words(authors)
    text = norm.text
    drafts: list[ProposalDraft] = []
    last_was_proposal = False
    last_section: str | None = None

    goal_run = False  # the headings just before announced goals
    commitments = _commitment_runs(segments)
    for idx, seg in enumerate(segments):
        if seg.kind != "heading":
            goal_run = False
        if seg.section != last_section:
            last_was_proposal = False
            last_section = seg.section
        if seg.kind == "heading":
            low = seg.text.lower()
            words = low.split()
            if not words or seg.text.endswith("?") or words[0] in _QUESTION_START:
                continue
            # a numbered recommendation (``Anbefaling 1: Styrk næringsrettet forskning``, ``Tiltak 3: Etablere
            # et innovasjonsfond``): what follows the label is the measure
            lab = _RECOMMENDATION_LABEL.match(seg.text)
            if lab and len(seg.text[lab.end():].split()) >= 2:
                goal = bool(re.match(r"(?:hoved|hovud|del)?mål", low))
                drafts.append(ProposalDraft(seg.text[lab.end():], seg.start + lab.end(), seg.end, seg.section,
                                            "mål" if goal else "anbefaler", 0.65, intent="goal" if goal else ""))
                continue
            # a goal or measure standing on its own line (``Fremme innovasjon i helsetjenesten``)
            if (doc_type == "strategy" or _proposal_heading(seg)) and not seg.text.isupper() \
                    and _is_infinitive_start(seg.text) and len(words) >= 2:
                drafts.append(ProposalDraft(seg.text, seg.start, seg.end, seg.section,
                                            "mål" if doc_type == "strategy" else "bullet", 0.6))
                continue
            # a goal named as a change under (or right after) a heading announcing goals
            # (``Hovedmål`` / ``Bedre folkehelse og mindre ulikhet``)
            if (goal_run or any(_goal_heading(h) for h in seg.path)) and _CHANGE_WORDS_RE.match(low) \
                    and len(words) >= 2 and not _has_finite(seg.text):
                drafts.append(ProposalDraft(seg.text, seg.start, seg.end, seg.section, "mål", 0.55,
                                            intent="goal"))
                continue
            goal_run = _goal_heading(seg.text)
            toks = _tokens(low)
            flags = _subordinate_flags(toks)
            for m in re.finditer(r"\b(bør|må|skal)\b", low):
                if not flags.get(m.start(), False) and m.start() > 0:
                    drafts.append(ProposalDraft(seg.text, seg.start, seg.end, seg.section,
                                                m.group(1), 0.6))
                    break
            else:
                # a headline that asks or commits (``Oslo Cancer Cluster vil se en nasjonal satsing ...``,
                # ``Regjeringa foreslår ...``): the sentence rules, less sure on a line without a period
                lead_in = re.search(r"\b(?:følgende|følgjande)\b", low)  # it announces the list below
                hit = _match_sentence(seg.text + ".", author_words) if len(words) >= 5 and not lead_in else None
                if hit and hit[0] not in _WEAK and hit[0] != "endring":  # a verbless title is a topic
                    drafts.append(ProposalDraft(seg.text, seg.start, seg.end, seg.section, hit[0], 0.55))
            continue
        if seg.kind not in PROSE_KINDS:
            last_was_proposal = False
            continue

        sents = split_sentences(text, seg.start, seg.end)
        if not sents:
            continue
        is_item = seg.kind in ("bullet", "numbered") or (
            seg.kind == "paragraph" and len(sents) <= 2 and len(seg.text.split()) <= 60
            and _proposal_heading(seg))
        demand_intro = seg.kind in ("bullet", "numbered") and _demanding_intro(seg.intro, author_words)
        # ``Mål: Et samordnet kompetanseteam er etablert. ...``: a paragraph labelled as goals states them
        goal_para = seg.kind == "paragraph" and bool(_GOAL_LABEL.match(seg.text))
        found_any = False
        for k, (a, b) in enumerate(sents):
            if k == 0:
                a = _strip_label(text, a, b)
            sent = reflow(text[a:b])
            if k == 0 and seg.kind in ("bullet", "numbered") and seg.intro and \
                    _last_word(seg.intro) in _SUBORD:
                continue  # ``... en aktør som`` / ``- har behov for ...``: part of a description
            hit = _match_sentence(sent, author_words)
            if hit is None and sent.endswith(":"):
                # ``X skal styrke posisjonen ... for å sikre:``: a demand whose list gives its purpose
                tail = _LEAD_IN_TAIL.search(sent)
                if tail and len(sent[:tail.start()].split()) >= 5:
                    hit = _match_sentence(sent[:tail.start()] + ".", author_words)
                elif _lead_in_with_content(sent):
                    # ``X skal jobbe med fire satsingsområde som følgjer ...:``: the lead-in asks or
                    # commits on its own, and its bullets spell it out
                    hit = _match_sentence(sent[:-1].rstrip() + ".", author_words)
            if hit is None and goal_para and len(sent.split()) >= 4 and not sent.endswith(("?", ":")):
                hit = ("mål", 0.6)
            if hit is None and last_was_proposal and _CONTINUATION_RE.match(sent) and k == 0 \
                    or hit is None and _CONTINUATION_RE.match(sent) and k > 0 and found_any:
                hit = (drafts[-1].modality if drafts else "bør", 0.55)
            if hit is not None:
                a = _trim_men(norm, a, b, author_words)
                drafts.append(_draft(norm, a, b, seg, hit[0], hit[1]))
                found_any = True
                last_was_proposal = True
            else:
                last_was_proposal = False
        if found_any:
            continue

        # -- list items and goals without a trigger word of their own ----------------------
        a, b = sents[0]
        a = _strip_label(text, a, b)
        first = reflow(text[a:b])
        if first.endswith(":") or first.endswith("?") or _REFERENCE_RE.match(first.lower()) \
                or _NUMBERED_REFERENCE_RE.match(first):
            continue
        kind_mod = seg.kind if seg.kind in ("bullet", "numbered") else "bullet"
        accept = None
        if demand_intro:
            accept = (kind_mod, 0.8)
        elif idx in commitments:
            accept = ("vil", 0.6)
        elif is_item and _proposal_heading(seg) and (
                _is_infinitive_start(first) or not _has_finite(first)):
            accept = (kind_mod, 0.75)
        elif doc_type == "strategy" and _is_infinitive_start(first) and not (
                seg.kind == "paragraph" and len(sents) > 2):
            accept = ("mål" if seg.kind == "paragraph" else kind_mod, 0.7)
        if accept is not None:
            d = _draft(norm, a, b, seg, *accept)
            if demand_intro and _goal_intro(seg.intro) or not demand_intro and seg.path and \
                    _goal_heading(seg.path[-1]) and not _PROPOSAL_HEADING_RE.search(seg.path[-1]):
                d.intent = "goal"
            elif demand_intro:  # ``Regjeringen vil:`` makes its bullets commitments
                d.intent = intent_of(_intro_as_sentence(seg.intro), _intro_modality(seg.intro, author_words),
                                     author_words, doc_type)
            drafts.append(d)
            last_was_proposal = True
            # an item holding more measures than one (a lost bullet mark: ``... osb. Utvikle X.``)
            if seg.kind in ("bullet", "numbered"):
                for a2, b2 in sents[1:]:
                    if _is_infinitive_start(text[a2:b2]):
                        d2 = _draft(norm, a2, b2, seg, accept[0], accept[1])
                        d2.intent = d.intent
                        drafts.append(d2)

    drafts += _rest_of_a_list_of_measures(norm, segments, drafts)
    quoted = _quoted_provisions(text)
    drafts = [d for d in drafts if not any(a < d.start < b for a, b in quoted)]
    for d in drafts:
        d.intent = d.intent or intent_of(d.text, d.modality, author_words, doc_type)
        assert d.intent in PROPOSAL_INTENTS, d.intent
    drafts.sort(key=lambda d: d.start)
    return _dedupe(drafts)


# ``… der dette er formulert slik i paragraf 1: "Loven skal sikre …"``: the words of a law or another
# text quoted as such state what that text says, not what the author asks (a proposal quoted as
# one, ``Komiteen fremmer følgende forslag: «Stortinget ber …»``, is not introduced this way)
_PROVISION_QUOTE_RE = re.compile(
    r"(?:formulert|formulerer|heiter\s+det|heter\s+det|står\s+det|paragraf\s+\d+|§\s*\d+)[^.:\n]{0,80}:"
    r"\s*([\"«“])", re.IGNORECASE)
_CLOSING_QUOTE = {'"': '"', "«": "»", "“": "”"}


def _quoted_provisions(text: str) -> list[tuple[int, int]]:
    """Spans of text quoted from a law or another document (to the closing mark, or the
    paragraph's end)."""
    out = []
    for m in _PROVISION_QUOTE_RE.finditer(text):
        close = text.find(_CLOSING_QUOTE[m.group(1)], m.end())
        para = text.find("\n\n", m.end())
        ends = [e for e in (close, para) if e >= 0]
        out.append((m.end() - 1, min(ends) if ends else len(text)))
    return out


def _rest_of_a_list_of_measures(norm: Normalised, segments: list[Segment], drafts: list[ProposalDraft]) \
        -> list[ProposalDraft]:
    """A list is read as one: when most of its items are measures (``Utvikle ...``, ``Legge til rette
    for ...``), a short item without a finite verb among them (``Utvikling av apotekareal``) is one
    too, with the intent of its neighbours."""
    taken = {d.start for d in drafts}
    out: list[ProposalDraft] = []
    runs: list[list[Segment]] = []
    for seg in segments:
        if seg.kind in ("bullet", "numbered") and runs and runs[-1][-1].kind == seg.kind and \
                runs[-1][-1].intro == seg.intro and runs[-1][-1].section == seg.section:
            runs[-1].append(seg)
        elif seg.kind in ("bullet", "numbered"):
            runs.append([seg])
    for run in runs:
        if len(run) < 3:
            continue
        hits = [d for d in drafts if any(s.start <= d.start < s.end for s in run)]
        items_hit = {s.start for s in run if any(s.start <= d.start < s.end for d in hits)}
        if len(items_hit) * 2 < len(run) + 1:
            continue  # not mostly measures
        for seg in run:
            if seg.start in items_hit:
                continue
            sents = split_sentences(norm.text, seg.start, seg.end)
            if len(sents) != 1:
                continue
            a, b = sents[0]
            item = reflow(norm.text[a:b])
            if a in taken or _has_finite(item) or not 2 <= len(item.split()) <= 12 or item.endswith((":", "?")):
                continue
            d = _draft(norm, a, b, seg, hits[0].modality, 0.6)
            d.intent = hits[0].intent
            out.append(d)
    return out


def _intro_as_sentence(intro: str | None) -> str:
    return (intro or "").rstrip().rstrip(":").rstrip() + " ..."


def _intro_modality(intro: str | None, authors: set[str]) -> str:
    low = (intro or "").lower()
    hit = _match_sentence(_intro_as_sentence(intro) + ".", authors)
    if hit:
        return hit[0]
    m = re.search(r"\b(vil|skal|må|bør)\s*:?\s*$", low.strip())
    return m.group(1) if m else "bullet"


def _key(text: str) -> str:
    from schema.text import fold
    return " ".join(re.findall(r"\w+", fold(text)))


def _dedupe(drafts: list[ProposalDraft]) -> list[ProposalDraft]:
    kept: list[ProposalDraft] = []
    keys: list[str] = []
    for d in drafts:
        k = _key(d.text)
        dup = False
        for i, k2 in enumerate(keys):
            if k == k2 or fuzz.token_sort_ratio(k, k2) >= 88 or (
                    fuzz.token_set_ratio(k, k2) >= 95
                    and min(len(k), len(k2)) / max(len(k), len(k2), 1) >= 0.75):
                dup = True
                if d.confidence > kept[i].confidence and d.modality != "bullet":
                    kept[i].confidence = d.confidence
                break
        if not dup:
            kept.append(d)
            keys.append(k)
    return kept
