"""Entity recognition: curated registry names first, then conservative pattern rules.

``recognise(norm, segments, registry) -> list[Entity]``

1. **Registry matching.** Every surface form of every registry entry (name, English name,
   abbreviations, aliases) is tokenised and folded (:func:`schema.ids.fold`) and indexed by its
   first token. The text is tokenised the same way; at each token the index gives the forms
   that may start there, and each is checked token by token, tolerating Norwegian inflection
   (genitive ``-s``, definite/plural ``-en/-et/-ene/-er``… on any token of four letters or
   more, and on abbreviations: ``TTOene``, ``NFDs``, ``RHF-ene``), case (``SKATTEFUNN``),
   hyphen/space variants (``Helse-IKT`` / ``helse IKT``) and PDF line-break artefacts (a word
   split as ``lege- middelindustrien`` is read as one token). Abbreviations and short
   all-capital forms match case-sensitively on word boundaries (``HOD`` never matches
   ``hode``; ``KD`` never matches inside a word). A capitalised one-word alias (``Forskningsrådet``
   for *Norges forskningsråd*) only matches a capitalised word, so the common noun
   (``forskningsrådet i Sverige``) is not taken for the name.
   The index is a dictionary keyed by folded stems rather than a character automaton: the
   registry holds hundreds of forms, not millions, and the inflection and line-break rules
   work on tokens, which a character Aho–Corasick automaton (pyahocorasick) cannot express
   without enumerating every inflected variant.
2. **Pattern rules** (``loaders.rules``: ``patterns``, ``documents``, ``international``,
   ``official_names``, ``acronyms``) propose entities the registry lacks; they are flagged
   ``verified=False``, ``method="pattern"``.
3. **People** (``loaders.people``): name, role and organisation only; phone numbers and
   e-mail addresses never reach an :class:`Entity`.

Overlaps are resolved longest-first (a registry match wins a tie); an international example
may contain the country or body it names. Mentions of one thing are merged into one entity.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from loaders.patterns import (
    HYPHENS,
    GENERIC_ACRONYMS,
    INSTRUMENT_HEADS,
    NP_STOP,
    Candidate,
    Tok,
    clean,
    is_allcaps,
    match_fold,
    tokenise,
    zipf,
)
from loaders.rules import pattern_candidates
from schema.ids import slug
from schema.text import fold
from schema.model import LABELS


@dataclass
class Mention:
    start: int  # offsets in norm.text
    end: int
    surface: str


@dataclass
class Entity:
    type: str  # a label from schema.model
    name: str  # canonical name (registry name, or the normalised surface form)
    id: str  # registry id, or schema.ids.slug(name)
    aliases: list[str]  # surface forms seen + registry abbreviations/aliases
    verified: bool  # True = registry match; False = pattern find ("unverified")
    method: str  # "registry" | "pattern"
    confidence: float
    mentions: list[Mention]
    country: str | None = None  # for InternationalExample / foreign bodies
    role: str | None = None  # for Person
    organisation: str | None = None  # for Person


# -------------------------------------------------------------------------------------------
# Inflection
# -------------------------------------------------------------------------------------------
# endings a name may take in running text (genitive, definite, plural and combinations)
SUFFIXES = ("", "s", "en", "et", "ene", "er", "ens", "ets", "enes", "ers", "erne", "ernes",
            "n", "ne", "nes", "ns", "r", "rs", "a", "as", "e", "es")
SUFFIX_WORDS = {s for s in SUFFIXES if s}  # after a hyphen or apostrophe: `RHF-ene`, `NFD's`
_SUFFIX_SET = set(SUFFIXES)
_DEFINITE = ("ene", "en", "et", "a", "er", "s")


def _bases(f: str) -> set[str]:
    """Stems a folded name token can inflect from: itself and, for definite forms, the bare noun."""
    out = {f}
    for d in _DEFINITE:
        if f.endswith(d) and len(f) - len(d) >= 4:
            out.add(f[: -len(d)])
    return out


def _lookup_keys(f: str) -> set[str]:
    out = {f}
    for s in SUFFIXES:
        if s and f.endswith(s) and len(f) - len(s) >= 2:
            out.add(f[: -len(s)])
    return out


# -------------------------------------------------------------------------------------------
# Registry forms
# -------------------------------------------------------------------------------------------
EVERYDAY_ZIPF = 4.5  # Zipf frequency (wordfreq, nb) from which a word is an everyday word


@dataclass
class _Form:
    surface: str
    toks: list[Tok]
    gaps: list[str]
    entry: object
    abbrev: bool
    strict_first: bool  # a one-word short name: matches capitalised words only

    def keys(self) -> set[str]:
        f = self.toks[0].fold
        return {f} if self.abbrev else _bases(f)


def _attr(entry, name, default=None):
    v = getattr(entry, name, None)
    if v is None and isinstance(entry, dict):
        v = entry.get(name)
    return default if v is None else v


def _entry_surfaces(entry) -> tuple[list[str], set[str]]:
    """All surface forms of an entry, and which of them are abbreviations."""
    abbrs = {a for a in _attr(entry, "abbreviations", []) if a}
    forms: list[str] = []
    try:
        from schema.registry import surface_forms  # the curated registry's own list
        forms.extend(f for f in surface_forms(entry) if f)
    except Exception:
        pass
    forms.extend([_attr(entry, "name", ""), _attr(entry, "name_en", "")])
    forms.extend(abbrs)
    forms.extend(a for a in _attr(entry, "aliases", []) if a)
    out: list[str] = []
    for f in forms:
        f = (f or "").strip()
        if not f:
            continue
        # "Legemiddelindustrien (LMI)": the name and its abbreviation are two forms; any
        # other parenthesis ("Meld. St. 18 (2018–2019)": the session) belongs to the form
        m = re.fullmatch(r"(.+?)\s*\(([^()]+)\)", f)
        if m and re.fullmatch(r"[A-ZÆØÅ][A-Za-zÆØÅæøå&\-]{1,9}", m.group(2)) and sum(
                c.isupper() for c in m.group(2)) >= 2:
            abbrs.add(m.group(2))
            parts = [m.group(1), m.group(2)]
        else:
            parts = [f]
        for p in parts:
            if p not in out:
                out.append(p)
    # `Stavanger universitetssjukehus HF` is `Stavanger universitetssjukehus` in running text: the
    # company form (HF, RHF, AS, SF …) is left out; a one-word remainder only if it is no
    # everyday word (`Sykehusbygg HF`, not a common noun)
    for f in list(out):
        m = COMPANY_FORM.fullmatch(f)
        if m and m.group(1) not in out and f not in abbrs and (
                " " in m.group(1) or zipf(m.group(1)) < EVERYDAY_ZIPF):
            out.append(m.group(1))
    return out, abbrs


COMPANY_FORM = re.compile(r"(.+?[^\W\d_]{3})\s+(?:HF|RHF|AS|ASA|SF|IKS|KF)")


def _compile_form(surface: str, entry, abbrs: set[str]) -> _Form | None:
    toks = tokenise(surface)
    if not toks:
        return None
    gaps = [surface[a.end:b.start] for a, b in zip(toks, toks[1:])]
    abbrev = surface in abbrs or (len(toks) == 1 and is_allcaps(surface) and len(surface) <= 5)
    name = _attr(entry, "name", "")
    # A one-word capitalised form is a proper name when it is a short name of a longer one
    # (`Forskningsrådet`) or a capitalised definite noun (`Legemiddelindustrien`,
    # `Kreftforeningen`); then only a capitalised word is that name, not the common noun
    # (`i legemiddelindustrien` = in the industry). An indefinite class noun used as an entry
    # name (`Helseforetak`) matches in any case.
    definite = bool(re.search(r"(?:en|et|ene|a)$", surface)) and len(surface) > 6
    # A one-word name that is also an everyday word (`Høyre`, `Venstre`: right, left) is
    # that name only when capitalised.
    everyday = zipf(surface) >= EVERYDAY_ZIPF
    strict_first = (len(toks) == 1 and not abbrev and surface[:1].isupper()
                    and (fold(surface) != fold(name) or definite or everyday))
    return _Form(surface, toks, gaps, entry, abbrev, strict_first)


def _has_internal_cap(w: str) -> bool:
    return bool(re.search(r"[a-zæøå][A-ZÆØÅ]", w))


def _case_ok(ft: str, tt: str, form: _Form, k: int, base_len: int, first_cap: bool = True) -> bool:
    """Does the text token ``tt`` have the capitals the form token ``ft`` asks for?"""
    if form.abbrev or (is_allcaps(ft) and len(ft) <= 5):
        # exact case for the abbreviation part; an inflection ending is lower case
        return tt[:len(ft)] == ft and tt[len(ft):] == tt[len(ft):].lower()
    if is_allcaps(ft):
        return tt[:1].isupper()
    if _has_internal_cap(ft):  # SkatteFUNN, StudENT, NorTrials
        return (tt[:len(ft)] == ft or is_allcaps(tt[:base_len]) or _has_internal_cap(tt)
                or (tt[:1].isupper() and len(ft) >= 8))
    if ft[:1].isupper():
        if k > 0 and first_cap and form.toks[0].text == "Helse" and tt.lower() in COMPASS:
            return True  # `Helse vest`, `Helse nord`: a regional health authority written loosely
        if k > 0 or form.strict_first:
            return tt[:1].isupper()
    return True


COMPASS = {"nord", "sør", "øst", "vest", "aust", "midt"}  # the regions Norway's health trusts are named by


def _gap_ok(g: str, fg: str) -> bool:
    """Token gaps match when they differ only in whitespace and hyphens."""
    strip = lambda s: re.sub(r"[\s\-\u2010\u2011]", "", s)  # noqa: E731
    if strip(g) != strip(fg):
        return False
    return "\n\n" not in g or len(g.strip()) == 0 and g.count("\n") <= 3


class RegistryMatcher:
    def __init__(self, registry):
        self.index: dict[str, list[_Form]] = defaultdict(list)
        self.forms_by_entry: dict[int, list[_Form]] = defaultdict(list)
        for entry in registry or []:
            surfaces, abbrs = _entry_surfaces(entry)
            for s in surfaces:
                form = _compile_form(s, entry, abbrs)
                if not form:
                    continue
                self.forms_by_entry[id(entry)].append(form)
                for key in form.keys():
                    self.index[key].append(form)

    # -- matching ---------------------------------------------------------------------------
    def _tok_ok(self, form: _Form, k: int, tt: str, first_cap: bool = True) -> bool:
        ft = form.toks[k]
        if ft.text.isdigit() or tt.isdigit():
            return ft.text == tt
        tf = match_fold(tt)
        base_len = len(tt)
        if tf != ft.fold:
            if not (form.abbrev or len(ft.fold) >= 4):
                return False
            bases = {ft.fold} if form.abbrev else _bases(ft.fold)
            for b in bases:
                if tf.startswith(b) and tf[len(b):] in _SUFFIX_SET:
                    base_len = len(b)
                    break
            else:
                return False
            # a capitalised name read from a shorter stem of itself (`Tekes` as if `Teke` + s)
            # is that name only when written with its capital: nynorsk `teke` is "taken"
            if len(b) < len(ft.fold) and ft.text[:1].isupper() and not tt[:1].isupper():
                return False
        return _case_ok(ft.text, tt, form, k, base_len, first_cap)

    def match_at(self, text: str, toks: list[Tok], i: int, form: _Form) -> int | None:
        """Exclusive end token index of ``form`` matched at token ``i``, or None."""
        j = i
        n = len(toks)
        for k in range(len(form.toks)):
            if j >= n:
                return None
            if k > 0 and not _gap_ok(text[toks[j - 1].end:toks[j].start], form.gaps[k - 1]):
                return None
            options = [(toks[j].text, j + 1)]
            if j + 1 < n and re.fullmatch(r"[\-\u2010\u2011][ \t]*\n?[ \t\n]*", text[toks[j].end:toks[j + 1].start]) \
                    and "\n\n\n" not in text[toks[j].end:toks[j + 1].start] \
                    and toks[j + 1].text[:1].islower() and toks[j + 1].text not in ("og", "eller", "samt", "til"):
                options.append((toks[j].text + toks[j + 1].text, j + 2))
            for tt, nj in options:
                if self._tok_ok(form, k, tt, toks[i].text[:1].isupper()):
                    j = nj
                    break
            else:
                return None
        return j

    def find(self, text: str, toks: list[Tok]) -> list[Candidate]:
        out: list[Candidate] = []
        n = len(toks)
        for i, t in enumerate(toks):
            # a name does not start inside a hyphenated compound (`Sørøst-Norge`)
            if i > 0 and text[toks[i - 1].end:t.start] in HYPHENS and not toks[i - 1].text.isdigit():
                continue
            starts = [t.fold]
            if i + 1 < n and re.fullmatch(r"[\-\u2010\u2011]\s+", text[t.end:toks[i + 1].start]):
                starts.append(t.fold + toks[i + 1].fold)
            forms: dict[int, _Form] = {}
            for s in starts:
                for key in _lookup_keys(s):
                    for f in self.index.get(key, ()):
                        forms[id(f)] = f
            for f in forms.values():
                j = self.match_at(text, toks, i, f)
                if j is None:
                    continue
                end = toks[j - 1].end
                aliases = []
                # `RHF-ene`, `NFD's`: an ending after a hyphen or apostrophe
                if j < n and text[end:toks[j].start] in ("-", "'", "’", "\u2010") \
                        and toks[j].text in SUFFIX_WORDS:
                    end = toks[j].end
                # `SPARK-program`, `StudENT-stipend`: an instrument compound
                elif j < n and text[end:toks[j].start] in HYPHENS and toks[j].text in INSTRUMENT_HEADS:
                    end = toks[j].end
                    aliases.append(text[t.start:end])
                surface = text[t.start:end]
                exact = surface == f.surface
                out.append(Candidate(
                    type=_attr(f.entry, "kind", "Organisation"), name=_attr(f.entry, "name", f.surface),
                    start=t.start, end=end, rule="registry", confidence=0.95 if exact else 0.9,
                    method="registry", entry=f.entry, aliases=aliases,
                    country=_attr(f.entry, "country", None)))
        return out

    def resolve_name(self, name: str, prefix_ok: bool = False):
        """The registry entry a pattern find's whole name (or, optionally, a prefix of a
        registry name, two tokens or more) stands for."""
        toks = tokenise(name)
        if not toks:
            return None
        for c in self.find(name, toks):
            if c.start == 0 and c.end >= len(name.rstrip(" .,")) - 1:
                return c.entry
        if prefix_ok and len(toks) >= 2:
            for f in self._forms_starting(toks[0].fold):
                if len(f.toks) > len(toks) and all(self._tok_ok(f, k, toks[k].text) for k in range(len(toks))):
                    return f.entry
        return None

    def _forms_starting(self, f: str) -> list[_Form]:
        out = {}
        for key in _lookup_keys(f):
            for form in self.index.get(key, ()):
                out[id(form)] = form
        return list(out.values())

    def misspelt(self, word: str):
        """The entry whose one-word name ``word`` misspells by one letter (`Riksrevisonen`,
        `Rikrevisjonen` for `Riksrevisjonen`); only for long words, which no other name is
        one letter away from."""
        if len(word) < MISSPELT_MIN:
            return None
        f = match_fold(word)
        found = {id(form.entry): form.entry for forms in self.forms_by_entry.values() for form in forms
                 if len(form.toks) == 1 and not form.abbrev and form.toks[0].fold[:1] == f[:1]
                 and _one_edit(form.toks[0].fold, f)}
        return next(iter(found.values())) if len(found) == 1 else None

    def abbreviations(self) -> set[str]:
        return {f.surface for forms in self.forms_by_entry.values() for f in forms if f.abbrev}


MISSPELT_MIN = 9  # letters a word needs before a one-letter slip is read as a known name


def _one_edit(a: str, b: str) -> bool:
    """Are ``a`` and ``b`` one insertion, deletion or substitution apart?"""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i + (len(a) == len(b)):] == b[i + 1:]


# -------------------------------------------------------------------------------------------
# Overlaps, merging
# -------------------------------------------------------------------------------------------
_RULE_PRIORITY = {"registry": 0, "source-line": 9, "internal-caps": 5, "doc-compound": 4}
_COMPOSITE_KINDS = ("InternationalExample", "PolicyDocument", "Instrument")
_REGISTRY_FIRST_RULES = {"plan-for", "instrument-for", "nasjonal", "white-paper", "list",
                         "apposition", "author", "org-multi", "english-org", "statens", "source-line"}


def _resolve_overlaps(cands: list[Candidate]) -> list[Candidate]:
    reg_by_start: dict[int, list[Candidate]] = defaultdict(list)
    for c in cands:
        if c.method == "registry":
            reg_by_start[c.start].append(c)
    # a pattern that over-extends a registry name at the same start yields to the registry
    registry = [c for c in cands if c.method == "registry"]
    kept = []
    for c in cands:
        if c.method != "registry" and c.rule in _REGISTRY_FIRST_RULES and any(
                r.end < c.end for r in reg_by_start.get(c.start, ())):
            continue
        # a composite find that contains a curated example, document or instrument is that
        # thing described at more length: the registry name stands for it
        if c.nested_ok and c.method != "registry" and any(
                c.start <= r.start and r.end <= c.end and r.type in _COMPOSITE_KINDS for r in registry):
            continue
        kept.append(c)
    order = sorted(kept, key=lambda c: (-c.length, _RULE_PRIORITY.get(c.rule, 3), -c.confidence, c.start))
    taken: list[tuple[int, int]] = []
    taken_nested: list[tuple[int, int]] = []
    out = []
    for c in order:
        pool = taken_nested if c.nested_ok else taken
        if any(c.start < b and a < c.end for a, b in pool):
            # the same span found twice by different rules is merged later
            if not any(c.start == o.start and c.end == o.end and o.nested_ok == c.nested_ok for o in out):
                continue
        pool.append((c.start, c.end))
        out.append(c)
    return sorted(out, key=lambda c: c.start)


FRAGMENT_ZIPF = 3.0  # a one-word find this common (wordfreq, nb) may be an ordinary word


def _noun_phrase_start(text: str, c: Candidate) -> bool:
    """`aktører som Norsk industri og Abelia`: a capitalised ordinary word followed by a
    lower-case noun begins a noun phrase; it is not a name by itself."""
    word = text[c.start:c.end]
    if c.type == "Person" or c.rule == "council" or not re.fullmatch(r"[^\W\d_]+", word) or is_allcaps(word):
        return False
    nxt = re.match(r"[ \t]+([a-zæøå]+)", text[c.end:c.end + 40])
    return bool(nxt) and nxt.group(1) not in NP_STOP and zipf(word) >= FRAGMENT_ZIPF


def _merge_key(c: Candidate, matcher: RegistryMatcher) -> tuple:
    if c.entry is not None:
        return ("reg", _attr(c.entry, "id", None) or slug(_attr(c.entry, "name", c.name)))
    if c.key:
        return ("pat", c.key)
    return ("pat", re.sub(r"[^a-z0-9]", "", fold(c.name)))


def _surface(text: str, a: int, b: int) -> str:
    return re.sub(r"\s+", " ", text[a:b]).strip()


def recognise(norm, segments, registry) -> list:
    """Entities in ``norm.text``: registry matches and unverified pattern finds."""
    from loaders.people import find_people

    text = norm.text
    toks = tokenise(text)
    matcher = RegistryMatcher(registry)
    cands = [c for c in matcher.find(text, toks) if not _other_edition(text, c)]
    pats = pattern_candidates(text)
    # a pattern find that names a registry entry becomes a registry match
    for c in pats:
        entry = matcher.resolve_name(c.name, prefix_ok=c.type in ("PolicyDocument", "Instrument"))
        if entry is None and c.rule == "capitalised-word":
            entry = matcher.misspelt(c.name)
        if entry is None and c.rule == "country":
            continue
        if entry is not None:
            c.entry, c.method = entry, "registry"
            c.type = _attr(entry, "kind", c.type)
            c.name = _attr(entry, "name", c.name)
            c.country = c.country or _attr(entry, "country", None)
    cands.extend(c for c in pats if c.entry is not None or not _noun_phrase_start(text, c))
    cands = [c for c in cands if not _other_edition(text, c)]
    people = find_people(text, segments, norm)
    for p in people:  # a person's organisation by its registry name where it has one
        org = re.sub(r"\s*\([^()]*\)\s*$", "", p.organisation or "")
        entry = (matcher.resolve_name(org) or matcher.resolve_name(p.organisation)) if org else None
        if entry is not None:
            p.organisation = _attr(entry, "name", p.organisation)
    # a registry name is not a person's (`Oslo Cancer Cluster` in a list of names)
    registry_spans = [(c.start, c.end) for c in cands if c.entry is not None]
    cands.extend(p for p in people if not any(a < p.end and p.start < b for a, b in registry_spans))
    resolved = _resolve_overlaps(cands)

    groups: dict[tuple, list[Candidate]] = defaultdict(list)
    for c in resolved:
        groups[_merge_key(c, matcher)].append(c)

    entities = [_build_entity(text, cs) for cs in groups.values()]
    _link_parenthesised_abbreviations(text, toks, entities, matcher)
    entities = _merge_aliases_of_others(entities)
    entities = _merge_same_id(entities)
    _link_anaphoric_heads(text, toks, entities)
    entities = [e for e in entities if e.type in LABELS]
    entities.sort(key=lambda e: e.mentions[0].start if e.mentions else 0)
    return entities


def _other_edition(text: str, c: Candidate) -> bool:
    """`Perspektivmeldingen 2024` is not the registry's `Perspektivmeldingen 2017`: a year right after
    a match that the entry's name gives otherwise names another edition."""
    m = re.match(r"[ \t]+((?:19|20)\d\d)\b", text[c.end:c.end + 6])
    years = re.findall(r"\b(?:19|20)\d\d\b", _attr(c.entry, "name", "") or "") if c.entry is not None else []
    return bool(m and years and m.group(1) not in years)


