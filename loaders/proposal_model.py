"""A learned second opinion on proposals: a linear classifier over every candidate sentence.

The rules of ``proposals.py`` decide first. Then every *candidate* of the document — each sentence
of a paragraph or list item, and each heading — is described by a bag of features (its words and
word pairs, the first and last four letters of its long words, its opening words, a few cues the
rules read too, the segment kind, the lead-in and heading above it, its length, its last mark, where
it stands) and scored by a logistic-regression model trained on the development set's tuning part
and the shared gold's documents (``bench/proposal_model.py`` trains it and writes ``models/proposal_classifier.json``:
the weights by feature name, the bias and the two thresholds, no pickle). A candidate the rules
missed becomes a proposal when its probability reaches ``add``; a rule's proposal whose sentence
scores below ``drop`` is removed. Scoring needs no library: a sum of weights and a logistic.

``revise(norm, segments, drafts, doc_type, authors) -> list[ProposalDraft]`` (used by the pipeline).
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from loaders.normalise import Normalised
from loaders.proposals import (ProposalDraft, _author_words, _dedupe, _demanding_intro, _draft, _goal_heading,
                               _has_finite, _is_infinitive_start, _proposal_heading, _strip_label, _trim_men,
                               intent_of)
from loaders.segment import PROSE_KINDS, Segment, reflow, split_sentences

MODEL_PATH = Path(__file__).resolve().parent / "models" / "proposal_classifier.json"
MODEL_FORMAT = 1

_WORD_RE = re.compile(r"[^\W\d_]+|\d+")
_LABEL_HEAD_RE = re.compile(r"^(?:anbefaling|tilråding|tiltak|forslag|framlegg|krav|innspill|innspel|"
                            r"(?:hoved|hovud|del)?mål)\s*(?:nr\.?\s*)?\d{1,2}[a-z]?\s*[:.–-]\s+(?=\S)", re.IGNORECASE)


@dataclass
class Candidate:
    start: int  # offsets in norm.text
    end: int
    text: str
    seg: Segment
    features: dict[str, float]


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD_RE.findall(text)]


def _bucket(n: int, edges: tuple[int, ...]) -> str:
    for e in edges:
        if n <= e:
            return str(e)
    return f">{edges[-1]}"


def features(text: str, seg: Segment, k: int, n_sents: int, position: float, doc_type: str | None) -> dict[str, float]:
    """The features of one candidate sentence ``text``, the ``k``-th of ``n_sents`` in ``seg``."""
    words = _words(text)
    f: dict[str, float] = {"bias_kind:" + seg.kind: 1.0}
    for w in set(words):
        f["w:" + w] = 1.0
    for a, b in set(zip(words, words[1:])):
        f["b:" + a + "_" + b] = 1.0
    first = re.match(r"[«\"(]?([^\W\d_]+)", text)
    if words:
        f["f1:" + words[0]] = 1.0
        f["f2:" + "_".join(words[:2])] = 1.0
    if first:
        w = first.group(1)
        f["f1suf:" + w[-2:].lower()] = 1.0
        f["f1cap" if w[0].isupper() else "f1low"] = 1.0
    f["len:" + _bucket(len(words), (3, 7, 15, 30))] = 1.0
    last = text.rstrip()[-1:] if text.strip() else ""
    f["end:" + (last if last in ".:?!;" else "other")] = 1.0
    f["k:" + ("first" if k == 0 else "later")] = 1.0
    f["nsent:" + _bucket(n_sents, (1, 2, 4))] = 1.0
    f["pos:" + str(min(4, int(position * 5)))] = 1.0
    f["doctype:" + str(doc_type)] = 1.0
    if text.isupper():
        f["caps"] = 1.0
    if re.search(r"\b(?:19|20)\d\d\b", text):
        f["year"] = 1.0
    if seg.intro:
        iw = _words(seg.intro)
        f["intro"] = 1.0
        if seg.intro.rstrip().endswith(":"):
            f["intro_colon"] = 1.0
        for w in set(iw):
            f["iw:" + w] = 1.0
        if iw:
            f["ilast:" + iw[-1]] = 1.0
    if seg.section:
        for w in set(_words(seg.section)):
            f["sw:" + w] = 1.0
    else:
        f["nosection"] = 1.0
    for w in set(words):  # a long word's first and last four letters: stems and endings, both written standards
        if len(w) > 5:
            f["p4:" + w[:4]] = 1.0
            f["x4:" + w[-4:]] = 1.0
    # the cues the rules read structure by (not their verdict)
    if _is_infinitive_start(text):
        f["cue:infinitive"] = 1.0
    if not _has_finite(text):
        f["cue:nofinite"] = 1.0
    if seg.intro and _demanding_intro(seg.intro, set()):
        f["cue:demanding_intro"] = 1.0
    if _proposal_heading(seg):
        f["cue:proposal_heading"] = 1.0
    if any(_goal_heading(h) for h in seg.path):
        f["cue:goal_heading"] = 1.0
    return f


def candidates(norm: Normalised, segments: list[Segment], doc_type: str | None) -> list[Candidate]:
    """Every sentence of the author's prose and every heading (not the title), with its features."""
    text = norm.text
    n = max(1, len(text))
    out: list[Candidate] = []
    for seg in segments:
        if seg.kind == "heading":
            m = _LABEL_HEAD_RE.match(seg.text)
            body = seg.text[m.end():] if m else seg.text
            if len(_words(body)) >= 2:
                a = seg.start + (m.end() if m else 0)
                out.append(Candidate(a, seg.end, body, seg,
                                     features(body, seg, 0, 1, seg.start / n, doc_type)))
            continue
        if seg.kind not in PROSE_KINDS:
            continue
        sents = split_sentences(text, seg.start, seg.end)
        for k, (a, b) in enumerate(sents):
            if k == 0:
                a = _strip_label(text, a, b)
            sent = reflow(text[a:b])
            if len(_words(sent)) < 2:
                continue
            out.append(Candidate(a, b, sent, seg, features(sent, seg, k, len(sents), a / n, doc_type)))
    return out


