"""Norwegian official names by their form: parliamentary references, laws, commissions and
committees, health trusts, models borrowed from abroad (general rules, no names).

* **Parliamentary references** — ``Meld. St. 18 (2018–2019)``, ``Meld. St. 27 for 2016–2017``,
  ``St.meld. nr. 28``, ``NOU 2019: 5``, ``Prop. 1 S (2023–2024)``, ``Innst. 123 S (2019–2020)``,
  ``Innst. S. nr. 5 (2002–2003)``, ``Dokument 8:111 S (2018–2019)``, ``Representantforslag 108 S
  (2021–2022)``, ``Ot.prp. nr. 12``. A
  session written ``for 2016–2017`` is read as ``(2016–2017)``; the name is the reference with
  the session in brackets, the text's own spelling an alias.
* **Laws and regulations** — a compound on ``-loven`` / ``-lova`` (nynorsk) or ``-forskriften`` /
  ``-forskrifta``, also coordinated (``pasient- og brukerrettighetsloven``), and ``Lov om …`` /
  ``lov 2. juli 1999 nr. 63 om …`` / ``forskrift om …``.
* **Commissions and committees** — an eponymous ``Lied-utvalget``, ``Grimstad-kommisjonen``, and a
  Storting-style coordinated committee ``helse- og omsorgskomiteen``.
* **Health trusts** — ``Helse Vest``, ``Helse Fonna HF``, ``Helse Sør-Øst RHF``: Norway names its
  regional health authorities and trusts ``Helse`` + a capitalised place.
* **A model from abroad** — ``etter modell fra Sverige`` / ``modell frå Sverige``.
* **State budgets** — ``Statsbudsjettet 2023``, ``statsbudsjett for 2021``, ``budsjettet for 2022``.
* **A title defined or glossed** — ``Helse 2035 er den overordna verksemdstrategien …``,
  ``verksemdstrategien vår, Helse2035``: a proper name (with a year or odd capitals) that a
  sentence calls a strategy, plan, report or white paper.
* **Foreign ministries** — ``Ministry of Health``, ``Department of Health and Social Care``,
  Danish ``Sundhedsministeriet`` (Norwegian has no ``-ministeriet``), with the country when a
  nationality adjective or a country's genitive stands before (``det danske …``).
* **A body's own document** — ``Riksrevisjonens undersøkelse av …``, ``Innovasjon Norges nye
  rapport om …``, ``Forskningsrådets strategi``, nynorsk ``Helse Fonna sin utviklingsplan``.
"""

from __future__ import annotations

import re

from loaders.international import find_countries
from loaders.patterns import (
    COUNTRIES,
    FINITE_VERBS,
    FUNCTION_WORDS,
    HOME_COUNTRY_NAMES,
    NAME_TOK,
    HY,
    L,
    LO,
    ORG_HEADS,
    UP,
    Candidate,
    _cand,
    extend_np,
    is_allcaps,
    is_sentence_start,
    line_is_shouting,
    municipalities,
    zipf,
)

# -------------------------------------------------------------------------------------------
# Parliamentary references
# -------------------------------------------------------------------------------------------
_YEARS = r"\d{4}\s*[–\-]\s*\d{2,4}"
_SESSION = rf"(?:\s*\(\s*(?P<y1>{_YEARS})\s*\)|\s+for\s+(?P<y2>{_YEARS}))?"
_REFERENCES = (
    rf"Meld\.\s*St\.\s*\d+",
    rf"St\.\s*me?ld\.\s*(?:nr\.\s*)?\d+",
    rf"NOU\s+\d{{4}}\s*:\s*\d+",
    rf"Prop\.\s*\d+\s*(?:LS|L|S)\b",
    rf"Innst\.\s*\d+\s*(?:L|S)\b",
    rf"Innst\.\s*(?:S|O)\.\s*nr\.\s*\d+",
    rf"Dokument\s+(?:nr\.\s*)?\d{{1,2}}\s*:\s*\d+(?:\s*(?:LS|L|S)\b)?",
    rf"Representantforslag\s+\d+\s*(?:LS|L|S)\b",
    rf"(?:Ot|St)\.\s*prp\.\s*(?:nr\.\s*)?\d+",
)
_REFERENCE_RE = re.compile(rf"(?<![{L}\d])(?P<ref>{'|'.join(_REFERENCES)}){_SESSION}")


