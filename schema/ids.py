"""Stable ids: the slug of a canonical name per kind; a content hash for proposals."""

from __future__ import annotations

import hashlib
import re

from slugify import slugify

from schema.text import fold


def slug(name: str) -> str:
    """`Nærings- og fiskeridepartementet` -> `naerings-og-fiskeridepartementet`."""
    s = slugify(name, replacements=[["æ", "ae"], ["Æ", "Ae"], ["ø", "o"], ["Ø", "O"],
                                    ["å", "a"], ["Å", "A"]])
    if not s:  # names of only punctuation or non-Latin script
        s = "x-" + hashlib.sha1(name.encode()).hexdigest()[:12]
    return s


def content_hash(text: str) -> str:
    """Id of a proposal: hash of its folded words, so layout and case do not matter."""
    words = re.findall(r"\w+", fold(text))
    return "p-" + hashlib.sha1(" ".join(words).encode()).hexdigest()[:16]
