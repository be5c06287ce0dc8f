"""The curated reference registry: ministries, agencies, organisations, instruments,
international examples, countries and policy documents, each with public sources.

The data lives in the folder ``registry/`` beside this module: one YAML file per kind or area
(``ministries.yaml``, ``agencies.yaml`` …), each a list of mappings; the entries of all files
form one registry (see ``registry/CONTRIBUTING.md``). :func:`load_registry` reads and validates
it once and caches the result.

Validation rules (a :class:`RegistryError` lists every problem found):

* ``kind`` is one of :data:`KINDS`; ``name`` is present; ``(kind, name)`` is unique and
  ``slug(name)`` (the node id) is unique across the whole registry;
* every entry has at least one source and every source (entry or link) is an http(s) URL, the
  address the page was read at;
* link targets exist: ``owned_by`` points at a Ministry (only Instruments and Agencies are
  owned), ``administered_by`` at an Agency or Organisation (only Instruments are
  administered), ``part_of`` at a Ministry, Agency or Organisation; ``country`` names a
  Country entry;
* dates are ISO (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) and ``valid_from <= valid_to``; a
  link's dates lie within its target's (no owner before it was formed or after it closed);
* ``succeeded_by`` (Ministry only) names the ministries that took over from it: each a registered
  Ministry with the day the change took effect (``YYYY-MM-DD``), what the change was (one of
  :data:`CHANGES`) and a source; the entry ends before that day and the successor exists on it;
* ``wikidata`` looks like a Q-id, ``org_number`` has nine digits;
* no string anywhere looks like an e-mail address or a phone number (:mod:`schema.privacy`);
* no surface form (name, English name, abbreviation, alias), folded with
  :func:`schema.ids.fold`, belongs to two entries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

import yaml

from schema.ids import slug
from schema.text import fold
from schema.privacy import EMAIL, PHONE
from schema.model import SUCCESSION_CHANGES

REGISTRY_PATH = Path(__file__).with_name("registry")

KINDS = ("Ministry", "Agency", "Organisation", "Instrument", "InternationalExample",
         "Country", "PolicyDocument")
_ORG_KINDS = ("Ministry", "Agency", "Organisation")

# Which kinds may carry which link, and which kinds a link may point at.
_LINK_RULES: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    # field: (kinds that may have it, target kinds, accepted keys for the target name)
    "owned_by": (("Instrument", "Agency"), ("Ministry",), ("ministry", "target")),
    "administered_by": (("Instrument",), ("Agency", "Organisation"),
                        ("agency", "org", "organisation", "target")),
    "part_of": (_ORG_KINDS, _ORG_KINDS, ("org", "organisation", "agency", "ministry", "target")),
}

_ENTRY_FIELDS = {
    "kind", "name", "name_en", "abbreviations", "aliases", "wikidata", "org_number", "country",
    "iso", "owned_by", "administered_by", "part_of", "succeeded_by", "valid_from", "valid_to", "sources",
    "uncertain",
}
# What became of a ministry on the day its successor took over (schema.model.SUCCESSION_CHANGES).
CHANGES = SUCCESSION_CHANGES
_SUCCESSION_FIELDS = {"ministry", "date", "change", "source"}
_DAY_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_LINK_EXTRA_FIELDS = {"valid_from", "valid_to", "source"}

_DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_QID_RE = re.compile(r"^Q[1-9]\d*$")
_ORGNR_RE = re.compile(r"^\d{9}$")
_ISO_RE = re.compile(r"^[A-Z]{2}$")


class RegistryError(ValueError):
    """The registry file is invalid; ``problems`` lists every problem found."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("invalid registry:\n  " + "\n  ".join(problems))


@dataclass(frozen=True)
class Link:
    """A curated relationship (OWNED_BY, ADMINISTERED_BY, PART_OF) with its validity."""

    target: str  # canonical name of the target entry
    target_id: str
    valid_from: str | None = None
    valid_to: str | None = None
    source: str | None = None


@dataclass(frozen=True)
class Succession:
    """A ministry that took over from this one (REPLACES, from the successor), on a day."""

    target: str  # canonical name of the successor
    target_id: str
    date: str  # YYYY-MM-DD: the day the change took effect
    change: str  # one of CHANGES
    source: str


