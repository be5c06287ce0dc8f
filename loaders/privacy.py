"""Contact details are never stored: e-mail addresses and phone numbers found in documents are
recognised here (the one place), and masked — same length, so every span stays valid — in
any text that leaves the loaders (quotes, the document text)."""

from __future__ import annotations

import re

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# A cue word followed by a number, an international +47 number, or a Norwegian 8-digit number in
# its usual groupings; not years ("2022-2025"), amounts ("17,9") or long figures.
PHONE = re.compile(
    r"\b(?:tlf|telefon|tel|mob|mobil|mobiltelefon|phone|sentralbord)\b\.?:?[ \t]*\+?\d(?:[\d \t]{5,14}\d)?"
    r"|\+[ \t]?\d{1,3}(?:[ \t]?\d){8,11}"
    r"|(?<![\w,./-])(?:\d{2} \d{2} \d{2} \d{2}|\d{3} \d{2} \d{3}|[2-9]\d{7})(?![\w,/-]|\.\d)",
    re.IGNORECASE,
)
MASK = "·"


def contact_spans(text: str) -> list[tuple[int, int]]:
    return sorted(m.span() for rx in (EMAIL, PHONE) for m in rx.finditer(text))


def has_contact(text: str) -> bool:
    return bool(EMAIL.search(text) or PHONE.search(text))


def redact(text: str) -> str:
    """`text` with every e-mail address and phone number masked character for character."""
    chars = list(text)
    for start, end in contact_spans(text):
        for i in range(start, end):
            if not chars[i].isspace():
                chars[i] = MASK
    return "".join(chars)
