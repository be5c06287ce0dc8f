"""Themes: the topic headings proposals stand under, merged across documents (`HAS_THEME`).

A heading names a theme when it reads as a topic — a short noun phrase such as *Kliniske studier*,
*Innovative innkjøp* or *Produksjon og industrialisering i Norge* — and not when it is a
question (*Hva bør gjøres*), a sentence (*Stortingsmeldingen bør avspeile …*, *Vi redder liv …*),
the document's own title, or a generic heading (*Innledning*, *Oppsummering*). Headings that say
the same after folding and Norwegian stemming are one theme in every document (*KLINISKE
STUDIER* and *Kliniske studier*): the theme's id is the stems of its words. Each proposal under
such a heading, and the document, get a `HAS_THEME` whose evidence is the heading (quote, span)
and its content words (`matched`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from loaders.vocabulary import stem
from schema.batch import GraphBatch
from schema.ids import content_hash, fold, slug

MAX_WORDS = 10  # longer headings are sentences or titles, not topics
CONFIDENCE = 0.8

_WORD = re.compile(r"[^\W\d_]+")
# A heading starting with one of these asks or addresses: it is not a topic.
_QUESTION_OR_PRONOUN = frozenset(
    "hva hvordan hvor hvorfor hvilke hvilken hvilket hvem hvis når vi jeg du dere man".split())
# A heading with one of these is a sentence (a modal, a finite verb, the infinitive marker).
_SENTENCE_WORDS = frozenset("å bør må skal kan vil ønsker er blir gir har trenger mener".split())
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


def add_themes(batch: GraphBatch, ex) -> None:
    """Theme nodes and `HAS_THEME` for an `Extraction`'s proposals and its document."""
    headings = [s for s in ex.segments if s.kind == "heading"]
    doc = ("Document", ex.doc_id)
    seen: set[str] = set()
    for p in ex.proposals:
        theme = heading_theme(p.section, ex.meta.title)
        if theme is None:
            continue
        seg = _heading_segment(headings, p.section, p.start)
        key = ("Theme", theme.id)
        batch.node("Theme", theme.id, name=theme.name, method="pattern", confidence=CONFIDENCE, verified=False,
                   searchText=fold(theme.name))
        ev = _evidence(ex, seg, p.section)
        batch.rel("HAS_THEME", ("Proposal", content_hash(p.text)), key, ex.doc_id, matched=list(theme.words), **ev)
        if theme.id not in seen:
            seen.add(theme.id)
            batch.rel("HAS_THEME", doc, key, ex.doc_id, matched=list(theme.words), **ev)


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
