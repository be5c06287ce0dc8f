"""Countries (the world's countries in Norwegian) and international examples: a foreign body or
initiative `i Danmark`, `X som i Sverige`, a foreign owner's initiative cited as a model."""

from __future__ import annotations

import re

from loaders.segment import sentence_at
from loaders.patterns import (
    COUNTRIES,
    ENGLISH_ORG_WORDS,
    FUNCTION_WORDS,
    HOME_COUNTRY_NAMES,
    HY,
    HYPHENS,
    LO,
    NAME_TOK,
    NP_STOP,
    Candidate,
    L,
    _cand,
    _name_ok,
    _verb_like,
    clean,
    has_internal_cap,
    is_sentence_start,
    line_is_shouting,
    zipf,
)


# -------------------------------------------------------------------------------------------
# Countries and international examples
# -------------------------------------------------------------------------------------------
def _country_regex() -> re.Pattern:
    names = sorted(COUNTRIES, key=len, reverse=True)
    alt = "|".join(re.escape(n).replace(r"\ ", r"[ \t\n]+") for n in names)
    return re.compile(rf"(?<![{L}{HY}\d])({alt})(s)?(?![{L}\d])(?![{HY}][{L}])")


_COUNTRY_RE = _country_regex()


def find_countries(text: str, extra: dict[str, str] | None = None) -> list[tuple[int, int, str]]:
    """(start, end, country name) for country names (genitive -s allowed)."""
    out = []
    for m in _COUNTRY_RE.finditer(text):
        out.append((m.start(), m.end(), re.sub(r"\s+", " ", m.group(1))))
    return out


def rule_countries(text: str) -> list[Candidate]:
    return [_cand("Country", c, a, b, "country", 0.9) for a, b, c in find_countries(text)]


_NOT_NOUN = {"samme", "tilsvarende", "lignende", "likt", "gjort", "skjer", "bedre", "verre",
             "større", "flere", "færre", "mindre", "høyere", "lavere", "sterkere", "svakere",
             "raskere", "tidligere", "senere", "gjerne", "ellers", "allerede", "derfor"}
EXAMPLE_CUES = re.compile(r"eksempel|eksempler|modell|forbilde|inspirer|inspirasjon|lære av|ledende|"
                          r"som i |etter mønster", re.I)


def rule_international(text: str) -> list[Candidate]:
    out = []
    foreign = [(a, b, c) for a, b, c in find_countries(text) if c not in HOME_COUNTRY_NAMES]
    for a, b, country in foreign:
        # `Bioinnovation Institute i Danmark`, `Fingenius i Finland er eksempel på ...`
        pre = text[max(0, a - 80):a]
        m = re.search(rf"((?:{NAME_TOK}[ \t]+){{1,4}})i[ \t\n]+$", pre)
        if m:
            ws = m.group(1).split()
            while ws and (ws[0].lower() in FUNCTION_WORDS or ws[0] in COUNTRIES):
                ws = ws[1:]
            if ws:
                start = a - len(pre) + m.start(1) + m.group(1).find(ws[0])
                name = " ".join(ws)
                s0, s1 = sentence_at(text, a)
                single = len(ws) == 1
                sent_start = is_sentence_start(text, start)
                foreign_looking = any(has_internal_cap(w) or w in ENGLISH_ORG_WORDS for w in ws) or \
                    (len(ws) > 1 and not sent_start) or len(ws) > 1 and any(w in ENGLISH_ORG_WORDS for w in ws)
                cue = bool(EXAMPLE_CUES.search(text[s0:s1]))
                if (not single and (foreign_looking or cue)) or (single and cue and zipf(ws[0]) < 1.0
                                                                and ws[0].lower() not in FUNCTION_WORDS):
                    if _name_ok(name) and not line_is_shouting(text, start, b):
                        out.append(_cand("InternationalExample", name, start, b, "example-in-country", 0.75,
                                         country=country, aliases=[name], nested_ok=True))
        # `industri-statlig helse- plattform som i Danmark`
        m = re.search(rf"((?:[{LO}]+(?:[{HY}][{LO}]+)*[{HY}]?[ \t\n]+){{1,4}})som[ \t\n]+i[ \t\n]+$", text[max(0, a - 120):a])
        if m:
            ws = m.group(1).split()
            # the noun phrase runs back to a cue boundary (eks., f.eks., "(", a determiner)
            keep = []
            for w in reversed(ws):
                if w.lower() in NP_STOP or w.lower() in ("og", "for", "i", "å"):
                    break
                keep.insert(0, w)
            head = keep[-1].lower() if keep else ""
            if keep and not keep[-1].endswith(HYPHENS) and len(head) > 4 and head not in _NOT_NOUN \
                    and not head.endswith(("ert", "ete", "tes", "ige", "lig", "ere")) and not _verb_like(head):
                window = text[max(0, a - 120):a]
                start = a - len(window) + m.start(1)
                seg = text[start:a]
                start += seg.find(keep[0]) if keep[0] in seg else 0
                np_raw = re.sub(r"\s*som\s+i\s*$", "", text[start:a])
                np_only = clean(np_raw)
                out.append(_cand("InternationalExample", f"{np_only} i {country}", start, b,
                                 "like-in-country", 0.6, country=country, nested_ok=True,
                                 aliases=[clean(text[start:b]), np_only,
                                          re.sub(r"\s+", " ", text[start:b]).strip(),
                                          re.sub(r"\s+", " ", np_raw).strip()]))
    # `Health Canadas helsenæringsoppbygging er et godt eksempel`, `Storbritannias «X»-strategi`
    rx = re.compile(rf"(?<![{L}{HY}])((?:{NAME_TOK}[ \t]+){{0,3}}{NAME_TOK}s)[ \t\n]+(«[^»]{{3,80}}»[{HY}]?[{LO}]*|[{LO}]{{4,}})(?![{L}])")
    for m in rx.finditer(text):
        owner = m.group(1)[:-1]
        owner_words = owner.split()
        while owner_words and owner_words[0].lower() in FUNCTION_WORDS:
            owner_words = owner_words[1:]
        if not owner_words:
            continue
        owner = " ".join(owner_words)
        start = m.start(1) + m.group(1).find(owner_words[0])
        country = None
        for a, b, c in foreign:
            if start <= a < m.end(1):
                country = c
        if not country:
            continue
        s0, s1 = sentence_at(text, m.start())
        if not EXAMPLE_CUES.search(text[s0:s1]):
            continue
        obj = m.group(2)
        name = f"{owner}s {clean(obj)}"
        out.append(_cand("InternationalExample", name, start, m.end(), "foreign-genitive", 0.6,
                         country=country, nested_ok=True, aliases=[clean(m.group(0))]))
        if owner not in COUNTRIES:  # the foreign body itself: `Health Canada`
            out.append(_cand("Organisation", owner,
                             start, m.end(1), "foreign-body", 0.55, country=country,
                             aliases=[m.group(1)]))
    return out