@dataclass(frozen=True)
class Entry:
    kind: str
    name: str
    id: str
    name_en: str | None = None
    abbreviations: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None
    org_number: str | None = None
    country: str | None = None
    owned_by: tuple[Link, ...] = ()
    administered_by: tuple[Link, ...] = ()
    part_of: tuple[Link, ...] = ()
    succeeded_by: tuple[Succession, ...] = ()
    valid_from: str | None = None
    valid_to: str | None = None
    sources: tuple[str, ...] = ()
    uncertain: str | None = None
    iso: str | None = None  # Country only: ISO 3166-1 alpha-2


def surface_forms(entry: Entry) -> list[str]:
    """Every string the entry may appear as: name, English name, abbreviations, aliases."""
    forms = [entry.name]
    if entry.name_en:
        forms.append(entry.name_en)
    forms.extend(entry.abbreviations)
    forms.extend(entry.aliases)
    seen: set[str] = set()
    out = []
    for form in forms:
        if form not in seen:
            seen.add(form)
            out.append(form)
    return out


# -- loading ---------------------------------------------------------------------------

def _str_or_none(value: Any) -> str | None:
    if value is None:
        return None
    return str(value).strip() or None


def _str_tuple(value: Any, where: str, problems: list[str]) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        problems.append(f"{where}: expected a list, got {type(value).__name__}")
        return ()
    return tuple(str(v).strip() for v in value if str(v).strip())


def _walk_strings(obj: Any) -> Iterable[str]:
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, dict):
        for v in obj.values():
            yield from _walk_strings(v)
    elif isinstance(obj, (list, tuple)):
        for v in obj:
            yield from _walk_strings(v)


def _check_personal_data(raw: dict, where: str, problems: list[str]) -> None:
    for key, value in raw.items():
        for text in _walk_strings(value):
            if EMAIL.search(text):
                problems.append(f"{where}: {key} contains an e-mail address: {text!r}")
            # Nine-digit organisation numbers, ids, dates and addresses are not phone numbers.
            if key in ("org_number", "wikidata", "sources", "valid_from", "valid_to") or text.startswith("https://"):
                continue
            if PHONE.search(text):
                problems.append(f"{where}: {key} contains a phone-number-like string: {text!r}")


def _check_date(value: str | None, what: str, where: str, problems: list[str]) -> None:
    if value is not None and not _DATE_RE.match(value):
        problems.append(f"{where}: {what} {value!r} is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)")


def _check_interval(start: str | None, end: str | None, where: str, problems: list[str]) -> None:
    if start and end and _DATE_RE.match(start) and _DATE_RE.match(end) and start[:len(end)] > end[:len(start)]:
        problems.append(f"{where}: valid_from {start} is after valid_to {end}")


def _check_within(lf: str | None, lt: str | None, target: "Entry", where: str, problems: list[str]) -> None:
    """A dated link lies within its target's own validity: nobody is owned by a ministry before it
    was formed or after it closed. A link without dates ends when its entry does (it cannot
    outlive it). Dates compare at the coarser of their two precisions."""
    tf, tt = target.valid_from, target.valid_to
    if not all(d is None or _DATE_RE.match(d) for d in (lf, lt, tf, tt)):
        return
    def before(a: str, b: str) -> bool:
        n = min(len(a), len(b))
        return a[:n] < b[:n]
    early = tf and ((lf and before(lf, tf)) or (lt and before(lt, tf)))
    late = tt and (lt is None or before(tt, lt) or (lf and before(tt, lf)))
    if early or late:
        problems.append(f"{where}: {target.name!r} existed {tf or '…'} to {tt or 'now'}, "
                        f"but the link runs {lf or '…'} to {lt or 'now'}")


def _check_url(url: str, where: str, problems: list[str]) -> None:
    if not re.match(r"^https?://[^\s/]+\.[^\s/]+(/\S*)?$", url):
        problems.append(f"{where}: source {url!r} is not an http(s) URL")