def _build_entity(text: str, cs: list[Candidate]) -> Entity:
    reg = next((c for c in cs if c.entry is not None), None)
    best = max(cs, key=lambda c: (c.entry is not None, c.confidence, len(c.name)))
    if reg is not None:
        entry = reg.entry
        name = _attr(entry, "name", best.name)
        typ = _attr(entry, "kind", best.type)
        eid = _attr(entry, "id", None) or slug(name)
        extra = [a for a in _attr(entry, "abbreviations", []) if a] + \
                [a for a in _attr(entry, "aliases", []) if a]
        verified, method = True, "registry"
        country = _attr(entry, "country", None) or next((c.country for c in cs if c.country), None)
    else:
        name, typ = best.name, best.type
        eid = slug(name)
        extra = []
        verified, method = False, "pattern"
        country = next((c.country for c in cs if c.country), None)
    if typ == "Country" and not country:
        country = name
    mentions = []
    seen = set()
    for c in sorted(cs, key=lambda c: c.start):
        if (c.start, c.end) in seen:
            continue
        seen.add((c.start, c.end))
        mentions.append(Mention(c.start, c.end, text[c.start:c.end]))
    aliases: list[str] = []
    for a in [_surface(text, m.start, m.end) for m in mentions] + \
            [clean(m.surface) for m in mentions] + [a for c in cs for a in c.aliases] + extra:
        a = (a or "").strip()
        if a and a != name and a not in aliases:
            aliases.append(a)
    person = next((c for c in cs if c.type == "Person"), None)
    conf = max(c.confidence for c in cs)
    return Entity(type=typ, name=name, id=eid, aliases=aliases, verified=verified, method=method,
                  confidence=round(conf, 3), mentions=mentions,
                  country=country if typ != "Person" else None,
                  role=person.role if person else None,
                  organisation=person.organisation if person else None)


