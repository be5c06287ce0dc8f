"""The curated reference registry (schema/registry/*.yaml + schema/registry.py)."""

from __future__ import annotations

import ast
import json
import os
from pathlib import Path

import pytest

from schema.ids import slug
from schema.text import fold
from schema.model import NODE_BY_LABEL
from schema.registry import (
    KINDS, REGISTRY_PATH, Entry, Link, RegistryError, by_id, load_registry, lookup,
    parse_registry_text, surface_forms,
)

REPO = Path(__file__).resolve().parents[1]
SRC = "https://example.org/source"


def _gold_dir() -> Path | None:
    candidates = [os.environ.get("HELSEGRAF_GOLD_DIR"), REPO.parent / "shared" / "gold",
                  REPO / "shared" / "gold"]
    for c in candidates:
        if c and Path(c).is_dir() and list(Path(c).glob("*.json")):
            return Path(c)
    return None


@pytest.fixture(scope="module")
def registry() -> list[Entry]:
    return load_registry()


@pytest.fixture(scope="module")
def index(registry) -> dict[str, Entry]:
    return {e.name: e for e in registry}


# -- the shipped registry -----------------------------------------------------------------

def test_loads_and_covers_every_kind(registry):
    kinds = {e.kind for e in registry}
    assert kinds == set(KINDS)
    assert all(k in NODE_BY_LABEL for k in kinds)  # kinds are model labels
    assert len(registry) >= 100


def test_ids_are_slugs_and_unique(registry):
    ids = [e.id for e in registry]
    assert len(ids) == len(set(ids))
    assert all(e.id == slug(e.name) for e in registry)
    assert by_id()["naerings-og-fiskeridepartementet"].abbreviations == ("NFD",)


def test_every_entry_has_https_sources(registry):
    for e in registry:
        assert e.sources, e.name
        assert all(s.startswith(("https://", "http://")) for s in e.sources), e.name
        for link in e.owned_by + e.administered_by + e.part_of:
            assert link.source and link.source.startswith(("https://", "http://")), (e.name, link)


def test_load_is_cached(registry):
    assert load_registry()[0] is registry[0]
    assert load_registry(REGISTRY_PATH)[0] is registry[0]


def test_current_ministries(registry):
    current = {e.name for e in registry if e.kind == "Ministry" and e.valid_to is None}
    assert len(current) == 16
    assert {"Nærings- og fiskeridepartementet", "Helse- og omsorgsdepartementet",
            "Kunnskapsdepartementet", "Digitaliserings- og forvaltningsdepartementet",
            "Energidepartementet", "Kultur- og likestillingsdepartementet"} <= current
    assert lookup("DFD").name == "Digitaliserings- og forvaltningsdepartementet"
    closed = {e.name: e.valid_to for e in registry if e.kind == "Ministry" and e.valid_to}
    assert {"Nærings- og handelsdepartementet": "2013-12-31",
            "Fiskeri- og kystdepartementet": "2013-12-31"}.items() <= closed.items()


@pytest.mark.parametrize("form, name, valid_from, valid_to", [
    ("Helsedepartementet", "Helsedepartementet", "2002-01-01", "2004-09-30"),
    ("Sosial- og helsedepartementet", "Sosial- og helsedepartementet", "1993", "2001-12-31"),
    ("Utdannings- og forskningsdepartementet", "Utdannings- og forskningsdepartementet",
     "2002-01-01", "2005-12-31"),
    ("KMD", "Kommunal- og moderniseringsdepartementet", "2014-01-01", "2021-12-31"),
    ("OED", "Olje- og energidepartementet", "1997-01-01", "2023-12-31"),
    ("Fornyings-, administrasjons- og kirkedepartementet",
     "Fornyings-, administrasjons- og kirkedepartementet", "2010-01-01", "2013-12-31"),
])
def test_former_ministry_names_are_their_own_entries(form, name, valid_from, valid_to):
    entry = lookup(form)
    assert (entry.kind, entry.name, entry.valid_from, entry.valid_to) == (
        "Ministry", name, valid_from, valid_to)


