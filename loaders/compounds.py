"""Norwegian compounds: `helseregistre` is `helse` + `registre`, its head (the last part) being
what the word is (a register). Read with the general Norwegian word list (wordfreq's `nb`, through
loaders.vocabulary: loaded on first use, about 0.5 s, then cached for the process).

A word is split when it is no everyday word itself (Zipf frequency below :data:`EVERYDAY`, so
`samarbeid` stays whole) and it reads as a listed first part (a linking -s- or -e- allowed:
`nærings|utvikling`) and a listed or inflected last part of five letters or more (`skatte|funn` stays whole); of several
readings the one whose rarer part is most frequent wins.
"""

from __future__ import annotations

from functools import lru_cache

EVERYDAY = 3.5  # Zipf: a word this frequent is read as one word, not split
_MIN_PART = 2.5  # Zipf: each part at least this frequent
_MIN_LEFT, _MIN_HEAD = 3, 5


@lru_cache(maxsize=1)
def _vocabulary():
    from loaders.vocabulary import Vocabulary
    return Vocabulary()


def _zipf(word: str, inflected: bool) -> float:
    v = _vocabulary()
    z = v.zipf(word)
    if z < _MIN_PART and inflected and len(word) >= 5:
        s = v.stem_score(word)
        if s is not None:
            z = max(z, s + 9.0)
    return z


@lru_cache(maxsize=4096)
def split(word: str) -> tuple[str, str] | None:
    """(first part, head) of a compound, or None: `helseregistre` -> ('helse', 'registre')."""
    w = word.lower()
    if len(w) < _MIN_LEFT + _MIN_HEAD or not w.isalpha() or _zipf(w, False) >= EVERYDAY:
        return None
    best, best_score = None, _MIN_PART
    for k in range(_MIN_LEFT, len(w) - _MIN_HEAD + 1):
        left, head = w[:k], w[k:]
        lz = _zipf(left, False)
        if lz < _MIN_PART and len(left) > _MIN_LEFT and left[-1] in "se":
            lz = _zipf(left[:-1], False)  # linking -s-/-e-: nærings|utvikling
        if lz < _MIN_PART:
            continue
        score = min(lz, _zipf(head, True))
        if score >= best_score:
            best, best_score = (left, head), score
    return best


__all__ = ["split", "EVERYDAY"]
