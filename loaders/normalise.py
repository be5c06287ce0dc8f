"""Normalisation with an offset map back to the original text.

INTERFACE (stable): ``normalise(original) -> Normalised``.

``offsets[i]`` is the index in ``original`` of ``text[i]``; ``len(offsets) == len(text) + 1`` and
the last entry is ``len(original)``. The map is non-decreasing. A character that the normaliser
kept maps to itself; a character it produced (a uniform bullet marker, a collapsed space, a
restored ligature) maps to the original character it stands in for or the gap it fills.

Stages, each keeping the map exact:

1. Unicode NFC (composition shortens the text: a composed letter maps to its base letter).
2. Clean-up: ``\\r\\n``/``\\r`` → ``\\n``; odd spaces (NBSP, thin, …) → space; soft hyphens,
   zero-width characters, BOM, U+FFFD and control characters removed.
3. Bullets: a bullet glyph at line start (``•``, ``▪``, ``◦``, ``–``, ``—``, ``-``, ``*``,
   private-use glyphs such as U+F0B7, Word's ``o``+tab) → ``- ``. Other private-use glyphs → space.
4. Hyphenation at line ends: ``helse-\\nnæringen`` → ``helsenæringen``; real hyphens kept
   (``Helse- og``, ``FoU-tjenester``, ``Helse-IKT``, ``e-helse``).
5. Whitespace: runs of spaces/tabs → one space; trailing/leading spaces on lines dropped;
   blank lines and form feeds → one blank line (paragraph break), except inside a sentence
   (line ending mid-sentence, next line starting lower-case) where a single ``\\n`` is kept.
6. Lost PDF ligatures: ``o entlig`` → ``offentlig``, ``sku et`` → ``skuffet``: a ligature glyph
   (ff, fi, fl, ffi, ffl, ft, fj, tt, tf …) that vanished, leaving a space or nothing, is
   restored when the repaired word is a known Norwegian word (word list, Snowball stem,
   compound, or the document's own words) and clearly more likely than the text as it stands.

``normalise_with_changes`` also returns the list of word-level repairs (stages 4 and 6).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Callable, Iterable

from loaders.vocabulary import UNKNOWN, DocumentVocabulary, norwegian


@dataclass
class Normalised:
    original: str
    text: str
    offsets: list[int]  # offsets[i] = index in `original` of text[i]; len(offsets) == len(text) + 1

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of the normalised text to the original text."""
        if end <= start:
            o = self.offsets[start]
            return o, o
        stop = self.offsets[end - 1] + 1
        # a composed letter maps to its base: take the combining marks that followed it too
        while stop < len(self.original) and stop < self.offsets[end] and unicodedata.combining(self.original[stop]):
            stop += 1
        return self.offsets[start], stop


@dataclass(frozen=True)
class Change:
    """A word-level repair, with its span in the original text."""

    kind: str  # "ligature" | "hyphen-join" | "hyphen-keep"
    start: int
    end: int
    before: str  # original[start:end]
    after: str  # the repaired text


# ------------------------------------------------------------------------------------------
# Offset-preserving rewriting
# ------------------------------------------------------------------------------------------
# An edit is a list of ops over the current text: ("k", a, b) keeps text[a:b] with its offsets;
# ("i", s, at) inserts string s, every character mapped to the offset of text[at].

Op = tuple


def _keep(a: int, b: int) -> Op:
    return ("k", a, b)


def _ins(s: str, at: int) -> Op:
    return ("i", s, at)


def _rewrite(
    text: str, offs: list[int], edits: Iterable[tuple[int, int, list[Op]]]
) -> tuple[str, list[int]]:
    """Apply non-overlapping ``(start, end, ops)`` edits (in order) to text and its offsets."""
    parts: list[str] = []
    new_offs: list[int] = []
    pos = 0
    for start, end, ops in edits:
        parts.append(text[pos:start])
        new_offs.extend(offs[pos:start])
        for op in ops:
            if op[0] == "k":
                a, b = op[1], op[2]
                parts.append(text[a:b])
                new_offs.extend(offs[a:b])
            else:
                s, at = op[1], op[2]
                parts.append(s)
                new_offs.extend([offs[at]] * len(s))
        pos = end
    parts.append(text[pos:])
    new_offs.extend(offs[pos:])  # includes the end sentinel
    return "".join(parts), new_offs


