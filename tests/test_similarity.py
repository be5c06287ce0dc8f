"""Recurring asks (`SIMILAR_TO`) and themes (`HAS_THEME`): the scoring, the incremental index, and
the loaded corpus measured on hand-judged pairs (tests/data/similar_pairs.yaml)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from loaders.similarity import THRESHOLD, TOP, SimilarityIndex, profile, similarity
from loaders.theme_vocabulary import AREAS, VEIKART
from loaders.themes import area_themes, heading_theme

PAIRS = yaml.safe_load((Path(__file__).parent / "data" / "similar_pairs.yaml").read_text(encoding="utf-8"))
PRECISION_FLOOR, RECALL_FLOOR = 0.75, 0.75


# -- scoring -----------------------------------------------------------------------------------
def test_profile_weighs_specific_words_and_drops_acronyms_and_function_words():
    p = profile("LMI mener at Norge må satse på helsedata i forskning.")
    words = set(p.words.values())
    assert "helsedata" in words
    assert not {"lmi", "at", "på", "i", "må"} & words
    assert p.weights[next(s for s, w in p.words.items() if w == "helsedata")] > \
        p.weights[next(s for s, w in p.words.items() if w == "forskning")]


def test_similarity_is_symmetric_and_explained_by_shared_words():
    a = profile("Tilrettelegge for kliniske studier i Norge")
    b = profile("Tilrettelegge og fremme implementering av desentraliserte kliniske studier")
    c = profile("Eksisterende midler kan brukes bedre ved å sette midlene raskere i arbeid.")
    ab, words = similarity(a, b)
    assert ab == pytest.approx(similarity(b, a)[0]) and ab >= THRESHOLD
    assert {"kliniske", "studier"} <= set(words)
    assert similarity(a, c)[0] < THRESHOLD / 2


# -- the incremental index ---------------------------------------------------------------------
DOC_A = {"a1": "Tilrettelegge for kliniske studier i Norge", "a2": "Kunnskap må tas raskere i bruk"}
DOC_B = {"b1": "Tilrettelegge og fremme implementering av desentraliserte kliniske studier",
         "b2": "Helsenæringen må også ha et solid hjemmemarked."}


def _load(index: SimilarityIndex, doc: str, proposals: dict[str, str]):
    matches = index.matches(doc, proposals)
    index.commit(doc, proposals, matches)
    return {(m.proposal, m.other) for m in matches}


def test_a_document_loaded_later_links_to_earlier_ones_in_either_order():
    first = SimilarityIndex()
    assert _load(first, "A", DOC_A) == set()
    assert _load(first, "B", DOC_B) == {("b1", "a1")}
    second = SimilarityIndex()
    _load(second, "B", DOC_B)
    assert _load(second, "A", DOC_A) == {("a1", "b1")}
    assert set(first.pairs) == set(second.pairs)


def test_reloading_does_not_link_twice_and_a_replaced_proposal_loses_its_links():
    index = SimilarityIndex()
    _load(index, "A", DOC_A)
    _load(index, "B", DOC_B)
    assert _load(index, "A", DOC_A) == set()  # B holds the pair already
    assert index.pairs == {frozenset(("a1", "b1")): "B"}
    _load(index, "A", {"a3": "Kunnskap må tas raskere i bruk"})  # a1 is gone from A
    assert "a1" not in index.profiles and index.pairs == {}
    assert _load(index, "B", DOC_B) == set()


def test_a_proposal_links_to_the_best_few_only():
    index = SimilarityIndex()
    regions = ["Nord-Norge", "Vestlandet", "Trøndelag", "Agder", "Innlandet", "Rogaland", "Oslo", "Bergen", "Tromsø",
               "Bodø"]
    _load(index, "A", {f"a{i}": f"Tilrettelegge for kliniske studier i {r}" for i, r in enumerate(regions)})
    links = _load(index, "B", {"b": "Tilrettelegge for kliniske studier i Agder"})
    assert len(links) == TOP < len(regions) and ("b", "a3") in links  # the same region scores highest


def test_the_same_document_is_never_linked_to_itself():
    index = SimilarityIndex()
    assert _load(index, "A", {**DOC_A, "a9": "Tilrettelegge for flere kliniske studier i Norge"}) == set()


# -- themes from headings ----------------------------------------------------------------------
@pytest.mark.parametrize("heading, name", [
    ("Kliniske studier", "Kliniske studier"),
    ("KLINISKE STUDIER", "Kliniske studier"),
    ("Vekst i eksisterende næringsliv – kompetanseflyt.", "Vekst i eksisterende næringsliv – kompetanseflyt"),
    ("LMIs STRATEGI > INNOVASJON > Helsedata", "Helsedata"),
])
def test_topic_headings_name_themes(heading, name):
    assert heading_theme(heading).name == name


def test_headings_that_say_the_same_are_one_theme():
    assert heading_theme("KLINISKE STUDIER").id == heading_theme("Kliniske studier").id
    assert heading_theme("Kliniske studier").id != heading_theme("Innovative innkjøp").id


@pytest.mark.parametrize("heading", [
    "Hva bør gjøres", "Hvor bør det satses?", "Stortingsmeldingen bør avspeile bedriftenes ambisjoner",
    "Vi redder liv med medisinske gjennombrudd", "Innledning", "NHO Helse ønsker å være en aktiv bidragsyter",
    "Innspill til stortingsmeldingen om helsenæringen", None, "", "Kva bør gjerast", "Vi ønskjer ei sterkare satsing",
])
def test_questions_sentences_titles_and_generic_headings_are_not_themes(heading):
    assert heading_theme(heading, title="Innspill til stortingsmeldingen om helsenæringen") is None


def _areas(*texts):
    return {t.name: words for t, words in area_themes(*texts)}


def test_policy_areas_match_word_parts_through_compounds_and_inflection():
    assert _areas("Styrke kapitaltilgangen og tilgangen på risikokapitalen for oppstartselskaper") == {
        "Kapital": ("kapitaltilgangen", "risikokapitalen")}
    assert _areas("Tilrettelegge for kliniske studier og bruk av helseregistre") == {
        "Kliniske studier": ("kliniske studier",), "Tilgang til og bruk av data": ("helseregistre",)}
    assert _areas("Det bør satses på forskning og innovasjon i Norge.") == {}
    assert _areas("Studier viser at kliniske behov øker") == {}  # the two words must be neighbours


def test_an_area_named_like_a_heading_is_the_same_theme():
    [(kliniske, _)] = area_themes("kliniske studier")
    assert kliniske.id == heading_theme("KLINISKE STUDIER").id
    assert len({a.name for a in AREAS}) == 12


# -- the loaded corpus -------------------------------------------------------------------------
@pytest.fixture(scope="module")
def corpus(embedded_store, embedded_settings):
    from api.loading import load_files
    embedded_store.wipe()
    report = load_files(embedded_store, embedded_settings, [embedded_settings.corpus_dir])
    assert report.loaded and not report.failed, report.failed
    yield embedded_store
    embedded_store.wipe()


def _links(store) -> set[frozenset[str]]:
    rows = store.read("MATCH (a:Proposal)-[:SIMILAR_TO]->(b:Proposal) RETURN a.text AS a, b.text AS b")
    return {frozenset((r["a"], r["b"])) for r in rows}


def test_similar_measured_on_hand_judged_pairs(corpus):
    texts = {r["text"] for r in corpus.read("MATCH (p:Proposal) RETURN p.text AS text")}
    # every judged proposal is in the graph as written in the file
    missing = [p[s]["text"] for p in PAIRS for s in "ab" if p[s]["text"] not in texts]
    assert not missing, missing
    links = _links(corpus)
    found = [frozenset((p["a"]["text"], p["b"]["text"])) in links for p in PAIRS]
    tp = sum(f and p["same"] for f, p in zip(found, PAIRS))
    precision = tp / max(1, sum(found))
    recall = tp / sum(p["same"] for p in PAIRS)
    print(f"\nsimilar at {THRESHOLD}: {len(PAIRS)} judged pairs ({sum(p['same'] for p in PAIRS)} same), "
          f"precision {precision:.2f}, recall {recall:.2f}; {len(links)} linked pairs in the corpus")
    assert precision >= PRECISION_FLOOR and recall >= RECALL_FLOOR, (precision, recall)


def test_similar_links_are_both_ways_across_documents_with_evidence(corpus):
    rows = corpus.read(
        "MATCH (a:Proposal)-[r:SIMILAR_TO]->(b:Proposal) "
        "MATCH (a)-[:EXTRACTED_FROM]->(da:Document) MATCH (b)-[:EXTRACTED_FROM]->(db:Document) "
        "OPTIONAL MATCH (b)-[back:SIMILAR_TO {source: r.source}]->(a) "
        "RETURN a.id AS a, b.id AS b, r.score AS score, r.matched AS matched, r.source AS source, r.quote AS quote, "
        "collect(DISTINCT da.id) AS da, collect(DISTINCT db.id) AS db, count(DISTINCT back) AS back")
    assert rows
    for r in rows:
        assert THRESHOLD <= r["score"] <= 1 and r["matched"] and r["quote"] and r["back"] == 1
        assert not set(r["da"]) & set(r["db"]) and r["source"] in set(r["da"]) | set(r["db"])


def test_a_retracted_documents_links_go_and_come_back_on_reload(corpus, embedded_settings):
    from api.loading import load_files, retract
    before = _links(corpus)
    doc = "doc-003-31daae491fa57901"
    theirs = {r["text"] for r in corpus.read(
        "MATCH (p:Proposal)-[:EXTRACTED_FROM]->(:Document {id: $d}) RETURN p.text AS text", {"d": doc})}
    assert any(pair & theirs for pair in before)
    retract(corpus, embedded_settings, doc)
    after = _links(corpus)
    assert after == {pair for pair in before if not pair & theirs}
    assert corpus.read("MATCH (p:Proposal) WHERE NOT (p)-[:EXTRACTED_FROM]->() RETURN p.id AS id") == []
    load_files(corpus, embedded_settings, [embedded_settings.corpus_dir])
    assert _links(corpus) == before
    count = corpus.read("MATCH (:Proposal)-[r:SIMILAR_TO]->(:Proposal) RETURN count(r) AS n")[0]["n"]
    assert count == 2 * len(before)  # each pair once each way, whichever document holds it


def test_themes_merge_headings_across_documents_with_the_heading_as_evidence(corpus):
    rows = corpus.read(
        "MATCH (t:Theme)<-[r:HAS_THEME]-(p:Proposal)-[:EXTRACTED_FROM]->(d:Document) "
        "RETURN t.name AS theme, count(DISTINCT d) AS documents, count(DISTINCT p) AS proposals, "
        "collect(DISTINCT CASE WHEN r.sourceUrl IS NULL THEN d.id END) AS headed, "
        "collect(DISTINCT CASE WHEN r.sourceUrl IS NULL THEN r.quote END) AS quotes")
    by_name = {r["theme"]: r for r in rows}
    assert len(by_name["Kliniske studier"]["headed"]) == 2  # the heading in two documents: one theme
    assert {q.lower() for q in by_name["Kliniske studier"]["quotes"]} == {"kliniske studier"}
    assert by_name["Kliniske studier"]["documents"] >= 3  # and the area's words in a third
    assert "Hva bør gjøres" not in by_name
    data = by_name["Tilgang til og bruk av data"]  # a vocabulary area: in every document but one, by its words
    assert data["documents"] >= 3
    areas = corpus.read("MATCH (p:Proposal)-[r:HAS_THEME]->(t:Theme {name: 'Kapital'}) "
                        "RETURN p.text + ' ' + coalesce(p.section, '') AS text, r.matched AS matched, r.sourceUrl AS url")
    assert areas and all(r["url"] == VEIKART for r in areas)
    assert all(any(w in r["text"].lower() for w in r["matched"]) for r in areas)  # in its text or heading
    docs = corpus.read("MATCH (d:Document)-[r:HAS_THEME]->(t:Theme) RETURN d.id AS d, t.name AS t, r.start AS start")
    assert {"Kliniske studier", "Innovative innkjøp"} <= {r["t"] for r in docs}
    assert all(r["start"] is not None for r in docs)
