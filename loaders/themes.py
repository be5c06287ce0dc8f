"""Themes (`HAS_THEME`): the topic headings proposals stand under, merged across documents, and
the policy areas of a small sourced vocabulary their words name (:mod:`loaders.theme_vocabulary`).

A heading names a theme when it reads as a topic — a short noun phrase such as *Kliniske studier*,
*Innovative innkjøp* or *Produksjon og industrialisering i Norge* — and not when it is a
question (*Hva bør gjøres*), a sentence (*Stortingsmeldingen bør avspeile …*, *Vi redder liv …*),
the document's own title, or a generic heading (*Innledning*, *Oppsummering*). Headings that say
the same after folding and Norwegian stemming are one theme in every document (*KLINISKE
STUDIER* and *Kliniske studier*): the theme's id is the stems of its words. Each proposal under
such a heading, and the document, get a `HAS_THEME` whose evidence is the heading (quote, span)
and its content words (`matched`).

A proposal whose text or topic heading has a cue of a policy area (*risikokapital* → *Kapital*,
*helsedata* → *Tilgang til og bruk av data*) has that area's theme too, the evidence being its
sentence, the words that matched and the vocabulary's source (`sourceUrl`); an area named like a
heading is the same theme (*Kliniske studier*).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from schema.privacy import redact
from loaders.theme_vocabulary import AREAS, VEIKART, Area
from loaders.vocabulary import stem
from schema.batch import GraphBatch
from schema.ids import content_hash, slug
from schema.text import fold

MAX_WORDS = 10  # longer headings are sentences or titles, not topics
CONFIDENCE = 0.8

_WORD = re.compile(r"[^\W\d_]+")
_WORD_OR_HYPHEN = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")  # e-helse, EU-samarbeid
_INFLECTION = 4  # letters a word may have after a cue it ends with (risikokapital|en)
# A heading starting with one of these asks or addresses: it is not a topic (bokmål and nynorsk).
_QUESTION_OR_PRONOUN = frozenset(
    "hva hvordan hvor hvorfor hvilke hvilken hvilket hvem hvis når vi jeg du dere man "
    "kva korleis kvar kvifor kven dersom eg de".split())
# A heading with one of these is a sentence (a modal, a finite verb, the infinitive marker).
_SENTENCE_WORDS = frozenset("å bør må skal kan vil ønsker er blir gir har trenger mener "
                            "ønskjer vert gjev treng meiner".split())
# Headings that name a part of a text, not a topic.
_GENERIC = frozenset(stem(w) for w in (
    "innledning bakgrunn sammendrag oppsummering konklusjon konklusjoner avslutning innspill kommentarer "
    "kommentar vedlegg referanser kilder forord generelt merknader anbefalinger tiltak").split())


@dataclass(frozen=True)
class Theme:
    id: str
    name: str
    words: tuple[str, ...]  # the heading's content words, as written (lower case)


def heading_theme(heading: str | None, title: str | None = None) -> Theme | None:
    """The theme a heading names, or None when it is not a topic heading."""
    if not heading:
        return None
    text = " ".join(heading.split(">")[-1].split()).strip(" .:;,–-")
    words = _WORD.findall(text)
    if not words or len(words) > MAX_WORDS or "?" in text:
        return None
    lower = [w.lower() for w in words]
    if lower[0] in _QUESTION_OR_PRONOUN or _SENTENCE_WORDS & set(lower):
        return None
    if title and fold(text) == fold(title):
        return None
    stems = [stem(fold(w)) for w in lower]
    content = [(s, w) for s, w in zip(stems, lower) if len(w) > 2 and s not in _GENERIC]
    if not content:
        return None
    name = text[0].upper() + (text[1:].lower() if text.isupper() else text[1:])
    return Theme(slug(" ".join(stems)), name, tuple(w for _, w in content))


def area_themes(*texts: str | None) -> list[tuple[Theme, tuple[str, ...]]]:
    """The policy areas whose cues the texts have, each with the words that matched (as written)."""
    words = [w for t in texts if t for w in _WORD_OR_HYPHEN.findall(t)]
    folded = [fold(w) for w in words]
    out = []
    for area in AREAS:
        matched: list[str] = []
        for cue in area.cues:
            parts = cue.split(" ")
            for i in range(len(folded) - len(parts) + 1):
                if all(_cue_matches(c, folded[i + j], whole=len(parts) == 1) for j, c in enumerate(parts)):
                    phrase = " ".join(words[i:i + len(parts)]).lower()
                    if phrase not in matched:
                        matched.append(phrase)
        if matched:
            out.append((area_theme(area), tuple(matched)))
    return out


def area_theme(area: Area) -> Theme:
    return Theme(slug(" ".join(stem(fold(w)) for w in _WORD.findall(area.name.lower()))), area.name, ())


def _cue_matches(cue: str, word: str, *, whole: bool) -> bool:
    """`word` begins with `cue`, or (for a one-word cue) ends with it up to an inflection."""
    if word.startswith(cue):
        return True
    at = word.rfind(cue)
    return whole and at > 0 and len(word) - at - len(cue) <= _INFLECTION


def add_themes(batch: GraphBatch, ex) -> None:
    """Theme nodes and `HAS_THEME` for an `Extraction`'s proposals and its document."""
    headings = [s for s in ex.segments if s.kind == "heading"]
    doc = ("Document", ex.doc_id)
    seen: set[str] = set()

    def link(p, theme: Theme, matched: tuple[str, ...], ev: dict) -> None:
        key = ("Theme", theme.id)
        batch.node("Theme", theme.id, name=theme.name, method="pattern", confidence=CONFIDENCE, verified=False,
                   searchText=fold(theme.name))
        batch.rel("HAS_THEME", ("Proposal", content_hash(p.text)), key, ex.doc_id, matched=list(matched), **ev)
        if theme.id not in seen:
            seen.add(theme.id)
            batch.rel("HAS_THEME", doc, key, ex.doc_id, matched=list(matched), **ev)

    for p in ex.proposals:
        theme = heading_theme(p.section, ex.meta.title)
        if theme is not None:
            link(p, theme, theme.words, _evidence(ex, _heading_segment(headings, p.section, p.start), p.section))
        for area, matched in area_themes(p.text, p.section if theme else None):
            if theme is None or area.id != theme.id:
                ev = ex.evidence(p.start, p.end, "pattern", CONFIDENCE)
                ev["quote"] = " ".join(redact(p.text).split())
                link(p, area, matched, {**ev, "sourceUrl": VEIKART})


def _heading_segment(headings, section: str, start: int):
    """The heading a proposal stands under: the last one before it with that text."""
    same = [s for s in headings if s.text.strip() == section.strip()]
    before = [s for s in same if s.start <= start]
    return (before or same or [None])[-1]


def _evidence(ex, seg, heading: str) -> dict:
    quote = " ".join(heading.split())
    if seg is None:
        return {"quote": quote, "method": "pattern", "confidence": CONFIDENCE}
    ev = ex.evidence(seg.start, seg.end, "pattern", CONFIDENCE)
    ev["quote"] = quote
    return ev