def _ops_text(text: str, ops: list[Op]) -> str:
    return "".join(text[op[1] : op[2]] if op[0] == "k" else op[1] for op in ops)


def _sub(
    text: str, offs: list[int], pattern: re.Pattern, fn: Callable[[re.Match], list[Op] | None]
) -> tuple[str, list[int]]:
    def edits():
        for m in pattern.finditer(text):
            ops = fn(m)
            if ops is not None:
                yield m.start(), m.end(), ops

    return _rewrite(text, offs, edits())


def _map_chunk(src: str, dst: str, base: int) -> list[int]:
    """Offsets for ``dst`` replacing ``src`` (at ``base``): common prefix and suffix map to
    themselves, the changed middle maps to its first source character."""
    n, m = len(src), len(dst)
    p = 0
    while p < n and p < m and src[p] == dst[p]:
        p += 1
    q = 0
    while q < min(n, m) - p and src[n - 1 - q] == dst[m - 1 - q]:
        q += 1
    out = [base + j for j in range(p)]
    out.extend([base + min(p, n - 1)] * (m - p - q))
    out.extend(base + n - q + j for j in range(q))
    return out


# ------------------------------------------------------------------------------------------
# 1. NFC
# ------------------------------------------------------------------------------------------


def _nfc(text: str) -> tuple[str, list[int]]:
    if unicodedata.is_normalized("NFC", text):
        return text, list(range(len(text) + 1))
    parts: list[str] = []
    offs: list[int] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        if unicodedata.is_normalized("NFC", line):
            parts.append(line)
            offs.extend(range(pos, pos + len(line)))
        else:
            # chunks: a starter (combining class 0) with the marks that follow it
            bounds = [i for i, c in enumerate(line) if i == 0 or unicodedata.combining(c) == 0]
            bounds.append(len(line))
            merged: list[int] = []
            nfc = unicodedata.normalize
            for a, b in zip(bounds, bounds[1:]):
                # merge a chunk into the previous one when they compose together (Hangul jamo)
                if merged and a - merged[-1] <= 16:
                    prev, nxt = line[merged[-1] : a], line[a:b]
                    if nfc("NFC", prev + nxt) != nfc("NFC", prev) + nfc("NFC", nxt):
                        continue
                merged.append(a)
            bounds = merged + [len(line)]
            chunks = [line[a:b] for a, b in zip(bounds, bounds[1:])]
            normed = [unicodedata.normalize("NFC", c) for c in chunks]
            bounds = bounds[:-1]
            if "".join(normed) != unicodedata.normalize("NFC", line):
                # composition across starters (Hangul jamo, some Indic vowels): whole line
                chunks, normed, bounds = [line], [unicodedata.normalize("NFC", line)], [0]
            for a, src, dst in zip(bounds, chunks, normed):
                parts.append(dst)
                offs.extend(_map_chunk(src, dst, pos + a) if src != dst else range(pos + a, pos + a + len(src)))
        pos += len(line)
    offs.append(len(text))
    return "".join(parts), offs


# ------------------------------------------------------------------------------------------
# 2. Character clean-up
# ------------------------------------------------------------------------------------------

_ODD_SPACES = "\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
_REMOVE = (
    "\u00ad\u200b\u200c\u200d\u200e\u200f\u2060\u202a-\u202e\u2066-\u2069\ufeff\ufffc\ufffd"
    "\x00-\x08\x0e-\x1f\x7f\x80-\x84\x86-\x9f"
)
_CLEAN_RE = re.compile(rf"\r\n|[\r\x0b\x85\u2028\u2029]|[{_ODD_SPACES}]+|[{_REMOVE}]+")


def _clean_op(m: re.Match) -> list[Op]:
    s, i = m.group(0), m.start()
    if s == "\r\n":
        return [_keep(i + 1, i + 2)]
    if s in "\r\x0b\x85\u2028":
        return [_ins("\n", i)]
    if s == "\u2029":
        return [_ins("\n\n", i)]
    if s[0] in _REMOVE_SET:
        return []
    return [_ins(" ", i)]  # a run of odd spaces