def test_renaming_chains_meet(registry):
    # a renaming chain: the successor's name starts the day after the predecessor's ends
    ministries = {e.name: e for e in registry if e.kind == "Ministry"}
    chain = ["Helsedepartementet", "Helse- og omsorgsdepartementet"]
    assert ministries[chain[0]].valid_to == "2004-09-30" and ministries[chain[1]].valid_from == "2004-10-01"
    chain = ["Kommunal- og regionaldepartementet", "Kommunal- og moderniseringsdepartementet",
             "Kommunal- og distriktsdepartementet"]
    assert [(ministries[n].valid_from, ministries[n].valid_to) for n in chain] == [
        ("1998", "2013-12-31"), ("2014-01-01", "2021-12-31"), ("2022-01-01", None)]


def test_surface_forms(index):
    forms = surface_forms(index["Direktoratet for medisinske produkter"])
    assert forms[0] == "Direktoratet for medisinske produkter"
    assert {"Norwegian Medical Products Agency", "DMP", "Statens legemiddelverk",
            "Legemiddelverket"} <= set(forms)
    assert len(forms) == len(set(forms))


@pytest.mark.parametrize("text, name", [
    ("NFD", "Nærings- og fiskeridepartementet"),
    ("Næringsdepartementet", "Nærings- og fiskeridepartementet"),
    ("hod", "Helse- og omsorgsdepartementet"),
    ("Forskningsrådet", "Norges forskningsråd"),
    ("Statens Legemiddelverk", "Direktoratet for medisinske produkter"),
    ("Skattefunn", "SkatteFUNN"),
    ("FORNY2020", "FORNY"),
    ("oljefondet", "Statens pensjonsfond utland"),
    ("Miljødepartementet", "Klima- og miljødepartementet"),
    ("IFU/OFU", "Forsknings- og utviklingskontrakter"),
    ("HO21 monitor", "HelseOmsorg21-monitor"),
])
def test_lookup(text, name):
    entry = lookup(text)
    assert entry is not None and entry.name == name


def _links(entry: Entry, field: str) -> dict[str, Link]:
    return {link.target: link for link in getattr(entry, field)}


def test_ownership_history_skattefunn(index):
    e = index["SkatteFUNN"]
    assert e.kind == "Instrument"
    owner = _links(e, "owned_by")["Finansdepartementet"]
    assert owner.valid_from == "2002" and owner.source
    assert {"Norges forskningsråd", "Skatteetaten"} <= set(_links(e, "administered_by"))


def test_ownership_history_investinor(index):
    owners = _links(index["Investinor AS"], "owned_by")
    assert owners["Nærings- og handelsdepartementet"].valid_to == "2013-12-31"
    assert owners["Nærings- og fiskeridepartementet"].valid_from == "2014-01-01"
    assert owners["Nærings- og fiskeridepartementet"].target_id == "naerings-og-fiskeridepartementet"
    assert not index["Investinor AS"].part_of  # no verified merger into Nysnø
    assert "Nysnø" in (index["Investinor AS"].uncertain or "")


def test_ownership_history_forny(index):
    e = index["FORNY"]
    owners = _links(e, "owned_by")
    assert {"Kunnskapsdepartementet", "Nærings- og handelsdepartementet"} <= set(owners)
    assert owners["Nærings- og handelsdepartementet"].valid_to == "2013-12-31"
    # the 2009 page names Kommunal- og regionaldepartementet, not its 2022 successor KDD
    assert owners["Kommunal- og regionaldepartementet"].valid_to == "2013-12-31"
    assert "Kommunal- og distriktsdepartementet" not in owners
    assert "Norges forskningsråd" in _links(e, "administered_by")


def test_presakorn_moved_from_innovasjon_norge_to_investinor(index):
    admins = _links(index["Pre-såkornordningen"], "administered_by")
    assert admins["Innovasjon Norge"].valid_to == "2020"
    assert admins["Investinor AS"].valid_from == "2020"


