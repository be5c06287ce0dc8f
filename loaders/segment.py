"""Segmentation: title, headings/sections, paragraphs, numbered points, bullets, signature and
contact blocks.

INTERFACE (stable; internals are being filled in): ``segment(norm) -> list[Segment]``.
Offsets are into ``norm.text`` (the normalised text).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from loaders.normalise import Normalised

KINDS = ("title", "heading", "paragraph", "bullet", "numbered", "signature", "contact")


@dataclass
class Segment:
    kind: str  # one of KINDS
    start: int
    end: int
    text: str  # norm.text[start:end], stripped of the bullet glyph or number
    section: str | None = None  # text of the heading this segment stands under
    level: int = 0  # heading level, or list nesting


def segment(norm: Normalised) -> list[Segment]:
    """Placeholder: one paragraph per blank-line separated block."""
    out = []
    for m in re.finditer(r"\S(?:.|\n(?!\s*\n))*", norm.text):
        out.append(Segment("paragraph", m.start(), m.end(), m.group(0)))
    return out
