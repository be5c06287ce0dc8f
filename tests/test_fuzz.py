"""Hostile input: the loaders never crash on arbitrary text, and every span they report lies in
the text and maps back to the original.

Hypothesis drives normalise → segment → recognise → extract_proposals (and the whole pipeline
down to a validated GraphBatch) with three kinds of input: any Unicode text; "policy-like" text
assembled from the real corpus's words, registry names, bullet glyphs, modal verbs and
PDF-dump debris; and slices of the real corpus with random damage. Examples are bounded so the
file runs in well under 30 seconds.
"""

from __future__ import annotations

import re
import tempfile
import unicodedata
from functools import lru_cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loaders.normalise import Normalised, normalise
from loaders.pipeline import document_batch, run, to_json
from loaders.proposals import extract_proposals
from loaders.recognise import recognise
from loaders.segment import KINDS, segment
from schema.registry import load_registry

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"
LIGATURE_LETTERS = set("fFtTiIlLjJ")
FUZZ = settings(max_examples=200, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@lru_cache
def corpus_texts() -> tuple[str, ...]:
    return tuple(p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt")))


@lru_cache
def vocabulary() -> tuple[str, ...]:
    words = sorted({w for t in corpus_texts() for w in re.findall(r"\S+", t)})
    names = sorted({n for e in load_registry() for n in (e.name, *e.abbreviations)})
    return tuple(words[::7]) + tuple(names)


DEBRIS = ["\n", "\n\n", "\n \n", "\f", "\t", "  ", " ", "\u00a0", "\u00ad", "\uf0b7 ", "• ", "- ", "– ", "o\t",
          "1. ", "a) ", "2) ", "-\n", "- og ", ":", ";", ".", ". ", "?", "!", "(", ")", "«", "»", "…",
          "bør", "må", "skal", "foreslår", "anbefaler", "Vi foreslår at", "Regjeringen bør", "Forslag til tiltak",
          "Med vennlig hilsen", "Kontaktperson:", "tlf 900 00 000", "navn@org.no", "https://x.no/a",
          "o entlig", "sku et", "\u030a", "\u0301", "\ufeff", "\ufffd", "\x00", "\x07", "\r\n", "\u2028",
          "ﬁ", "ﬀ", "Ω", "\u212b", "\U0001f600", "\ue000", "2022-2025", "13. mars 2023", "NFD", "HOD", "KD"]


def policy_like() -> st.SearchStrategy[str]:
    piece = st.one_of(st.sampled_from(DEBRIS), st.sampled_from(vocabulary()), st.text(max_size=3))
    return st.lists(piece, max_size=120).map(lambda ps: " ".join(ps) if len(ps) % 3 else "".join(ps))


@st.composite
def damaged_corpus(draw) -> str:
    text = draw(st.sampled_from(corpus_texts()))
    start = draw(st.integers(0, len(text) - 1))
    excerpt = text[start:start + draw(st.integers(1, 3000))]
    for _ in range(draw(st.integers(0, 6))):
        at = draw(st.integers(0, len(excerpt)))
        cut = draw(st.integers(0, 20))
        excerpt = excerpt[:at] + draw(st.sampled_from(DEBRIS + [""])) + excerpt[at + cut:]
    return excerpt


ANY_TEXT = st.one_of(st.text(max_size=300), policy_like(), damaged_corpus())


# -- checks --------------------------------------------------------------------------------------
def same_char(ch: str, src: str, following: str) -> bool:
    """A normalised character and the original character it maps to (the rules of the
    normaliser: kept, NFC-composed, a produced space/bullet/hyphen, a restored ligature)."""
    if src == ch or ch in " \n-" or ch in LIGATURE_LETTERS:
        return True
    if unicodedata.normalize("NFD", ch)[0] == unicodedata.normalize("NFD", src)[0]:
        return True
    if ch in unicodedata.normalize("NFC", src) or ch in unicodedata.normalize("NFKD", src):
        return True
    return unicodedata.normalize("NFC", src + following).startswith(ch)


def check_span(norm: Normalised, start: int, end: int, what: str) -> None:
    text, original = norm.text, norm.original
    assert 0 <= start < end <= len(text), f"{what}: span {start}:{end} outside the text ({len(text)})"
    o_start, o_end = norm.to_original(start, end)
    assert 0 <= o_start < o_end <= len(original), f"{what}: maps to {o_start}:{o_end} of {len(original)}"
    for i in (start, end - 1):  # both ends of the span map onto the character they came from
        src = norm.offsets[i]
        assert same_char(text[i], original[src], original[src + 1:src + 3]), \
            f"{what}: {text[i]!r} at {i} maps to {original[src]!r}"


def check_chain(raw: str) -> None:
    norm = normalise(raw)
    assert len(norm.offsets) == len(norm.text) + 1 and norm.offsets[-1] == len(raw)
    assert all(a <= b for a, b in zip(norm.offsets, norm.offsets[1:]))
    segments = segment(norm)
    last_end = 0
    for s in segments:
        assert s.kind in KINDS
        check_span(norm, s.start, s.end, f"{s.kind} segment")
        assert s.start >= last_end, "segments overlap or go backwards"
        last_end = s.end
    for e in recognise(norm, segments, load_registry()):
        assert e.name and e.id and e.mentions, e
        for m in e.mentions:
            check_span(norm, m.start, m.end, f"{e.type} {e.name!r}")
    for p in extract_proposals(norm, segments):
        check_span(norm, p.start, p.end, "proposal")
        assert p.text.strip(), p


# -- the tests -------------------------------------------------------------------------------------
@FUZZ
@given(ANY_TEXT)
def test_chain_never_crashes_and_spans_map_back(raw: str):
    check_chain(raw)


@settings(FUZZ, max_examples=60)
@given(st.one_of(policy_like(), damaged_corpus()), st.sampled_from([".txt", ".md", ".html"]))
def test_whole_pipeline_gives_a_valid_batch(raw: str, suffix: str):
    """read → … → GraphBatch on a real file: no crash; the batch fits the model; every span in
    the `helsegraf extract` JSON lies within the original text."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"fuzz{suffix}"
        path.write_text(raw, encoding="utf-8", errors="surrogatepass")
        try:
            ex = run(path, registry=load_registry(), manifest={})
        except Exception as e:  # only the clear, one-line refusal of the reader is allowed
            from loaders.read import ReadError
            assert isinstance(e, ReadError) and "\n" not in str(e), repr(e)
            return
        document_batch(ex, load_registry()).validate()
        out = to_json(ex)
    n = len(ex.raw.text)
    for item in [m for e in out["entities"] for m in e["mentions"]] + out["proposals"]:
        assert 0 <= item["start"] <= item["end"] <= n, item
