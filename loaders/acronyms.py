"""Names introduced with their acronym (a general rule).

* ``legemiddelinnkjøpssamarbeidet (LIS)``: one definite compound spelling the acronym is a name
  too, in lower case.
* ``Innovasjonsprosjekt i næringslivet (IPN)``, ``Ny infrastruktur for presisjonsdiagnostikk ved
  kreft (InPred)``: a phrase followed by a bracketed acronym whose letters it spells, in order,
  from the start of one of its first two words, is a name; the acronym is its alias. Its kind
  follows its head word (a project, programme or scheme is an Instrument).
"""

from __future__ import annotations

import re

from loaders.patterns import (
    GENERIC_ACRONYMS,
    HY,
    LO,
    UP,
    Candidate,
    _cand,
    line_is_shouting,
)

INSTRUMENT_WORDS = ("prosjekt", "program", "ordning", "tilskudd", "tilskot", "lån", "stipend",
                    "kontrakt", "satsing", "infrastruktur", "plattform", "fond")
_WORD = rf"[{UP}{LO}\d]+(?:[{HY}][{UP}{LO}\d]+)*"
_ACRONYM = re.compile(rf"\(([{UP}][{UP}{LO}]{{1,8}}[{UP}][{UP}{LO}\d]*|[{UP}]{{2,9}})\)")
_PHRASE_BEFORE = re.compile(rf"(?<![{UP}{LO}\d{HY}])((?:{_WORD}[ \t]+){{1,7}})$")


def _spells(acronym: str, phrase: str) -> bool:
    """Do the acronym's letters occur in order in ``phrase``, starting at its first letter?"""
    i = 0
    for c in phrase.lower():
        if i < len(acronym) and c == acronym[i].lower():
            i += 1
    return i == len(acronym)


def _kind(phrase: str) -> str:
    head = phrase.lower()
    return "Instrument" if any(w in head for w in INSTRUMENT_WORDS) else "Organisation"


def rule_bracketed_acronyms(text: str) -> list[Candidate]:
    out = []
    for am in _ACRONYM.finditer(text):
        acronym = am.group(1)
        if acronym.upper() in GENERIC_ACRONYMS:
            continue
        window = max(0, am.start() - 160)
        m = _PHRASE_BEFORE.search(text, window, am.start())
        if not m:
            continue
        words = m.group(1).split()
        # `legemiddelinnkjøpssamarbeidet (LIS)`: one definite compound that spells the acronym
        # is a body's name even in lower case
        last = words[-1]
        if last[:1].islower() and len(last) >= 10 and re.search(r"(?:et|en|a)$", last) \
                and last[0] == acronym[0].lower() and _spells(acronym, last):
            end = m.start(1) + len(m.group(1).rstrip())
            start = end - len(last)
            if not line_is_shouting(text, start, end):
                out.append(_cand(_kind(last), last[0].upper() + last[1:], start, end, "bracketed-acronym",
                                 0.65, aliases=[acronym, last]))
            continue
        # the name starts at a capitalised word, as late as possible, whose first or second
        # word carries the acronym's first letter and which spells the acronym
        for k in range(len(words) - 1, -1, -1):
            if not words[k][:1].isupper():
                continue
            phrase = " ".join(words[k:])
            starts = "".join(w[:1].lower() for w in words[k:k + 2])
            if acronym[0].lower() in starts and _spells(acronym, phrase[phrase.lower().index(acronym[0].lower()):]):
                if len(words) - k < 2:
                    break  # a single word before an acronym is the registry's business
                start = m.start(1) + m.group(1).index(words[k])
                end = m.start(1) + len(m.group(1).rstrip())
                if line_is_shouting(text, start, end):
                    break
                out.append(_cand(_kind(phrase), phrase, start, end, "bracketed-acronym", 0.7,
                                 aliases=[acronym]))
                break
    return out


RULES = (rule_bracketed_acronyms,)