def test_agency_changes(index):
    ehelse = index["Direktoratet for e-helse"]
    assert (ehelse.valid_from, ehelse.valid_to) == ("2016-01-01", "2023-12-31")
    assert _links(ehelse, "part_of")["Helsedirektoratet"].valid_from == "2024-01-01"
    dmp = index["Direktoratet for medisinske produkter"]
    assert dmp.valid_from == "2024-01-01" and "Statens legemiddelverk" in dmp.aliases
    siva = _links(index["Selskapet for industrivekst SF"], "owned_by")
    assert siva["Nærings- og handelsdepartementet"].valid_from == "2002-01-01"
    innovasjon = _links(index["Innovasjon Norge"], "owned_by")
    assert innovasjon["Nærings- og fiskeridepartementet"].valid_from == "2014-01-01"
    for rhf in ("Helse Sør-Øst RHF", "Helse Vest RHF", "Helse Midt-Norge RHF", "Helse Nord RHF"):
        assert "Helse- og omsorgsdepartementet" in _links(index[rhf], "owned_by")


def _covers(start: str | None, end: str | None, date: str) -> bool:
    """Whether [start, end] covers ``date``; a bound given as YYYY or YYYY-MM counts whole."""
    return (start is None or start <= date[:len(start)]) and (end is None or date[:len(end)] <= end)


def _active(entry: Entry, field: str, date: str) -> set[str]:
    return {link.target for link in getattr(entry, field) if _covers(link.valid_from, link.valid_to, date)}


@pytest.mark.parametrize("body, date, owner", [
    ("Teknologirådet", "1999-12-01", "Kirke-, utdannings- og forskningsdepartementet"),
    ("Teknologirådet", "2010-06-01", "Nærings- og handelsdepartementet"),
    ("Teknologirådet", "2020-06-01", "Nærings- og fiskeridepartementet"),
    ("Bioteknologirådet", "2003-06-01", "Helsedepartementet"),
    ("Bioteknologirådet", "2015-06-01", "Helse- og omsorgsdepartementet"),
    ("Direktoratet for forvaltning og IKT", "2012-06-01", "Fornyings-, administrasjons- og kirkedepartementet"),
    ("Digitaliseringsdirektoratet", "2021-06-01", "Kommunal- og moderniseringsdepartementet"),
    ("Digitaliseringsdirektoratet", "2024-06-01", "Digitaliserings- og forvaltningsdepartementet"),
    ("Eksportkreditt Norge AS", "2013-06-01", "Nærings- og handelsdepartementet"),
    ("Argentum Fondsinvesteringer AS", "2005-06-01", "Nærings- og handelsdepartementet"),
    ("Argentum Fondsinvesteringer AS", "2020-06-01", "Nærings- og fiskeridepartementet"),
    ("Nasjonalt organ for kvalitet i utdanningen", "2004-06-01", "Utdannings- og forskningsdepartementet"),
    ("Nasjonalt organ for kvalitet i utdanningen", "2010-06-01", "Kunnskapsdepartementet"),
])
def test_owner_at_a_date_is_the_ministry_of_that_time(index, body, date, owner):
    # one owner at the date, and the owner's name was in use then
    assert _active(index[body], "owned_by", date) == {owner}
    ministry = index[owner]
    assert ministry.kind == "Ministry" and _covers(ministry.valid_from, ministry.valid_to, date)


@pytest.mark.parametrize("body, date, parent, still_in_use", [
    ("Kreftregisteret", "2020-06-01", "Oslo universitetssykehus HF", True),
    ("Kreftregisteret", "2024-06-01", "Folkehelseinstituttet", True),
    ("Garantiinstituttet for eksportkreditt", "2022-06-01", "Eksportfinansiering Norge", False),
    ("Direktoratet for forvaltning og IKT", "2020-06-01", "Digitaliseringsdirektoratet", False),
    ("Direktoratet for internasjonalisering og kvalitetsutvikling i høyere utdanning", "2021-07-01",
     "Direktoratet for høyere utdanning og kompetanse", False),
    ("Statens nærings- og distriktsutviklingsfond", "2004-01-01", "Innovasjon Norge", False),
])
def test_moved_and_merged_bodies_are_part_of_their_new_home(index, body, date, parent, still_in_use):
    # a unit that moved keeps its name; a merged body's name ends before it becomes part of the new one
    assert parent in _active(index[body], "part_of", date)
    assert _covers(index[body].valid_from, index[body].valid_to, date) == still_in_use