def _merge_aliases_of_others(entities: list[Entity]) -> list[Entity]:
    """An unverified find whose name is another unverified find's alias is that same thing:
    `InPred` after `Ny infrastruktur for presisjonsdiagnostikk ved kreft (InPred)`."""
    by_alias: dict[str, Entity] = {}
    for e in entities:
        if not e.verified:
            for a in e.aliases:
                by_alias.setdefault(a, e)
    out = []
    for e in entities:
        owner = by_alias.get(e.name) if not e.verified and e.type != "Person" else None
        if owner is not None and owner is not e and owner.type != "Person":
            owner.mentions = sorted(owner.mentions + e.mentions, key=lambda m: m.start)
            continue
        out.append(e)
    return out


def _merge_same_id(entities: list[Entity]) -> list[Entity]:
    """Two finds that came to the same id by different rules (`Primærhelsemeldingen` as a title and
    as a capitalised compound) are one entity: the surer one keeps its name, with both's mentions."""
    by_id: dict[str, Entity] = {}
    out = []
    for e in sorted(entities, key=lambda e: (not e.verified, -e.confidence)):
        first = by_id.get(e.id)
        if first is None or first.type == "Person" or e.type == "Person":
            by_id.setdefault(e.id, e)
            out.append(e)
            continue
        spans = {(m.start, m.end) for m in first.mentions}
        first.mentions = sorted(first.mentions + [m for m in e.mentions if (m.start, m.end) not in spans],
                                key=lambda m: m.start)
        first.aliases += [a for a in e.aliases if a not in first.aliases and a != first.name]
    keep = {id(e) for e in out}
    return [e for e in entities if id(e) in keep]