# A title that follows a reference on its line: `Meld. St. 29 (2012–2013) Morgendagens omsorg`,
# `NOU 2023: 4 Tid for handling`, `St.meld. nr. 18 (2004–2005) «Rett kurs mot …»`. It runs to
# the first punctuation that ends a phrase, or to the finite verb of the sentence it is the
# subject or object of (`… Morgendagens omsorg varsler regjeringen …`).
_TITLE_AFTER = re.compile(rf"[ \t]*(?:[:–\-][ \t]*)?«?(?P<title>[{UP}\d][^\n.,;:()«»?!]{{2,120}})")
TITLE_VERBS = FINITE_VERBS | {"lagt", "drøftar", "drøfter", "følges", "som", "der", "hvor", "kor"}


def reference_title(text: str, end: int) -> str | None:
    """The title after a parliamentary reference ending at ``end``, if one follows on its line."""
    m = _TITLE_AFTER.match(text, end)
    if not m:
        return None
    words = m.group("title").split()
    kept: list[str] = []
    for w in words:
        if kept and w.lower() in TITLE_VERBS:
            break
        kept.append(w)
    while kept and kept[-1].lower() in FUNCTION_WORDS | {"–", "-"}:
        kept.pop()
    title = " ".join(kept)
    if len(title) < 4 or not re.search(rf"[{L}]{{3}}", title):
        return None
    return title


def rule_references(text: str) -> list[Candidate]:
    out = []
    for m in _REFERENCE_RE.finditer(text):
        ref = re.sub(r"\s+", " ", m.group("ref"))
        years = m.group("y1") or m.group("y2")
        if ref.startswith("NOU") or not years:
            name = ref
        else:
            name = f"{ref} ({''.join(years.split())})"
        raw = re.sub(r"\s+", " ", m.group(0))
        aliases = [raw] if raw != name else []
        title = reference_title(text, m.end())
        if title:  # the reference with its title, and the title alone, are its names too
            aliases += [f"{name} {title}", f"{raw} {title}", title]
        out.append(_cand("PolicyDocument", name, m.start(), m.end(), "parliament", 0.9,
                         aliases=list(dict.fromkeys(aliases))))
    return out


# -------------------------------------------------------------------------------------------
# Laws
# -------------------------------------------------------------------------------------------
# prefixes that make an ordinary word, not the short title of an act
_NOT_LAW = {"for", "til", "sær", "ny", "nye", "eigen", "egen", "lands"}
_LAW_RE = re.compile(
    rf"(?<![{L}{HY}])((?:[{LO}]+[{HY}][ \t]*(?:,[ \t]*[{LO}]+[{HY}][ \t]*)*(?:og|eller)[ \t\n]+)?"
    rf"([{L}]{{3,}}?)(?:lov(?:en|a)|forskrift(?:en|a)))(s)?(?![{L}])")
_ACT_RE = re.compile(
    rf"(?<![{L}])((?:[Ll]ov|[Ff]orskrift)(?:[ \t]+\d{{1,2}}\.[ \t]+[{LO}]+[ \t]+\d{{4}}(?:[ \t]+nr\.[ \t]*\d+)?)?)[ \t\n]+om[ \t\n]+(?=[{LO}])")
_ACT_DETERMINERS = {"en", "ei", "ein", "eit", "et", "ny", "nye", "egen", "eiga", "eigen", "eget",
                    "slik", "sin", "si", "denne", "dette", "felles", "midlertidig", "særskilt"}