def test_hospital_trusts_belong_to_one_regional_health_authority(registry):
    rhfs = {"Helse Sør-Øst RHF", "Helse Vest RHF", "Helse Midt-Norge RHF", "Helse Nord RHF"}
    trusts = [e for e in registry if e.kind == "Agency" and e.name.endswith(" HF")
              and any(link.target in rhfs for link in e.part_of)]
    assert len(trusts) >= 20
    for trust in trusts:
        assert len({link.target for link in trust.part_of} & rhfs) == 1, trust.name


def test_countries_and_examples(registry, index):
    countries = {e.name: e.iso for e in registry if e.kind == "Country"}
    assert countries["Norge"] == "NO" and countries["Danmark"] == "DK"
    for e in registry:
        if e.kind == "InternationalExample":
            assert e.country in countries, e.name
    assert index["Health Canada"].country == "Canada"


def test_no_personal_contact_data_in_file():
    text = "".join(f.read_text(encoding="utf-8") for f in REGISTRY_PATH.glob("*.yaml"))
    assert "@" not in text
    assert "mob:" not in text.lower()


# -- every gold ministry / agency / instrument / example resolves ------------------------------

# The matcher handles these endings on a registered surface form (see the registry header).
_INFLECTIONS = ("", "s", "en", "et", "ene", "er")

# Gold entities that are not registry material, with the reason.
_NOT_IN_REGISTRY = {
    # proposals made in the documents, not existing schemes
    "Nasjonal handlingsplan for industriell og klinisk små-skala produksjon for helseindustrien",
    "Program for Helseinnovasjon og -næring",
    # vague references that name no identifiable initiative
    "Health Canadas helsenæringsoppbygging",
    "Industri-statlig helseplattform i Danmark",
}


def _resolves(forms: list[str], folded_registry: set[str]) -> bool:
    for form in forms:
        f = fold(form.strip())
        for suffix in _INFLECTIONS:
            if suffix and f.endswith(suffix) and f[: -len(suffix)] in folded_registry:
                return True
            if not suffix and f in folded_registry:
                return True
    return False


def test_gold_entities_resolve(registry):
    gold = _gold_dir()
    if gold is None:
        pytest.skip("shared/gold not found next to the repository")
    folded = {fold(form) for e in registry for form in surface_forms(e)}
    checked, missing = 0, []
    for path in sorted(gold.glob("*.json")):
        for ent in json.loads(path.read_text(encoding="utf-8"))["entities"]:
            if ent["type"] not in ("Ministry", "Agency", "Instrument", "InternationalExample"):
                continue
            if ent["name"] in _NOT_IN_REGISTRY:
                continue
            checked += 1
            forms = [ent["name"], *ent.get("surface_forms", [])]
            # gold names often append the abbreviation in brackets: "… (NFD)"
            forms += [part.strip(" )") for form in list(forms) for part in form.split("(")]
            if not _resolves(forms, folded):
                missing.append(f"{path.name}: {ent['type']} {ent['name']!r}")
    assert checked >= 20
    assert not missing, "\n".join(missing)


# -- validation catches bad files --------------------------------------------------------------

GOOD = f"""
- kind: Ministry
  name: Testdepartementet
  abbreviations: [TD]
  sources: ["{SRC}"]
- kind: Instrument
  name: Testordningen
  owned_by:
    - {{ministry: Testdepartementet, valid_from: "2014-01-01", source: "{SRC}"}}
  sources: ["{SRC}"]
- kind: Country
  name: Testland
  iso: TL
  sources: ["{SRC}"]
"""


def _write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "registry.yaml"
    p.write_text(text, encoding="utf-8")
    return p