def _parse(raw_entries: Any, origins: list[str] | None = None) -> list[Entry]:
    """Validate the raw entries; ``origins[i]`` says where entry i was read (file and place)."""
    problems: list[str] = []
    if not isinstance(raw_entries, list):
        raise RegistryError(["the registry must be a YAML list of mappings"])

    # Pass 1: entries without links, so link targets can be checked in pass 2.
    parsed: list[tuple[dict, Entry, str]] = []
    by_name: dict[str, list[Entry]] = {}
    seen_kind_name: set[tuple[str, str]] = set()
    seen_ids: dict[str, str] = {}
    for i, raw in enumerate(raw_entries):
        origin = origins[i] if origins else f"entry {i + 1}"
        where = origin
        if not isinstance(raw, dict):
            problems.append(f"{where}: expected a mapping")
            continue
        name = _str_or_none(raw.get("name"))
        kind = _str_or_none(raw.get("kind"))
        where = f"{origin} ({kind} {name!r})"
        unknown = set(raw) - _ENTRY_FIELDS
        if unknown:
            problems.append(f"{where}: unknown fields {sorted(unknown)}")
        if kind not in KINDS:
            problems.append(f"{where}: unknown kind {kind!r} (expected one of {', '.join(KINDS)})")
        if not name:
            problems.append(f"{where}: missing name")
            continue
        if (kind, name) in seen_kind_name:
            problems.append(f"{where}: duplicate {kind} {name!r}")
        seen_kind_name.add((kind or "", name))
        entry_id = slug(name)
        if entry_id in seen_ids and seen_ids[entry_id] != name:
            problems.append(f"{where}: id {entry_id!r} collides with {seen_ids[entry_id]!r}")
        elif entry_id in seen_ids and kind is not None:
            problems.append(f"{where}: id {entry_id!r} is used twice")
        seen_ids[entry_id] = name

        sources = _str_tuple(raw.get("sources"), f"{where} sources", problems)
        if not sources:
            problems.append(f"{where}: at least one source is required")
        for url in sources:
            _check_url(url, where, problems)

        wikidata = _str_or_none(raw.get("wikidata"))
        if wikidata and not _QID_RE.match(wikidata):
            problems.append(f"{where}: wikidata {wikidata!r} is not a Q-id")
        org_number = _str_or_none(raw.get("org_number"))
        if org_number and not _ORGNR_RE.match(org_number):
            problems.append(f"{where}: org_number {org_number!r} must be nine digits (quote it in YAML)")
        iso = _str_or_none(raw.get("iso"))
        if iso and (kind != "Country" or not _ISO_RE.match(iso)):
            problems.append(f"{where}: iso {iso!r} must be a two-letter code on a Country")
        valid_from, valid_to = _str_or_none(raw.get("valid_from")), _str_or_none(raw.get("valid_to"))
        _check_date(valid_from, "valid_from", where, problems)
        _check_date(valid_to, "valid_to", where, problems)
        _check_interval(valid_from, valid_to, where, problems)
        _check_personal_data(raw, where, problems)

        entry = Entry(
            kind=kind or "", name=name, id=entry_id,
            name_en=_str_or_none(raw.get("name_en")),
            abbreviations=_str_tuple(raw.get("abbreviations"), f"{where} abbreviations", problems),
            aliases=_str_tuple(raw.get("aliases"), f"{where} aliases", problems),
            wikidata=wikidata, org_number=org_number,
            country=_str_or_none(raw.get("country")),
            valid_from=valid_from, valid_to=valid_to, sources=sources,
            uncertain=_str_or_none(raw.get("uncertain")), iso=iso,
        )
        parsed.append((raw, entry, where))
        by_name.setdefault(name, []).append(entry)

    # Pass 2: links and countries.
    entries: list[Entry] = []
    for raw, entry, where in parsed:
        links: dict[str, tuple[Link, ...]] = {}
        for field, (allowed_kinds, target_kinds, keys) in _LINK_RULES.items():
            raw_links = raw.get(field)
            if raw_links in (None, []):
                links[field] = ()
                continue
            if entry.kind not in allowed_kinds:
                problems.append(f"{where}: a {entry.kind} cannot have {field}")
            if not isinstance(raw_links, list):
                problems.append(f"{where}: {field} must be a list of mappings")
                links[field] = ()
                continue
            out = []
            for j, raw_link in enumerate(raw_links):
                lwhere = f"{where} {field}[{j}]"
                if not isinstance(raw_link, dict):
                    problems.append(f"{lwhere}: expected a mapping")
                    continue
                name_keys = [k for k in raw_link if k in keys]
                unknown = set(raw_link) - set(keys) - _LINK_EXTRA_FIELDS
                if unknown:
                    problems.append(f"{lwhere}: unknown fields {sorted(unknown)}")
                if len(name_keys) != 1:
                    problems.append(f"{lwhere}: give the target as exactly one of {', '.join(keys)}")
                    continue
                target = _str_or_none(raw_link[name_keys[0]]) or ""
                candidates = [e for e in by_name.get(target, []) if e.kind in target_kinds]
                if not candidates:
                    problems.append(f"{lwhere}: target {target!r} is not a registered "
                                    f"{' or '.join(target_kinds)}")
                    continue
                source = _str_or_none(raw_link.get("source"))
                if source:
                    _check_url(source, lwhere, problems)
                else:
                    problems.append(f"{lwhere}: a source is required")
                lf, lt = _str_or_none(raw_link.get("valid_from")), _str_or_none(raw_link.get("valid_to"))
                _check_date(lf, "valid_from", lwhere, problems)
                _check_date(lt, "valid_to", lwhere, problems)
                _check_interval(lf, lt, lwhere, problems)
                _check_within(lf, lt or (entry.valid_to if lf is None else None), candidates[0], lwhere, problems)
                out.append(Link(target=target, target_id=candidates[0].id, valid_from=lf,
                                valid_to=lt, source=source))
            links[field] = tuple(out)
        links["succeeded_by"] = _successions(raw.get("succeeded_by"), entry, by_name, where, problems)
        if entry.country is not None and not any(e.kind == "Country" for e in by_name.get(entry.country, [])):
            problems.append(f"{where}: country {entry.country!r} is not a registered Country")
        entries.append(Entry(**{**entry.__dict__, **links}))

    # Surface forms must identify one entry.
    owners: dict[str, str] = {}
    for entry in entries:
        for form in surface_forms(entry):
            key = fold(form)
            if key in owners and owners[key] != entry.id:
                problems.append(f"surface form {form!r} of {entry.name!r} also belongs to {owners[key]!r}")
            owners.setdefault(key, entry.id)

    if problems:
        raise RegistryError(problems)
    return entries


