"""Document metadata: the manifest, the text, and how they merge."""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders.metadata import (DocumentMeta, ManifestError, document_metadata, load_manifest,
                              ministry_name, validate_manifest)
from loaders.normalise import Normalised, normalise
from loaders.segment import segment

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "data" / "corpus"
MANIFEST = CORPUS / "manifest.yaml"


def meta_of(text: str, name: str = "doc.txt", manifest=None) -> DocumentMeta:
    n = Normalised(text, text, list(range(len(text) + 1)))
    return document_metadata(Path(name), n, segment(n), manifest or {})


def test_repo_manifest_is_valid_and_covers_the_corpus():
    m = load_manifest(MANIFEST)
    for doc in CORPUS.glob("*.txt"):
        assert doc.name in m, doc.name
        e = m[doc.name]
        assert e["title"] and e["type"]
        assert "source_url" not in e or e["source_url"].startswith("http")


def test_bad_yaml_names_the_file(tmp_path):
    bad = tmp_path / "manifest.yaml"
    bad.write_text("a.txt: {title: [unclosed\n", encoding="utf-8")
    with pytest.raises(ManifestError) as err:
        load_manifest(bad)
    assert str(bad) in str(err.value) and "invalid YAML" in str(err.value)


@pytest.mark.parametrize("data,message", [
    (["a.txt"], "must map file names"),
    ({"a.txt": "title"}, "must be a mapping"),
    ({"a.txt": {"titel": "x"}}, "unknown key"),
    ({"a.txt": {"authors": "LMI"}}, None),  # a single name is accepted
    ({"a.txt": {"authors": [1]}}, "list of names"),
    ({"a.txt": {"date": "i fjor"}}, "ISO date"),
    ({"a.txt": {"date": "2023-02-30"}}, "not a valid date"),
    ({"a.txt": {"type": "memo"}}, "is not one of"),
    ({"a.txt": {"source_url": "www.example.no"}}, "http(s) URL"),
])
def test_manifest_validation(data, message):
    if message is None:
        assert validate_manifest(data, "m.yaml")["a.txt"]["authors"] == ["LMI"]
        return
    with pytest.raises(ManifestError) as err:
        validate_manifest(data, "m.yaml")
    assert "m.yaml" in str(err.value) and message in str(err.value)


def test_yaml_dates_become_iso(tmp_path):
    f = tmp_path / "m.yaml"
    f.write_text("a.txt:\n  date: 2023-05-04\nb.txt:\n  date: 2022\n", encoding="utf-8")
    m = load_manifest(f)
    assert m["a.txt"]["date"] == "2023-05-04" and m["b.txt"]["date"] == "2022"


def test_metadata_from_text_only():
    text = ("LMIs innspill til NFD om helsedata\n\nLegemiddelindustrien (LMI) representerer 60 bedrifter.\n\n"
            "Vi sender også innspill til Helse- og omsorgsdepartementet og Kunnskapsdepartementet.\n\n"
            "Oslo, 12. mars 2023\n")
    m = meta_of(text)
    assert m.title == "LMIs innspill til NFD om helsedata"
    assert m.authors == ["Legemiddelindustrien (LMI)"]
    assert m.addressees == ["Nærings- og fiskeridepartementet (NFD)", "Helse- og omsorgsdepartementet (HOD)",
                            "Kunnskapsdepartementet (KD)"]
    assert m.date == "2023-03-12" and m.year == 2023
    assert m.doc_type == "consultation_input"
    assert m.source_url is None
    assert set(m.method.values()) == {"text"} and not m.from_manifest


def test_author_from_submission_sentence_and_strategy_period():
    m = meta_of("STRATEGI FOR 2024-2027\n\nNHO Helse avgir her et samlet innspill til regjeringen.\n"
                "Målet skal nås innen 2030.\n")
    assert m.authors == ["NHO Helse"]
    assert m.year == 2024 and m.doc_type == "strategy"
    assert meta_of("Notat\n\nVi viser til tall fra 2019 og 2021, og et mål innen 2030.\n").year == 2021