def rule_laws(text: str) -> list[Candidate]:
    out = []
    for m in _LAW_RE.finditer(text):
        prefix = m.group(2).lower()
        if prefix in _NOT_LAW or line_is_shouting(text, m.start(), m.end()):
            continue
        law = re.sub(r"\s+", " ", m.group(1))
        out.append(_cand("PolicyDocument", law[0].upper() + law[1:], m.start(), m.end(1), "law", 0.75,
                         aliases=[law]))
    for m in _ACT_RE.finditer(text):
        if m.group(1)[0] in "lf":
            before = text[max(0, m.start() - 30):m.start()].split()
            if before and before[-1].lower().strip(",.") in _ACT_DETERMINERS:
                continue  # `en lov om ...`: a law yet to be written, not a title
        end = extend_np(text, m.end(), max_tokens=8)
        if end <= m.end() or line_is_shouting(text, m.start(), end):
            continue
        name = re.sub(r"\s+", " ", text[m.start():end])
        out.append(_cand("PolicyDocument", name[0].upper() + name[1:], m.start(), end, "law", 0.7,
                         aliases=[name]))
    return out


# -------------------------------------------------------------------------------------------
# Commissions and committees, health trusts
# -------------------------------------------------------------------------------------------
_EPONYM_RE = re.compile(
    rf"(?<![{L}{HY}])([{UP}][{LO}]+(?:[{HY}][{UP}][{LO}]+)?)[{HY}](utvalget|utvalet|kommisjonen|komiteen|komitéen)(?![{L}])")
_COMMITTEE_RE = re.compile(
    rf"(?<![{L}{HY}])((?:[{UP}]|[{LO}])[{LO}]+[{HY}],?[ \t]+(?:[{LO}]+[{HY}],?[ \t]+)*og[ \t\n]+[{LO}]+komit[eé]en)(?![{L}])")
_TRUST_RE = re.compile(
    rf"(?<![{L}{HY}])(Helse[ \t]+(?!(?i:og|i|for|med)\b)([{UP}][{LO}]+(?:[{HY}][{UP}][{LO}]+)*)"
    rf"(?:[ \t]+og[ \t]+[{UP}][{LO}]+(?=[ \t]+R?HF(?![{L}])))?(?:[ \t]+(?:RHF|HF)(?![{L}]))?)")


# `Sykehuset Levanger`, `Sjukehuset i Sogndal`, `Sykehuset Østfold HF`: a hospital named by its place
_HOSPITAL_RE = re.compile(
    rf"(?<![{L}{HY}])((?:Sykehuset|Sjukehuset|Universitetssykehuset|Universitetssjukehuset|Sentralsykehuset|"
    rf"Sentralsjukehuset)[ \t]+(?:i[ \t]+)?(?!(?i:og|for|med|har|er|skal|vil)\b)[{UP}][{LO}]+(?:[{HY}][{UP}][{LO}]+)*"
    rf"(?:[ \t]+HF(?![{L}]))?)")


def rule_bodies(text: str) -> list[Candidate]:
    out = []
    for m in _HOSPITAL_RE.finditer(text):
        place = m.group(1).split()[-1] if not m.group(1).endswith("HF") else m.group(1).split()[-2]
        if place in COUNTRIES or line_is_shouting(text, m.start(), m.end()):
            continue
        out.append(_cand("Organisation", m.group(1), m.start(), m.end(), "hospital", 0.7))
    for m in _EPONYM_RE.finditer(text):
        if m.group(1) in COUNTRIES:
            continue
        out.append(_cand("Agency", m.group(0), m.start(), m.end(), "commission", 0.7))
    for m in _COMMITTEE_RE.finditer(text):
        name = re.sub(r"\s+", " ", m.group(1))
        out.append(_cand("Agency", name[0].upper() + name[1:], m.start(), m.end(), "committee", 0.7,
                         aliases=[name]))
    for m in _TRUST_RE.finditer(text):
        if m.group(2) in COUNTRIES or line_is_shouting(text, m.start(), m.end()):
            continue
        out.append(_cand("Agency", m.group(1), m.start(), m.end(), "health-trust", 0.7))
    return out + _remit_bodies(text) + _councils(text)


