"""What each proposal concerns: the entities it is linked to, and where each was named.

``proposal_links(text, segments, proposals, entities) -> list[list[Link]]`` (one list per proposal).

A proposal is about the bodies, instruments, ministries and international examples named

* in its own sentence (``where="sentence"``, the entity's own confidence);
* in the sentence that introduced its list (``"lead-in"``: ``Vi ber Forskningsrådet om å:``), and the
  sentence before that one when the lead-in points back to it (``Porteføljen skal styres mot fire
  mål. Målene er:``): the bullets complete the lead-in, so what it names is what they are about;
* in the heading it stands under, when the heading names an instrument or an international example
  (``"heading"``: ``FORNY`` over a list of asks): a heading naming a body is a topic, and the measures
  under it are about what each of them names; a heading that says whose the measures are
  (``Regjeringens femten tiltak for økt helseeksport``) names the ministry they concern;
* in the sentence before it (also the last one of the paragraph before), when the proposal points
  back with a demonstrative or opens with a plural pronoun as its subject
  (``Investinor forvalter ... . Dette fondet bør få ...``, ``Regjeringen foreslår ... . De foreslår
  også ...``: ``"previous sentence"``);
* in the footnote a footnote mark in it points to (``... med viktige interessenter2`` and, further
  on, ``2) Eksempelvis Sykehusinnkjøp, Nye Metoder ...``: ``"footnote"``).

A mention outside the sentence is weaker evidence: its confidence is the entity's times
``CONTEXT_WEIGHT[where]``. Persons, countries, themes and cited documents are linked only from
the proposal's own sentence (a heading's theme is not what every item under it concerns), and so
are generic mentions in lower case (``dei leiande helseføretaka``); a generic possessor
(``helseforetakenes effektivitet``) is not linked at all, nor are the parties of a list of members
(``Komiteen, medlemmene fra Arbeiderpartiet, ...``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from loaders.proposals import ProposalDraft
from loaders.segment import split_sentences
from loaders.recognise import Entity, Mention
from loaders.segment import Segment

__all__ = ["Link", "proposal_links", "CONTEXT_WEIGHT", "CONTEXT_TYPES"]

CONTEXT_WEIGHT = {"sentence": 1.0, "lead-in": 0.8, "heading": 0.7, "previous sentence": 0.7, "footnote": 0.7}
CONTEXT_TYPES = frozenset({"Ministry", "Agency", "Organisation", "Instrument", "InternationalExample"})
HEADING_TYPES = frozenset({"Instrument", "InternationalExample"})
# a lead-in that opens by pointing back (``Målene beskriver ...:``, ``Dette gjeld:``) continues the
# sentence before it: a pronoun or demonstrative, or a definite plural noun (``Målene``, ``Tiltaka``)
_OPENS_POINTING_BACK = re.compile(r"^(?:(?:denne|dette|disse|desse|det|den|de|dei|slike)\s+(?:\w+\s+)?"
                                  r"(?:er|var|vil|skal|må|bør|kan|betyr|tyder|innebærer|inneber|gjelder|gjeld|"
                                  r"omfatter|omfattar|beskriver|beskriv|handler|handlar|dreier)\b|"
                                  r"[A-ZÆØÅ][a-zæøå]{2,}(?:ene|ane|na)\b)", re.IGNORECASE)
# a demonstrative determiner with its noun (``dette fondet``, ``denne skatten``), not ``i dette.``
# nor ``Dette er ...``
_POINTS_BACK = re.compile(r"\b(?:denne|dette|disse|desse|slike|nevnte|omtalte|tilsvarende|tilsvarande|liknande|lignende)\s+(?!(?:er|var|vil|kan|må|bør|skal|"
                          r"har|blir|gjelder|gjeld|betyr|inneber|innebærer|og|i|på|til|for|som|at)\b)[a-zæøå]{3,}",
                          re.IGNORECASE)


# ``Komiteen, medlemmene fra Arbeiderpartiet, ...``: the parties of a list of members say who speaks, not
# what the proposal is about
_MEMBER_LIST = re.compile(r"\b(?:medlem(?:m)?ene|medlem(?:m)?ane|medlemmer|medlemer)\s+(?:fra|frå)\b", re.IGNORECASE)


# a heading opening with the government's or a ministry's genitive: the measures under it are theirs
_WHOSE_HEADING = re.compile(r"(?:\d+[.)]?\s+)?(?P<who>Regjeringens|Regjeringas|Regjeringa|Departementets|"
                            r"[A-ZÆØÅ][\w\-]*departementets)(?:\s+sine)?\s+(?:[\w\-]+\s+){0,3}?(?:tiltak|forslag|prioriteringer|"
                            r"prioriteringar|satsinger|satsingar|innsatsområder|innsatsområde|mål|ambisjoner|ambisjonar)\b")


# a sentence whose subject is a plural pronoun (``De foreslår også ...``) continues the one before
_PRONOUN_SUBJECT = re.compile(r"(?:de|dei)\s+(?:[a-zæøå]+\s+)?(?:vil|skal|må|bør|foreslår|føreslår|ber|bed|"
                              r"anbefaler|tilrår|ønsker|ønskjer|har|mener|meiner)\b", re.IGNORECASE)


# a pronoun the demand is about, in its that-clause (``Vi anbefaler at den økes til 2019-nivå``): the thing was
# named in the sentence before
_PRONOUN_IN_CLAUSE = re.compile(r"\b(?:at|om)\s+(?:den|dei|de)\s+(?:også\s+|òg\s+)?(?:bør\s+|må\s+|skal\s+)?"
                                r"(?:[a-zæøå]{2,}(?:es|ast)|blir\s+\w+|vert\s+\w+)\b", re.IGNORECASE)


# a definite plural in the genitive (``helseforetakenes effektivitet``, ``Klyngenes rolle``) names
# whose the thing is, generically: the thing is what the proposal is about, not those bodies
_GENERIC_POSSESSOR = re.compile(r"(?:enes|anes|ane's|ene's)$", re.IGNORECASE)


# a footnote mark glued to a word (``interessenter2``), not a number of its own (``Horizon 2020``)
_FOOTNOTE_MARK = re.compile(r"(?<=[a-zæøå.,)])(\d{1,2})\b")
FOOTNOTE_REACH = 3000  # how far after the mark its note may stand (characters)


def _footnote_span(text: str, mark: str, after: int) -> tuple[int, int] | None:
    """The note ``<mark>) ...`` (also after other notes on its line) or ``<mark> ...`` at the start
    of a line, after ``after``, up to the next note or the end of the line."""
    n = int(mark)
    note = re.compile(rf"(?:(?:^|\s){n}\)|(?:^|\n)[ \t]*{n})[ \t]+(?=[A-ZÆØÅ])")
    m = note.search(text, after, after + FOOTNOTE_REACH)
    if not m:
        return None
    end_line = text.find("\n", m.end())
    end_line = len(text) if end_line < 0 else end_line
    nxt = re.search(rf"\s{n + 1}\)\s", text[m.end():end_line])
    return m.end(), m.end() + nxt.start() if nxt else end_line


@dataclass(frozen=True)
class Link:
    entity: Entity
    mention: Mention  # where the entity was named (offsets in the normalised text)
    where: str  # a key of CONTEXT_WEIGHT
    confidence: float


def _mentions_in(entities: list[Entity], start: int, end: int, types=None) -> list[tuple[Entity, Mention]]:
    out = []
    for e in entities:
        if types is not None and e.type not in types:
            continue
        m = next((m for m in e.mentions if start <= m.start and m.end <= end), None)
        if m is not None:
            out.append((e, m))
    return out


def _context_spans(text: str, segments: list[Segment], p: ProposalDraft) -> list[tuple[str, int, int]]:
    """(where, start, end) of the lead-in, the heading and (when pointed back to) the sentence before."""
    i = next((k for k, s in enumerate(segments) if s.start <= p.start < s.end), None)
    if i is None:
        return []
    seg = segments[i]
    spans: list[tuple[str, int, int]] = []
    if seg.kind in ("bullet", "numbered") and seg.intro:
        j = i - 1
        while j >= 0 and segments[j].kind in ("bullet", "numbered"):
            j -= 1
        if j >= 0 and segments[j].text == seg.intro:  # the sentence that introduces the list
            sents = split_sentences(text, segments[j].start, segments[j].end)
            if sents:
                a, b = sents[-1]
                if len(sents) > 1 and _OPENS_POINTING_BACK.match(text[a:b]):
                    a = sents[-2][0]
                spans.append(("lead-in", a, b))
    if seg.section:
        h = next((s for s in reversed(segments[:i]) if s.kind == "heading" and s.text == seg.section), None)
        if h is not None and h is not seg:
            spans.append(("heading", h.start, h.end))
    for mark in _FOOTNOTE_MARK.finditer(text, p.start, p.end):
        span = _footnote_span(text, mark.group(1), p.end)
        if span:
            spans.append(("footnote", *span))
    if _POINTS_BACK.search(text[p.start:p.end]) or _PRONOUN_SUBJECT.match(text[p.start:p.end]) or \
            _PRONOUN_IN_CLAUSE.search(text[p.start:p.end]):
        before = [(a, b) for a, b in split_sentences(text, seg.start, seg.end) if b <= p.start]
        if not before and i > 0 and segments[i - 1].kind == "paragraph":
            # the first sentence of a paragraph points back to the last one of the paragraph before
            before = split_sentences(text, segments[i - 1].start, segments[i - 1].end)
        if before:
            spans.append(("previous sentence", *before[-1]))
    return spans


def proposal_links(text: str, segments: list[Segment], proposals: list[ProposalDraft],
                   entities: list[Entity]) -> list[list[Link]]:
    out: list[list[Link]] = []
    for p in proposals:
        members = bool(_MEMBER_LIST.search(text[p.start:p.end]))
        links = [Link(e, m, "sentence", e.confidence) for e, m in _mentions_in(entities, p.start, p.end)
                 if not _GENERIC_POSSESSOR.search(m.surface)
                 and not (members and re.search(r"\b(?:fra|frå)\s+(?:[A-ZÆØÅ][\w\-]*(?:\s*,\s*[A-ZÆØÅ][\w\-]*)*\s+og\s+)?$",
                                                text[max(p.start, m.start - 60):m.start]))]
        seen = {id(lk.entity) for lk in links}
        for where, a, b in _context_spans(text, segments, p):
            types = HEADING_TYPES if where == "heading" else CONTEXT_TYPES
            found = _mentions_in(entities, a, b, types)
            whose = _WHOSE_HEADING.match(text[a:b]) if where == "heading" else None
            if whose:
                # ``Regjeringens femten tiltak for økt helseeksport``: a heading that says whose the
                # measures under it are names the government or ministry they concern
                found += [(e, m) for e, m in _mentions_in(entities, a + whose.start("who"), a + whose.end("who"))
                          if e.type in ("Ministry", "Agency")]
            for e, m in found:
                if id(e) not in seen and m.surface[:1].isupper():  # a name, not ``helseføretaka``
                    seen.add(id(e))
                    links.append(Link(e, m, where, round(e.confidence * CONTEXT_WEIGHT[where], 3)))
        out.append(links)
    return out
