"""Proposals from different documents that ask for the same thing (`SIMILAR_TO`).

A proposal's profile is its content words, stemmed (Norwegian Snowball) and weighted by how
rare the word is in general Norwegian (``wordfreq``'s frequency list, shipped with the package:
no download): a common word (``må``, ``Norge``, ``bedre``) weighs little or nothing, a specific
one (``helsedata``, ``kliniske``, ``hjemmemarked``) much. Two proposals' score is the cosine of
their profiles; the words they share are the evidence. The score depends on the two texts only,
never on what else is loaded; a proposal links to at most the `TOP` best proposals of the
documents loaded before it (so the links stay linear in the number of proposals when many
documents repeat the same asks), and only there can the order of loading matter.

:class:`SimilarityIndex` holds the proposals already in the store (read once per load) and is
kept up to date as each document is written: a document loaded later is compared with every
earlier one and holds the links (their `source`); a pair already linked by another document is
not linked again. Removing the links of a retracted document is the store's part
(`graph.cypher.orphan_statements`: a proposal no document states any more loses its links).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from schema.privacy import redact
from loaders.vocabulary import norwegian, stem
from schema.batch import GraphBatch
from schema.ids import content_hash

THRESHOLD = 0.35  # chosen on tests/data/similar_pairs.yaml (tests/test_similarity.py prints precision and recall)
MATCHED_MAX = 8  # the shared words kept as evidence, heaviest first
TOP = 8  # links a proposal makes to earlier documents' proposals at most: the best ones
MAX_POSTINGS = 1000  # a word in more proposals than this does not make candidates on its own

_WORD = re.compile(r"[^\W\d_]+")
_RARE = 6.5  # a word's weight: how far its Zipf frequency lies below this (unknown words: _UNKNOWN)
_UNKNOWN = 4.0
_MIN_WEIGHT = 0.5  # lighter words (function words, the commonest verbs) are left out


@dataclass(frozen=True)
class Profile:
    weights: dict[str, float]  # stem -> weight
    words: dict[str, str]  # stem -> the first word of the text with that stem
    norm: float


def profile(text: str) -> Profile:
    """The weighted content stems of a text. Words in capitals (acronyms: the author's name,
    a body's abbreviation) say who speaks, not what is asked, and are left out."""
    vocab = norwegian()
    weights: dict[str, float] = {}
    words: dict[str, str] = {}
    for w in _WORD.findall(text):
        if len(w) < 3 or (w.isupper() and len(w) <= 6):
            continue
        lw = w.lower()
        z = vocab.zipf(lw)
        weight = _RARE - z if z else _UNKNOWN
        if weight < _MIN_WEIGHT:
            continue
        s = stem(lw)
        if weight > weights.get(s, 0.0):
            weights[s] = weight
        words.setdefault(s, lw)
    return Profile(weights, words, math.sqrt(sum(v * v for v in weights.values())))


def similarity(a: Profile, b: Profile) -> tuple[float, list[str]]:
    """Cosine of two profiles and the shared words (as written in `a`), heaviest first."""
    if not a.norm or not b.norm:
        return 0.0, []
    shared = sorted(set(a.weights) & set(b.weights), key=lambda s: (-a.weights[s] * b.weights[s], s))
    score = sum(a.weights[s] * b.weights[s] for s in shared) / (a.norm * b.norm)
    return score, [a.words[s] for s in shared[:MATCHED_MAX]]


@dataclass(frozen=True)
class Match:
    proposal: str  # id of the proposal in the document being loaded
    other: str  # id of the similar proposal in another document
    other_document: str  # a document that states `other`
    score: float
    matched: tuple[str, ...]


@dataclass
class SimilarityIndex:
    """The proposals in the store (id -> profile, documents) and the pairs already linked."""

    threshold: float = THRESHOLD
    profiles: dict[str, Profile] = field(default_factory=dict)
    documents: dict[str, set[str]] = field(default_factory=dict)  # proposal id -> documents stating it
    postings: dict[str, set[str]] = field(default_factory=dict)  # stem -> proposal ids
    pairs: dict[frozenset[str], str] = field(default_factory=dict)  # linked pair -> the document holding it

    @classmethod
    def from_rows(cls, proposals: Iterable[dict], links: Iterable[dict] = (), threshold: float = THRESHOLD
                  ) -> "SimilarityIndex":
        """`proposals`: {id, text, documents}; `links`: {start, end, source} (SIMILAR_TO)."""
        index = cls(threshold)
        for row in proposals:
            if row.get("text") and row.get("documents"):
                index._add(row["id"], row["text"], set(row["documents"]))
        for row in links:
            index.pairs[frozenset((row["start"], row["end"]))] = row["source"]
        return index

    def _add(self, pid: str, text: str, docs: set[str]) -> None:
        if pid not in self.profiles:
            self.profiles[pid] = profile(text)
            for s in self.profiles[pid].weights:
                self.postings.setdefault(s, set()).add(pid)
        self.documents.setdefault(pid, set()).update(docs)

    def _documents_after(self, doc: str, proposals: dict[str, str]) -> dict[str, set[str]]:
        """Who states what once `doc` states exactly `proposals` (a changed document replaces
        its earlier proposals)."""
        after = {pid: docs - {doc} for pid, docs in self.documents.items()}
        for pid in proposals:
            after.setdefault(pid, set()).add(doc)
        return after

    def matches(self, doc: str, proposals: dict[str, str]) -> list[Match]:
        """The links `doc` (its proposals: id -> text) makes to proposals of other documents: for
        each of its proposals the `TOP` best at or above the threshold, leaving out pairs another
        document already links. Does not change the index."""
        after = self._documents_after(doc, proposals)
        alive = {pid for pid, docs in after.items() if docs}
        taken = {pair for pair, src in self.pairs.items() if src != doc and pair <= alive}
        out: list[Match] = []
        for pid in sorted(proposals):
            p = self.profiles.get(pid) or profile(proposals[pid])
            scored = []
            for other, score in self._candidates(p).items():
                others_docs = after.get(other, set())
                if other == pid or not others_docs or doc in others_docs or frozenset((pid, other)) in taken:
                    continue
                if score >= self.threshold:
                    scored.append((-score, other))
            for _, other in sorted(scored)[:TOP]:
                score, words = similarity(p, self.profiles[other])
                out.append(Match(pid, other, min(after[other]), round(score, 3), tuple(words)))
        return out

    def _candidates(self, p: Profile) -> dict[str, float]:
        """Cosine with every proposal that shares a word with `p` other than the commonest ones
        (in more than `MAX_POSTINGS` proposals: they alone do not make two proposals alike, and
        would make each comparison grow with the store), accumulated over the index."""
        if not p.norm:
            return {}
        dots: dict[str, float] = {}
        common = []
        for s, w in p.weights.items():
            ids = self.postings.get(s, ())
            if len(ids) > MAX_POSTINGS:
                common.append((s, w))
                continue
            for other in ids:
                dots[other] = dots.get(other, 0.0) + w * self.profiles[other].weights[s]
        out = {}
        for other, dot in dots.items():
            q = self.profiles[other]
            dot += sum(w * q.weights.get(s, 0.0) for s, w in common)
            out[other] = dot / (p.norm * q.norm)
        return out

    def commit(self, doc: str, proposals: dict[str, str], matches: list[Match]) -> None:
        """Record that `doc` was written with `proposals` and `matches` (what the store now holds)."""
        after = self._documents_after(doc, proposals)
        for pid, docs in after.items():
            if docs:
                if pid not in self.profiles:
                    self._add(pid, proposals[pid], docs)
                self.documents[pid] = set(docs)
            else:
                self._remove(pid)
        self.pairs = {pair: src for pair, src in self.pairs.items()
                      if src != doc and all(p in self.profiles for p in pair)}
        for m in matches:
            self.pairs[frozenset((m.proposal, m.other))] = doc

    def _remove(self, pid: str) -> None:
        p = self.profiles.pop(pid, None)
        self.documents.pop(pid, None)
        for s in p.weights if p else ():
            ids = self.postings.get(s)
            if ids is not None:
                ids.discard(pid)
                if not ids:
                    del self.postings[s]


def proposal_texts(ex) -> dict[str, str]:
    """A document's proposals (an `Extraction`'s) by id: what `SimilarityIndex.matches` takes."""
    return {content_hash(p.text): redact(p.text) for p in ex.proposals}


def add_similar(batch: GraphBatch, ex, matches: list[Match]) -> None:
    """The links as `SIMILAR_TO` both ways, held by the document being loaded: the evidence is
    its proposal's sentence and span, the score, the shared words, and the other document."""
    drafts = {content_hash(p.text): p for p in ex.proposals}
    for m in matches:
        p = drafts[m.proposal]
        ev = ex.evidence(p.start, p.end, "inferred", m.score)
        ev["quote"] = " ".join(redact(p.text).split())
        props = {**ev, "score": m.score, "matched": list(m.matched), "path": [ex.doc_id, m.other_document]}
        a, b = ("Proposal", m.proposal), ("Proposal", m.other)
        batch.rel("SIMILAR_TO", a, b, ex.doc_id, **props)
        batch.rel("SIMILAR_TO", b, a, ex.doc_id, **props)