# A county's or municipality's elected council (`fylkestinget vedtok planen`, `kommunestyret`) is
# a body of the one county or municipality the text names, and is named with it; with none or
# several named, by its own word.
_COUNCIL_RE = re.compile(rf"(?<![{L}{HY}])((?i:f)ylkestinget|(?i:f)ylkesutval(?:g)?et|(?i:k)ommunestyret|"
                         rf"(?i:b)ystyret|(?i:f)ormannskapet)(?![{L}{HY}])")


def _councils(text: str) -> list[Candidate]:
    found = list(_COUNCIL_RE.finditer(text))
    if not found:
        return []
    owners: dict[str, set[str]] = {"fylkeskommune": set(), "kommune": set()}
    for m in municipalities(text):
        owners[m.group(2)].add(f"{m.group(1)} {m.group(2)}")
    out = []
    for m in found:
        word = m.group(1)[0].upper() + m.group(1)[1:].lower()
        mine = owners["fylkeskommune" if word.startswith("Fylke") else "kommune"]
        name = f"{word} ({next(iter(mine))})" if len(mine) == 1 else word
        out.append(_cand("Agency", name, m.start(), m.end(), "council", 0.7, aliases=[word]))
    return out


# A body named by its head and remit: `Nasjonalt senter for e-helseforskning`, `Nasjonal
# kompetansetjeneste for persontilpasset medisin`, `Nasjonalt råd for kvalitet og prioritering`,
# `Regionalt kompetansesenter for …`, mid-sentence `Senter for …`: a (compound) body head noun,
# capitalised or after a national/regional qualifier, then `for` and its remit.
_BODY_HEADS = tuple(ORG_HEADS) + ("tjeneste", "teneste", "nettverk", "organ", "forum", "ombod")
_BODY_WORD = rf"(?:[{L}]+(?:{'|'.join(sorted(_BODY_HEADS, key=len, reverse=True))})|(?i:{'|'.join(_BODY_HEADS)}))(?:et|en|a|n)?"
_REMIT_RE = re.compile(
    rf"(?<![{L}{HY}])(?P<q>(?:Nasjonalt|Nasjonal|Nasjonale|Regionalt|Regional|Regionale)[ \t]+)?"
    rf"(?P<head>{_BODY_WORD})[ \t]+for[ \t]+(?=[{L}])")


def _remit_bodies(text: str) -> list[Candidate]:
    out = []
    for m in _REMIT_RE.finditer(text):
        head = m.group("head")
        bare = re.fullmatch(rf"(?i:{'|'.join(_BODY_HEADS)})(?:et|en|a|n)?", head)
        # a committee appointed for a task is named by it, also in lower case (`ekspertutvalget for
        # allmennlegetjenesten`)
        commission = re.fullmatch(r"[a-zæøå]{4,}(?:utvalget|utvalet|kommisjonen)", head)
        if not m.group("q") and not commission and (not head[0].isupper() or bare and is_sentence_start(text, m.start())):
            continue  # `Senteret for ...` opening a sentence may be any centre; `Ekspertutvalget for ...` is one
        end = extend_np(text, m.end(), max_tokens=6, allow_caps=False)
        if end <= m.end() or line_is_shouting(text, m.start(), end):
            continue
        name = re.sub(r"\s+", " ", text[m.start():end])
        out.append(_cand("Agency", name[0].upper() + name[1:], m.start(), end, "remit-body", 0.65,
                         aliases=[name]))
    return out


