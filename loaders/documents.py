"""Cited policy documents by their form: white papers named by topic (`stortingsmelding om X`),
compounds on a document noun (`helsenæringsmeldingen`, `Langtidsplanen`), titles on a plan or
strategy head (`Handlingsplan for kliniske studier`), quoted titles, English report titles,
international bodies' documents (`EUs legemiddelstrategi`), source lines. Parliamentary
references are in :mod:`loaders.official_names`."""

from __future__ import annotations

import re

from loaders.patterns import (
    COUNTRIES,
    DOC_HEADS_EN,
    FUNCTION_WORDS,
    HY,
    INTL_BODIES,
    INTL_DOC_HEADS,
    LO,
    UP,
    Candidate,
    L,
    NAME_TOK,
    _cand,
    _name_ok,
    _strip_footnote,
    clean,
    extend_np,
    is_sentence_start,
    line_is_shouting,
    title_period,
    zipf,
)
from schema.text import fold


# -------------------------------------------------------------------------------------------
# Cited policy documents
# -------------------------------------------------------------------------------------------
MELDING_NOT_DOC = {"stortings", "tilbake", "presse", "pressem", "inn", "ut", "syke", "feil",
                   "endrings", "avviks", "bekymrings", "hendelses", "status", "for", "på",
                   "av", "under", "melding", "fra", "kunngjørings", "vars", "varsel"}
DOC_HEADS = ("studien", "meldingen", "strategien", "planen", "rapporten", "utredningen",
             "evalueringen", "veikartet", "undersøkelsen", "undersøkinga", "utgreiinga", "evalueringa",
             "kartleggingen", "kartlegginga", "strategien", "planen")
DOC_PREFIX_GENERIC = {"hoved", "slutt", "del", "års", "delrapport", "sluttrapport", "handlings",
                      "strategi", "sammendrags", "forsknings", "under", "budsjett", "tiltaks",
                      "prosjekt", "arbeids", "virksomhets", "styrings", "oppdrags", "spørre",
                      "pilot", "forstudien", "for", "fors", "kartleggings", "evaluerings",
                      "tildelings", "utviklings", "mål", "regel", "plan"}


_ORDINARY_PLANS = {"arbeid", "prosjekt", "budsjett", "drift", "bemanning", "turnus", "virksomhet", "økonomi",
                   "behandling", "individuell", "kommune", "areal", "regulering", "sommer", "opplæring"}


def _doc_key(stem: str) -> str:
    s = fold(stem)
    s = re.sub(r"(ene|en|et|a)$", "", s) if len(s) > 6 else s
    return "doc:" + s.rstrip("s")


