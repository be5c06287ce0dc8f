"""Contact details are never stored nor published: e-mail addresses and phone numbers are
recognised here, the one place. The loaders mask them in any text that leaves them (quotes, the
document text: same length, so every span stays valid), the RDF export replaces any that slipped
through, and the registry refuses an entry that holds one."""

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
_DIGIT = re.compile(r"\d")  # every phone pattern needs a digit, every address an '@'


def contact_spans(text: str) -> list[tuple[int, int]]:
    """The (start, end) of every e-mail address and phone number in `text`, in order, overlapping
    ones merged."""
    found = []
    if "@" in text:
        found += [m.span() for m in EMAIL.finditer(text)]
    if _DIGIT.search(text):
        found += [m.span() for m in PHONE.finditer(text)]
    merged: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def has_contact(text: str) -> bool:
    return bool(("@" in text and EMAIL.search(text)) or PHONE.search(text))


def redact(text: str) -> str:
    """`text` with every e-mail address and phone number masked character for character."""
    chars = list(text)
    for start, end in contact_spans(text):
        for i in range(start, end):
            if not chars[i].isspace():
                chars[i] = MASK
    return "".join(chars)


def replace_contacts(text: str, replacement: str) -> str:
    """`text` with every e-mail address and phone number replaced by `replacement`."""
    spans = contact_spans(text)
    if not spans:
        return text
    out, last = [], 0
    for start, end in spans:
        out += [text[last:start], replacement]
        last = end
    return "".join(out) + text[last:]