# -------------------------------------------------------------------------------------------
# A model from abroad
# -------------------------------------------------------------------------------------------
def rule_models_from_abroad(text: str) -> list[Candidate]:
    """`etter modell frå Sverige`: a foreign model cited as an example."""
    out = []
    for a, b, country in find_countries(text):
        if country in HOME_COUNTRY_NAMES:
            continue
        m = re.search(r"(?<![^\W\d_])(modell(?:en)?)[ \t\n]+(?:fra|frå)[ \t\n]+$", text[max(0, a - 30):a])
        if not m:
            continue
        start = a - len(text[max(0, a - 30):a]) + m.start(1)
        out.append(_cand("InternationalExample", text[start:b], start, b, "model-from-abroad", 0.7,
                         country=country, nested_ok=True))
    return out


# -------------------------------------------------------------------------------------------
# State budgets, a body's own documents
# -------------------------------------------------------------------------------------------
_BUDGET_RE = re.compile(
    rf"(?<![{L}])(?:[Ss]tatsbudsjett(?:et)?(?:[ \t]+for)?|[Bb]udsjettet[ \t]+for)[ \t]+((?:19|20)\d\d)(?![\d{HY}–])")


def rule_budgets(text: str) -> list[Candidate]:
    return [_cand("PolicyDocument", f"Statsbudsjettet {m.group(1)}", m.start(), m.end(), "budget", 0.75,
                  aliases=[re.sub(r"\s+", " ", m.group(0))], key=f"doc:statsbudsjett-{m.group(1)}")
            for m in _BUDGET_RE.finditer(text)]


OWNER_ZIPF = 3.0  # a sentence-initial one-word owner this common (wordfreq, nb) is a common noun
DOCUMENT_HEADS = ("rapport", "strategi", "undersøkelse", "undersøking", "utredning", "utgreiing",
                  "evaluering", "handlingsplan", "utviklingsplan", "veikart", "analyse", "plan",
                  "innspill", "innspel", "høringssvar", "høyringssvar", "høringsinnspill", "høyringsinnspel",
                  "program", "ordning", "satsing")
OWNED_INSTRUMENTS = ("program", "ordning", "satsing")  # `Sivas næringshage- og inkubasjonsprogram`
INPUT_HEADS = ("innspill", "innspel", "høringssvar", "høyringssvar", "høringsinnspill", "høyringsinnspel")
INPUT_TOPIC = (r"(?i:rapport|melding|plan|strategi|budsjett|utredning|utgreiing|høring|høyring|NOU|"
               r"Meld\.|Prop\.|forslag|framlegg|forskrift|lov)")
_OWNED_RE = re.compile(
    rf"(?<![{L}{HY}])(?P<owner>(?:{NAME_TOK}[ \t]+){{0,3}}{NAME_TOK})(?:s|[ \t]+(?:sin|si|sitt|sine))"
    rf"[ \t]+(?:(?:nye|siste|ferske|egen|eigen|tidligere|tidlegare)[ \t]+)?"
    rf"(?P<head>(?:[{LO}]+[{HY}][ \t]+og[ \t]+)?[{LO}]*(?:{'|'.join(DOCUMENT_HEADS)}))(?![{L}])")


_ENUMERATION = re.compile(rf"(?:,[ \t]+[{LO}]+(?:[{HY}])?){{1,3}}[ \t]+(?:og|eller)[ \t]+[{LO}]+(?![{L}])")


def _enumeration_end(text: str, end: int) -> int:
    """`rapport om helse, velferd og næringsutvikling`: a topic may be an enumeration."""
    m = _ENUMERATION.match(text, end)
    return m.end() if m else end