def _successions(raw: Any, entry: Entry, by_name: dict[str, list[Entry]], where: str,
                 problems: list[str]) -> tuple[Succession, ...]:
    """The entry's successors: registered ministries that existed on the day of the change, which
    comes after the entry's last day."""
    if raw in (None, []):
        return ()
    if entry.kind != "Ministry":
        problems.append(f"{where}: a {entry.kind} cannot have succeeded_by")
    if not isinstance(raw, list):
        problems.append(f"{where}: succeeded_by must be a list of mappings")
        return ()
    out = []
    for j, item in enumerate(raw):
        swhere = f"{where} succeeded_by[{j}]"
        if not isinstance(item, dict):
            problems.append(f"{swhere}: expected a mapping")
            continue
        unknown, missing = set(item) - _SUCCESSION_FIELDS, _SUCCESSION_FIELDS - set(item)
        if unknown or missing:
            problems.append(f"{swhere}: " + "; ".join(
                [f"unknown fields {sorted(unknown)}"] * bool(unknown) + [f"missing {sorted(missing)}"] * bool(missing)))
            continue
        target, date, change, source = (_str_or_none(item[k]) or "" for k in ("ministry", "date", "change", "source"))
        successor = next((e for e in by_name.get(target, []) if e.kind == "Ministry"), None)
        if successor is None or successor.id == entry.id:
            problems.append(f"{swhere}: successor {target!r} is not another registered Ministry")
            continue
        if not _DAY_RE.match(date):
            problems.append(f"{swhere}: date {date!r} is not a day (YYYY-MM-DD)")
            continue
        if change not in CHANGES:
            problems.append(f"{swhere}: change {change!r} is not one of {', '.join(CHANGES)}")
        _check_url(source, swhere, problems)
        if entry.valid_to and _DATE_RE.match(entry.valid_to) and not entry.valid_to[:len(date)] < date[:len(entry.valid_to)]:
            problems.append(f"{swhere}: {entry.name!r} ran until {entry.valid_to}, not before {date}")
        sf, st = successor.valid_from, successor.valid_to
        if (sf and _DATE_RE.match(sf) and date[:len(sf)] < sf[:len(date)]) or \
                (st and _DATE_RE.match(st) and st[:len(date)] < date[:len(st)]):
            problems.append(f"{swhere}: {target!r} existed {sf or '…'} to {st or 'now'}, not on {date}")
        out.append(Succession(target, successor.id, date, change, source))
    return tuple(out)


