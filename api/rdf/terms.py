"""RDF terms without rdflib on the hot path: IRIs are ``str``, literals are :class:`Lit`; N-Triples
and N-Quads lines are formatted here (the streaming export writes them directly).

Also: IRI sanitising for URLs that come from data, text scrubbing (control characters, lone
surrogates, e-mail addresses and phone numbers never leave the process), and typed literal
construction from store values.
"""

from __future__ import annotations

import datetime as _dt
import math
from decimal import Decimal
import re
from typing import NamedTuple
from urllib.parse import quote, urlsplit

from schema.privacy import replace_contacts
from schema.rdf_mapping import (BOOLEAN, DATE, DATE_RE, DECIMAL, END_DATE, INTEGER, IRI, JSON_LIST, LANG_EN,
                                LANG_EN_TEXT, LANG_NB, LANG_NB_TEXT, START_DATE, STRING, XSD, YEAR)


class Lit(NamedTuple):
    lex: str
    lang: str | None = None
    datatype: str | None = None  # None with no lang: xsd:string


class TripleTerm(NamedTuple):
    """An RDF 1.2 triple term (subject IRI, predicate IRI, object IRI or Lit): the object of
    ``rdf:reifies``, naming the fact a reifier's annotations are about without asserting it."""

    s: str
    p: str
    o: "str | Lit"


Term = "str | Lit | TripleTerm"
Quad = tuple  # (subject IRI, predicate IRI, object IRI, Lit or TripleTerm, graph IRI or None)

XSD_INTEGER, XSD_DECIMAL, XSD_BOOLEAN = XSD + "integer", XSD + "decimal", XSD + "boolean"
XSD_DATE, XSD_GYEARMONTH, XSD_GYEAR = XSD + "date", XSD + "gYearMonth", XSD + "gYear"

# -- N-Triples ---------------------------------------------------------------------------------
_ESC = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def nt(term) -> str:
    if type(term) is str:
        return "<" + term + ">"
    if type(term) is TripleTerm:  # N-Triples / N-Quads 1.2
        return f"<<( <{term.s}> <{term.p}> {nt(term.o)} )>>"
    lex = '"' + term.lex.translate(_ESC) + '"'
    if term.lang:
        return lex + "@" + term.lang
    if term.datatype:
        return lex + "^^<" + term.datatype + ">"
    return lex


def nt_line(q: Quad) -> str:
    return f"<{q[0]}> <{q[1]}> {nt(q[2])} .\n"


def nq_line(q: Quad) -> str:
    if q[3] is None:
        return f"<{q[0]}> <{q[1]}> {nt(q[2])} .\n"
    return f"<{q[0]}> <{q[1]}> {nt(q[2])} <{q[3]}> .\n"


# -- text hygiene --------------------------------------------------------------------------------
# XML 1.0 (RDF/XML) cannot carry C0 controls other than tab/newline/CR; lone surrogates are not UTF-8.
_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
REDACTED = "[…]"


def clean(text: str) -> str:
    """Text fit for every RDF syntax: no C0 controls or lone surrogates."""
    return _BAD_CHARS.sub(" ", text) if _BAD_CHARS.search(text) else text


def scrub(text: str) -> str:
    """Free text without e-mail addresses or phone numbers (schema/privacy.py finds them: personal
    data is never exported)."""
    return replace_contacts(clean(text), REDACTED)


# -- IRIs from data --------------------------------------------------------------------------------
_IRI_SAFE = "!$&'()*+,/:;=?@~-._%"
_BAD_PCT = re.compile(r"%(?![0-9A-Fa-f]{2})")


def safe_iri(url: str) -> str | None:
    """An http(s) URL from data as a valid IRI (characters IRIs forbid are percent-encoded), or
    None when it is not an absolute http(s) URL."""
    if not isinstance(url, str):
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or "@" in parts.netloc:
        return None
    host = parts.netloc
    if not re.match(r"^[A-Za-z0-9.-]+(:\d{1,5})?$", host):
        try:
            hostname = parts.hostname or ""
            host = hostname.encode("idna").decode("ascii") + (f":{parts.port}" if parts.port else "")
        except (UnicodeError, ValueError):
            return None
    def enc(s: str) -> str:
        return _BAD_PCT.sub("%25", quote(s, safe=_IRI_SAFE))
    out = f"{parts.scheme.lower()}://{host}{enc(parts.path)}"
    if parts.query:
        out += "?" + enc(parts.query)
    if parts.fragment:
        out += "#" + enc(parts.fragment)
    return out