def rule_owned_documents(text: str) -> list[Candidate]:
    out = []
    for m in _OWNED_RE.finditer(text):
        words = m.group("owner").split()
        while words and words[0].lower() in FUNCTION_WORDS:
            words = words[1:]
        if not words or " ".join(words) in COUNTRIES or line_is_shouting(text, m.start(), m.end()):
            continue
        start = m.start("owner") + m.group("owner").find(words[0])
        if len(words) == 1 and not is_allcaps(words[0]) and is_sentence_start(text, start) \
                and zipf(words[0]) >= OWNER_ZIPF:
            continue  # `Årets rapport`, `Sykehusets strategi`: an ordinary noun, not a body
        end = m.end()
        topic = re.match(r"[ \t\n]+(?:om|av|for|på|til)[ \t\n]+", text[end:])
        if topic:
            end2 = extend_np(text, end + topic.end(), max_tokens=8)
            if end2 > end + topic.end():
                end = _enumeration_end(text, end2)
        head = m.group("head")
        if head.endswith(INPUT_HEADS) and not re.search(INPUT_TOPIC, text[m.end():end]):
            continue  # `Legeforeningens innspill`, `… høringsinnspill til komiteen`: an input is
            # a document of its own when it answers a document (`innspill til meldingsarbeidet`)
        name = re.sub(r"\s+", " ", text[start:end])
        owner_end = m.end("owner")
        if text[owner_end:owner_end + 1] == "s" and " ".join(words) not in COUNTRIES:
            # `Teknas innspill til …`: the owner of a document is a body of its own
            out.append(_cand("Organisation", text[start:owner_end], start, owner_end, "document-owner", 0.6,
                             aliases=[text[start:owner_end + 1]]))
        aliases = []
        typ = "PolicyDocument"
        if head.endswith(OWNED_INSTRUMENTS):  # `SIVAs katapultprogram` is also `katapultprogram`
            typ = "Instrument"
            aliases.append(re.sub(r"\s+", " ", head))
        out.append(_cand(typ, name, start, end, "owned-document", 0.65, nested_ok=True, aliases=aliases))
    return out


_DOC_NOUN = r"[{LO}]*(?:strategi|plan|melding|rapport|veikart)(?:en|et|a)?".format(LO=LO)
_TITLE = rf"{NAME_TOK}(?:[ \t]+(?:og[ \t]+)?{NAME_TOK}){{0,3}}(?:[ \t]*\d{{4}})?"
_DEFINED_RE = re.compile(
    rf"(?<![{L}{HY}\d])(?P<name>{_TITLE})[ \t]+(?:er|var)[ \t]+(?:den|det|ein|en|eit|et|vår|vårt)"
    rf"[ \t]+(?:[{LO}]+[ \t]+){{0,2}}{_DOC_NOUN}(?![{L}])")
_GLOSSED_RE = re.compile(
    rf"(?<![{L}]){_DOC_NOUN}(?:[ \t]+(?:vår|vårt|vår|deira|deres))?,[ \t]+(?P<name>{_TITLE})(?![{L}\d])")


def _proper_title(name: str) -> bool:
    """A title by its look: it holds a year or a capital inside a word (`Helse 2035`, `HelseOmsorg21`)."""
    return bool(re.search(r"\d", name) or re.search(rf"[{LO}][{UP}]", name))


def rule_defined_titles(text: str) -> list[Candidate]:
    out = []
    for rx in (_DEFINED_RE, _GLOSSED_RE):
        for m in rx.finditer(text):
            name = m.group("name").strip()
            if not _proper_title(name) or name.split()[0].lower() in FUNCTION_WORDS:
                continue
            out.append(_cand("PolicyDocument", name, m.start("name"), m.start("name") + len(name),
                             "defined-title", 0.65))
    return out