_PAREN_ABBR = re.compile(r"[ \t]*\(([A-ZÆØÅ][A-Za-zÆØÅæøå&]{1,9})\)")
_PAREN_SHORT = re.compile(r"[ \t]*\(([^\W\d_]{4,30})\)")
_GLOSS_HEADS = ("plan", "planen", "strategi", "strategien", "melding", "meldingen", "meldinga", "program",
                "programmet", "loven", "lova", "forskriften", "forskrifta", "reform", "reformen", "utvalget",
                "utvalet", "rådet", "senteret", "satsing", "satsingen", "ordning", "ordningen", "veikart")


def _shares_head(name: str, short: str) -> bool:
    """Does the one-word ``short`` name the same kind of thing as ``name`` (a compound on the
    head noun of the title: `ekomplan` for a plan, `helseregisterloven` for a law)?"""
    words = re.findall(r"[^\W\d_]+", name.lower())
    s = short.lower()
    if words and words[0] in ("lov", "forskrift") and s.endswith(("loven", "lova", "forskriften", "forskrifta")):
        return len(s) > 8  # `Lov om helseregistre (helseregisterloven)`
    return any(h in words[0] or h in words[-1] or any(h == w for w in words) for h in _GLOSS_HEADS
               if s.endswith(h) and len(s) > len(h) + 2)