@dataclass(frozen=True)
class Model:
    weights: dict[str, float]
    bias: float
    add: float  # a candidate the rules missed is added at or above this probability
    drop: float  # a rule's proposal is removed below it
    rule_feature: bool = False  # a candidate's features say whether a rule's proposal overlaps it

    def probability(self, feats: dict[str, float]) -> float:
        z = self.bias + sum(self.weights.get(k, 0.0) * v for k, v in feats.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def model_from_dict(data: dict) -> Model:
    if data.get("format") != MODEL_FORMAT:
        raise ValueError(f"proposal model: format {data.get('format')!r} is not {MODEL_FORMAT}")
    return Model({k: float(v) for k, v in data["weights"].items()}, float(data["bias"]),
                 float(data["thresholds"]["add"]), float(data["thresholds"]["drop"]), bool(data.get("rule_feature")))


@lru_cache(maxsize=1)
def load_model(path: str = str(MODEL_PATH)) -> Model | None:
    """The committed model, or None when there is none (the rules then decide alone)."""
    p = Path(path)
    if not p.exists():
        return None
    try:
        return model_from_dict(json.loads(p.read_text(encoding="utf-8")))
    except (ValueError, KeyError, TypeError) as exc:
        raise ValueError(f"{p}: not a proposal model ({exc})") from None


def mark_rule_hits(cands: list[Candidate], drafts: list[ProposalDraft]) -> None:
    for c in cands:
        if any(_overlaps(c.start, c.end, d.start, d.end) for d in drafts):
            c.features["rule"] = 1.0


def _overlaps(a: int, b: int, c: int, d: int) -> bool:
    return a < d and c < b


def revise(norm: Normalised, segments: list[Segment], drafts: list[ProposalDraft], *, doc_type: str | None,
           authors: list[str] | None = None, model: Model | None = None) -> list[ProposalDraft]:
    """The rules' proposals with those the model doubts removed and the candidates it is sure of added."""
    model = model or load_model()
    if model is None:
        return drafts
    cands = candidates(norm, segments, doc_type)
    if model.rule_feature:
        mark_rule_hits(cands, drafts)
    return combine(norm, drafts, cands, [model.probability(c.features) for c in cands], model,
                   doc_type=doc_type, authors=authors)


def combine(norm: Normalised, drafts: list[ProposalDraft], cands: list[Candidate], probs: list[float],
            model: Model, *, doc_type: str | None, authors: list[str] | None) -> list[ProposalDraft]:
    """``revise`` with the candidates and their probabilities given."""
    kept = []
    for d in drafts:
        scores = [p for c, p in zip(cands, probs) if _overlaps(c.start, c.end, d.start, d.end)]
        if scores and max(scores) < model.drop:
            continue
        kept.append(d)
    author_words = _author_words(authors)
    added = []
    for c, p in zip(cands, probs):
        if p < model.add or any(_overlaps(c.start, c.end, d.start, d.end) for d in drafts):
            continue
        a = _trim_men(norm, c.start, c.end, author_words) if c.seg.kind != "heading" else c.start
        d = _draft(norm, a, c.end, c.seg, "learned", p)
        d.intent = intent_of(d.text, d.modality, author_words, doc_type)
        added.append(d)
    out = sorted(kept + added, key=lambda d: d.start)
    return _dedupe(out)