def test_good_file_loads(tmp_path):
    entries = load_registry(_write(tmp_path, GOOD))
    assert [e.id for e in entries] == ["testdepartementet", "testordningen", "testland"]
    link = entries[1].owned_by[0]
    assert (link.target, link.target_id, link.valid_from) == ("Testdepartementet", "testdepartementet", "2014-01-01")


@pytest.mark.parametrize("bad, message", [
    (GOOD + f"- {{kind: Departement, name: X, sources: ['{SRC}']}}\n", "unknown kind"),
    (GOOD + "- {kind: Agency, name: Uten kilde}\n", "at least one source"),
    (GOOD + "- {kind: Agency, name: Ftp, sources: ['ftp://example.org/x']}\n", "not an http(s) URL"),
    (GOOD + f"- {{kind: Ministry, name: Testdepartementet, sources: ['{SRC}']}}\n", "duplicate"),
    (GOOD + f"- {{kind: Agency, name: TESTDEPARTEMENTET, sources: ['{SRC}']}}\n", "collides"),
    (GOOD + f"""- kind: Instrument
  name: Foreldreløs
  owned_by: [{{ministry: Finnesikkedepartementet, source: "{SRC}"}}]
  sources: ["{SRC}"]
""", "not a registered Ministry"),
    (GOOD + f"""- kind: Instrument
  name: Feil mål
  owned_by: [{{ministry: Testordningen, source: "{SRC}"}}]
  sources: ["{SRC}"]
""", "not a registered Ministry"),
    (GOOD + f"""- kind: Organisation
  name: Eid forening
  owned_by: [{{ministry: Testdepartementet, source: "{SRC}"}}]
  sources: ["{SRC}"]
""", "cannot have owned_by"),
    (GOOD + f"""- kind: Instrument
  name: Uten lenkekilde
  administered_by: [{{agency: Testdepartementet}}]
  sources: ["{SRC}"]
""", "not a registered Agency or Organisation"),
    (GOOD + f"""- kind: Instrument
  name: Lenke uten kilde
  owned_by: [{{ministry: Testdepartementet}}]
  sources: ["{SRC}"]
""", "a source is required"),
    (GOOD + f"- {{kind: InternationalExample, name: Utland, country: Atlantis, sources: ['{SRC}']}}\n",
     "not a registered Country"),
    (GOOD + f"- {{kind: Organisation, name: Epost, uncertain: 'kontakt ola.nordmann@example.no', sources: ['{SRC}']}}\n",
     "e-mail"),
    (GOOD + f"- {{kind: Organisation, name: Telefon, uncertain: 'ring 22 24 90 90', sources: ['{SRC}']}}\n",
     "phone"),
    (GOOD + f"- {{kind: Organisation, name: Mobil, aliases: ['mob:92294842'], sources: ['{SRC}']}}\n",
     "phone"),
    (GOOD + f"- {{kind: Agency, name: Orgnr, org_number: 12345, sources: ['{SRC}']}}\n", "nine digits"),
    (GOOD + f"- {{kind: Agency, name: Wd, wikidata: '12345', sources: ['{SRC}']}}\n", "Q-id"),
    (GOOD + f"- {{kind: Agency, name: Dato, valid_from: '1. januar 2014', sources: ['{SRC}']}}\n", "ISO date"),
    (GOOD + f"- {{kind: Agency, name: Baklengs, valid_from: '2020', valid_to: '2019-12-31', sources: ['{SRC}']}}\n",
     "after valid_to"),
    (GOOD + f"- {{kind: Agency, name: Tvetydig, abbreviations: [TD], sources: ['{SRC}']}}\n", "also belongs to"),
    (GOOD + f"- {{kind: Agency, name: Ukjent felt, homepage: x, sources: ['{SRC}']}}\n", "unknown fields"),
    ("kind: Ministry\nname: Ikke en liste\n", "YAML list"),
    ("- [unclosed\n", "YAML error"),
])
def test_validation_catches_bad_files(tmp_path, bad, message):
    with pytest.raises(RegistryError) as err:
        load_registry(_write(tmp_path, bad))
    assert any(message in p for p in err.value.problems), err.value.problems