# An absolute IRI as RFC 3987 allows it (scheme, no forbidden characters, well-formed %-escapes,
# at most one '#'); used by the tests and to check the configured base.
IRI_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\x00-\x20<>\"{}|\\^`#%]*(?:%[0-9A-Fa-f]{2}[^\x00-\x20<>\"{}|\\^`#%]*)*"
                    r"(?:#[^\x00-\x20<>\"{}|\\^`#%]*(?:%[0-9A-Fa-f]{2}[^\x00-\x20<>\"{}|\\^`#%]*)*)?$")


def is_valid_iri(iri: str) -> bool:
    return bool(IRI_RE.match(iri))


# -- literals from store values --------------------------------------------------------------------
def date_literal(value) -> Lit | None:
    if not isinstance(value, str) or not DATE_RE.match(value):
        return None
    try:
        if len(value) == 10:
            _dt.date.fromisoformat(value)
            return Lit(value, None, XSD_DATE)
        if len(value) == 7:
            if not 1 <= int(value[5:7]) <= 12:
                return None
            return Lit(value, None, XSD_GYEARMONTH)
        return Lit(value, None, XSD_GYEAR)
    except ValueError:
        return None


def bound_date(value, *, end: bool) -> str | None:
    """A validity bound as a full ISO date: a year or month stands for its first day as a start
    and its last day as an end (``2008`` -> ``2008-01-01`` / ``2008-12-31``); None if not a date."""
    lit = date_literal(value)
    if lit is None:
        return None
    if len(value) == 10:
        return value
    year = int(value[:4])
    if len(value) == 4:
        return f"{year:04d}-12-31" if end else f"{year:04d}-01-01"
    month = int(value[5:7])
    if not end:
        return f"{value}-01"
    last = (_dt.date(year + month // 12, month % 12 + 1, 1) - _dt.timedelta(days=1)).day
    return f"{value}-{last:02d}"


def literals(kind: str, value, *, scrub_text: bool = False) -> list:
    """The RDF objects for one property value (a list value gives several); [] when the value
    cannot be written as that kind (it is left out rather than written wrongly)."""
    if value is None:
        return []
    if isinstance(value, (list, tuple)) and kind != JSON_LIST:
        out = []
        for v in value:
            out += literals(kind, v, scrub_text=scrub_text)
        return out
    if kind in (LANG_NB_TEXT, LANG_EN_TEXT, STRING):
        if not isinstance(value, str):
            value = str(value)
        text = scrub(value) if scrub_text else clean(value)
        if not text.strip():
            return []
        lang = LANG_NB if kind == LANG_NB_TEXT else LANG_EN if kind == LANG_EN_TEXT else None
        return [Lit(text, lang, None)]
    if kind == INTEGER:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value != int(value):
            return []
        return [Lit(str(int(value)), None, XSD_INTEGER)]
    if kind == DECIMAL:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            return []
        lex = format(Decimal(repr(float(value))), "f")
        return [Lit(lex if "." in lex else lex + ".0", None, XSD_DECIMAL)]
    if kind == BOOLEAN:
        if not isinstance(value, bool):
            return []
        return [Lit("true" if value else "false", None, XSD_BOOLEAN)]
    if kind == DATE:
        lit = date_literal(value)
        return [lit] if lit else []
    if kind in (START_DATE, END_DATE):
        day = bound_date(value, end=kind == END_DATE)
        return [Lit(day, None, XSD_DATE)] if day else []
    if kind == YEAR:
        if isinstance(value, bool) or not isinstance(value, int) or not 1000 <= value <= 9999:
            return []
        return [Lit(f"{value:04d}", None, XSD_GYEAR)]
    if kind == IRI:
        iri = safe_iri(value) if isinstance(value, str) else None
        return [iri] if iri else []
    if kind == JSON_LIST:
        import json
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, (list, tuple)):
            return []
        return [Lit(clean(json.dumps([str(v) for v in value], ensure_ascii=False)), None, None)]
    raise ValueError(f"unknown literal kind {kind!r}")
