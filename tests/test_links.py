"""What a proposal concerns: entities named in its sentence, lead-in, heading or the sentence before,
with the real recogniser and registry, through to the graph batch's MENTIONS evidence."""

from __future__ import annotations

import pytest

from loaders import pipeline
from loaders.links import CONTEXT_WEIGHT

TEXT = """Innspill til Nærings- og fiskeridepartementet

FORNY

Vi ber Forskningsrådet om følgende:

- Dobling av bevilgningen til ordningen

- Raskere behandling av søknader

Kapital

Investinor forvalter statens såkornfond. Dette fondet bør få et utvidet mandat innen helse.

Investinor har investert i mange selskaper. Skattefunn bør utvides til klinisk utprøving.

Investinor har vedtatt en plan. Vi vil satse videre på infrastruktur, og sykehusene er sentrale i dette.

Samarbeid

Staten bør styrke samarbeidet med viktige aktører2 om innføring av nye legemidler.

Horizon 2020 bør videreføres i nytt program.

1) Se rapporten. 2) Eksempelvis Sykehusinnkjøp og Nye metoder

Regioner

Vi ber helseforetakene om følgende:

- Flere kliniske studier i alle regioner
"""


@pytest.fixture(scope="module")
def ex(tmp_path_factory):
    path = tmp_path_factory.mktemp("links") / "innspill.txt"
    path.write_text(TEXT, encoding="utf-8")
    return pipeline.run(path, manifest={})


def linked(ex, start: str) -> dict[str, str]:
    i = next(i for i, p in enumerate(ex.proposals) if p.text.startswith(start))
    return {lk.entity.name: lk.where for lk in ex.links[i]}


def test_lead_in_and_heading_reach_the_bullets(ex):
    for item in ("Dobling av bevilgningen", "Raskere behandling"):
        assert linked(ex, item) == {"Norges forskningsråd": "lead-in", "FORNY": "heading"}


def test_the_sentence_before_counts_only_when_pointed_back_to(ex):
    assert linked(ex, "Dette fondet bør") == {"Investinor AS": "previous sentence"}
    # no demonstrative: Investinor in the sentence before is not what this one is about
    assert linked(ex, "Skattefunn bør") == {"SkatteFUNN": "sentence"}
    # ``i dette`` points at its own sentence, not at the one before
    assert linked(ex, "Vi vil satse videre") == {}


def test_context_links_are_weaker_and_quote_where_the_name_stood(ex):
    b = pipeline.document_batch(ex, ex.registry)
    mentions = {(r.start_id, r.end_id): r.props for r in b.rels if r.type == "MENTIONS"}
    i = next(i for i, p in enumerate(ex.proposals) if p.text.startswith("Dobling"))
    lk = next(lk for lk in ex.links[i] if lk.where == "heading")
    from schema.ids import content_hash
    ev = mentions[(content_hash(ex.proposals[i].text), lk.entity.id)]
    assert ev["quote"] == "FORNY"
    assert ev["confidence"] == pytest.approx(lk.entity.confidence * CONTEXT_WEIGHT["heading"], abs=1e-3)
    inline = next(lk for j, p in enumerate(ex.proposals) for lk in ex.links[j] if lk.where == "sentence")
    assert ev["confidence"] < inline.confidence


def test_extract_json_says_where_and_the_intent(ex):
    js = pipeline.to_json(ex)
    p = next(p for p in js["proposals"] if p["text"].startswith("Dobling"))
    assert p["intent"] == "ask"
    assert {"type": "Instrument", "name": "FORNY", "where": "heading"} in [
        {k: e[k] for k in ("type", "name", "where")} for e in p["entities"]]


def test_a_footnote_mark_reaches_its_note(ex):
    assert linked(ex, "Staten bør styrke samarbeidet") == {"Sykehusinnkjøp HF": "footnote", "Nye metoder": "footnote"}
    # a number that belongs to a name is not a footnote mark
    assert "footnote" not in linked(ex, "Horizon 2020 bør").values()


def test_a_generic_mention_in_lower_case_is_not_a_context_link(ex):
    lead_in = TEXT.index("Vi ber helseforetakene")
    generic = [e for e in ex.entities if any(m.start >= lead_in and m.surface == "helseforetakene" for m in e.mentions)]
    assert generic, "the recogniser no longer finds 'helseforetakene': this test needs another example"
    assert linked(ex, "Flere kliniske studier") == {}


CONTEXT = """Innspill om forskning

Forskningsrådet

Innovasjon Norge har gitt mange tilskudd i år. Vi ber om følgende:

- Flere kliniske studier i alle regioner

- Raskere behandling av søknader om forskningsmidler

Mål

Porteføljen skal styres mot tre mål, slik Forskningsrådet har bestemt. Målene er:

- Bedre helse for hele befolkningen

Regioner

Innovasjon Norge har mange program i regionene. De regionale helseforetaka skal:

- Auke talet på kliniske studiar i alle regionar

Plan

Siva har laga ein plan for næringshagane. Dette inneber at vi skal:

- Styrkje inkubatorane i heile landet
"""


@pytest.fixture(scope="module")
def context_ex(tmp_path_factory):
    path = tmp_path_factory.mktemp("context") / "innspill.txt"
    path.write_text(CONTEXT, encoding="utf-8")
    return pipeline.run(path, manifest={})