# -------------------------------------------------------------------------------------------
# Reforms and measures named with a year
# -------------------------------------------------------------------------------------------
# `samhandlingsreformen`, `Kvalitetsreformen`: Norwegian names a reform by a compound on
# -reform; running text writes it in lower case, definite. `Kompetanseløftet`: a capitalised
# compound on -løft.
_REFORM_RE = re.compile(rf"(?<![{L}{HY}])([{L}]{{4,}}?s?)(reform(?:en|a)|løftet)(?![{L}])")
# `Omsorgsplan 2015`, `Demensplan 2020`, `Kompetanseløft 2020`, `Strategi 2030`: a plan,
# strategy, programme or reform named with its year (or period).
_MEASURE_HEADS = ("plan", "planen", "løft", "løftet", "strategi", "strategien", "program", "programmet",
                  "satsing", "satsinga", "satsingen", "reform", "reformen", "melding", "meldinga", "veikart",
                  # a year's steering documents: `Oppdragsdokument 2023`, `tildelingsbrevet for 2024`
                  "dokument", "dokumentet", "brev", "brevet")
_YEAR_NAMED_RE = re.compile(
    rf"(?<![{L}{HY}])((?:[{UP}][{LO}]*|[{LO}]{{4,}})(?:{'|'.join(_MEASURE_HEADS)}))[ \t]+(?:for[ \t]+)?"
    rf"((?:19|20)\d\d(?:[ \t]*[–\-][ \t]*(?:19|20)?\d\d)?)(?![\d{L}])")


def rule_named_measures(text: str) -> list[Candidate]:
    out = []
    for m in _REFORM_RE.finditer(text):
        word = m.group(0)
        if line_is_shouting(text, m.start(), m.end()):
            continue
        if m.group(2) == "løftet" and (word[0].islower() or is_sentence_start(text, m.start())):
            continue  # `kompetanseløftet` in lower case is an ordinary noun
        name = word[0].upper() + word[1:]
        out.append(_cand("PolicyDocument", name, m.start(), m.end(), "reform", 0.65, aliases=[word]))
    for m in _YEAR_NAMED_RE.finditer(text):
        if line_is_shouting(text, m.start(), m.end()):
            continue
        name = re.sub(r"\s+", " ", m.group(0))
        name = name[0].upper() + name[1:]
        typ = "Instrument" if re.search(r"program|satsing", m.group(1)) else "PolicyDocument"
        out.append(_cand(typ, name, m.start(), m.end(), "year-named", 0.7, aliases=[m.group(0)]))
    return out


# -------------------------------------------------------------------------------------------
# Foreign ministries
# -------------------------------------------------------------------------------------------
_EN_MINISTRY_RE = re.compile(
    r"(?<![^\W\d_])(?:Federal\s+)?(?:Ministry|Department)\s+(?:of|for)\s+(?:the\s+)?[A-Z][a-z]+"
    r"(?:(?:,\s*|\s+(?:and|&)\s+)[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)*")
_DA_MINISTRY_RE = re.compile(rf"(?<![{L}{HY}])[{UP}][{LO}]{{3,}}ministeriet(?![{L}])")
NATIONALITY = {"danske": "Danmark", "svenske": "Sverige", "finske": "Finland", "britiske": "Storbritannia",
               "tyske": "Tyskland", "nederlandske": "Nederland", "amerikanske": "USA",
               "islandske": "Island", "franske": "Frankrike", "kanadiske": "Canada"}


def _country_before(text: str, start: int) -> str | None:
    before = text[max(0, start - 30):start].lower().split()
    for w in reversed(before[-2:]):
        if w in NATIONALITY:
            return NATIONALITY[w]
        name = w[:1].upper() + w[1:]
        if name.endswith("s") and name[:-1] in COUNTRIES:
            return name[:-1]
    return None


def rule_foreign_ministries(text: str) -> list[Candidate]:
    out = []
    for rx in (_EN_MINISTRY_RE, _DA_MINISTRY_RE):
        for m in rx.finditer(text):
            if line_is_shouting(text, m.start(), m.end()):
                continue
            out.append(_cand("Ministry", m.group(0), m.start(), m.end(), "foreign-ministry", 0.7,
                             country=_country_before(text, m.start())))
    return out


RULES = (rule_references, rule_laws, rule_named_measures, rule_bodies, rule_models_from_abroad, rule_budgets,
         rule_owned_documents, rule_defined_titles, rule_foreign_ministries)
