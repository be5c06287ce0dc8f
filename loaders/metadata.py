"""Document metadata: title, authors, addressees, date/year, type, source URL.

``document_metadata(path, norm, segments, manifest) -> DocumentMeta`` merges the corpus manifest
(``data/corpus/manifest.yaml``, read with :func:`load_manifest`) with what the text itself says.
The manifest wins field by field; ``DocumentMeta.method[field]`` tells where each value came
from (``"manifest"`` or ``"text"``). A document without a manifest entry still gets metadata
from its text:

* title — the title segment (else the first heading that is not a generic section name);
* addressees — ``Innspill til NFD ...``, ``innspill til Nærings- og fiskeridepartementet og
  Helse- og omsorgsdepartementet``, ``Høringssvar til KD``, ``Til: HOD``; ministries are written
  as ``Full name (ABBR)``;
* authors — ``X avgir ... innspill``, a possessive title (``LMIs innspill ...`` → ``LMI``),
  ``X representerer/organiserer ...``; an acronym is expanded when the text spells it out
  (``Legemiddelindustrien (LMI)``);
* date — a full date in the text (``12. mars 2023``, ``12.03.2023``); year — a period in the
  title (``2022-2025`` → 2022), else the latest year the text mentions that is not a target
  (``innen 2025``): a lower bound for when it was written;
* type — ``strategy`` (strategi, handlingsplan), ``consultation_input`` (innspill, høringssvar),
  ``position_paper`` (posisjonsnotat, notat), ``report`` (rapport).
"""

from __future__ import annotations

import datetime as _dt
import re
from functools import lru_cache
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from loaders.normalise import Normalised
from loaders.segment import GENERIC_HEADINGS, Segment

DOC_TYPES = ("consultation_input", "strategy", "position_paper", "report", "white_paper", "letter",
             "plan", "other")
MANIFEST_KEYS = ("title", "authors", "addressees", "date", "type", "source_url", "note")
FIELDS = ("title", "authors", "addressees", "date", "year", "doc_type", "source_url")

# Norwegian ministries (current and recent names) and their usual abbreviations.
@lru_cache
def _ministries() -> tuple[dict[str, str], dict[str, tuple[str, str | None]]]:
    """From the registry (the one source of truth): abbreviation -> canonical name, and every
    folded name/alias -> (canonical name, first abbreviation)."""
    from schema.registry import load_registry
    by_abbr: dict[str, str] = {}
    by_name: dict[str, tuple[str, str | None]] = {}
    for e in load_registry():
        if e.kind != "Ministry":
            continue
        first = e.abbreviations[0] if e.abbreviations else None
        for a in e.abbreviations:
            by_abbr.setdefault(a, e.name)
        for n in (e.name, *e.aliases):
            by_name.setdefault(n.lower(), (e.name, first))
    return by_abbr, by_name


_MONTHS = {m: i + 1 for i, m in enumerate(
    "januar februar mars april mai juni juli august september oktober november desember".split())}


class ManifestError(ValueError):
    """The manifest file is not valid; the message names the file."""


@dataclass
class DocumentMeta:
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    addressees: list[str] = field(default_factory=list)
    date: str | None = None  # ISO date, or a year, as precise as known
    year: int | None = None
    doc_type: str | None = None
    source_url: str | None = None
    method: dict[str, str] = field(default_factory=dict)  # field -> "manifest" | "text"
    note: str | None = None

    @property
    def from_manifest(self) -> bool:
        return any(v == "manifest" for v in self.method.values())


# ----------------------------------------------------------------------------------------------
# Manifest
# ----------------------------------------------------------------------------------------------
def _iso_date(value: Any, where: str) -> str:
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    s = str(value).strip()
    if re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", s):
        if len(s) == 10:
            try:
                _dt.date.fromisoformat(s)
            except ValueError as exc:
                raise ManifestError(f"{where}: date {s!r} is not a valid date") from exc
        return s
    raise ManifestError(f"{where}: date {s!r} must be an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)")