def _link_parenthesised_abbreviations(text, toks, entities, matcher):
    """`Institutt for energiteknikk (IFE)`: the abbreviation becomes an alias of the pattern
    find, and its other occurrences become mentions."""
    known = matcher.abbreviations()
    covered = [(m.start, m.end) for e in entities for m in e.mentions]
    for e in entities:
        if e.verified or e.type in ("Person", "Country"):
            continue
        for m in list(e.mentions):
            gm = _PAREN_SHORT.match(text, m.end)
            if gm and not _PAREN_ABBR.match(text, m.end):
                # `nasjonal plan for elektronisk kommunikasjon (ekomplan)`: a short name on the
                # same head noun glosses the title
                if _shares_head(e.name, gm.group(1)):
                    short = gm.group(1)
                    for a in (short, short[0].upper() + short[1:], f"{_surface(text, m.start, m.end)} ({short})"):
                        if a not in e.aliases:
                            e.aliases.append(a)
                continue
            pm = _PAREN_ABBR.match(text, m.end)
            if not pm:
                continue
            abbr = pm.group(1)
            if sum(c.isupper() for c in abbr) < 2 or abbr in known or abbr.upper() in GENERIC_ACRONYMS:
                continue
            if abbr not in e.aliases:
                e.aliases.append(abbr)
            for t in toks:
                if t.text.startswith(abbr) and t.text[len(abbr):] in SUFFIX_WORDS | {""} and \
                        not any(a <= t.start < b for a, b in covered):
                    e.mentions.append(Mention(t.start, t.end, t.text))
                    covered.append((t.start, t.end))
            e.mentions.sort(key=lambda x: x.start)