_REMOVE_SET = frozenset(
    c
    for c in map(chr, list(range(0x00, 0x09)) + list(range(0x0E, 0x20)) + [0x7F] + list(range(0x80, 0x85)) + list(range(0x86, 0xA0)))
) | frozenset("\u00ad\u200b\u200c\u200d\u200e\u200f\u2060\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff\ufffc\ufffd")


# ------------------------------------------------------------------------------------------
# 3. Bullets
# ------------------------------------------------------------------------------------------

_PUA = "\ue000-\uf8ff\U000f0000-\U0010ffff"
_GLYPHS = "•▪◦●○■□▫►▶▸‣⁃∙·➢➤➔→✓✔❖◆◇" + _PUA
_DASHES = "-–—‒−*"
_BULLET_RE = re.compile(
    rf"^[ \t]*(?:(?P<g>[{_GLYPHS}])(?P<gws>[ \t]*\n[ \t]*(?=[^\s{_GLYPHS}])|[ \t]*(?=\S))"
    rf"|(?P<o>o)(?P<ows>\t[ \t]*)(?=\S)"
    rf"|(?P<d>[{_DASHES}])(?P<dws>[ \t]+)(?=\S))",
    re.M,
)
_PUA_RE = re.compile(f"[{_PUA}]+")
_LINE_START_BULLET = re.compile(rf"[ \t]*(?:[{_GLYPHS}]|[{_DASHES}][ \t]|o\t)")


def _is_continuation_dash(text: str, m: re.Match) -> bool:
    """An en/em dash starting a line that continues the previous line's sentence."""
    if m.group("d") not in "–—‒":
        return False
    ls = m.start()
    if ls == 0:
        return False
    prev_start = text.rfind("\n", 0, ls - 1) + 1
    prev = text[prev_start : ls - 1]
    if not prev.strip() or _LINE_START_BULLET.match(prev):
        return False
    nxt = text[m.end() : m.end() + 1]
    return bool(re.search(r"[\w,)]\s*$", prev)) and nxt.islower()


def _bullets(text: str, offs: list[int]) -> tuple[str, list[int]]:
    def op(m: re.Match) -> list[Op] | None:
        for g, ws in (("g", "gws"), ("o", "ows"), ("d", "dws")):
            if m.group(g) is not None:
                break
        if g == "d" and _is_continuation_dash(text, m):
            return None
        gi = m.start(g)
        wss, wse = m.span(ws)
        if m.start() == gi and text[gi] == "-" and wse - wss == 1 and text[wss] == " ":
            return None  # already "- "
        ops = [_keep(gi, gi + 1) if text[gi] == "-" else _ins("-", gi)]
        if wse > wss and text[wss] == " ":
            ops.append(_keep(wss, wss + 1))
        else:
            ops.append(_ins(" ", gi))
        return ops

    text, offs = _sub(text, offs, _BULLET_RE, op)
    return _sub(text, offs, _PUA_RE, lambda m: [_ins(" ", m.start())])


# ------------------------------------------------------------------------------------------
# 4. Hyphenation at line ends
# ------------------------------------------------------------------------------------------

_COORD = frozenset({"og", "eller", "samt", "til", "enn", "and", "or", "og/eller"})
_HYPHEN_RE = re.compile(r"(\w+)-[ \t]*(?:\n|\f)[ \t\n\f]*(?=(\w+))")


def _hyphenation(text: str, offs: list[int], vocab: DocumentVocabulary, log: list[tuple]) -> tuple[str, list[int]]:
    def op(m: re.Match) -> list[Op] | None:
        left, right = m.group(1), m.group(2)
        gap = text[m.end(1) + 1 : m.start(2)]
        if gap.count("\n") > 1 and "\f" not in gap:
            return None  # a blank line: not a word split
        if right.lower() in _COORD:
            return None  # "Helse- og omsorgsdepartementet"
        joined = left + right
        h = m.end(1)  # index of the hyphen
        keep_hyphen = [_keep(m.start(1), h + 1)]
        join = [_keep(m.start(1), m.end(1))]
        if left.isupper() and right.isupper():
            choice = join if vocab.known(joined) else keep_hyphen
        elif left[-1].isupper() or left[-1].isdigit() or len(left) == 1 or right[0].isdigit():
            choice = keep_hyphen  # FoU-tjenester, SFI-ordningen, e-helse, 2020-2025
        elif right[0].isupper():
            choice = keep_hyphen  # Helse-IKT
        elif vocab.hyphenated.get(f"{left}-{right}".lower()) and not vocab.in_document(joined):
            choice = keep_hyphen  # the document writes it with a hyphen elsewhere
        else:
            choice = join
        kind = "hyphen-join" if choice is join else "hyphen-keep"
        log.append((kind, m.start(1), m.end(2), _ops_text(text, choice) + right))
        return choice

    return _sub(text, offs, _HYPHEN_RE, op)


