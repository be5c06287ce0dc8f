"""The gold scorer: matching rules, duplicates, and 1.0 for the gold's own content."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import extraction_score as es  # noqa: E402

GOLD = es.GOLD_DIR


def gold_files():
    return sorted(GOLD.glob("*.json")) if GOLD.is_dir() else []


def as_extraction(gold: dict) -> dict:
    """The gold's own content in the format of `helsegraf extract`."""
    return {
        "document": {"title": gold.get("title")},
        "entities": [{"type": e["type"], "name": e["name"], "aliases": list(e.get("surface_forms", [])),
                      "mentions": []} for e in gold["entities"]],
        "proposals": [{"text": p["text"], "section": p.get("section"), "modality": "bør", "start": 0, "end": 0,
                       "entities": []} for p in gold["proposals"]],
        "relations": [],
    }


SMALL = {
    "document": "x.txt",
    "entities": [
        {"type": "Ministry", "name": "Nærings- og fiskeridepartementet (NFD)", "surface_forms": ["NFD"]},
        {"type": "Agency", "name": "Norges forskningsråd", "surface_forms": ["Forskningsrådet"]},
        {"type": "Theme", "name": "Kliniske studier", "surface_forms": ["Kliniske studier"]},
    ],
    "proposals": [
        {"id": "p1", "text": "Helseinnovasjonsmidlene i Forskningsrådet må samles i et eget program.", "duplicate_of": None},
        {"id": "p2", "text": "Idétilfanget må økes og individuell drivkraft stimuleres.", "duplicate_of": None},
        {"id": "p3", "text": "Idétilfanget må økes.", "duplicate_of": "p2"},
    ],
}


@pytest.fixture
def small(tmp_path):
    p = tmp_path / "x.json"
    p.write_text(json.dumps(SMALL, ensure_ascii=False), encoding="utf-8")
    return p


@pytest.mark.parametrize("gold_path", gold_files(), ids=lambda p: p.name[:3])
def test_gold_against_itself_scores_one(gold_path):
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    s = es.score_file(gold_path, as_extraction(gold))
    assert (s.proposals.precision, s.proposals.recall) == (1.0, 1.0)
    assert (s.entities.precision, s.entities.recall) == (1.0, 1.0)


@pytest.mark.parametrize("gold_path", gold_files(), ids=lambda p: p.name[:3])
def test_dropping_items_lowers_recall(gold_path):
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    ex = as_extraction(gold)
    originals = [p for p in gold["proposals"] if not p.get("duplicate_of")]
    ex["proposals"] = [x for x, p in zip(ex["proposals"], gold["proposals"])
                       if p["id"] not in {originals[0]["id"], originals[-1]["id"]}
                       and p.get("duplicate_of") not in {originals[0]["id"], originals[-1]["id"]}]
    ex["entities"] = ex["entities"][1:]
    s = es.score_file(gold_path, ex)
    assert s.proposals.recall < 1.0 and s.proposals.precision == 1.0
    assert s.entities.recall < 1.0


def test_entity_matching_ignores_case_accents_punctuation_and_type(small):
    ex = {"entities": [{"type": "Organisation", "name": "nfd", "aliases": []},
                       {"type": "Agency", "name": "Forskningsradet.", "aliases": []},   # accents ignored
                       {"type": "Agency", "name": "Helsedirektoratet", "aliases": ["Hdir"]},  # not in the gold
                       {"type": "Theme", "name": "Noe annet", "aliases": []}],
          "proposals": []}
    s = es.score_file(small, ex)
    assert s.entities.recall == 1.0  # Themes are not counted
    assert s.entities.n_extracted == 3 and s.entities.correct_extracted == 2
    assert s.entities_by_type["Ministry"].recall == 1.0
    assert s.false_entities == ["Helsedirektoratet"]
    assert es.fold("Helse-IKT") == es.fold("helse ikt") and es.fold("Idé") == es.fold("ide")


def test_proposal_matching_and_duplicates(small):
    # a reworded, re-flowed version shares most content words
    ex = {"entities": [], "proposals": [
        {"text": "Helseinnovasjonsmidlene i Forskningsrådet bør samles i ett eget program"},
        {"text": "Idétilfanget må økes."},  # matches the duplicate: counts for the group p2/p3
        {"text": "Norge har gode helseregistre."},  # not a gold proposal
    ]}
    s = es.score_file(small, ex)
    assert s.proposals.n_gold == 2  # p3 repeats p2
    assert s.proposals.recall == 1.0
    assert s.proposals.precision == pytest.approx(2 / 3)
    assert s.false_proposals == ["Norge har gode helseregistre."]