# a body referred back to by the head noun of its name, in the definite singular (``Komiteen`` after
# ``Innstilling fra kontroll- og konstitusjonskomiteen``, ``Senteret`` after ``Nasjonalt senter for
# e-helseforskning``, ``føretaket`` in Helse Fonna's own plan); not the nouns that also mean
# something else (``rådet`` is also *the advice*, ``tilsynet`` *the inspection*)
_ANAPHORIC_HEADS = {
    "komiteen": "komite", "komitéen": "komite", "senteret": "senter", "instituttet": "institutt",
    "direktoratet": "direktorat", "departementet": "departement", "utvalget": "utvalg", "utvalet": "utval",
    "kommisjonen": "kommisjon", "foretaket": "foretak", "føretaket": "føretak", "sykehuset": "sykehus",
    "sjukehuset": "sjukehus", "klyngen": "klynge", "klynga": "klynge", "foreningen": "forening",
    "foreininga": "foreining", "forbundet": "forbund", "etaten": "etat", "byrået": "byrå",
    "universitetet": "universitet", "fondet": "fond", "selskapet": "selskap",
}
_ANAPHOR_TYPES = frozenset({"Agency", "Organisation", "Ministry"})


def _has_head(name: str, head: str) -> bool:
    words = re.findall(r"[^\W\d_]+", re.sub(r"\s*\(.*\)\s*$", "", name).lower())
    return any(re.fullmatch(rf"\w*{head}(?:en|et|a|n|é|éen|e)?", w) for w in words)