def validate_manifest(data: Any, path: str | Path = "manifest") -> dict[str, dict[str, Any]]:
    """Check the structure of a loaded manifest; return it with dates as ISO strings."""
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ManifestError(f"{path}: the manifest must map file names to entries, got {type(data).__name__}")
    out: dict[str, dict[str, Any]] = {}
    for name, entry in data.items():
        where = f"{path}: {name}"
        if not isinstance(name, str) or not name.strip():
            raise ManifestError(f"{path}: file name {name!r} must be a non-empty string")
        if entry is None:
            entry = {}
        if not isinstance(entry, dict):
            raise ManifestError(f"{where}: the entry must be a mapping, got {type(entry).__name__}")
        unknown = sorted(set(entry) - set(MANIFEST_KEYS))
        if unknown:
            raise ManifestError(f"{where}: unknown key(s) {', '.join(unknown)} (allowed: {', '.join(MANIFEST_KEYS)})")
        e: dict[str, Any] = {}
        for key in ("title", "note"):
            if entry.get(key) is not None:
                if not isinstance(entry[key], str):
                    raise ManifestError(f"{where}: {key} must be a string")
                e[key] = entry[key].strip()
        for key in ("authors", "addressees"):
            if entry.get(key) is not None:
                v = entry[key]
                if isinstance(v, str):
                    v = [v]
                if not isinstance(v, list) or not all(isinstance(x, str) and x.strip() for x in v):
                    raise ManifestError(f"{where}: {key} must be a list of names")
                e[key] = [x.strip() for x in v]
        if entry.get("date") is not None:
            e["date"] = _iso_date(entry["date"], where)
        if entry.get("type") is not None:
            if entry["type"] not in DOC_TYPES:
                raise ManifestError(f"{where}: type {entry['type']!r} is not one of {', '.join(DOC_TYPES)}")
            e["type"] = entry["type"]
        if entry.get("source_url") is not None:
            url = entry["source_url"]
            if not isinstance(url, str) or not re.match(r"https?://\S+$", url):
                raise ManifestError(f"{where}: source_url must be an http(s) URL")
            e["source_url"] = url
        out[name] = e
    return out


