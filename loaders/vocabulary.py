"""Norwegian word knowledge for the normaliser: is this a word, and how likely is it?

The general vocabulary is the Norwegian Bokmål (``nb``) word-frequency list that the PyPI
package ``wordfreq`` ships inside the package (no download at run time). Words the list lacks
are still recognised when their Snowball stem is shared with a listed word (inflections) or
when they split into two listed parts (Norwegian compounds: ``anskaffelses|strategien``).
A document's own words can be added on top (see :class:`Vocabulary.with_document`).

Scores are base-10 log probabilities of a word token; unknown words get :data:`UNKNOWN`.
If ``wordfreq`` is not installed the vocabulary is empty and only document words are known.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from functools import lru_cache

import snowballstemmer

UNKNOWN = -12.0  # log10 probability given to a word we cannot recognise at all
_MIN_PART = -6.5  # a compound part must be at least this frequent (zipf 2.5)
_WORD_RE = re.compile(r"[^\W\d_]+")

_stemmer = snowballstemmer.stemmer("norwegian")


@lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    """Norwegian Snowball stem of a lower-case word (cached)."""
    return _stemmer.stemWord(word)


@lru_cache(maxsize=1)
def _frequencies() -> dict[str, float]:
    try:
        from wordfreq import get_frequency_dict
    except ImportError:  # pragma: no cover - degrade to document-only vocabulary
        return {}
    return get_frequency_dict("nb", wordlist="best")


@lru_cache(maxsize=1)
def _sorted_words() -> list[str]:
    return sorted(_frequencies())


def _max(a: float | None, b: float | None) -> float | None:
    if a is None:
        return b
    return a if b is None else max(a, b)


def _log10(p: float) -> float:
    return math.log10(p)


class Vocabulary:
    """General Norwegian vocabulary (cached per process)."""

    def __init__(self, freq: dict[str, float] | None = None):
        self._shared = freq is None
        self._freq = _frequencies() if freq is None else freq
        self._sorted: list[str] | None = None
        self._windows: dict[tuple[str, ...], frozenset[str]] = {}
        self._cache: dict[tuple[str, tuple[int, int] | None], float] = {}

    # -- direct look-up ---------------------------------------------------------------------
    def direct(self, word: str) -> float | None:
        p = self._freq.get(word.lower())
        return _log10(p) if p else None

    def zipf(self, word: str) -> float:
        d = self.direct(word)
        return 0.0 if d is None else d + 9.0

    # -- inflection by Snowball stem --------------------------------------------------------
    def _keys(self) -> list[str]:
        if self._sorted is None:
            self._sorted = _sorted_words() if self._shared else sorted(self._freq)
        return self._sorted

    def stem_score(self, word: str, inside: tuple[int, int] | None = None) -> float | None:
        """Score of the most frequent listed word that shares ``word``'s Snowball stem.

        ``inside=(i, j)``: ``word[i:j]`` must lie within the stem (not in a stripped ending).
        """
        w = word.lower()
        st = stem(w)
        if len(st) < 4 or (inside is not None and inside[1] > len(st)):
            return None
        keys = self._keys()
        i = bisect.bisect_left(keys, st)
        best = None
        for k in keys[i : i + 60]:
            if not k.startswith(st):
                break
            if len(k) > len(w) + 4 or stem(k) != st:
                continue
            p = self._freq[k]
            if best is None or p > best:
                best = p
        return None if best is None else _log10(best) - 0.5

    # -- compounds --------------------------------------------------------------------------
    def _left_part(self, part: str) -> float | None:
        s = self.direct(part)
        if (s is None or s < _MIN_PART) and len(part) >= 4 and part[-1] in "se":
            s = _max(s, self.direct(part[:-1]))  # linking -s-/-e-: anskaffelse|s|strategien
        return s if s is not None and s >= _MIN_PART else None

    def _right_part(self, part: str, depth: int, inside: tuple[int, int] | None) -> float | None:
        s = self.direct(part)
        if (s is None or s < _MIN_PART) and len(part) >= 5:
            s = _max(s, self.stem_score(part, inside))  # the inflection ends a compound
        if (s is None or s < _MIN_PART) and depth > 1 and len(part) >= 7:
            s = _max(s, self.compound_score(part, depth - 1, inside))
        return s if s is not None and s >= _MIN_PART else None

    def compound_score(self, word: str, depth: int = 2, inside: tuple[int, int] | None = None) -> float | None:
        """Score of ``word`` read as a compound of two (or three) listed words, if it is one.

        ``inside=(i, j)``: ``word[i:j]`` together with the letter before and after it must lie
        inside one part (a restored ligature must not straddle a compound boundary).
        """
        w = word.lower()
        best = None
        for k in range(3, len(w) - 2):
            right_inside = None
            if inside is not None:
                # the part holding the span needs three letters of its own besides it
                i, j = inside
                if i >= k + 1:
                    right_inside = (i - k, j - k)
                    if len(w) - k - (j - i) < 3:
                        continue
                elif not (i >= 1 and j + 1 <= k) or k - (j - i) < 3:
                    continue
            left = self._left_part(w[:k])
            if left is None:
                continue
            right = self._right_part(w[k:], depth, right_inside)
            if right is None:
                continue
            s = min(left, right) - 1.5
            if best is None or s > best:
                best = s
        return best

    # -- letter windows ---------------------------------------------------------------------
    def windows(self, infixes: tuple[str, ...]) -> frozenset[str]:
        """Every ``x+infix+y`` found in a listed word (``^``/``$`` mark the word's ends).

        A cheap necessary condition: a restored ligature is only worth scoring when the letters
        around it occur like that in some real word.
        """
        got = self._windows.get(infixes)
        if got is None:
            out = set()
            first = {i[0] for i in infixes}
            for w, p in self._freq.items():
                if p < 3e-8 or not any(c in w for c in first):
                    continue
                x = f"^{w}$"
                for inf in infixes:
                    i = x.find(inf)
                    while i != -1:
                        out.add(x[i - 1 : i + len(inf) + 1])
                        i = x.find(inf, i + 1)
            got = self._windows[infixes] = frozenset(out)
        return got

    # -- overall ----------------------------------------------------------------------------
    def score(self, word: str, inside: tuple[int, int] | None = None) -> float:
        """log10 probability of ``word`` (case-insensitive); :data:`UNKNOWN` when unrecognised.

        ``inside``: see :meth:`compound_score`.
        """
        w = word.lower()
        key = (w, inside)
        s = self._cache.get(key)
        if s is not None:
            return s
        s = self.direct(w)
        if s is None and len(w) >= 5:
            s = self.stem_score(w, inside)
        if s is None and len(w) >= 7:
            s = self.compound_score(w, inside=inside)
        if s is None:
            s = UNKNOWN
        self._cache[key] = s
        return s

    def known(self, word: str) -> bool:
        return self.score(word) > UNKNOWN

    def with_document(self, text: str) -> "DocumentVocabulary":
        return DocumentVocabulary(self, text)


class DocumentVocabulary:
    """The general vocabulary plus the words of one document."""

    DOC_SCORE = -6.0  # a word seen intact in the document is at least this likely

    def __init__(self, general: Vocabulary, text: str):
        self.general = general
        self.counts = Counter(m.group(0).lower() for m in _WORD_RE.finditer(text))
        self.hyphenated = Counter(
            m.group(0).lower() for m in re.finditer(r"[^\W\d_]+(?:-[^\W\d_]+)+", text)
        )

    def in_document(self, word: str) -> bool:
        return self.counts.get(word.lower(), 0) > 0

    def score(self, word: str, inside: tuple[int, int] | None = None) -> float:
        s = self.general.score(word, inside)
        if self.in_document(word):
            s = max(s, self.DOC_SCORE)
        return s

    def known(self, word: str) -> bool:
        return self.score(word) > UNKNOWN


@lru_cache(maxsize=1)
def norwegian() -> Vocabulary:
    """The shared general Norwegian vocabulary."""
    return Vocabulary()


def words(text: str) -> list[str]:
    return _WORD_RE.findall(text)