def parse_registry_text(text: str) -> list[Entry]:
    """Parse and validate registry YAML text (no caching)."""
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise RegistryError([f"YAML error: {exc}"]) from exc
    return _parse(raw)


def registry_files(path: str | Path | None = None) -> list[Path]:
    """The YAML files of a registry: every ``*.yaml`` in a folder (sorted), or one file."""
    path = Path(path) if path is not None else REGISTRY_PATH
    return sorted(path.glob("*.yaml")) if path.is_dir() else [path]


# In a registry folder each file holds one kind, and its name starts with that kind's plural
# (``agencies.yaml``, ``agencies_health.yaml``), so an entry is found by kind at a glance.
FILE_PREFIXES = {
    "ministries": "Ministry", "agencies": "Agency", "organisations": "Organisation",
    "instruments": "Instrument", "international_examples": "InternationalExample",
    "countries": "Country", "policy_documents": "PolicyDocument",
}


def _file_kind(f: Path) -> str | None:
    for prefix, kind in FILE_PREFIXES.items():
        if f.stem == prefix or f.stem.startswith(prefix + "_"):
            return kind
    return None


def _read_files(files: list[Path], folder: bool) -> tuple[list[Any], list[str]]:
    raw: list[Any] = []
    origins: list[str] = []
    problems: list[str] = []
    for f in files:
        try:
            entries = yaml.safe_load(f.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            problems.append(f"{f.name}: YAML error: {exc}")
            continue
        if entries is None:
            continue
        if not isinstance(entries, list):
            problems.append(f"{f.name}: must be a YAML list of mappings")
            continue
        kind = _file_kind(f)
        if folder and kind is None:
            problems.append(f"{f.name}: a registry file's name starts with the plural of its kind "
                            f"({', '.join(FILE_PREFIXES)})")
        elif folder:
            problems.extend(f"{f.name} entry {i + 1}: a {e.get('kind')} in the {kind} file"
                            for i, e in enumerate(entries)
                            if isinstance(e, dict) and e.get("kind") != kind)
        raw.extend(entries)
        origins.extend(f"{f.name} entry {i + 1}" for i in range(len(entries)))
    if not files:
        problems.append("no registry files found")
    if problems:
        raise RegistryError(problems)
    return raw, origins


@lru_cache(maxsize=8)
def _load_cached(path: str) -> tuple[Entry, ...]:
    return tuple(_parse(*_read_files(registry_files(path), Path(path).is_dir())))


def load_registry(path: str | Path | None = None) -> list[Entry]:
    """Load and validate the registry, a folder of YAML files or one file (cached per path).
    Raises :class:`RegistryError`."""
    return list(_load_cached(str(Path(path) if path is not None else REGISTRY_PATH)))


def by_id(path: str | Path | None = None) -> dict[str, Entry]:
    """Registry entries by id (ids are unique across kinds)."""
    return {e.id: e for e in load_registry(path)}


def by_surface_form(path: str | Path | None = None) -> dict[str, Entry]:
    """Registry entries keyed by every folded surface form (see :func:`surface_forms`)."""
    out: dict[str, Entry] = {}
    for entry in load_registry(path):
        for form in surface_forms(entry):
            out.setdefault(fold(form), entry)
    return out


def lookup(text: str, path: str | Path | None = None) -> Entry | None:
    """The entry whose name or surface form folds to the same string as ``text``."""
    return by_surface_form(path).get(fold(text.strip()))