def test_a_long_paragraph_does_not_match_everything():
    short = "Kurstilbudet må styrkes."
    long = ("Antallet studier går ned hvert år og studiene involverer færre pasienter, både for legemidler og "
            "utstyr, og kurstilbudet for leger og sykepleiere er svakt; opplæringen må styrkes og deltakelse "
            "stimuleres gjennom nye ordninger og bedre finansiering av sykehusene.")
    assert not es.proposals_match(short, long)
    assert es.proposals_match("Kurstilbudet må styrkes og deltakelse stimuleres.",
                              "Kurstilbudet må styrkes, og deltakelsen må stimuleres.")


def test_cli_runs_on_a_gold_file(capsys):
    files = gold_files()
    assert files, f"no gold files in {GOLD} (CI always has ../shared beside the clone)"
    assert es.main([str(files[0]), "--verbose"]) == 0
    out = capsys.readouterr().out
    assert "proposals" in out and "entities" in out


LINKED = {
    "document": "x.txt",
    "entities": [
        {"type": "Organisation", "name": "Investinor", "surface_forms": ["Investinor"]},
        {"type": "Agency", "name": "Norges forskningsråd", "surface_forms": ["Forskningsrådet"]},
        {"type": "Instrument", "name": "FORNY", "surface_forms": ["FORNY2020"]},
    ],
    "proposals": [
        {"id": "p1", "text": "Investinor bør få et utvidet mandat innen helse.", "organisations": ["Investinor"]},
        {"id": "p2", "text": "Forskningsrådet må styrke FORNY-ordningen kraftig.",
         "organisations": ["Norges forskningsråd"], "instruments": ["FORNY"]},
        {"id": "p3", "text": "Skattefunn må utvides til klinisk utprøving.", "instruments": ["Skattefunn"]},
    ],
}


def test_proposal_links_are_scored_per_matched_proposal(tmp_path):
    gp = tmp_path / "x.json"
    gp.write_text(json.dumps(LINKED, ensure_ascii=False), encoding="utf-8")
    ex = {"entities": [{"type": "Organisation", "name": "Investinor AS", "aliases": ["Investinor"]},
                       {"type": "Agency", "name": "Forskningsrådet", "aliases": []},
                       {"type": "Ministry", "name": "Helse- og omsorgsdepartementet", "aliases": []}],
          "proposals": [
              # linked by an alias: a hit
              {"text": "Investinor bør få et utvidet mandat innen helse.",
               "entities": [{"type": "Organisation", "name": "Investinor AS"}]},
              # one of two gold links found (by the gold's surface form), one link the gold lacks
              {"text": "Forskningsrådet må styrke FORNY-ordningen kraftig.",
               "entities": [{"type": "Agency", "name": "Forskningsrådet"},
                            {"type": "Ministry", "name": "Helse- og omsorgsdepartementet"},
                            {"type": "Theme", "name": "Helse"}]},  # themes are not links
              # matches no gold proposal: its links are not counted
              {"text": "Norge har gode registre.", "entities": [{"type": "Agency", "name": "Forskningsrådet"}]},
          ]}
    s = es.score_file(gp, ex)
    # p3 is not matched, so its link is outside the count: 2 of 3 gold links of p1 and p2
    assert (s.links.matched_gold, s.links.n_gold) == (2, 3)
    assert (s.links.correct_extracted, s.links.n_extracted) == (2, 3)
    assert s.missed_links == ["FORNY  <- Forskningsrådet må styrke FORNY-ordningen kraftig."]
    assert s.false_links[0].startswith("Helse- og omsorgsdepartementet")
    assert "links      P  0.67 (2/3)  R  0.67 (2/3)" in es.report(s)


@pytest.mark.parametrize("gold_path", gold_files(), ids=lambda p: p.name[:3])
def test_gold_links_against_themselves_score_one(gold_path):
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    ex = as_extraction(gold)
    types = {es.fold(e["name"]): e["type"] for e in gold["entities"]}
    for x, p in zip(ex["proposals"], gold["proposals"]):
        x["entities"] = [{"type": types.get(es.fold(n), "Organisation"), "name": n}
                         for f in es.LINK_FIELDS for n in p.get(f) or []]
    s = es.score_file(gold_path, ex)
    assert s.links.n_gold > 0 and (s.links.precision, s.links.recall) == (1.0, 1.0)


def test_json_output_has_links(capsys):
    files = gold_files()
    assert files, f"no gold files in {GOLD} (CI always has ../shared beside the clone)"
    assert es.main([str(files[0]), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert {"precision", "recall", "n_gold"} <= set(out[0]["links"])