def test_only_the_lead_in_that_governs_the_list_reaches_it(context_ex):
    # ``Innovasjon Norge`` is in the paragraph, not in ``Vi ber om følgende:``; the heading names a
    # body (a topic), not an instrument: neither is what the bullets ask for
    for item in ("Flere kliniske studier", "Raskere behandling"):
        assert linked(context_ex, item) == {}
    # ``Målene er:`` points back to the sentence before, whose body is then in the lead-in
    assert linked(context_ex, "Bedre helse") == {"Norges forskningsråd": "lead-in"}
    # ``De regionale helseforetaka skal:`` opens with an article, not a pronoun pointing back
    assert "Innovasjon Norge" not in linked(context_ex, "Auke talet")
    # ``Dette inneber at vi skal:`` points back: the body in the sentence before is in the lead-in
    assert linked(context_ex, "Styrkje inkubatorane") == {"Selskapet for industrivekst SF": "lead-in"}


BACK = """Høringsinnspill om statsbudsjettet

Regjeringen foreslår å sette av 28 millioner kroner til hjemmetester i Livmorhalsprogrammet. De foreslår også å bruke 10 millioner kroner på kunstig intelligens i screening.

Investinor forvalter statens såkornfond.

Dette fondet bør få et utvidet mandat innen helse.

Forskningsrådet har mange programmer. Skattefunn bør utvides til klinisk utprøving.

Hensynet til helseforetakenes effektivitet må balanseres med behovet for nye løsninger.

Bevilgningen til BIA har falt over flere år. Vi anbefaler at den økes til 2019-nivå.

Danmark har lykkes med BioInnovation Institute. Norge bør etablere et tilsvarende institutt.
"""


@pytest.fixture(scope="module")
def back_ex(tmp_path_factory):
    path = tmp_path_factory.mktemp("back") / "innspill.txt"
    path.write_text(BACK, encoding="utf-8")
    return pipeline.run(path, manifest={})


def test_a_pronoun_subject_and_a_paragraph_opening_point_back(back_ex):
    # ``De foreslår`` continues ``Regjeringen foreslår``: who proposes is in the sentence before
    assert linked(back_ex, "De foreslår også")["Regjeringen"] == "previous sentence"
    # a demonstrative opening a paragraph points to the end of the paragraph before
    assert linked(back_ex, "Dette fondet bør") == {"Investinor AS": "previous sentence"}
    # without either, the sentence before is not what the proposal is about
    assert "Norges forskningsråd" not in linked(back_ex, "Skattefunn bør")
    # a pronoun the demand's that-clause is about points back too
    assert linked(back_ex, "Vi anbefaler at den") == {"Brukerstyrt innovasjonsarena": "previous sentence"}
    # so does a thing "like it" (``et tilsvarende institutt``)
    assert linked(back_ex, "Norge bør etablere et tilsvarende")["BioInnovation Institute"] == "previous sentence"


def test_a_generic_possessor_is_not_what_the_proposal_is_about(back_ex):
    generic = [e for e in back_ex.entities if any(m.surface == "helseforetakenes" for m in e.mentions)]
    assert generic, "the recogniser no longer finds 'helseforetakenes': this test needs another example"
    assert linked(back_ex, "Hensynet til helseforetakenes") == {}


WHOSE_TEXT = """Eksport

Regjeringens tiltak for økt helseeksport

1. Videreutvikle helseteknologiordningen for å akselerere innføringen

2. Etablere veiledningstjeneste for kommuner og leverandører

Forskningsrådets tiltak

- Etablere en ny søknadstype for kliniske studier
"""


def test_a_heading_saying_whose_the_measures_are_names_the_government(tmp_path):
    path = tmp_path / "tiltak.txt"
    path.write_text(WHOSE_TEXT, encoding="utf-8")
    ex = pipeline.run(path, manifest={})
    assert linked(ex, "Videreutvikle helseteknologiordningen") == {"Helseteknologiordningen": "sentence",
                                                                  "Regjeringen": "heading"}
    assert linked(ex, "Etablere veiledningstjeneste") == {"Regjeringen": "heading"}
    # a heading naming another body (not the government or a ministry) is a topic, as before
    assert linked(ex, "Etablere en ny søknadstype") == {}


def test_the_parties_of_a_list_of_members_are_not_what_the_proposal_is_about(tmp_path):
    path = tmp_path / "innst.txt"
    path.write_text("Komiteens merknader\n\nKomiteen, medlemmene fra Arbeiderpartiet, Kari Nordmann, fra Høyre, Ola "
                    "Nordmann, mener at regjeringen bør styrke Forskningsrådet.\n", encoding="utf-8")
    ex = pipeline.run(path, manifest={})
    got = linked(ex, "Komiteen, medlemmene")
    assert {"Norges forskningsråd", "Regjeringen"} <= set(got)
    assert not {"Arbeiderpartiet", "Høyre"} & set(got)


def test_parties_coordinated_in_a_list_of_members_are_not_what_the_proposal_is_about(tmp_path):
    path = tmp_path / "innst.txt"
    path.write_text("Innstilling\n\nKomiteens flertall, medlemmene fra Arbeiderpartiet og Senterpartiet, viser til "
                    "Datatilsynet og ber regjeringen sikre at Datatilsynet får ressurser.\n", encoding="utf-8")
    ex = pipeline.run(path, manifest={})
    got = linked(ex, "Komiteens flertall")
    assert "Datatilsynet" in got and not {"Arbeiderpartiet", "Senterpartiet"} & set(got), got
