"""Normalisation with an offset map back to the original text.

INTERFACE (stable; internals are being filled in): ``normalise(original) -> Normalised``.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass


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
        return self.offsets[start], self.offsets[end - 1] + 1


def normalise(original: str) -> Normalised:
    text = unicodedata.normalize("NFC", original)
    if len(text) != len(original):  # placeholder: keep offsets honest until the full normaliser lands
        original = text
    return Normalised(original, text, list(range(len(text) + 1)))
