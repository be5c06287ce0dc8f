"""The registry's instruments, EU/Nordic programmes and international examples: the names texts
use resolve to the right entry, owners and administering bodies carry their dates, and ordinary
words are never surface forms (the recogniser matches every surface form in a document)."""

from __future__ import annotations

import pytest

from loaders.normalise import normalise
from loaders.recognise import recognise
from loaders.segment import segment
from schema.registry import by_id, load_registry, lookup


@pytest.fixture(scope="module")
def registry():
    return load_registry()


@pytest.fixture(scope="module")
def named(registry):
    return {e.name: e for e in registry}


@pytest.mark.parametrize("text, name", [
    ("IPN", "Innovasjonsprosjekt i næringslivet"),
    ("OFFPHD", "Offentlig sektor-ph.d."),
    ("Pilot-Helse", "Pilot Helse"),
    ("KLINBEFORSK", "Program for klinisk behandlingsforskning i spesialisthelsetjenesten"),
    ("katapultsentrene", "Katapultsenter"),
    ("Klyngeprogrammet", "Norwegian Innovation Clusters"),
    ("Inkubatorprogrammet", "Inkubasjonsprogrammet"),
    ("Horizon Europe", "Horisont Europa"),
    ("H2020", "Horisont 2020"),
    ("EUs helseprogram EU4Health", "EU4Health"),
    ("IMI2", "Innovative Medicines Initiative"),
    ("Nordic Innovation Centre", "Nordisk InnovationsCenter"),
    ("Finnish Innovation Fund", "Sitra"),
    ("EstBB", "Estonian Biobank"),
    ("Erhvervs-ph.d.-ordningen", "Erhvervs-ph.d."),
])
def test_texts_names_resolve(text, name):
    entry = lookup(text)
    assert entry is not None and entry.name == name


@pytest.mark.parametrize("word", ["behandling", "arena", "digital", "fuge", "mva", "nice",
                                  "banebrytende forskning", "såkornfond", "UK", "Denmark"])
def test_ordinary_words_are_not_surface_forms(word):
    assert lookup(word) is None


def _link(entry, field, target):
    links = [link for link in getattr(entry, field) if link.target == target]
    assert len(links) == 1, (entry.name, field, target)
    return links[0]


def test_katapult_owned_by_nfd_and_run_by_siva(named):
    katapult = named["Norsk katapult"]
    assert _link(katapult, "owned_by", "Nærings- og fiskeridepartementet").valid_from == "2017"
    assert _link(katapult, "administered_by", "Selskapet for industrivekst SF").source


def test_moves_and_renamings_are_dated(named):
    innomed = named["InnoMed"]
    assert _link(innomed, "administered_by", "Helsedirektoratet").valid_to == "2018-12-31"
    assert _link(innomed, "administered_by", "Helse Midt-Norge RHF").valid_from == "2019-01-01"
    seed = named["Såkornfondsordningen"]
    assert _link(seed, "administered_by", "Innovasjon Norge").valid_to == "2020"
    assert _link(seed, "administered_by", "Investinor AS").valid_from == "2020"
    env = named["Miljøteknologiordningen"]
    assert _link(env, "owned_by", "Nærings- og handelsdepartementet").valid_to == "2013-12-31"
    assert named["Nordisk InnovationsCenter"].valid_to == named["Nordic Innovation"].valid_from


def test_eu_programmes_owned_only_through_norways_participation(named):
    assert _link(named["Horisont Europa"], "owned_by", "Kunnskapsdepartementet").source.startswith(
        "https://www.regjeringen.no/no/dokumenter/prop.-175-s-20202021/")
    assert _link(named["EU4Health"], "owned_by", "Helse- og omsorgsdepartementet")
    for name in ["Innovative Health Initiative", "EIT Health", "NordForsk", "ERA PerMed"]:
        assert named[name].owned_by == ()


def test_examples_have_registered_countries(registry):
    countries = {e.name for e in registry if e.kind == "Country"}
    examples = [e for e in registry if e.kind == "InternationalExample"]
    assert len(examples) >= 30
    assert all(e.country in countries for e in examples)
    assert by_id()["estonian-biobank"].country == "Estland"


def _found(text, registry):
    norm = normalise(text)
    return {e.name for e in recognise(norm, segment(norm), registry)}


def test_recogniser_finds_schemes_in_running_text(registry):
    text = ("Regjeringen vil styrke Pilot Helse og katapultsentrene, og norske bedrifter bør "
            "delta mer i Horisont Europa og EU4Health, slik Danmark har gjort med Erhvervs-ph.d. "
            "Tilskudd fra miljøteknologiordningen og næringshageprogrammet skal videreføres.\n")
    found = _found(text, registry)
    assert {"Pilot Helse", "Katapultsenter", "Horisont Europa", "EU4Health", "Erhvervs-ph.d.",
            "Miljøteknologiordningen", "Næringshageprogrammet"} <= found


def test_country_names_alone_do_not_make_examples(registry):
    text = "Samarbeidet med UK og Denmark om behandling av pasienter i en digital arena.\n"
    found = _found(text, registry)
    assert not {"Catapult Network", "Erhvervs-ph.d.", "Arena-programmet",
                "Programmet for et digitalt Europa"} & found