def _link_anaphoric_heads(text, toks, entities) -> None:
    """``Komiteen``, ``Senteret``: the one body of the document whose name has that head noun
    (a compound on it: ``konstitusjonskomiteen``, ``universitetssjukehus``) is what the definite
    noun refers to; with two such bodies it is left alone."""
    covered = [(m.start, m.end) for e in entities for m in e.mentions]
    for t in toks:
        word = t.text.lower()
        base = word[:-1] if word.endswith("s") and not word.endswith("ss") else word
        form = next((f for f in _ANAPHORIC_HEADS if base == f or base.endswith(f) and len(base) > len(f) + 3), None)
        head = _ANAPHORIC_HEADS.get(form) if form and (base in _ANAPHORIC_HEADS or word in _ANAPHORIC_HEADS
                                                       or t.text[:1].isupper()) else None
        if head is None or any(a < t.end and t.start < b for a, b in covered):
            continue
        if re.match(r"[ \t]+(?:for|i|til|på)[ \t]+[A-ZÆØÅ]", text[t.end:t.end + 8]) or \
                t.text[:1].isupper() and re.match(r"[ \t]+om[ \t]+[a-zæøå]", text[t.end:t.end + 8]):
            continue  # ``Direktoratet for e-helse``: a name of its own
        owners = [e for e in entities if e.type in _ANAPHOR_TYPES and e.mentions and e.mentions[0].start < t.start
                  and _has_head(e.name, head)]
        if len({e.id for e in owners}) != 1:
            continue
        e = owners[0]
        e.mentions.append(Mention(t.start, t.end, text[t.start:t.end]))
        e.mentions.sort(key=lambda x: x.start)
        covered.append((t.start, t.end))
