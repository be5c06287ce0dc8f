"""The learned proposal layer (loaders/proposal_model.py): the committed model, and what it does to
the rules' proposals on real texts of the development set's tuning part (which it was trained on)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from loaders import pipeline
from loaders import proposal_model as pm
from loaders.metadata import document_metadata
from loaders.normalise import normalise
from loaders.proposals import extract_proposals
from loaders.read import read_document
from loaders.segment import segment

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "tests" / "extraction" / "dev"


def _rules_and_revised(name: str):
    path = DEV / name
    norm = normalise(read_document(path).text)
    segs = segment(norm)
    meta = document_metadata(path, norm, segs, {})
    rules = extract_proposals(norm, segs, doc_type=meta.doc_type, authors=meta.authors)
    revised = pm.revise(norm, segs, list(rules), doc_type=meta.doc_type, authors=meta.authors)
    return norm, segs, meta, rules, revised


def test_the_committed_model_loads_and_says_how_it_was_made():
    m = pm.load_model()
    assert m is not None
    assert 0.0 < m.drop < m.add <= 1.0
    assert len(m.weights) > 1000 and not m.rule_feature
    made = json.loads(pm.MODEL_PATH.read_text(encoding="utf-8"))["trained"]
    assert made["cv"]["grouped_by"] == "meta.author" and made["cv"]["rules"].startswith("unseen")
    assert "measure" not in made["data"]


def test_a_file_that_is_not_a_model_is_refused_in_one_line(tmp_path):
    bad = tmp_path / "m.json"
    bad.write_text('{"format": 99, "weights": {}}', encoding="utf-8")
    with pytest.raises(ValueError, match=r"m\.json: not a proposal model \(proposal model: format 99 is not 1\)"):
        pm.load_model(str(bad))


def test_it_recovers_a_proposal_the_rules_miss():
    # NSF's consultation answer: an opinion on what the solutions are, which no rule reads as an ask
    _, _, _, rules, revised = _rules_and_revised("nsf-horingssvar-helsepersonellkommisjonen-2023.txt")
    start = "NSF mener løsningene fremover handler om systematisk innsats"
    assert not any(p.text.startswith(start) for p in rules)
    found = [p for p in revised if p.text.startswith(start)]
    assert len(found) == 1 and found[0].modality == "learned" and found[0].intent == "ask"
    assert found[0].confidence >= pm.load_model().add


def test_it_removes_a_rule_proposal_it_doubts():
    # the health committee stating a principle: the rules take it (``mener det er avgjørende at``),
    # the annotation does not, nor does the model
    _, _, _, rules, revised = _rules_and_revised("storting-innst-hoc-legemiddelmelding-forskning-2016.txt")
    start = "Komiteen mener det er avgjørende at folk har tillit"
    assert any(p.text.startswith(start) for p in rules)
    assert not any(p.text.startswith(start) for p in revised)
    kept = {(p.start, p.end) for p in revised}
    assert sum((p.start, p.end) in kept for p in rules) >= len(rules) - 2  # it doubts few


def test_a_description_scores_low_and_an_ask_high():
    norm, segs, meta, _, _ = _rules_and_revised("storting-representantforslag-venstre-helsenaering-2022.txt")
    cands = {c.text: c for c in pm.candidates(norm, segs, meta.doc_type)}
    m = pm.load_model()
    description = "Helsenæringen er en av de næringene hvor Norge har særlig stort potensial for vekst og økt verdiskaping."
    assert m.probability(cands[description].features) < m.drop
    ask = next(c for t, c in cands.items() if t.startswith("For å lykkes i omstillingen av norsk økonomi"))
    assert m.probability(ask.features) >= m.add  # ``... er det viktig at regjeringen ...``


def test_without_a_model_the_rules_decide(monkeypatch):
    norm, segs, meta, rules, _ = _rules_and_revised("nsf-horingssvar-helsepersonellkommisjonen-2023.txt")
    monkeypatch.setattr(pm, "load_model", lambda *a, **k: None)
    assert pm.revise(norm, segs, rules, doc_type=meta.doc_type) is rules


def test_the_pipeline_says_which_proposals_the_model_found():
    ex = pipeline.run(DEV / "nsf-horingssvar-helsepersonellkommisjonen-2023.txt")
    batch = pipeline.document_batch(ex)
    methods = {n.props.get("text", "")[:40]: n.props.get("method") for n in batch.nodes if n.label == "Proposal"}
    learned = [t for t, m in methods.items() if m == "learned"]
    assert any(t.startswith("NSF mener løsningene fremover") for t in learned)
    assert "pattern" in methods.values()


def test_the_unseen_rule_proposals_cover_the_tuning_part_only():
    rows = [json.loads(line) for line in
            (ROOT / "bench" / "data" / "unseen_rule_proposals.jsonl").read_text(encoding="utf-8").splitlines()]
    tune = {p.with_suffix(".txt").name for p in DEV.glob("*.json")
            if json.loads(p.read_text(encoding="utf-8"))["meta"]["split"] == "tune"}
    assert {r["file"] for r in rows} == tune
    assert all(len(r["commit"]) == 12 and isinstance(r["drafts"], list) for r in rows)


@pytest.mark.slow
def test_retraining_reproduces_the_committed_model():
    pytest.importorskip("sklearn")
    r = subprocess.run([sys.executable, str(ROOT / "bench" / "proposal_model.py"), "--check"], cwd=ROOT,
                       capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "is the same" in r.stdout