def rule_documents(text: str) -> list[Candidate]:
    out = []
    # parliamentary references (`Meld. St. 18 (2018–2019)`): loaders.official_names
    # `stortingsmelding(en) om helsenæringen`
    rx = re.compile(rf"(?<![{L}])([Ss]tortingsmelding(?:en)?|[Hh]vitboka|[Hh]vitboken|[Mm]elding(?:en)? til Stortinget)[ \t\n]+om[ \t\n]+")
    for m in rx.finditer(text):
        end = extend_np(text, m.end(), max_tokens=6)
        if end <= m.end():
            continue
        topic = clean(text[m.end():end])
        out.append(_cand("PolicyDocument", "Stortingsmelding om " + topic, m.start(), end,
                         "white-paper", 0.75, key=_doc_key(topic)))
    # compounds on -melding: `helsenæringsmeldingen`, `Perspektivmeldingen`
    rx = re.compile(rf"(?<![{L}{HY}])([{L}]{{4,}}?)(s?)(melding)(en|a)?(?![{L}])")
    for m in rx.finditer(text):
        prefix = m.group(1)
        if prefix.lower() in MELDING_NOT_DOC or (prefix + m.group(2)).lower() in MELDING_NOT_DOC:
            continue
        if any(prefix.lower().endswith(p) for p in ("stortings", "tilbake", "presse", "syke")):
            continue
        if line_is_shouting(text, m.start(), m.end()):
            continue
        word = m.group(0)
        name = word[0].upper() + word[1:]
        out.append(_cand("PolicyDocument", name, m.start(), m.end(), "melding", 0.65,
                         key=_doc_key(prefix)))
    # capitalised compounds on a document head: `Fremtidsstudien`, `Langtidsplanen`
    heads = "|".join(DOC_HEADS)
    rx = re.compile(rf"(?<![{L}{HY}])([{UP}][{LO}]{{3,}}?)({heads})(?![{L}])")
    for m in rx.finditer(text):
        prefix = m.group(1).lower()
        if prefix in DOC_PREFIX_GENERIC or prefix.rstrip("s") in DOC_PREFIX_GENERIC:
            continue
        if m.group(2) == "meldingen":
            continue  # handled above
        if line_is_shouting(text, m.start(), m.end()):
            continue
        w = m.group(0)
        if is_sentence_start(text, m.start()) and (
                zipf(w) >= 1.0 or re.match(rf"[ \t\n]+(?:i|for|om|på|av|til|med)[ \t\n]+[{LO}]", text[m.end():])):
            continue  # `Anskaffelsesstrategien i helsetjenesten`: a common noun with a modifier
        out.append(_cand("PolicyDocument", w, m.start(), m.end(), "doc-compound", 0.6))
    # `Handlingsplan(en) for kliniske studier`, `Langtidsplanen for forskning og ...`,
    # `Strategien for å øke ...`
    rx = re.compile(rf"(?<![{L}{HY}])([{L}]*?(?:[Pp]lan|[Pp]lanen|[Ss]trategi|[Ss]trategien|Veikart|Veikartet))[ \t\n]+for[ \t\n]+(?=[{L}])")
    for m in rx.finditer(text):
        head = m.group(1)
        if line_is_shouting(text, m.start(), m.end()):
            continue
        lower = head[0].islower()
        named_strategy = False
        if lower and re.fullmatch(r"strategi", head) and not re.match(r"å\b", text[m.end():]):
            # `en strategi for utjevning av sosiale helseforskjeller`: a strategy named by its
            # topic (three words or more), not `en strategi for å ...`
            topic_end = extend_np(text, m.end(), max_tokens=10)
            topic = text[m.end():topic_end].split()
            # ... or by one definite noun: `ein strategi for småbyen` (not `en strategi for vekst`)
            named_strategy = len(topic) >= 3 or (len(topic) == 1 and len(topic[0]) >= 6
                                                 and re.search(r"(?:en|et|a|ene|ane)$", topic[0]) is not None)
        # `opptrappingsplanen for rusfeltet`, `tiltaksplanen for …`: a definite compound plan with
        # its topic is one plan (not `arbeidsplanen for neste år`)
        compound = re.fullmatch(r"([a-zæøå]{4,}?)s?plan(?:en)?", head.lower())
        if compound and compound.group(1) in _ORDINARY_PLANS:
            continue
        named_plan = lower and bool(compound) and head.endswith("planen")
        if lower and not named_strategy and not named_plan:
            if not re.search(r"handlingsplan(en)?$", head):
                continue
            before = text[max(0, m.start() - 40):m.start()].split()
            before = [w.lower().strip(",.") for w in before[-3:]]
            if any(w in ("en", "ei", "et", "ett", "egen", "eget", "ny", "nye", "nytt", "flere",
                         "noen", "slik", "slike", "sin", "sine", "sitt", "hver", "annen",
                         "mange", "disse", "denne", "helhetlig") for w in before):
                continue
        elif head.lower() in ("planen", "strategien") and is_sentence_start(text, m.start()):
            continue  # `Strategien for …` opening a sentence refers back; `Strategi for …` is a title
        elif head.lower() in ("plan", "strategi") and is_sentence_start(text, m.start()) \
                and re.match(r"å(?![{L}])".format(L=L), text[m.end():]):
            continue
        end = extend_np(text, m.end(), max_tokens=10, allow_aa=head.lower().startswith("strategi"))
        if end <= m.end():
            continue
        start = m.start()
        if lower:  # `lokal handlingsplan for kliniske studiar`: its scope is part of the title
            adj = re.search(r"(?<![^\W\d_])(?:lokal|lokale|regional|regionale)[ \t]+$", text[max(0, start - 12):start])
            if adj:
                start -= len(adj.group(0))
        name = text[start:end]
        aliases = [clean(name)]
        end2 = title_period(text, end)
        if end2 > end:
            aliases.append(clean(text[start:end2]))
            name, end = text[start:end2], end2
        typ = "Instrument" if "handlingsplan" in head.lower() else "PolicyDocument"
        out.append(_cand(typ, name[0].upper() + name[1:], start, end, "plan-for", 0.7,
                         aliases=aliases))
    # quoted titles after a document noun, or before `-strategi`
    rx = re.compile(rf"(?<![{L}])(?:[Rr]apport(?:en)?|[Ss]tudien|[Uu]tredningen|[Ss]trategien|[Pp]lanen|"
                    rf"[Mm]eldingen|[Nn]otatet|[Ee]valueringen|[Aa]nalysen|[Vv]eilederen|[Bb]oken)[ \t\n]+«([^»]{{3,80}})»")
    for m in rx.finditer(text):
        t = m.group(1).strip()
        if t[:1].isupper():
            out.append(_cand("PolicyDocument", t, m.start(1), m.end(1), "quoted-title", 0.75))
    rx = re.compile(rf"«([^»]{{3,80}})»[{HY}]?(strategi(?:en)?|rapport(?:en)?|plan(?:en)?|programmet|initiativet)(?![{L}])")
    for m in rx.finditer(text):
        t = m.group(1).strip()
        if t[:1].isupper():
            typ = "Instrument" if m.group(2).startswith(("program", "initiativ")) else "PolicyDocument"
            out.append(_cand(typ, t, m.start(), m.end(), "quoted-title", 0.75, aliases=[m.group(0)]))
    # English report titles: `European Innovation Scoreboard`, `HO21 monitor`
    heads = "|".join(DOC_HEADS_EN)
    rx = re.compile(rf"(?<![{L}\d{HY}])((?:(?:[{UP}][{L}\d]*(?:['’]s)?|[{UP}\d]{{2,}})[ \t]+){{1,5}})({heads})(?![{L}])")
    for m in rx.finditer(text):
        ws = m.group(1).split()
        while ws and ws[0].lower() in FUNCTION_WORDS:
            ws = ws[1:]
        if not ws:
            continue
        start = m.start(1) + m.group(1).find(ws[0])
        out.append(_cand("PolicyDocument", " ".join(ws + [m.group(2)]), start, m.end(2), "report-title", 0.7))
    # `FNs bærekraftsmål`, `EUs legemiddelstrategi`, and with what it is about: `FNs verdenserklæring om
    # menneskerettigheter`, `FNs konvensjon om barnets rettigheter` (the body stays a mention of its own)
    bodies = "|".join(sorted(INTL_BODIES, key=len, reverse=True))
    dheads = "|".join(INTL_DOC_HEADS)
    rx = re.compile(rf"(?<![{L}])((?:{bodies})s)[ \t\n]+([{LO}]*(?:{dheads})(?:en|et|ene|er|a)?)"
                    rf"(?P<about>[ \t]+om[ \t]+(?:[{LO}{HY}]+[ \t]+){{0,3}}?[{LO}{HY}]*(?:rettigheter|rettar|rettane|"
                    rf"rettighetene|[{LO}]{{4,}}(?:het|heter|else|ing|inger|skap)))?(?![{L}])")
    for m in rx.finditer(text):
        out.append(_cand("PolicyDocument", re.sub(r"\s+", " ", m.group(0)), m.start(), m.end(), "intl-doc", 0.75,
                         nested_ok=True))
    # a body's report named by its author: `rapporten fra Helsepersonellkommisjonen`,
    # `utgreiinga frå Distriktsdemografiutvalet`, `innstillingen fra Hagen-utvalget`
    rx = re.compile(rf"(?<![{L}])((?:[Rr]apport|[Uu]tredning|[Uu]tgreiing|[Ii]nnstilling|[Ee]valuering|"
                    rf"[Ss]luttrapport)(?:en|a)?)[ \t\n]+(?:fra|frå)[ \t\n]+(?P<name>{NAME_TOK}(?:[ \t]+{NAME_TOK}){{0,3}})")
    for m in rx.finditer(text):
        body = _strip_footnote(m.group("name"))
        if not _name_ok(body) or body in COUNTRIES or line_is_shouting(text, m.start(), m.end()):
            continue
        end = m.start("name") + len(body)
        name = re.sub(r"\s+", " ", text[m.start():end])
        out.append(_cand("PolicyDocument", name[0].upper() + name[1:], m.start(), end, "report-from", 0.65,
                         aliases=[name], nested_ok=True))
    # the consultation paper answered: `høringsnotatet`
    rx = re.compile(rf"(?<![{L}])([Hh]øringsnotat(?:et)?)(?![{L}])")
    for m in rx.finditer(text):
        out.append(_cand("PolicyDocument", "Høringsnotat", m.start(), m.end(), "consultation-paper", 0.55,
                         aliases=[m.group(1)], key="doc:horingsnotat"))
    # source lines: `Kilde: X`, `Datagrunnlag: X, Y`
    rx = re.compile(rf"(?<![{L}])(?:Kilde|Kilder|Datagrunnlag|Datakilde|Datakilder|Source|Sources)[ \t]*:[ \t]*([^\n]+)")
    for m in rx.finditer(text):
        line = m.group(1)
        base = m.start(1)
        for part in re.finditer(r"[^,;]+", line):
            item = part.group().strip()
            a = base + part.start() + part.group().find(item)
            item2 = _strip_footnote(re.sub(r"\s*\(.*?\)\s*$", "", item))
            toks = item2.split()
            if not toks or not toks[0][:1].isupper() or len(toks) > 6 or not _name_ok(item2):
                continue
            out.append(_cand("PolicyDocument", item2, a, a + len(item2), "source-line", 0.5))
    # a footnote that lists its sources: `[1] Spesialisthelsetenestelova, Helse og Omsorg 2020 og
    # Styringsdokument` (a list of two or more titles, not a sentence)
    for m in re.finditer(r"(?m)^[ \t]*\[\d{1,2}\][ \t]*([^\n]+?)[ \t]*$", text):
        line, base = m.group(1), m.start(1)
        if line.endswith((".", ":", "?", "!")) or "http" in line or "www." in line:
            continue
        items = [(i.start(), i.group()) for i in re.finditer(r"[^,;]+", line)]
        if items:  # no comma before the last `og`: `A, B og C`; an `og` inside B stays
            a, last = items.pop()
            cut = re.search(r"\s+og\s+(?!.*\s+og\s+)", last)
            items += [(a, last[:cut.start()]), (a + cut.end(), last[cut.end():])] if cut else [(a, last)]
        items = [(a, t.strip()) for a, t in items if t.strip()]
        if len(items) < 2:
            continue
        for a, item in items:
            start = base + line.find(item, a)
            toks = item.split()
            if not toks or not toks[0][:1].isupper() or len(toks) > 7 or not _name_ok(item):
                continue
            out.append(_cand("PolicyDocument", item, start, start + len(item), "source-line", 0.5))
    return out