def test_validation_reports_every_problem():
    text = f"""
- {{kind: Nope, name: A, sources: ['{SRC}']}}
- {{kind: Agency, name: B}}
"""
    with pytest.raises(RegistryError) as err:
        parse_registry_text(text)
    assert len(err.value.problems) == 2


def test_dates_in_urls_and_org_numbers_are_not_phone_numbers():
    text = f"""- kind: Agency
  name: Tall
  org_number: "970141669"
  sources: ["https://example.org/id/12345678/page?x=22242424"]
"""
    assert parse_registry_text(text)[0].org_number == "970141669"


def test_schema_imports_nothing_outside_schema():
    tree = ast.parse((REPO / "schema" / "registry.py").read_text(encoding="utf-8"))
    ours = {"loaders", "graph", "api", "queries", "tests"}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            assert node.module.split(".")[0] not in ours
        elif isinstance(node, ast.Import):
            assert all(a.name.split(".")[0] not in ours for a in node.names)


def test_folder_files_hold_one_kind_named_by_the_file(tmp_path):
    """A registry folder's file names say the kind of their entries; entries of all files form
    one registry (links across files resolve)."""
    folder = tmp_path / "registry"
    folder.mkdir()
    (folder / "ministries.yaml").write_text(
        f"- {{kind: Ministry, name: Testdepartementet, sources: ['{SRC}']}}\n", encoding="utf-8")
    (folder / "instruments_test.yaml").write_text(
        f"- {{kind: Instrument, name: Testordningen, sources: ['{SRC}'],\n"
        f"   owned_by: [{{ministry: Testdepartementet, source: '{SRC}'}}]}}\n", encoding="utf-8")
    entries = load_registry(folder)
    assert [e.id for e in entries] == ["testordningen", "testdepartementet"]
    assert entries[0].owned_by[0].target_id == "testdepartementet"

    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "agencies.yaml").write_text(
        f"- {{kind: Instrument, name: Feilplassert, sources: ['{SRC}']}}\n", encoding="utf-8")
    (bad / "misc.yaml").write_text("[]\n", encoding="utf-8")
    with pytest.raises(RegistryError) as err:
        load_registry(bad)
    text = str(err.value)
    assert "agencies.yaml entry 1: a Instrument in the Agency file" in text
    assert "misc.yaml: a registry file's name starts with the plural of its kind" in text


def test_a_link_lies_within_its_target_s_validity(tmp_path):
    """Nobody is owned by a ministry before it was formed or after it closed."""
    base = (f"- {{kind: Ministry, name: Gammeldepartementet, valid_from: '1998', valid_to: '2013-12-31', sources: ['{SRC}']}}\n"
            f"- {{kind: Ministry, name: Nydepartementet, valid_from: '2014-01-01', sources: ['{SRC}']}}\n")
    ok = base + (f"- {{kind: Agency, name: Etaten, sources: ['{SRC}'], owned_by: ["
                 f"{{ministry: Gammeldepartementet, valid_to: '2013-12-31', source: '{SRC}'}}, "
                 f"{{ministry: Nydepartementet, valid_from: '2014', source: '{SRC}'}}]}}\n")
    assert len(load_registry(_write(tmp_path, ok))) == 3
    for link, shown in [("{ministry: Gammeldepartementet, valid_from: '2010', source: '%s'}", "2010 to now"),
                        ("{ministry: Nydepartementet, valid_to: '2001-12-31', source: '%s'}", "… to 2001-12-31"),
                        ("{ministry: Nydepartementet, valid_from: '2013-06-01', source: '%s'}", "2013-06-01 to now")]:
        bad = tmp_path / f"bad{len(shown)}"
        bad.mkdir()
        text = base + f"- {{kind: Agency, name: Etaten, sources: ['{SRC}'], owned_by: [{link % SRC}]}}\n"
        with pytest.raises(RegistryError) as err:
            load_registry(_write(bad, text))
        assert f"but the link runs {shown}" in str(err.value)


