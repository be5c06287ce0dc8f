"""Every pattern rule of recognition, in the order they run (later rules' finds of the same
span merge with earlier ones). Each rule takes the text and returns candidate spans."""

from __future__ import annotations

from loaders import acronyms, documents, international, official_names, patterns
from loaders.patterns import Candidate

RULES = (patterns.RULES + (documents.rule_documents, international.rule_countries,
                           international.rule_international)
         + patterns.LATE_RULES + official_names.RULES + acronyms.RULES)


def pattern_candidates(text: str) -> list[Candidate]:
    out: list[Candidate] = []
    for rule in RULES:
        out.extend(rule(text))
    return out