# ------------------------------------------------------------------------------------------
# 5. Whitespace
# ------------------------------------------------------------------------------------------

_WS_RE = re.compile(r"[ \t\n\f]+")
_MID_SENTENCE_END = re.compile(r"[^\W\d_][ \t]*$|,[ \t]*$")


def _whitespace(text: str, offs: list[int]) -> tuple[str, list[int]]:
    n = len(text)

    def op(m: re.Match) -> list[Op] | None:
        s, a, b = m.group(0), m.start(), m.end()
        if a == 0 or b == n:
            return []
        nl = s.count("\n")
        ff = "\f" in s
        if not nl and not ff:
            if s == " ":
                return None
            return [_keep(a, a + 1)] if s[0] == " " else [_ins(" ", a)]
        breaks = [a + i for i, c in enumerate(s) if c in "\n\f"]
        first, last = breaks[0], breaks[-1]
        one = [_keep(first, first + 1)] if text[first] == "\n" else [_ins("\n", first)]
        if nl <= 1 and not ff:
            return None if s == "\n" else one
        # blank line(s) or page break: a paragraph break, unless mid-sentence
        line_start = text.rfind("\n", 0, a) + 1
        prev_line = text[line_start:a]
        if _MID_SENTENCE_END.search(prev_line) and text[b].islower() and not _LINE_START_BULLET.match(prev_line):
            return one
        second = [_keep(last, last + 1)] if text[last] == "\n" else [_ins("\n", last)]
        return one + second

    return _sub(text, offs, _WS_RE, op)


# ------------------------------------------------------------------------------------------
# 6. Lost ligatures
# ------------------------------------------------------------------------------------------

LIGATURES = ("ff", "fi", "fl", "ffi", "ffl", "ft", "fft", "fj", "ffj", "tt", "tf")
_TOKEN_RE = re.compile(r"[^\W\d_]+")
MARGIN = 2.0  # the repair must be 100x more likely than the text as it stands
_MIN_REPAIRED = -8.0  # and the repaired word at least this likely (zipf 1)
_WORD = -7.0  # zipf 2: a part at least this frequent in the word list is a word


def _lig_case(left: str, right: str, lig: str) -> str:
    return lig.upper() if (left[-1:].isupper() and (right[:1].isupper() or not right)) else lig


def _plausible_token(t: str) -> bool:
    # a plain word: lower-case, Capitalised or ALL CAPS (not FoU, iPhone)
    return t.islower() or t.isupper() or (t[0].isupper() and t[1:].islower())