def test_successions_are_data(index):
    """Who took over from a ministry is a field: NFD from NHD and FKD (merged 2014-01-01), HOD from
    Helsedepartementet (renamed) and, in part, Sosialdepartementet (2004-10-01)."""
    def successors(name):
        return {(s.target, s.date, s.change) for s in index[name].succeeded_by}

    assert successors("Nærings- og handelsdepartementet") == {("Nærings- og fiskeridepartementet", "2014-01-01", "merged")}
    assert successors("Fiskeri- og kystdepartementet") == {("Nærings- og fiskeridepartementet", "2014-01-01", "merged")}
    assert successors("Helsedepartementet") == {("Helse- og omsorgsdepartementet", "2004-10-01", "renamed")}
    assert successors("Sosial- og helsedepartementet") == {("Helsedepartementet", "2002-01-01", "split"),
                                                          ("Sosialdepartementet", "2002-01-01", "split")}
    for e in index.values():
        for s in e.succeeded_by:
            assert s.source in e.sources and s.source.startswith("https://"), (e.name, s)
            assert "Successor" not in (e.uncertain or "")  # no longer a note


@pytest.mark.parametrize("succession, message", [
    ("{ministry: Nydepartementet, date: '2014-01-01', change: renamed, source: '%s'}", None),
    ("{ministry: Ukjentdepartementet, date: '2014-01-01', change: renamed, source: '%s'}", "is not another registered Ministry"),
    ("{ministry: Gammeldepartementet, date: '2014-01-01', change: renamed, source: '%s'}", "is not another registered Ministry"),
    ("{ministry: Nydepartementet, date: '2014', change: renamed, source: '%s'}", "is not a day"),
    ("{ministry: Nydepartementet, date: '2014-01-01', change: vanished, source: '%s'}", "is not one of renamed"),
    ("{ministry: Nydepartementet, date: '2014-01-01', change: renamed}", "missing ['source']"),
    ("{ministry: Nydepartementet, date: '2013-06-01', change: renamed, source: '%s'}", "ran until 2013-12-31"),
    ("{ministry: Nydepartementet, date: '2030-01-01', change: renamed, source: '%s'}", "existed 2014-01-01 to 2020"),
])
def test_a_succession_is_checked(tmp_path, succession, message):
    text = (f"- {{kind: Ministry, name: Gammeldepartementet, valid_to: '2013-12-31', sources: ['{SRC}'], "
            f"succeeded_by: [{succession.replace('%s', SRC)}]}}\n"
            f"- {{kind: Ministry, name: Nydepartementet, valid_from: '2014-01-01', valid_to: '2020', sources: ['{SRC}']}}\n")
    if message is None:
        old = next(e for e in parse_registry_text(text) if e.name == "Gammeldepartementet")
        assert [(s.target_id, s.date, s.change) for s in old.succeeded_by] == [("nydepartementet", "2014-01-01", "renamed")]
        return
    with pytest.raises(RegistryError) as err:
        parse_registry_text(text)
    assert message in str(err.value)


def test_only_a_ministry_has_successors():
    text = (f"- {{kind: Ministry, name: Nydepartementet, sources: ['{SRC}']}}\n"
            f"- {{kind: Agency, name: Etaten, sources: ['{SRC}'], succeeded_by: "
            f"[{{ministry: Nydepartementet, date: '2014-01-01', change: renamed, source: '{SRC}'}}]}}\n")
    with pytest.raises(RegistryError) as err:
        parse_registry_text(text)
    assert "a Agency cannot have succeeded_by" in str(err.value)


def test_international_examples_have_a_wikidata_id_or_say_why_not(registry):
    """owl:sameAs goes only to Wikidata, and only for a verified Q-id: an international example without
    one says so in `uncertain`."""
    examples = [e for e in registry if e.kind == "InternationalExample"]
    assert examples
    for e in examples:
        assert e.wikidata or "No Wikidata id" in (e.uncertain or ""), e.name
