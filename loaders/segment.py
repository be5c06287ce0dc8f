"""Segmentation: title, headings/sections, paragraphs, numbered points, bullets, signature and
contact blocks.

INTERFACE (stable): ``segment(norm) -> list[Segment]``. Offsets are into ``norm.text`` (the
normalised text); ``Segment.text`` is the re-flowed text of ``norm.text[start:end]`` (hard line
breaks of the PDF dump joined, runs of white space collapsed), without the bullet glyph or number.

The rules are general rules about Norwegian policy prose as it comes out of PDF text dumps:

* A *heading* is a line that stands on its own: it starts a unit (after a blank line, a heading or
  a line that ends a sentence), is short compared with the document's full line width, starts
  with a capital, does not end with a comma, a hyphen or a function word (``og``, ``for``, ``i``
  ...), does not end with a period (unless it is a short verbless line such as
  ``Vekst i eksisterende næringsliv – kompetanseflyt.``), and the next line does not continue it
  (starts with a capital, a list marker, or nothing). Lines in ALL CAPS are headings whatever
  their length (consecutive ones are merged). ``3.2 Klinisk forskning`` is a numbered heading.
  A short line ending with ``:`` that has no finite verb (``Idéfase nye idéer:``) is a heading; a
  longer one (``Følgende punkter må ivaretas ...:``) is a paragraph that introduces a list.
  A short paragraph that ends with a question (consultation questions) is a heading too.
* The first heading-like unit of the document is its *title* unless it is a generic section name
  (``Innledning``, ``Sammendrag`` ...).
* *Paragraphs* re-flow hard-wrapped lines, across blank lines when the line before does not end a
  sentence and the next one continues it (starts in lower case, or the line before ends with a
  function word, a comma or a hyphen).
* *Bullets* start with ``- `` (after normalisation) or a raw glyph (``•``, ``▪``, ``–``, U+F0B7 ...),
  *numbered points* with ``1.``, ``1)`` or ``a)``. Each item knows the line that introduced its
  list (``intro``), e.g. ``Dette innebærer å:``.
* *Footnotes*: ``1) ...`` items whose number also appears glued to a word earlier in the text
  (``helsedata1``), i.e. a footnote marker.
* *Signature* blocks start at ``Med vennlig hilsen`` / ``Vennlig hilsen`` / ``Mvh`` and run to the
  end of the document (names and titles); *contact* lines carry an e-mail address or a phone
  number, or stand under a ``Kontakt...`` lead-in. Nothing downstream may store them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from loaders.normalise import Normalised
from schema.privacy import has_contact

KINDS = ("title", "heading", "paragraph", "bullet", "numbered", "signature", "contact", "footnote")

# Kinds that carry the author's own prose (candidates for proposals).
PROSE_KINDS = ("paragraph", "bullet", "numbered")


@dataclass
class Segment:
    kind: str  # one of KINDS
    start: int
    end: int
    text: str  # norm.text[start:end] re-flowed, stripped of the bullet glyph or number
    section: str | None = None  # text of the heading this segment stands under
    level: int = 0  # heading level, or list nesting
    path: tuple[str, ...] = ()  # the headings above, outermost first (the title excluded)
    intro: str | None = None  # for list items: the line that introduced the list
    marker: str | None = None  # the bullet glyph or the number (``1.``, ``a)``)


# -- character classes and word lists -----------------------------------------------------------
UPPER = "A-ZÆØÅÄÖÜÉ"
LOWER = "a-zæøåäöüé"
_BULLET_RE = re.compile(r"^[ \t]*([-–—•▪◦●○■□➢➤►✓✔*·\uf0b7\uf0a7\uf0d8\uf076\uf0fc])[ \t]+(?=\S)")
_MONTH_RE = re.compile(r"(?:januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember|"
                       r"jan|feb|mar|apr|jun|jul|aug|sep|sept|okt|nov|des)\b\.?")
_NUMBERED_RE = re.compile(rf"^[ \t]*((\d{{1,2}})[.)]|([a-z])\))[ \t]+(?=\S)")
_NUM_HEADING_RE = re.compile(rf"^[ \t]*(\d{{1,2}}(?:\.\d{{1,2}})+\.?|\d{{1,2}})[ \t]+(?=[{UPPER}])")
_SIGNATURE_RE = re.compile(r"^\s*(med\s+(?:vennlig|beste)\s+hilsen|vennlig\s+hilsen|mvh\b|hilsen\b|"
                           r"beste\s+hilsen)", re.IGNORECASE)
_CONTACT_LEAD_RE = re.compile(r"^\s*(kontakt\w*|spørsmål\s+kan\s+rettes)", re.IGNORECASE)
# Words a line does not end with when it is complete (a heading or the end of a paragraph).
FUNCTION_WORDS = frozenset("""
og eller samt men i på til for av med om fra ved mot under over etter mellom innen innenfor uten
hos gjennom som at å en et ei den det de der hvor når fordi slik så både enten ikke også er var
har kan skal vil må bør blir ble dette disse denne vår våre vårt sin sine sitt deres
""".split())
GENERIC_HEADINGS = frozenset("""
innledning sammendrag bakgrunn innhold innholdsfortegnelse forord oppsummering konklusjon
vedlegg referanser kilder
""".split())
# Finite verbs that mark a line as a sentence rather than a heading.
_FINITE = frozenset("""
er var har hadde blir ble kan skal vil må bør gir ga får fikk innebærer betyr gjelder omfatter
viser trenger mangler ønsker mener foreslår anbefaler ber bidrar
""".split())
_PRONOUN_START = frozenset("dette det disse denne vi de den jeg du han hun vår våre".split())
_SENT_END = ".!?"


def fold_space(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def reflow(raw: str) -> str:
    """Join hard-wrapped lines: ``lege-\\nmiddel`` -> ``lege-middel``; other breaks -> one space."""
    s = re.sub(rf"(?<=[{LOWER}])-[ \t]*\n\s*(?=[{LOWER}])(?!(?:og|eller|samt|til)\b)", "-", raw)
    return fold_space(s)


@dataclass
class _Line:
    start: int  # offset of the first non-blank character
    end: int  # offset after the last non-blank character
    text: str  # stripped
    gap_before: bool  # a blank line (or the start of the text) comes before it

    @property
    def words(self) -> list[str]:
        return self.text.split()


@dataclass
class _Unit:
    kind: str
    lines: list[_Line] = field(default_factory=list)
    marker: str | None = None
    level: int = 0
    content_start: int | None = None  # after the marker
    question: bool = False
    colon: bool = False
    caps: bool = False


def _is_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 4:
        return False
    return sum(c.isupper() for c in letters) / len(letters) >= 0.8


def _last_word(text: str) -> str:
    m = re.search(r"([\wæøåÆØÅ]+)\W*$", text)
    return m.group(1).lower() if m else ""


# Abbreviations that end in a full stop but do not end a sentence (written as in the text, without
# the final full stop): the one list sentence splitting (here, loaders.proposals) and sentence
# starts (loaders.patterns) share.
ABBREVIATIONS = frozenset("""
bl.a f.eks eks jf jfr ref dvs m.m ca mht ifm iht pst nr mill mrd kr etc osv osb evt ev inkl bla
vs dr prof o.l m.fl kap pkt st.meld meld prop ot.prp nou mv m.v hhv ang vedr tlf mob fig tab
red utg s innst adm dir ifb pga st
""".split())


def is_abbreviation(word_with_dot: str) -> bool:
    """``f.eks.``, ``bl.a.``, ``jf.`` ... (the final period included or not)."""
    w = word_with_dot.lower().strip("(«\"").rstrip(".")
    return w in ABBREVIATIONS


def _terminated(text: str) -> bool:
    """Does the line end a sentence (or introduce a list)?"""
    t = text.rstrip(" »«\"')”’")
    if not t or t[-1] not in _SENT_END + ":":
        return False
    if t.endswith(".") and is_abbreviation(t.split()[-1]):
        return False
    return t.count("(") <= t.count(")")


def _continues(prev: str) -> bool:
    """Does a line ending like ``prev`` need a continuation?"""
    t = prev.rstrip()
    if not t:
        return False
    if t[-1] in ",;-–(/&":
        return True
    return _last_word(t) in FUNCTION_WORDS and not _is_caps(t)


def _starts_lower(text: str) -> bool:
    if _BULLET_RE.match(text) or _NUMBERED_RE.match(text) or _NUM_HEADING_RE.match(text):
        return False
    return bool(re.match(rf"[«\"(]?[{LOWER}0-9]", text))


def _starts_upper(text: str) -> bool:
    return bool(re.match(rf"[«\"(]?[{UPPER}0-9]", text))


def _has_finite(words: list[str]) -> bool:
    return any(w.lower().strip(".,:;!?()«»\"") in _FINITE for w in words)


def _width(lines: list[_Line]) -> float:
    lens = sorted(len(l.text) for l in lines if len(l.text) >= 20)
    if not lens:
        return 80.0
    return float(lens[int(0.8 * (len(lens) - 1))])


def _split_lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    pos = 0
    gap = True
    for raw in text.split("\n"):
        stripped = raw.strip()
        if not stripped or not stripped.strip("\u00a0\f\v"):
            gap = True
        else:
            lead = len(raw) - len(raw.lstrip())
            s = pos + lead
            out.append(_Line(s, s + len(stripped), stripped, gap))
            gap = False
        pos += len(raw) + 1
    return out


def _heading_like(line: _Line, prev: _Line | None, nxt: _Line | None, width: float,
                  unit_open: bool) -> bool:
    """Could this line be a heading on its own?"""
    t = line.text
    words = line.words
    if unit_open:  # the line before did not end a sentence: a continuation
        return False
    if _is_caps(t):
        return True
    if not _starts_upper(t) or _BULLET_RE.match(t) or _NUMBERED_RE.match(t) and not _NUM_HEADING_RE.match(t):
        return False
    if len(words) > 16 or (len(t) > 0.85 * width and len(words) > 10):
        return False
    if _continues(t):
        return False
    if t.endswith(":"):
        return len(words) <= 8 and not _has_finite(words) and words[0].lower() not in _PRONOUN_START - {
            "det", "den", "de"}
    if t.endswith("?"):
        return True
    if t[-1] in ".!":
        # only a short verbless line standing alone (``Vekst i ... – kompetanseflyt.``)
        if not (line.gap_before and (nxt is None or nxt.gap_before)):
            return False
        if len([w for w in words if w.strip("–-")]) > 6:
            return False
        if words[0].lower() in _PRONOUN_START or _has_finite(words):
            return False
        return not any(re.search(r"(?:er|ar|te)$", w.lower().strip(".,")) and len(w) > 4
                       or w.lower().strip(".,") in ("være", "bli", "ha", "få", "å", "at", "som", "ikke", "også",
                                                     "mer", "vi", "jeg")
                       for w in words[1:])
    if t[-1] in ",;":
        return False
    if nxt is not None and not nxt.gap_before and _starts_lower(nxt.text):
        return False
    if nxt is not None and nxt.gap_before and _starts_lower(nxt.text) and not _is_caps(t):
        return False  # the PDF broke a sentence across a blank line
    return True


def _make_units(lines: list[_Line], width: float) -> list[_Unit]:
    units: list[_Unit] = []
    cur: _Unit | None = None
    mode = "text"  # "signature" after a closing formula, "contact" under a Kontakt lead-in

    def close() -> None:
        nonlocal cur
        if cur is not None:
            units.append(cur)
        cur = None

    for i, line in enumerate(lines):
        prev = lines[i - 1] if i else None
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        t = line.text

        # -- contact and signature -------------------------------------------------------
        if has_contact(t):
            close()
            units.append(_Unit("contact", [line]))
            continue
        if _SIGNATURE_RE.match(t) and len(line.words) <= 6:
            close()
            mode = "signature"
            units.append(_Unit("signature", [line]))
            continue
        if mode == "signature":
            if len(line.words) > 14 and _terminated(t):
                mode = "text"  # prose again (a P.S. or an appendix)
            else:
                units.append(_Unit("signature", [line]))
                continue
        if mode == "contact":
            if line.gap_before and len(line.words) > 8 and not _CONTACT_LEAD_RE.match(t):
                mode = "text"
            else:
                units.append(_Unit("contact", [line]))
                continue
        if _CONTACT_LEAD_RE.match(t) and t.rstrip().endswith(":") and len(line.words) <= 12:
            close()
            mode = "contact"
            units.append(_Unit("contact", [line]))
            continue

        # -- list items ------------------------------------------------------------------
        mb = _BULLET_RE.match(t)
        mn = _NUMBERED_RE.match(t)
        if mn and mn.group(2) and t[mn.end():mn.end() + 1].islower() and not (
                (prev is not None and prev.text.rstrip().endswith(":") or cur is not None and cur.kind == "numbered")
                and not _MONTH_RE.match(t, mn.end())):
            mn = None  # ``30. oktober``: not a numbered point (``1. beholder ...`` after ``... at departementet:`` is)
        if mn and not mb and nxt is not None and not nxt.gap_before and _starts_upper(nxt.text) \
                and not (_BULLET_RE.match(nxt.text) or _NUMBERED_RE.match(nxt.text)) and len(nxt.words) >= 6 \
                and 1 <= len(t[mn.end():].split()) <= 5 and _starts_upper(t[mn.end():]) and t.rstrip()[-1:].isalpha() \
                and not (prev is not None and prev.text.rstrip().endswith(":")):
            # ``1. Sammendrag`` with its text on the next line, no blank line between: a numbered heading
            close()
            cur = _Unit("heading", [line], marker=mn.group(1), level=1)
            continue
        if mb or mn:
            m = mb or mn
            close()
            kind = "bullet" if mb else "numbered"
            cur = _Unit(kind, [line], marker=m.group(1), content_start=line.start + (m.end() - 0))
            continue

        open_prev = cur is not None and cur.lines and not _terminated(cur.lines[-1].text)
        # continuation of the current unit?
        if cur is not None and cur.kind in ("paragraph", "bullet", "numbered"):
            last = cur.lines[-1].text
            if not line.gap_before:
                if open_prev or not _heading_like(line, prev, nxt, width, False):
                    cur.lines.append(line)
                    continue
            elif not _terminated(last) and (_starts_lower(t) or _continues(last)):
                cur.lines.append(line)
                continue
        if cur is not None and cur.kind == "heading" and cur.caps and _is_caps(t) and not line.gap_before:
            cur.lines.append(line)  # a long ALL-CAPS heading wrapped over lines
            continue
        if cur is not None and cur.kind == "heading" and not line.gap_before and _starts_lower(t) \
                and not cur.caps and _continues(cur.lines[-1].text):
            cur.lines.append(line)
            continue

        close()
        if _heading_like(line, prev, nxt, width, False):
            cur = _Unit("heading", [line], caps=_is_caps(t), colon=t.endswith(":"))
            mh = _NUM_HEADING_RE.match(t)
            if mh and not _NUMBERED_RE.match(t):
                cur.marker = mh.group(1)
                cur.level = mh.group(1).rstrip(".").count(".") + 1
            elif mh and len(line.words) <= 6 and not t.endswith("."):
                cur.marker = mh.group(1)
                cur.level = 1
        else:
            cur = _Unit("paragraph", [line])
    close()
    return units


def _unit_text(norm_text: str, u: _Unit) -> tuple[int, int, str]:
    start = u.content_start if u.content_start is not None else u.lines[0].start
    end = u.lines[-1].end
    return start, end, reflow(norm_text[start:end])


def _footnote_numbers(text: str) -> set[str]:
    """Numbers glued to the end of a word (superscript footnote markers): ``helsedata1``."""
    return set(re.findall(rf"[{LOWER}]{{3}}(\d)(?=[\s.,;:)]|$)", text))


def segment(norm: Normalised) -> list[Segment]:
    text = norm.text
    lines = _split_lines(text)
    if not lines:
        return []
    width = _width(lines)
    units = _make_units(lines, width)
    markers = _footnote_numbers(text)

    segs: list[Segment] = []
    stack: list[tuple[int, str]] = []  # (level, heading text)
    title_done = False
    intro: str | None = None
    for idx, u in enumerate(units):
        start, end, body = _unit_text(text, u)
        if not body:
            continue
        kind = u.kind
        level = u.level
        marker = u.marker
        if kind == "paragraph":
            words = body.split()
            # a short paragraph that ends with a question is a heading (consultation questions)
            if body.endswith("?") and len(words) <= 30:
                kind = "heading"
                u.question = True
        if kind == "numbered" and marker and marker.endswith(")") and marker[:-1].isdigit() \
                and marker[:-1] in markers:
            kind = "footnote"
        if kind == "paragraph" and re.match(r"^\d\)\s", body) and len(re.findall(r"(?:^|\s)\d\)\s", body)) >= 2:
            kind = "footnote"

        # -- title ---------------------------------------------------------------------
        if not title_done and kind in ("heading", "paragraph"):
            title_done = True
            words = body.split()
            generic = body.strip(" :.").lower() in GENERIC_HEADINGS
            if not generic and len(words) <= 20 and not u.question and (
                    kind == "heading" or len(u.lines) <= 2 and body.endswith(".") and len(words) <= 12):
                segs.append(Segment("title", start, end, body.rstrip(" ."), None, 0, ()))
                continue
        elif not title_done and kind not in ("contact", "signature"):
            title_done = True

        if kind == "heading":
            if not level:
                if u.caps:
                    level = 1
                elif u.question or u.colon:
                    level = 3
                else:
                    level = 2
            name = body.rstrip(" :")
            while stack and stack[-1][0] >= level:
                stack.pop()
            section = stack[-1][1] if stack else _title(segs)
            seg = Segment("heading", start, end, name, section, level, tuple(h for _, h in stack),
                          marker=marker)
            stack.append((level, name))
            segs.append(seg)
            intro = body if body.endswith(":") else None
            continue

        section = stack[-1][1] if stack else _title(segs)
        path = tuple(h for _, h in stack)
        if kind in ("bullet", "numbered"):
            prev = segs[-1] if segs else None
            if prev is not None and prev.kind in ("bullet", "numbered") and prev.section == section:
                item_intro = prev.intro
            elif prev is not None and prev.kind in ("paragraph", "heading") and (
                    prev.text.endswith(":") or intro and prev.kind == "heading"
                    or prev.kind == "paragraph" and not _terminated(prev.text) and _continues(prev.text)):
                item_intro = intro if prev.kind == "heading" else prev.text
            else:
                item_intro = None
            segs.append(Segment(kind, start, end, body, section, 0, path, item_intro, marker))
            continue
        if kind == "paragraph" and body.endswith(":"):
            intro = body
        segs.append(Segment(kind, start, end, body, section, 0, path, None, marker))
    return segs


def _title(segs: list[Segment]) -> str | None:
    """The title segment's text so far (a section's name before any heading)."""
    return next((s.text for s in segs if s.kind == "title"), None)


# ----------------------------------------------------------------------------------------------
# Sentences: the one splitter (proposals, links and the international-example rule use it)
# ----------------------------------------------------------------------------------------------
_END_RE = re.compile(r"[.!?]+[»”\"')\]]*(?=\s+|$)")
_MAYBE_FINAL_ABBR = frozenset({"m.m", "osv", "osb", "etc", "mv", "m.v", "m.fl", "o.l"})


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans in ``text[start:end]``, robust to abbreviations (``bl.a.``, ``f.eks.``,
    ``dvs.``, ``m.m.``, ``ca.``), ordinals and numbers (``2. plass``, ``1.``) and re-flowed lines."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    s = start
    for m in _END_RE.finditer(text, start, end):
        e = m.end()
        after = text[e:end].lstrip()
        if not after:
            break
        nxt = after[0]
        if not (nxt.isupper() or nxt.isdigit() or nxt in "«\"(-–•"):
            continue  # lower case follows: not a boundary
        if m.group(0).startswith("."):
            w = re.search(r"(\S+)$", text[s:m.start()])
            word = w.group(1) if w else ""
            if is_abbreviation(word) and word.lower().strip("(«\"") not in _MAYBE_FINAL_ABBR:
                continue
            if re.fullmatch(r"[A-ZÆØÅ]", word):  # an initial: ``A. Hansen``
                continue
            if re.fullmatch(r"\d{1,2}", word) and nxt.isdigit():
                continue
        spans.append((s, e))
        s = e + (len(text[e:end]) - len(after))
    if s < end and text[s:end].strip():
        spans.append((s, end))
    out: list[tuple[int, int]] = []
    for a, b in spans:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a >= b:
            continue
        # a bare parenthesis ``(Forutsatt ...).`` belongs to the sentence before it
        if out and text[a] == "(" and text[b - 1] in ".)" and text[a:b].rstrip(".").endswith(")"):
            out[-1] = (out[-1][0], b)
            continue
        out.append((a, b))
    return out


def sentence_at(text: str, pos: int, reach: int = 1500) -> tuple[int, int]:
    """The span of the sentence holding ``pos``, split as :func:`split_sentences` splits (within
    ``reach`` characters either side, and within its paragraph)."""
    lo = text.rfind("\n\n", max(0, pos - reach), pos)
    lo = lo + 2 if lo >= 0 else max(0, pos - reach)
    hi = text.find("\n\n", pos, pos + reach)
    hi = hi if hi >= 0 else min(len(text), pos + reach)
    for a, b in split_sentences(text, lo, hi):
        if a <= pos < b:
            return a, b
    return lo, hi