def _ligatures(text: str, offs: list[int], vocab: DocumentVocabulary, log: list[tuple]) -> tuple[str, list[int]]:
    toks = [(m.start(), m.end()) for m in _TOKEN_RE.finditer(text)]
    edits: list[tuple[int, int, list[Op]]] = []
    used_until = -1
    gen = vocab.general
    windows = gen.windows(LIGATURES)

    for (a0, a1), (b0, b1) in zip(toks, toks[1:]):
        if a0 < used_until or b0 != a1 + 1 or text[a1] != " ":
            continue
        a, b = text[a0:a1], text[b0:b1]
        if not (_plausible_token(a) and _plausible_token(b)):
            continue
        if not (b[0].islower() or (a.isupper() and b.isupper())):
            continue
        za, zb = gen.direct(a), gen.direct(b)
        both_words = za is not None and zb is not None and za >= _WORD and zb >= _WORD
        if both_words:
            # "sku et": two listed words; only a listed joined word can outweigh them
            orig = za + zb
            best = None
            for lig in LIGATURES:
                L = _lig_case(a, b, lig)
                s = gen.direct(a + L + b)
                if s is not None and s >= _MIN_REPAIRED and (best is None or s > best[0]):
                    best = (s, s, [_keep(a0, a1), _ins(L, a1), _keep(b0, b1)], a + L + b)
        else:
            sa, sb = gen.score(a), gen.score(b)  # the parts: by the word list alone
            orig = sa + sb
            best = None  # (score, changed_word_score, ops, after)
            al, bl = a.lower(), b.lower()
            for lig in LIGATURES:
                L = _lig_case(a, b, lig)
                cands = []
                w = a + L + b
                if al[-1] + lig + bl[0] in windows or vocab.in_document(w):
                    s = vocab.score(w, inside=(len(a), len(a) + len(L)))
                    cands.append((s, s, [_keep(a0, a1), _ins(L, a1), _keep(b0, b1)], w))
                if sb == UNKNOWN and ("^" + lig + bl[0] in windows or vocab.in_document(L + b)):
                    s = vocab.score(L + b, inside=(0, len(L)))  # lost at the start of b: "til nansiering"
                    cands.append((sa + s, s, [_keep(a0, a1), _keep(a1, a1 + 1), _ins(L, b0), _keep(b0, b1)], f"{a} {L}{b}"))
                if sa == UNKNOWN and (al[-1] + lig + "$" in windows or vocab.in_document(a + L)):
                    s = vocab.score(a + L, inside=(len(a), len(a) + len(L)))  # lost at the end of a
                    cands.append((s + sb, s, [_keep(a0, a1), _ins(L, a1), _keep(a1, a1 + 1), _keep(b0, b1)], f"{a}{L} {b}"))
                for c in cands:
                    if c[1] >= _MIN_REPAIRED and (best is None or c[0] > best[0]):
                        best = c
        if best is not None and best[0] > orig + MARGIN:
            edits.append((a0, b1, best[2]))
            log.append(("ligature", a0, b1, best[3]))
            used_until = b1 + 1

    # a ligature lost without leaving a gap: "oentlig"
    touched = {e[0] for e in edits} | {e[1] for e in edits}
    edited = [(e[0], e[1]) for e in edits]
    for t0, t1 in toks:
        if any(e0 <= t0 < e1 for e0, e1 in edited) or t0 in touched:
            continue
        w = text[t0:t1]
        if len(w) < 4 or not _plausible_token(w) or gen.score(w) != UNKNOWN:
            continue
        best = None
        for i in range(1, len(w)):
            for lig in LIGATURES:
                L = _lig_case(w[:i], w[i:], lig)
                cand = w[:i] + L + w[i:]
                # only a direct word-list hit or the document's own word: compounds and stems
                # are too permissive when there is no gap to confirm the loss
                d = gen.direct(cand)
                s = d if d is not None and d >= -6.0 else (vocab.DOC_SCORE if vocab.in_document(cand) else None)
                if s is not None and (best is None or s > best[0]):
                    best = (s, i, L, cand)
        if best is not None:
            _, i, L, cand = best
            edits.append((t0, t1, [_keep(t0, t0 + i), _ins(L, t0 + i), _keep(t0 + i, t1)]))
            log.append(("ligature", t0, t1, cand))
    edits.sort(key=lambda e: e[0])
    return _rewrite(text, offs, edits)


# ------------------------------------------------------------------------------------------


def normalise_with_changes(original: str) -> tuple[Normalised, list[Change]]:
    changes: list[Change] = []
    text, offs = _nfc(original)
    text, offs = _sub(text, offs, _CLEAN_RE, _clean_op)
    text, offs = _bullets(text, offs)

    vocab = norwegian().with_document(text)
    log: list[tuple] = []
    before = offs
    text, offs = _hyphenation(text, offs, vocab, log)
    changes.extend(_changes(original, before, log))

    text, offs = _whitespace(text, offs)

    log = []
    before = offs
    vocab = norwegian().with_document(text)
    text, offs = _ligatures(text, offs, vocab, log)
    changes.extend(_changes(original, before, log))
    changes.sort(key=lambda c: c.start)
    return Normalised(original, text, offs), changes


def _changes(original: str, offs: list[int], log: list[tuple]) -> list[Change]:
    out = []
    for kind, s, e, after in log:
        o0, o1 = offs[s], offs[e - 1] + 1
        out.append(Change(kind, o0, o1, original[o0:o1], after))
    return out


def normalise(original: str) -> Normalised:
    return normalise_with_changes(original)[0]
