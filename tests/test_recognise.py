"""Entity recognition: registry matching with Norwegian inflection, pattern finds, people."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from loaders.normalise import normalise
from loaders.recognise import Entity, recognise
from loaders.segment import Segment, segment
from schema.ids import slug
from schema.text import fold
from schema.model import LABELS

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "data" / "corpus"
GOLD = ROOT.parent / "shared" / "gold"


@dataclass(frozen=True)
class E:  # the registry's Entry, reduced to what the matcher reads
    kind: str
    name: str
    id: str = ""
    name_en: str | None = None
    abbreviations: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    country: str | None = None


def entry(kind, name, abbreviations=(), aliases=(), **kw) -> E:
    return E(kind, name, slug(name), abbreviations=tuple(abbreviations), aliases=tuple(aliases), **kw)


REGISTRY = [
    entry("Ministry", "Nærings- og fiskeridepartementet", ["NFD"], ["Næringsdepartementet"]),
    entry("Ministry", "Helse- og omsorgsdepartementet", ["HOD"]),
    entry("Ministry", "Kunnskapsdepartementet", ["KD"]),
    entry("Agency", "Norges forskningsråd", ["NFR"], ["Forskningsrådet"]),
    entry("Agency", "Folkehelseinstituttet", ["FHI"]),
    entry("Agency", "Regionale helseforetak", ["RHF"]),
    entry("Agency", "Investinor AS", aliases=["Investinor"]),
    entry("Organisation", "Legemiddelindustrien", ["LMI"]),
    entry("Organisation", "Teknologioverføringskontor", ["TTO"]),
    entry("Organisation", "Klynge", aliases=["klynge"]),
    entry("Instrument", "SkatteFUNN"),
    entry("Instrument", "Helse-IKT-programmet", aliases=["Helse-IKT"]),
    entry("Country", "Norge"),
    entry("Country", "Danmark"),
]


def run(text: str, registry=REGISTRY) -> list[Entity]:
    norm = normalise(text)
    return recognise(norm, segment(norm), registry)


def by_name(entities: list[Entity]) -> dict[str, Entity]:
    return {e.name: e for e in entities}


def surfaces(e: Entity) -> list[str]:
    return [m.surface for m in e.mentions]


def check_spans(text: str, entities: list[Entity]) -> None:
    norm = normalise(text)
    for e in entities:
        for m in e.mentions:
            assert norm.text[m.start:m.end] == m.surface, (e.name, m)


# -- registry matching: inflection ------------------------------------------------------------

@pytest.mark.parametrize("text, name, surface", [
    ("Vi ber om at Forskningsrådets programmer styrkes.", "Norges forskningsråd", "Forskningsrådets"),
    ("Forskningsrådet bør få et større ansvar.", "Norges forskningsråd", "Forskningsrådet"),
    ("Vi mener Investinors mandat bør utvides.", "Investinor AS", "Investinors"),
    ("Dette er NFDs ansvar.", "Nærings- og fiskeridepartementet", "NFDs"),
    ("Kompetansen hos TTOene kan bygges ut.", "Teknologioverføringskontor", "TTOene"),
    ("Mange TTOer er svakt finansiert.", "Teknologioverføringskontor", "TTOer"),
    ("Midler fra TTOen utløser kapital.", "Teknologioverføringskontor", "TTOen"),
    ("Forskningsmidler gjennom RHF-ene må innrettes bedre.", "Regionale helseforetak", "RHF-ene"),
    ("Vi har sendt innspill til Helse- og omsorgsdepartementets arbeid.",
     "Helse- og omsorgsdepartementet", "Helse- og omsorgsdepartementets"),
    ("Innspillet går til Helse- og\nomsorgsdepartementet i dag.",
     "Helse- og omsorgsdepartementet", "Helse- og\nomsorgsdepartementet"),
    ("Samarbeidet mellom klyngene er godt.", "Klynge", "klyngene"),
    ("Norges helseregistre er unike.", "Norge", "Norges"),
])
def test_inflected_registry_names(text, name, surface):
    ents = by_name(run(text))
    assert name in ents, [e.name for e in run(text)]
    e = ents[name]
    assert e.verified and e.method == "registry"
    assert surface.replace("\n", " ") in [s.replace("\n", " ") for s in surfaces(e)]
    check_spans(text, list(ents.values()))


def test_genitive_and_definite_forms_become_aliases():
    e = by_name(run("TTOene og TTOer samarbeider, og TTOen er viktig."))["Teknologioverføringskontor"]
    assert {"TTOene", "TTOer", "TTOen", "TTO"} <= set(e.aliases)
    assert e.id == slug("Teknologioverføringskontor")


# -- abbreviations: case-sensitive, on word boundaries ---------------------------------------

def test_abbreviations_need_word_boundaries_and_case():
    text = "Hodet på saken: hode og KDR-systemet er ikke KD, men HOD og kd er ulike ting. Hod."
    ents = run(text)
    kd = by_name(ents)["Kunnskapsdepartementet"]
    hod = by_name(ents)["Helse- og omsorgsdepartementet"]
    assert surfaces(kd) == ["KD"]
    assert surfaces(hod) == ["HOD"]
    check_spans(text, ents)


def test_abbreviation_inside_a_word_is_no_match():
    ents = run("FHIs rolle er viktig, men AFHI og FHIX er ikke FHI.")
    fhi = by_name(ents)["Folkehelseinstituttet"]
    assert sorted(surfaces(fhi)) == ["FHI", "FHIs"]


# -- hyphen, case and PDF line-break variants -------------------------------------------------

@pytest.mark.parametrize("surface", ["SkatteFUNN", "Skattefunn", "SKATTEFUNN", "skatteFUNN"])
def test_case_variants(surface):
    e = by_name(run(f"Ordninger som {surface} bør styrkes."))["SkatteFUNN"]
    assert surfaces(e) == [surface]


@pytest.mark.parametrize("surface", ["Helse-IKT", "helse IKT", "Helse IKT", "helse-IKT"])
def test_hyphen_variants(surface):
    e = by_name(run(f"Innen {surface} mangler det en inkubator."))["Helse-IKT-programmet"]
    assert surfaces(e) == [surface]


def test_line_break_hyphen_artefact():
    text = "Vekst i lege- middelindustrien og i Lege- \nmiddelindustrien er viktig."
    ents = run(text, [entry("Organisation", "Legemiddelindustri-sektoren",
                            aliases=["legemiddelindustrien"])])
    e = ents[0]
    assert len(e.mentions) == 2
    check_spans(text, ents)


def test_capitalised_short_name_is_not_the_common_noun():
    ents = by_name(run("Ansatte i legemiddelindustrien og Legemiddelindustrien (LMI) er enige."))
    lmi = ents["Legemiddelindustrien"]
    assert surfaces(lmi) == ["Legemiddelindustrien", "LMI"]


def test_longest_match_wins_and_mentions_do_not_overlap():
    ents = run("Nærings- og fiskeridepartementet (NFD) og Næringsdepartementet.")
    nfd = by_name(ents)["Nærings- og fiskeridepartementet"]
    assert surfaces(nfd) == ["Nærings- og fiskeridepartementet", "NFD", "Næringsdepartementet"]
    spans = sorted((m.start, m.end) for e in ents for m in e.mentions)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))


# -- pattern finds ------------------------------------------------------------------------------

@pytest.mark.parametrize("text, name, kind", [
    ("Vi samarbeider med Kreftforeningen om dette.", "Kreftforeningen", "Organisation"),
    ("Selskapet Vistin Pharma AS produserer legemidler.", "Vistin Pharma AS", "Organisation"),
    ("Fond som Sarsia Seeds og Birk Venture er viktige.", "Birk Venture", "Organisation"),
    ("Det er behov for flere selskaper (eks. Nordic Nanovector og Photocure).", "Photocure", "Organisation"),
    ("Dette følger av Meld. St. 18 (2018–2019) om helsenæringen.", "Meld. St. 18 (2018–2019)", "PolicyDocument"),
    ("Utvalget leverte NOU 2023: 4 i fjor.", "NOU 2023: 4", "PolicyDocument"),
    ("Vi viser til Nasjonal helse- og sykehusplan og dens mål.", "Nasjonal helse- og sykehusplan", "PolicyDocument"),
    ("Tiltaket bør inngå i Handlingsplanen for kliniske studier og følges opp.",
     "Handlingsplanen for kliniske studier", "Instrument"),
    ("Saken er sendt til Klima- og miljødepartementet.", "Klima- og miljødepartementet", "Ministry"),
    ("Universitetet i Tromsø har et slikt program.", "Universitetet i Tromsø", "Organisation"),
    ("Vi støtter Statens vegvesen i dette.", "Statens vegvesen", "Agency"),
    ("Godkjenning fra Statens legemiddelverk tar tid.", "Statens legemiddelverk", "Agency"),
    ("Vi foreslår et eget program for Helseinnovasjon og -næring med egne midler.",
     "Program for Helseinnovasjon og -næring", "Instrument"),
])
def test_pattern_finds_are_unverified(text, name, kind):
    ents = by_name(run(text, []))
    assert name in ents, sorted(ents)
    e = ents[name]
    assert e.type == kind and not e.verified and e.method == "pattern"
    assert e.id == slug(name)
    check_spans(text, list(ents.values()))


def test_international_example_with_country():
    text = ("Bioinnovation Institute i Danmark er et ledende eksempel. Vi bør etablere en "
            "felles helseplattform som i Danmark.")
    ents = run(text)
    ex = [e for e in ents if e.type == "InternationalExample"]
    assert {e.country for e in ex} == {"Danmark"}
    assert any(e.name == "Bioinnovation Institute" for e in ex)
    assert any("helseplattform" in e.name for e in ex)
    assert by_name(ents)["Danmark"].type == "Country"


def test_sentence_start_reference_is_not_an_entity():
    ents = run("Departementet bør følge opp. Regelverket må endres. Strategien er god.", [])
    assert ents == []


def test_generic_words_are_not_names():
    text = ("Det er viktig at selskaper som utvikler legemidler får bedre rammevilkår. "
            "Forskning og utvikling (FoU) må styrkes. Korona-pandemien viser at land som "
            "produserer legemidler stenger grensene. Eksisterende næringsliv må vokse.")
    assert run(text, []) == []


# -- people ------------------------------------------------------------------------------------

PHONE_OR_MAIL = re.compile(r"@|\d{3}|mob|tlf", re.I)


def test_people_by_name_role_and_organisation_only():
    text = ("Kontaktpersoner:\n"
            "Abelia: Kari Nordmann, mob:92294842, kari.nordmann@abelia.no\n"
            "Legemiddelindustrien (LMI): Ola Hansen, tlf 22 33 44 55, ola@lmi.no\n\n"
            "Som administrerende direktør Karita Bekkemellem sa i fjor, er dette viktig.\n\n"
            "Med vennlig hilsen,\n\n"
            "Leif Rune Skymoen       Ina Kathrine Dahlsveen\n\n"
            "Administrerende direktør     Seniorrådgiver\n")
    ents = run(text)
    people = {e.name: e for e in ents if e.type == "Person"}
    assert set(people) == {"Kari Nordmann", "Ola Hansen", "Karita Bekkemellem",
                           "Leif Rune Skymoen", "Ina Kathrine Dahlsveen"}
    assert people["Kari Nordmann"].organisation == "Abelia"
    assert people["Ola Hansen"].organisation == "Legemiddelindustrien"
    assert people["Karita Bekkemellem"].role == "administrerende direktør"
    assert people["Ina Kathrine Dahlsveen"].role == "Seniorrådgiver"
    for e in ents:
        fields = [e.name, e.id, e.role or "", e.organisation or "", e.country or "", *e.aliases,
                  *(m.surface for m in e.mentions)]
        for f in fields:
            assert not PHONE_OR_MAIL.search(f), (e.name, f)
    check_spans(text, ents)


def test_people_in_contact_segments_without_a_closing():
    text = "NHO: Grete Karin Berg, mob:92604380, grete.k.berg@nho.no\n"
    norm = normalise(text)
    segs = [Segment("contact", 0, len(norm.text.rstrip()), norm.text.rstrip())]
    ents = recognise(norm, segs, [])
    people = [e for e in ents if e.type == "Person"]
    assert [p.name for p in people] == ["Grete Karin Berg"]
    assert people[0].organisation == "NHO"


# -- real corpus ----------------------------------------------------------------------------------

DOCS = sorted(CORPUS.glob("*.txt"))


def _real_registry():
    from schema.registry import load_registry
    return load_registry()  # the project's own: a registry that fails to load fails the test


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.name[:3])
def test_corpus_spans_labels_and_no_personal_data(path):
    original = path.read_text(encoding="utf-8")
    norm = normalise(original)
    ents = recognise(norm, segment(norm), _real_registry())
    assert ents
    for e in ents:
        assert e.type in LABELS
        assert e.id and e.name and e.mentions
        assert e.verified == (e.method == "registry")
        assert 0 < e.confidence <= 1
        for m in e.mentions:
            assert norm.text[m.start:m.end] == m.surface
        for f in [e.name, e.role or "", e.organisation or "", *e.aliases]:
            assert "@" not in f and not re.search(r"\d{8}|mob:", f), (e.name, f)
    # mentions never overlap in part; a composite (an example, a document such as `rapporten fra
    # Menon`) may hold another whole
    spans = sorted((m.start, -m.end, e.type, e.name) for e in ents for m in e.mentions)
    for i, (a0, a1, at, an) in enumerate(spans):
        for b0, b1, bt, bn in spans[i + 1:]:
            if b0 >= -a1:
                break
            nested = -b1 <= -a1 and at in ("InternationalExample", "PolicyDocument")
            assert nested or (a0, a1) == (b0, b1) or bt == "InternationalExample", ((a0, -a1, an), (b0, -b1, bn))


def _key(s: str) -> str:
    return re.sub(r"[\W_]+", "", fold(s))


def score(gold: dict, ents: list[Entity]) -> tuple[float, float, list[str], list[str]]:
    """As the gold README: a gold entity is found when an extracted name or alias equals its
    name or a surface form, ignoring case, accents and punctuation; Themes are not counted."""
    golds = [g for g in gold["entities"] if g["type"] != "Theme"]
    keys = [{_key(g["name"])} | {_key(s) for s in g["surface_forms"]} for g in gold["entities"]]
    outs = [e for e in ents if e.type != "Theme"]
    okeys = [{_key(e.name)} | {_key(a) for a in e.aliases} for e in outs]
    found = [g for g in golds if any(({_key(g["name"])} | {_key(s) for s in g["surface_forms"]}) & o
                                     for o in okeys)]
    right = [e for e, o in zip(outs, okeys) if any(o & k for k in keys)]
    misses = [g["name"] for g in golds if g not in found]
    extra = [e.name for e in outs if e not in right]
    return len(found) / max(1, len(golds)), len(right) / max(1, len(outs)), misses, extra


@pytest.mark.parametrize("gold_path", sorted(GOLD.glob("*.json")), ids=lambda p: p.name[:3])
def test_gold_recall_and_precision(gold_path):
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    try:
        from schema.registry import load_registry
        registry = load_registry()
    except Exception as exc:  # pragma: no cover
        pytest.skip(f"registry not loadable: {exc}")
    norm = normalise((CORPUS / gold["document"]).read_text(encoding="utf-8"))
    ents = recognise(norm, segment(norm), registry)
    recall, precision, misses, extra = score(gold, ents)
    assert recall >= 0.95, f"recall {recall:.3f}, missed {misses}"
    assert precision >= 0.90, f"precision {precision:.3f}, not in gold {extra}"


# -- a body referred back to by the head noun of its name (issue 18) ----------------------------
def test_a_definite_head_noun_refers_back_to_the_one_body_with_that_head():
    reg = REGISTRY + [entry("Agency", "Kontroll- og konstitusjonskomiteen"),
                      entry("Agency", "Nasjonalt senter for e-helseforskning")]
    text = ("Innstilling fra kontroll- og konstitusjonskomiteen om saken. Komiteen mener at arbeidet må styrkes, "
            "og komiteens flertall ber om en plan. Nasjonalt senter for e-helseforskning ble opprettet i 2016. "
            "Senteret skal bidra til kunnskap.")
    es = by_name(run(text, reg))
    check_spans(text, list(es.values()))
    assert surfaces(es["Kontroll- og konstitusjonskomiteen"]) == ["kontroll- og konstitusjonskomiteen", "Komiteen",
                                                                 "komiteens"]
    assert surfaces(es["Nasjonalt senter for e-helseforskning"]) == ["Nasjonalt senter for e-helseforskning",
                                                                    "Senteret"]


def test_a_head_noun_is_left_alone_when_two_bodies_have_it_or_none_came_before():
    reg = REGISTRY + [entry("Agency", "Næringskomiteen"), entry("Agency", "Helse- og omsorgskomiteen")]
    text = "Komiteen mener noe. Næringskomiteen og helse- og omsorgskomiteen ble enige. Komiteen ber om mer."
    es = by_name(run(text, reg))
    assert surfaces(es["Næringskomiteen"]) == ["Næringskomiteen"]
    assert surfaces(es["Helse- og omsorgskomiteen"]) == ["helse- og omsorgskomiteen"]
    # a compound on the head (``Regionsjukehuset``) refers back too; ``rådet`` (also *the advice*) never
    reg = REGISTRY + [entry("Organisation", "Haukeland universitetssjukehus")]
    es = by_name(run("Haukeland universitetssjukehus er stort. Regionsjukehuset skal vere leiande. "
                     "Forskningsrådet ga rådet.", reg))
    assert surfaces(es["Haukeland universitetssjukehus"]) == ["Haukeland universitetssjukehus", "Regionsjukehuset"]
    assert surfaces(es["Norges forskningsråd"]) == ["Forskningsrådet"]


def test_the_proposers_of_a_storting_document_and_its_reference():
    text = ("Representantforslag om å styrke helsenæringen\n\nRepresentantforslag 108 S (2021–2022)\n"
            "Fra: Kari Nordmann, Per Hansen og Ola N. Nordmann\n\nTil Stortinget\n\n"
            "Representantforslag fra stortingsrepresentantene Anne Berg og Jon Dahl om mer innovasjon i Norge.")
    es = by_name(run(text))
    check_spans(text, list(es.values()))
    people = sorted(n for n, e in es.items() if e.type == "Person")
    assert people == ["Anne Berg", "Jon Dahl", "Kari Nordmann", "Ola N. Nordmann", "Per Hansen"]
    assert es["Representantforslag 108 S (2021–2022)"].type == "PolicyDocument"


def test_an_international_document_with_what_it_is_about_keeps_its_body():
    reg = REGISTRY + [entry("Organisation", "De forente nasjoner", ["FN"])]
    text = "Retten er nedfelt i FNs verdenserklæring om menneskerettigheter og i FNs bærekraftsmål."
    es = by_name(run(text, reg))
    assert "FNs verdenserklæring om menneskerettigheter" in es and "FNs bærekraftsmål" in es
    assert surfaces(es["De forente nasjoner"]) == ["FNs", "FNs"]


def test_a_middle_initial_and_the_mover_of_a_proposal_are_people():
    text = ("Komiteen, medlemmene fra Arbeiderpartiet, Kari Nordmann, Even A. Røed og Per Hansen, viser til saken. "
            "Det er forslag nr. 4, fra Tellef Inge Mørland på vegne av Arbeiderpartiet.")
    es = by_name(run(text))
    assert {"Kari Nordmann", "Even A. Røed", "Per Hansen", "Tellef Inge Mørland"} <= {
        n for n, e in es.items() if e.type == "Person"}
    assert "Arbeiderpartiet" not in {n for n, e in es.items() if e.type == "Person"}


def test_a_kind_of_parliamentary_paper_capitalised_in_a_title_is_no_name():
    es = by_name(run("Innstilling fra komiteen om Representantforslag fra stortingsrepresentantene om en plan."))
    assert "Representantforslag" not in es


def test_a_concept_written_with_odd_capitals_is_no_name():
    assert "FoUoI" not in by_name(run("Kommunene må samarbeide tett med FoUoI-aktører og med NorTrials om studiene."))


def test_a_surname_particle_keeps_a_member_list_going():
    text = ("Komiteen, medlemmene fra Arbeiderpartiet, Freddy de Ruiter, Ruth Grung og Kari Nordmann, "
            "viser til saken.")
    people = {n for n, e in by_name(run(text)).items() if e.type == "Person"}
    assert {"Freddy de Ruiter", "Ruth Grung", "Kari Nordmann"} <= people and "Ruiter" not in people


def test_another_edition_of_a_registry_document_is_not_that_document():
    reg = REGISTRY + [entry("PolicyDocument", "Perspektivmeldingen 2017", aliases=["Perspektivmeldingen"])]
    assert "Perspektivmeldingen 2017" not in by_name(run("Se Perspektivmeldingen 2024 for tallene.", reg))
    assert "Perspektivmeldingen 2017" in by_name(run("Se Perspektivmeldingen for tallene.", reg))


def test_a_title_does_not_end_on_a_determiner():
    from loaders.patterns import extend_np
    text = "Handlingsplan for neste 3-årsperiode er utarbeidet. Handlingsplan for neste periode."
    start = len("Handlingsplan for ")
    assert extend_np(text, start) == start  # `… for neste` is no title: the number cuts it
    start2 = text.index("for neste periode") + len("for ")
    assert text[start2:extend_np(text, start2)] == "neste periode"


# -- a capitalised name read from a shorter stem of itself, and councils ----------------------

def test_a_name_ending_like_an_inflection_needs_its_capital_in_its_stem_form():
    registry = REGISTRY + [entry("InternationalExample", "Tekes", country="Finland")]
    assert "Tekes" not in by_name(run("Trivsel er teke inn i visjonen.", registry))
    assert "Tekes" in by_name(run("Finske Tekes er eit førebilete.", registry))
    assert "Tekes" in by_name(run("Modellen til tekes er god.", registry))  # its whole name, any case


def test_a_council_is_named_with_the_one_county_or_municipality_the_text_names():
    text = ("Sogn og Fjordane fylkeskommune har ein ny plan. Planen vart vedteken av fylkestinget i juni. "
            "Fylkestinget ba om ei ny sak.")
    council = by_name(run(text))["Fylkestinget (Sogn og Fjordane fylkeskommune)"]
    assert council.type == "Agency" and surfaces(council) == ["fylkestinget", "Fylkestinget"]
    two = "Bergen kommune og Voss kommune samarbeider. Kommunestyret vedtok planen."
    assert "Kommunestyret" in by_name(run(two))  # which council is not said: its own word