def test_manifest_wins_field_by_field():
    text = "Innspill til NFD om helsenæringen\n\nVi mener mye.\n"
    manifest = {"doc.txt": {"title": "Offisiell tittel", "addressees": [], "date": "2019-06-01",
                            "type": "position_paper"}}
    m = meta_of(text, manifest=manifest)
    assert m.title == "Offisiell tittel" and m.method["title"] == "manifest"
    assert m.addressees == [] and m.method["addressees"] == "manifest"  # an empty list means "none"
    assert m.date == "2019-06-01" and m.year == 2019 and m.method["year"] == "manifest"
    assert m.doc_type == "position_paper"
    assert m.from_manifest


def test_ministry_names():
    assert ministry_name("HOD") == "Helse- og omsorgsdepartementet (HOD)"
    assert ministry_name("nærings- og fiskeridepartementet") == "Nærings- og fiskeridepartementet (NFD)"
    assert ministry_name("LMI") is None


def test_corpus_metadata_with_manifest():
    manifest = load_manifest(MANIFEST)
    expected = {
        "000_efadab6d61c017e7.txt": ("LMIs innspill til Langtidsplanen for forskning og høyere utdanning",
                                     ["Legemiddelindustrien (LMI)"], []),
        "002_6d7b3ce1091438ad.txt": ("Innspill til NFD om helsenæringsmelding", [],
                                     ["Nærings- og fiskeridepartementet (NFD)"]),
        "003_31daae491fa57901.txt": ("LMIs STRATEGI FOR 2022-2025", ["Legemiddelindustrien (LMI)"], []),
    }
    for name, (title, authors, addressees) in expected.items():
        path = CORPUS / name
        n = normalise(path.read_text(encoding="utf-8"))
        m = document_metadata(path, n, segment(n), manifest)
        assert (m.title, m.authors, m.addressees) == (title, authors, addressees)
    path = CORPUS / "004_1a21b38c3e0a84f5.txt"
    n = normalise(path.read_text(encoding="utf-8"))
    m = document_metadata(path, n, segment(n), {})  # no manifest: from the text
    assert m.title == "Innspill til stortingsmeldingen om helsenæringen"
    assert m.authors == ["NHO Helse"]
    assert "Helse- og omsorgsdepartementet (HOD)" in m.addressees
    assert m.year == 2017


def test_author_and_addressee_from_an_unseen_answer():
    text = ("Høringssvar – endringer i helseregisterloven\n\n"
            "Vi viser til høringsbrev fra Helse- og omsorgsdepartementet av 3. februar 2024.\n\n"
            "Norsk Pasientforening er en uavhengig organisasjon som arbeider for pasienter.\n\n"
            "Med vennlig hilsen\nNorsk Pasientforening\nKari Nordmann, generalsekretær\n")
    m = meta_of(text)
    assert m.authors == ["Norsk Pasientforening"]
    assert m.addressees == ["Helse- og omsorgsdepartementet (HOD)"]
    assert m.doc_type == "consultation_input" and m.year == 2024


def test_document_type_is_inferred_in_one_place_and_proposals_read_it():
    """A development plan is a strategy for the metadata and for the proposal rules alike: in a
    strategy, infinitive paragraphs are its measures (in a letter they would not be proposals)."""
    from loaders.proposals import extract_proposals
    text = ("Utviklingsplan 2040 for sykehuset\n\nDigitalisering\n\n"
            "Styrke samarbeidet med kommunene om digitale tjenester\n\n"
            "Utvikle nye tjenester for pasienter hjemme\n")
    n = Normalised(text, text, list(range(len(text) + 1)))
    segs = segment(n)
    assert meta_of(text).doc_type == "strategy"
    as_strategy = extract_proposals(n, segs)
    as_letter = extract_proposals(n, segs, doc_type="letter")
    assert len(as_strategy) == 2 and as_letter == []