def load_manifest(path: str | Path) -> dict[str, dict[str, Any]]:
    """Read and validate a manifest YAML file. Errors name the file."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ManifestError(f"{path}: cannot read the manifest: {exc}") from exc
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ManifestError(f"{path}: invalid YAML: {exc}") from exc
    return validate_manifest(data, path)


# ----------------------------------------------------------------------------------------------
# From the text
# ----------------------------------------------------------------------------------------------
def ministry_name(abbr_or_name: str) -> str | None:
    """``NFD`` or ``Nærings- og fiskeridepartementet`` -> ``Nærings- og fiskeridepartementet (NFD)``."""
    by_abbr, by_name = _ministries()
    s = " ".join(abbr_or_name.split())
    if s.isupper() and s in by_abbr:
        return f"{by_abbr[s]} ({s})"
    if s.lower() in by_name:
        name, abbr = by_name[s.lower()]
        return f"{name} ({abbr})" if abbr else name
    return None


@lru_cache
def _addressee_res() -> list[re.Pattern]:
    by_abbr, by_name = _ministries()
    full = "|".join(re.escape(v).replace("\\ ", " ").replace(" ", r"\s+")
                    for v in sorted(by_name, key=len, reverse=True))
    abbr = "|".join(sorted(by_abbr, key=len, reverse=True))
    ministry = rf"(?:{full}|\b(?:{abbr})\b)"
    return [
        re.compile(rf"\b(?:innspill\w*|høringssvar\w*|høringsuttalelse\w*|kommentarer|brev|svar)\s+"
                   rf"(?:\w+\s+){{0,3}}?til\s+(?P<m>{ministry})(?:\s*(?:,|og)\s+(?P<m2>{ministry}))?",
                   re.IGNORECASE),
        re.compile(rf"^\s*Til\s*:\s*(?P<m>{ministry})", re.MULTILINE),
        re.compile(rf"\bviser\s+til\s+(?:\w+\s+){{0,3}}?(?:høringsbrev|høringsnotat|høring|brev|invitasjon|"
                   rf"henvendelse)\w*\s+(?:\w+\s+){{0,3}}?fra\s+(?P<m>{ministry})", re.IGNORECASE),
    ]


def addressees_from_text(norm: Normalised, segments: list[Segment]) -> list[str]:
    out: list[str] = []
    for rx in _addressee_res():
        for m in rx.finditer(norm.text):
            for g in ("m", "m2"):
                if g in rx.groupindex and m.group(g):
                    name = ministry_name(m.group(g))
                    if name and name not in out:
                        out.append(name)
    return out


_ORG = r"(?:[A-ZÆØÅ][\w\-]*)(?:\s+(?:[A-ZÆØÅ][\w\-]*|og|for|i))*?(?:\s+[A-ZÆØÅ][\w\-]*)?(?:\s+\([A-ZÆØÅ]{2,}\))?"
_NOT_AUTHOR = frozenset("""
vi det dette de den regjeringen stortinget norge departementet meldingen strategien rapporten
helse næringen sektoren
""".split())


def _clean_author(name: str) -> str | None:
    name = name.strip(" ,.«»\"")
    if not name or name.lower() in _NOT_AUTHOR or name.split()[0].lower() in _NOT_AUTHOR:
        return None
    if ministry_name(name) or name.lower().endswith("departementet"):
        return None
    return name


def _expand(name: str, text: str) -> str:
    """``LMI`` -> ``Legemiddelindustrien (LMI)`` when the text spells the acronym out."""
    if re.fullmatch(r"[A-ZÆØÅ]{2,}", name):
        m = re.search(rf"((?:[A-ZÆØÅ][\w\-]*[ \t]+){{0,2}}[A-ZÆØÅ][\w\-]*)[ \t]+\({re.escape(name)}\)", text)
        if m:
            return f"{m.group(1)} ({name})"
    return name


def authors_from_text(norm: Normalised, segments: list[Segment], title: str | None) -> list[str]:
    text = norm.text
    prose = [s for s in segments if s.kind in ("paragraph", "bullet", "numbered")]
    candidates: list[str] = []
    # 1. ``X avgir (her) et ... innspill`` / ``X sender ... innspill``
    for s in prose:
        m = re.match(rf"({_ORG})\s+(?:avgir|sender|oversender)\b[^.]*\binnspill", s.text)
        if m:
            candidates.append(m.group(1))
            break
    # 2. a possessive title: ``LMIs innspill ...``, ``NHOs strategi ...``
    if title:
        m = re.match(r"([A-ZÆØÅ][\w\-]*?[A-ZÆØÅ][\w\-]*?|[A-ZÆØÅ][a-zæøå]+)s\s+(?:innspill|høringssvar|strategi|"
                     r"kommentarer|svar|posisjon|anbefalinger|forslag|merknader)", title, re.IGNORECASE)
        if m:
            candidates.append(m.group(1))
    # 3. ``X representerer/organiserer ...`` or ``X er en (uavhengig) organisasjon ...`` near the start
    for s in prose[:6]:
        m = re.match(rf"({_ORG})\s+(?:representerer|organiserer|er\s+(?:en|et)\s+(?:\w+\s+){{0,2}}?"
                     rf"(?:\w*organisasjon|\w*forening|\w*forbund|\w*klynge|\w*selskap|\w*stiftelse|\w*nettverk))\b",
                     s.text)
        if m:
            candidates.append(m.group(1))
            break
    # 4. an organisation's name in the signature block
    sig = [s.text for s in segments if s.kind == "signature"]
    for line in sig[1:]:
        if re.search(r"(forening\w*|forbund\w*|industri\w*|organisasjon\w*|\bAS\b|\bASA\b|klynge\w*|institutt\w*|"
                     r"universitet\w*|stiftelse\w*|\bråd\w*|selskap\w*)", line, re.IGNORECASE) and "," not in line:
            candidates.append(line)
            break
        if re.fullmatch(r"[A-ZÆØÅ]{2,}(?:\s+[A-ZÆØÅ][\wæøå]+)?", line):
            candidates.append(line)
            break
    out: list[str] = []
    for c in candidates:
        c = _clean_author(c)
        if not c:
            continue
        full = _expand(c, text)
        key = re.sub(r"\s*\(.*\)", "", full).lower()
        if any(key == re.sub(r"\s*\(.*\)", "", o).lower() or f"({c})" in o for o in out):
            continue
        out.append(full)
        break  # one author from the text: the strongest clue
    return out


def date_from_text(text: str) -> str | None:
    m = re.search(rf"\b(\d{{1,2}})\.\s*({'|'.join(_MONTHS)})\s+(\d{{4}})\b", text, re.IGNORECASE)
    if m:
        try:
            return _dt.date(int(m.group(3)), _MONTHS[m.group(2).lower()], int(m.group(1))).isoformat()
        except ValueError:
            pass
    m = re.search(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b", text)
    if m:
        try:
            return _dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1))).isoformat()
        except ValueError:
            pass
    return None


def year_from_text(text: str, title: str | None) -> int | None:
    if title:
        m = re.search(r"\b((?:19|20)\d{2})\s*[-–]\s*(?:19|20)?\d{2}\b", title)
        if m:
            return int(m.group(1))
        m = re.search(r"\b((?:19|20)\d{2})\b", title)
        if m:
            return int(m.group(1))
    years = []
    for m in re.finditer(r"(?<![\d,.])((?:19|20)\d{2})(?!\d|,\d)", text):
        before = text[max(0, m.start() - 14):m.start()].lower()
        if re.search(r"(innen|frem mot|fram mot|mot|til|[-–])\s*$", before):
            continue  # a target or the end of a period
        y = int(m.group(1))
        if 1990 <= y <= 2039:
            years.append(y)
    return max(years) if years else None


def doc_type_from_text(title: str | None, segments: list[Segment]) -> str | None:
    """The document type its title and first headings name (a strategy, a consultation input, a
    position paper, a report), or None: the one place it is inferred (proposals read it too)."""
    head = " ".join([title or ""] + [s.text for s in segments[:3] if s.kind in ("title", "heading")])
    rules = [("strategy", r"\b(strategi\w*|handlingsplan\w*|utviklingsplan\w*|strategy)\b"),
             ("consultation_input", r"\b(innspill\w*|høringssvar\w*|høringsuttalelse\w*|høringsinnspill\w*)\b"),
             ("position_paper", r"\b(posisjonsnotat\w*|notat)\b"),
             ("report", r"\b(rapport\w*)\b")]
    for t, rx in rules:
        if re.search(rx, head, re.IGNORECASE):
            return t
    return None


def title_from_segments(segments: list[Segment]) -> str | None:
    for s in segments:
        if s.kind == "title":
            return s.text
    for s in segments:
        if s.kind == "heading" and s.text.strip(" :.").lower() not in GENERIC_HEADINGS:
            return s.text
    return None


def document_metadata(path: str | Path, norm: Normalised, segments: list[Segment],
                      manifest: dict[str, dict[str, Any]] | None = None) -> DocumentMeta:
    path = Path(path)
    manifest = manifest or {}
    entry = manifest.get(path.name) or manifest.get(path.stem) or {}

    text_title = title_from_segments(segments)
    text_values: dict[str, Any] = {
        "title": text_title,
        "authors": authors_from_text(norm, segments, text_title),
        "addressees": addressees_from_text(norm, segments),
        "date": date_from_text(norm.text),
        "year": None,
        "doc_type": doc_type_from_text(text_title, segments),
        "source_url": None,
    }
    text_values["year"] = (int(text_values["date"][:4]) if text_values["date"]
                           else year_from_text(norm.text, text_title))
    manifest_values = {
        "title": entry.get("title"), "authors": entry.get("authors"), "addressees": entry.get("addressees"),
        "date": entry.get("date"), "doc_type": entry.get("type"), "source_url": entry.get("source_url"),
        "year": int(str(entry["date"])[:4]) if entry.get("date") else None,
    }
    meta = DocumentMeta(note=entry.get("note"))
    for f in FIELDS:
        mv = manifest_values.get(f)
        present = mv is not None and (f not in ("authors", "addressees") or f in entry)
        if present:
            setattr(meta, f, list(mv) if isinstance(mv, list) else mv)
            meta.method[f] = "manifest"
        elif text_values[f] not in (None, []):
            v = text_values[f]
            setattr(meta, f, list(v) if isinstance(v, list) else v)
            meta.method[f] = "text"
    if meta.date is None and meta.year is not None and meta.method.get("year") == "manifest":
        meta.date = str(meta.year)
    return meta
