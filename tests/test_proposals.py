"""Proposal extraction: sentence splitting, recommendation sentences, list items, exclusions."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from loaders.normalise import Normalised, normalise
from loaders.proposals import extract_proposals, split_sentences
from loaders.segment import segment

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "data" / "corpus"
GOLD = (ROOT / ".." / "shared" / "gold").resolve()


def identity(text: str) -> Normalised:
    return Normalised(text, text, list(range(len(text) + 1)))


def props(text: str, **kw):
    n = identity(text)
    return extract_proposals(n, segment(n), **kw)


def texts(text: str, **kw) -> list[str]:
    return [p.text for p in props(text, **kw)]


# -- sentence splitting ----------------------------------------------------------------------
def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


def test_splitter_survives_abbreviations_and_numbers():
    text = ("Vi trenger bl.a. flere studier, f.eks. i kreft. Dette gjelder dvs. alle sykehus, m.m. "
            "Tallet var ca. 12 mill. kroner i 2021. Norge ble nr. 3 på listen, på 2. plass i Norden. "
            "Se jf. kap. 4 om dette. Siste setning!")
    assert sentences(text) == [
        "Vi trenger bl.a. flere studier, f.eks. i kreft.",
        "Dette gjelder dvs. alle sykehus, m.m.",
        "Tallet var ca. 12 mill. kroner i 2021.",
        "Norge ble nr. 3 på listen, på 2. plass i Norden.",
        "Se jf. kap. 4 om dette.",
        "Siste setning!",
    ]


def test_splitter_reflowed_lines_and_parentheses():
    text = "Forholdet er\n2:1. Dette må\nsnus. Midlene bør økes. (Forutsatt ny ordning)."
    assert sentences(text) == ["Forholdet er\n2:1.", "Dette må\nsnus.",
                               "Midlene bør økes. (Forutsatt ny ordning)."]


# -- recommendation sentences -----------------------------------------------------------------
@pytest.mark.parametrize("sentence,modality", [
    ("Regjeringen bør etablere et nasjonalt senter for kliniske studier.", "bør"),
    ("Det må innføres skatteinsentiver for investeringer i helseteknologi.", "må"),
    ("Staten skal sikre finansiering av infrastrukturen.", "skal"),
    ("Vi foreslår at det opprettes et eget program for helseinnovasjon.", "foreslår"),
    ("LMI anbefaler at Forskningsrådet får et tydeligere mandat.", "anbefaler"),
    ("Vi ber departementet om å utrede en ny ordning.", "ber om"),
    ("LMI vil be regjeringen prioritere helsenæringen.", "ber om"),
    ("Det er viktig at formålet med forskningen blir tydelig.", "viktig"),
    ("Eksisterende midler kan brukes bedre ved å sette dem raskere i arbeid.", "kan"),
    ("Finansiering av sentrene er et viktig tiltak for å få flere studier.", "tiltak"),
    ("Det hadde vært en fordel om arbeidet ble satt i system av staten.", "ønske"),
    ("Skal vi øke tempoet, må det skapes en nasjonal drivkraft.", "må"),
    ("For at dette skal bli en realitet må metodevurderingene utvikles.", "må"),
    ("LMI mener Norge bør la seg inspirere av andre land.", "bør"),
    ("Vi ønsker å nedsette et prosjekt som evaluerer dataene.", "ønsker"),
    ("Norge er et land som bør satse mer på helsedata.", "bør"),
])
def test_recommendation_sentences(sentence, modality):
    ps = props(f"Innspill\n\n{sentence}\n")
    assert [(p.text, p.modality) for p in ps] == [(sentence, modality)]


@pytest.mark.parametrize("sentence", [
    "Hvordan skal Norge lykkes med helsenæringen?",                    # a question
    "Legemiddelindustrien (LMI) representerer over 60 medlemmer.",     # the author describing itself
    "Vi bør kanskje nevne at LMI representerer mange bedrifter som må ha tilgang.",  # self-description
    "I fjor påpekte vi at strategien burde inneholde flere tiltak.",   # reporting the past
    "Kunstig intelligens vil identifisere nye behandlingsmål som må utvikles.",  # modal in a relative clause
    "Ofte må selskaper i vekst hente utenlandsk kapital.",            # habitual, not a demand
    "Den ekstra tiden må ofte prioriteres lavere av ressurshensyn.",
    "Når selskapene vokser er det behov for kapital i alle faser.",    # a general description
    "På den måten kan både store og små selskaper styrkes samtidig.",  # a consequence
    "Norge har et stort potensial innen helsedata.",                  # descriptive
    "En sterk legemiddelindustri er viktig for å videreutvikle nye innovasjoner.",
    "Det må også være vanskelig for aktørene å prioritere oppgaver.",  # epistemic 'må'
    "Følgende punkter må ivaretas:",                                  # a lead-in
])
def test_non_proposals(sentence):
    assert texts(f"Innspill\n\n{sentence}\n") == []


def test_misspelt_modal_and_elliptic_follow_up():
    ps = props("Innspill\n\nSkalering og eksport børe være en ambisjon.\n\n"
               "Likeså å tiltrekke mer privat kapital.\n")
    assert [p.modality for p in ps] == ["bør", "bør"]


def test_men_clause_keeps_the_demand():
    ps = props("Innspill\n\nOrdningen har vært et godt bidrag, men det er viktig at TTOene styrkes ytterligere.\n")
    assert [p.text for p in ps] == ["det er viktig at TTOene styrkes ytterligere."]


# -- list items ----------------------------------------------------------------------------------
def test_bullets_under_a_tiltak_heading():
    text = ("Bakgrunn\n\nHelsedata er lite tilgjengelig i dag.\n\nForslag til tiltak\n\n"
            "- Etablere en nasjonal dataplattform\n- Nasjonal handlingsplan for helsedata\n"
            "- Dagens ordning fungerer dårlig\n")
    ps = props(text)
    assert [p.text for p in ps] == ["Etablere en nasjonal dataplattform", "Nasjonal handlingsplan for helsedata"]
    assert all(p.modality == "bullet" and p.section == "Forslag til tiltak" for p in ps)


def test_generalised_proposal_headings():
    for heading in ("Våre anbefalinger", "Oppsummering av foreslåtte tiltak", "Tiltak", "Våre innspill"):
        ps = props(f"Dokument\n\n{heading}\n\n- Styrke kapitaltilgangen for oppstartselskaper\n")
        assert [p.text for p in ps] == ["Styrke kapitaltilgangen for oppstartselskaper"], heading


def test_numbered_points_after_a_demanding_lead_in():
    text = ("Innspill\n\nFølgende punkter må ivaretas for å lykkes:\n\n1. Målrettet satsing på produksjon\n\n"
            "2. Helseindustrien blir et satsingsområde\n\nVi har kommentert disse prosessene:\n\n"
            "- Vurdere om sykehuset er egnet\n- Rekruttere pasienter\n")
    ps = props(text)
    assert [p.text for p in ps] == ["Målrettet satsing på produksjon", "Helseindustrien blir et satsingsområde"]
    assert [p.modality for p in ps] == ["numbered", "numbered"]


def test_items_continuing_a_relative_clause_are_not_proposals():
    text = "Kommentarer\n\nNæringslivet er en aktør som\n\n- har behov for ny kunnskap\n- tar i bruk kunnskap\n"
    assert texts(text) == []


def test_strategy_goals():
    text = ("ORGANISASJONENS STRATEGI 2024-2027\n\nStrategiske mål\n\nFremme innovasjon i helsetjenesten\n\n"
            "Bli anerkjent som en viktig vekstnæring\n\nVi redder liv hver dag.\n\n"
            "Gjennomsnittlig antall dager mellom godkjenning og refusjon\n")
    ps = props(text)
    assert [p.text for p in ps] == ["Fremme innovasjon i helsetjenesten", "Bli anerkjent som en viktig vekstnæring"]
    assert props(text, doc_type="consultation_input") == []


def test_demanding_heading_is_a_proposal_but_not_a_question_heading():
    text = ("Innspill\n\nStortingsmeldingen bør avspeile næringens ambisjoner\n\nNorge har mange fortrinn.\n\n"
            "Hva bør gjøres\n\nNorge har gode registre.\n")
    ps = props(text)
    assert [(p.text, p.modality) for p in ps] == [("Stortingsmeldingen bør avspeile næringens ambisjoner", "bør")]


def test_contact_and_signature_blocks_are_never_proposals():
    text = ("Innspill\n\nDet bør etableres et senter.\n\nMed vennlig hilsen\nKari Nordmann\n"
            "Direktør som bør kontaktes\n\nKontakt: Ola, tlf. 22 33 44 55, ola@example.no, må svare innen fredag\n")
    assert texts(text) == ["Det bør etableres et senter."]


def test_repeated_proposal_is_one_draft():
    text = ("Oppsummering av foreslåtte tiltak\n\nDet bør opprettes et permanent samarbeidsorgan for helseforskning.\n\n"
            "Bakgrunn\n\nDet er mange aktører.\n\nForslag til tiltak\n\n"
            "Det bør opprettes et permanent samarbeidsorgan for helse-forskning\n")
    ps = props(text)
    assert len(ps) == 1


def test_offsets_point_into_the_normalised_text():
    raw = ("Innspill til NFD\n\nVi foreslår at det opprettes et eget program for helse-\ninnovasjon "
           "og næring.\n\n\uf0b7 Staten må  investere mer.\n")
    n = normalise(raw)
    ps = extract_proposals(n, segment(n))
    assert ps
    for p in ps:
        assert " ".join(n.text[p.start:p.end].split()).replace("- ", "-") == p.text.replace("- ", "-") or \
            p.text == " ".join(n.text[p.start:p.end].split())
        assert p.confidence > 0


# -- the corpus against the gold standard ---------------------------------------------------------
@pytest.mark.skipif(not GOLD.is_dir(), reason="gold annotations not available")
@pytest.mark.parametrize("gold", sorted(GOLD.glob("*.json")) if GOLD.is_dir() else [], ids=lambda p: p.name[:3])
def test_corpus_proposals_meet_the_targets(gold):
    sys.path.insert(0, str(ROOT / "bench"))
    import extraction_score as es

    doc = CORPUS / json.loads(gold.read_text(encoding="utf-8"))["document"]
    scores = es.score_file(gold, es._proposals_only(doc))
    assert scores.proposals.recall >= 0.95, scores.missed_proposals
    assert scores.proposals.precision >= 0.90, scores.false_proposals


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_corpus_runs_raw_and_normalised(path):
    text = path.read_text(encoding="utf-8")
    for n in (identity(text), normalise(text)):
        ps = extract_proposals(n, segment(n))
        assert len(ps) >= 10
        assert all(0 <= p.start < p.end <= len(n.text) for p in ps)
        assert not any("@" in p.text for p in ps)


def test_unseen_consultation_answer():
    text = ("Høringssvar – forslag til endringer i helseregisterloven\n\n"
            "Vi viser til høringsbrev fra Helse- og omsorgsdepartementet.\n\n"
            "Generelle merknader\nDepartementet foreslår å gjøre det enklere å koble registre. Vi støtter "
            "hovedtrekkene i forslaget, men mener at personvernet må ivaretas bedre.\n\n"
            "Våre anbefalinger\n• Innføre en digital innsynslogg for alle registre\n"
            "• Registrene er i dag spredt på mange forvaltere\n\n"
            "Hvorfor er dette viktig?\nTillit er en forutsetning for at befolkningen skal dele data. "
            "Vi anbefaler derfor at departementet utreder en nasjonal samtykkeløsning, jf. kap. 5 i "
            "høringsnotatet. Dessuten bør det settes av midler til informasjon, f.eks. gjennom Helsenorge.\n\n"
            "Med vennlig hilsen\nKari Nordmann\nTlf. 911 22 333\n")
    assert texts(text) == [
        # the ministry's own proposal, reported: a proposal (of the government), as the devset annotates it
        "Departementet foreslår å gjøre det enklere å koble registre.",
        "Vi støtter hovedtrekkene i forslaget, men mener at personvernet må ivaretas bedre.",
        "Innføre en digital innsynslogg for alle registre",
        "Vi anbefaler derfor at departementet utreder en nasjonal samtykkeløsning, jf. kap. 5 i høringsnotatet.",
        "Dessuten bør det settes av midler til informasjon, f.eks. gjennom Helsenorge.",
    ]


# -- what a sentence does: asks, commitments, goals, endorsements (bokmål and nynorsk) ------------
@pytest.mark.parametrize("sentence,intent", [
    ("Regjeringen vil styrke tilgangen til risikokapital for helsenæringen.", "commitment"),
    ("Regjeringa vil etablere eit nasjonalt senter for kliniske studiar.", "commitment"),
    ("Vi vil også utvikle et nytt program for helseinnovasjon.", "commitment"),
    ("Regjeringen foreslår å sette av 30 millioner kroner til hjemmetester.", "commitment"),
    ("Departementet føreslår å opprette eit nasjonalt register for kliniske studiar.", "commitment"),
    ("Regjeringen vil gi Forskningsrådet i oppdrag å utrede en ny ordning for kliniske studier.", "commitment"),
    ("Jeg vil etablere et nasjonalt senter for kliniske studier.", "commitment"),
    ("Regjeringen styrker Nasjonalt senter for kliniske studier med 50 millioner kroner.", "commitment"),
    ("Regjeringa set av 20 millionar kroner til persontilpassa medisin.", "commitment"),
    ("Oslo Cancer Cluster vil se en nasjonal satsing på presisjonsmedisin.", "ask"),
    # nynorsk opinions make their ``at``-clause the demand; endorsements and goals in their own words
    ("Helse Førde meiner at det bør etablerast eit regionalt forskingsfond.", "ask"),
    ("Vi oppmodar regjeringa om å auke løyvingane til klinisk forsking.", "ask"),
    ("Det er ønskeleg at fleire pasientar får delta i kliniske studiar.", "ask"),
    ("Komiteen ser positivt på at regjeringen vil styrke den kliniske forskningen.", "ask"),
    ("Kreftforeningen er glad for at regjeringen prioriterer kreftforskning.", "ask"),
    ("Vi har som mål å doble antallet kliniske studier innen 2025.", "goal"),
    ("Eit hovudmål er å styrkje forskinga i heile føretaket.", "goal"),
    ("Eit satsingsområde for forsking er samhandlinga mellom kommunane og sjukehuset.", "goal"),
    ("Ei viktig oppgåve framover blir å auke talet på kliniske studiar.", "ask"),
    ("Regjeringa har mål om regional balanse i heile landet.", "goal"),
    ("Trygge lokalsamfunn er eit grunnleggjande mål for denne regjeringa.", "goal"),
    ("Det er imidlertid behov for å opprette en permanent struktur for samarbeid.", "ask"),
    ("Regjeringa vil at alle innbyggjarar skal ha tilgang til gode tenester.", "commitment"),
    ("Regjeringa legg denne våren også fram ein strategi for småbyen.", "commitment"),
    ("Stortinget har bedt regjeringen om å legge frem en nasjonal plan for elektronisk kommunikasjon.", "ask"),
    ("I 2017 ba et enstemmig storting regjeringen fremme en helseindustrimelding.", "ask"),
    ("Komiteen viser til at regjeringen fremhever at «den klare hovedregelen fortsatt bør være "
     "tilgjengeliggjøring til forskning».", "ask"),
    ("Komiteen understreker behovet for å ta i bruk standard programvare.", "ask"),
    ("Spekter støtter også ønsket om å legge bedre til rette for kliniske studier.", "ask"),
    ("Vi har også fått i oppdrag å gjøre kunnskap om e-helse tilgjengelig.", "commitment"),
    ("Siva bevilger 21 millioner kroner til elleve næringshager.", "commitment"),
    ("Det er et ledelsesansvar å legge til rette for klinisk forskning.", "ask"),
    ("Legeforeningen mener at helse er gitt for liten plass i planen.", "ask"),
    ("Den største mangelen i planen er at det ikke følger med finansiering.", "ask"),
    ("Økt eksportsatsing, bedre forutsigbarhet for klynger og mer risikokapital til oppstartsselskaper.", "ask"),
    ("Hovedmålet er å gjøre Norge ledende innen helseteknologi.", "goal"),
    ("Det overordnede målet for næringspolitikken er størst mulig samlet verdiskaping.", "goal"),
    ("Norge skal være ledende på kliniske studier innen 2030.", "goal"),
    ("Forskinga i føretaket skal bidra til betre pasientbehandling.", "goal"),
    ("Vi støtter forslaget om et nasjonalt register for kliniske studier.", "ask"),
    ("Komiteen deler målsettingen om at helseregistrene skal gi ny kunnskap.", "ask"),
    ("Stortinget ber regjeringen legge til rette for klinisk forskning på legemidler.", "ask"),
    ("Helse Vest føreslår at det blir oppretta eit regionalt forskingsfond.", "ask"),
    ("Komiteen forutsetter at regjeringen følger opp saken i budsjettet.", "ask"),
    ("Vi savner en større satsing på innovasjon innen helse.", "ask"),
    ("Vi er opptatt av at midlene må styres av det nye eksportsenteret.", "ask"),
    ("Regjeringen bør etablere et nasjonalt senter for kliniske studier.", "ask"),
    ("Planen beskriver også satsing på forskning i primærhelsetjenesten, og dette støttes.", "ask"),
    ("Særlig er det bra at helse er blitt et eget satsingsområde.", "ask"),
])
def test_what_a_sentence_does(sentence, intent):
    ps = props(f"Innspill\n\n{sentence}\n")
    assert [(p.text, p.intent) for p in ps] == [(sentence, intent)]


@pytest.mark.parametrize("sentence", [
    "Vi vil understreke at helsenæringen er viktig for Norge.",      # the author speaking
    "Vi vil derfor trenge flere næringer i årene som kommer.",        # a prediction
    "Helseregistre er et viktig virkemiddel, og det pågår et arbeid for å samordne dem.",  # description
    "Målet er ikke nådd i denne perioden.",
    "Vi vil gjerne takke alle som har bidratt i arbeidet.",
    "Jeg vil takke komiteen for et godt samarbeid.",                  # a minister speaking
    "Jeg vil starte med å fortelle om et besøk på Haukeland.",
    "Eg vil dele nokre tankar om kliniske studiar i dag.",
    "Regjeringen legger i dag fram en stortingsmelding om legemiddelpolitikken.",  # the news, not a measure
    "Regjeringen har styrket Forskningsrådet i flere år.",            # what was done
    "Vi vil se at flere pasienter får behandling i årene som kommer.",  # a prediction
    "Samtidig er økonomien i omstilling og næringslivet treng fleire bein å stå på.",  # a need (nynorsk)
    "Vi veit ikkje korleis forskinga skal finansierast i åra som kjem.",  # an indirect question (nynorsk)
    "Norge har behov for å omstille økonomien i grønn retning.",       # a statement of need
    "Forskere trenger bedre tilgang til helsedata.",                  # a need: the gold leaves needs out
    "Det er behov for en nasjonal handlingsplan for helsedata.",
    "Rapporten fra kommisjonen understreker betydningen av å ta i bruk ny teknologi.",  # a report's view
    "Det vises til dokumentet for nærmere redegjørelse for forslaget.",  # a reference
    "Han viste til at «Norge er et lite land med store muligheter».",   # a quote without a demand
    "Med plattform siktar ein til løysingar som gir auka endringsevne og enklare tilgang til data.",
    "Vi mener at kunnskap er nødvendig for å møte utfordringene.",    # a statement of value
    "Beslutningsforum avgjør om det skal innføres eller ikke.",        # an indirect question
    "Hittil har legemiddelverket laget varsler når nye legemidler foreslås.",  # a description
    "Selv om smitten er under kontroll nå, skal det lite til for at den sprer seg igjen.",  # an idiom
])
def test_not_commitments_nor_goals(sentence):
    assert texts(f"Innspill\n\n{sentence}\n") == []


def test_a_lead_in_carries_its_intent_to_the_bullets():
    text = ("Tiltak\n\nRegjeringen vil:\n\n- Styrke Investinor med nye midler\n- Etablere et nytt program\n\n"
            "Komiteen ønsker å fremheve følgende punkter:\n\n- Et nasjonalt register for studier\n"
            "- Raskere innføring av nye metoder\n")
    ps = props(text)
    assert [(p.text, p.intent) for p in ps] == [
        ("Styrke Investinor med nye midler", "commitment"), ("Etablere et nytt program", "commitment"),
        ("Et nasjonalt register for studier", "ask"), ("Raskere innføring av nye metoder", "ask")]


def test_a_goal_label_makes_its_paragraph_goals():
    text = ("Plan og utvikling\n\nMål: Et samordnet kompetanseteam er etablert. Handlingsplan for neste periode er "
            "utarbeidet.\n\nMålet er ikke nådd.\n")
    assert [(p.text, p.intent) for p in props(text)] == [
        ("Et samordnet kompetanseteam er etablert.", "goal"), ("Handlingsplan for neste periode er utarbeidet.", "goal")]


def test_a_list_of_what_something_is_about_is_not_a_list_of_demands():
    text = ("Strategi\n\nArbeidet starter nå, og vil være ferdig i løpet av 2019. Den vil blant annet handle om:\n\n"
            "- Hvordan Norge kan bygge opp kompetanse\n- Etiske retningslinjer og personvern\n")
    assert texts(text) == ["Arbeidet starter nå, og vil være ferdig i løpet av 2019."]


def test_a_future_lead_in_is_not_a_demand():
    text = ("Kliniske studier\n\nVidere vil utviklingsprosessen involvere data gjennom følgende prosesser:\n\n"
            "- Rekruttere pasienter til studien\n- Bruke registerbaserte kontrollarmer\n")
    assert texts(text) == []


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_every_corpus_proposal_has_an_intent_of_the_model(path):
    from schema.model import PROPOSAL_INTENTS

    n = normalise(path.read_text(encoding="utf-8"))
    ps = extract_proposals(n, segment(n))
    assert ps and {p.intent for p in ps} <= set(PROPOSAL_INTENTS)


def test_a_lead_in_that_is_itself_a_demand():
    text = ("Strategi\n\nSjukehuset skal styrke posisjonen som eit leiande helseføretak innan forsking for å sikre:\n\n"
            "- Trygge og nære sjukehustenester\n- Heilskapleg behandling\n")
    assert texts(text) == ["Sjukehuset skal styrke posisjonen som eit leiande helseføretak innan forsking for å sikre:",
                           "Trygge og nære sjukehustenester", "Heilskapleg behandling"]


def test_a_short_line_announcing_goals_makes_its_items_goals():
    text = ("Utdanning\n\nKva har vi oppnådd innan 2030:\n\n- Sjukehuset har det mest etterspurte utdanningsløpet\n"
            "- Betre samarbeid med utdanningsinstitusjonar\n\n"
            "LMI mener de overordnede målene i langtidsplanen står seg godt:\n\n- møte store samfunnsutfordringer\n")
    assert [(p.text, p.intent) for p in props(text)] == [
        ("Sjukehuset har det mest etterspurte utdanningsløpet", "goal"),
        ("Betre samarbeid med utdanningsinstitusjonar", "goal")]


def test_items_under_a_heading_announcing_goals_are_goals():
    text = ("Oppdragsdokument 2023\n\nInnleiing\n\nDokumentet gjeld for heile året.\n\n"
            "Mål for 2023\n\n- Auka bruk av felles innkjøpsavtalar i føretaka\n"
            "- Redusere ventetida for nye legemiddel\n\n"
            "Hva bør endres ved målene?\n\n- Innkjøpa er i dag spreidde på mange einingar\n")
    ps = props(text)
    assert [(p.text, p.intent) for p in ps] == [
        ("Auka bruk av felles innkjøpsavtalar i føretaka", "goal"),
        ("Redusere ventetida for nye legemiddel", "goal"),
    ]


def test_a_headline_that_asks_is_a_proposal_but_one_announcing_a_list_is_not():
    text = ("Høringsinnspill fra Oslo Cancer Cluster\n\n"
            "Oslo Cancer Cluster vil se en nasjonal satsing på presisjonsmedisin\n\n"
            "Vi savner en større satsing på kreftforskning i budsjettet.\n\n"
            "I TILLEGG FORESLÅS FØLGENDE AKTIVITETER I STRATEGIPERIODEN\n\n"
            "Nye metoder er et system for innføring av nye legemidler.\n")
    assert texts(text) == ["Oslo Cancer Cluster vil se en nasjonal satsing på presisjonsmedisin",
                           "Vi savner en større satsing på kreftforskning i budsjettet."]


def test_a_lead_in_that_says_something_is_a_proposal_itself():
    text = ("Satsingsområde\n\nSenteret skal jobbe med fire satsingsområde som følgjer dei nasjonale prioriteringane:\n\n"
            "- forske på korleis innbyggjarane bruker velferdsteknologi\n\n"
            "Regjeringa har fem hovudprioriteringar som viser kva ho ser som det viktigaste framover:\n\n"
            "- Brukaren i sentrum\n\nVi ber om følgjande:\n\n- Fleire kliniske studiar\n")
    assert texts(text) == [
        "Senteret skal jobbe med fire satsingsområde som følgjer dei nasjonale prioriteringane:",
        "forske på korleis innbyggjarane bruker velferdsteknologi",
        "Brukaren i sentrum",  # under a lead-in naming priorities (a compound: hovudprioriteringar)
        "Fleire kliniske studiar",  # ``Vi ber om følgjande:`` only announces its list
    ]


def test_an_item_holding_two_measures_gives_both():
    text = ("Strategi for digitale tenester\n\nTiltak ved oppstart\n\n- Beskrive eigenskapane til plattforma for forsking, register osb. "
            "Utvikle målarkitektur med informasjonsmodellar og terminologi.\n")
    assert texts(text) == ["Beskrive eigenskapane til plattforma for forsking, register osb.",
                           "Utvikle målarkitektur med informasjonsmodellar og terminologi."]


def test_a_change_named_under_a_goal_heading_is_a_goal():
    text = ("Statsbudsjettet for helse 2021\n\nHovedmål\n\nBedre folkehelse og mindre sosial ulikhet\n\nGod kvalitet i tjenestene\n\n"
            "Innledning\n\nBedre tider\n\nBedre bruk av helsedata og økt forskning i sykehusene\n\n"
            "Helsedata brukes i dag lite.\n")
    assert [(p.text, p.intent) for p in props(text)] == [("Bedre folkehelse og mindre sosial ulikhet", "goal")]


# -- constructions that hold beyond the texts the rules were written on (issue 18) ---------------
@pytest.mark.parametrize("sentence,intent", [
    # a goal whose owner is a genitive or a possessive
    ("Regjeringens mål er et trygt og rettferdig samfunn med arbeid til alle.", "goal"),
    ("Direktoratets overordnede mål for perioden er bedre helsetjenester i hele landet.", "goal"),
    ("Vår visjon er et bærekraftig helsevesen.", "goal"),
    ("Helse Nordvest (HNV) sitt overordna mål er å sikre alle innbyggjarane eit godt tilbod.", "goal"),
    # a commitment or the government's act, verb second after a fronted adverbial
    ("I denne meldingen vil regjeringen forsterke innsatsen for flere i arbeid.", "commitment"),
    ("Derfor vil vi etablere et nytt senter for kliniske studier.", "commitment"),
    ("For å sikre at flest mulig kan jobbe, legger regjeringen arbeidslinja til grunn.", "commitment"),
    ("I 2024 styrker regjeringen Forskningsrådet med 50 millioner kroner.", "commitment"),
    # a plan set out, also in the past
    ("Her ble det lagt opp til at direktoratet får et helhetlig ansvar for beredskap.", "commitment"),
    # the government's measure named in the relative clause that picks it out
    ("En av prioriteringene som regjeringen foreslår for neste år, er en økning i eksportsatsingen.", "commitment"),
    # a requirement as a noun phrase, a measure seen as an element, a means recommended
    ("Å nå et slikt mål forutsetter gode rammevilkår og satsing på forskning.", "ask"),
    ("Vi ser videreutvikling av finansieringssystemet som et viktig element i dette.", "ask"),
    ("Ved å dreie arbeidet mot forebygging kan vi dempe veksten i helsetjenesten.", "ask"),
    # a demand on what the main clause names
    ("Sykehusstrukturen har utfordringer som bør sees i sammenheng med utvalgets rapport.", "ask"),
    # a wish that someone else act, an agreement in the first person
    ("Vi ønsker at flere kliniske studier legges til Norge.", "ask"),
    ("Vi håper at regjeringen prioriterer helseinnovasjon i neste budsjett.", "ask"),
    ("Vi slutter oss til anbefalingene i utvalgets rapport.", "ask"),
    ("Vi er enige i at Helsedataservice må styrkes.", "ask"),
    # the government's commitment, reported in the news
    ("Statsministeren varslet at regjeringen vil opprette et nytt senter for helsedata.", "commitment"),
    # a request with its addressee and a short infinitive; a commitment after a long fronted adverbial
    ("Diabetesforbundet ber regjeringen få på plass et klarere regelverk for skolene.", "ask"),
    ("I tett samarbeid med klinikkene og sykehusets ledelse vil vi fremme innovasjon på tvers av sykehuset.",
     "commitment"),
    # an endorsement by satisfaction, a committee's premise, a role the author would give others
    ("Komiteens flertall er svært fornøyd med at regjeringen legger fram en idrettsmelding.", "ask"),
    ("Flertallet legger til grunn idrettens viktige posisjon i samfunnet.", "ask"),
    ("Vi mener også at private sykehus kan spille en viktig rolle.", "ask"),
    # a position against, a delivery scheduled, work in hand
    ("Vi ønsker ikke et system der det blir viktigst å gjøre det som lønner seg.", "ask"),
    ("Arbeidet med strategien starter nå, og vil være ferdig i løpet av 2019.", "commitment"),
    ("For tiden arbeides det også med etablering av en mastergrad i kreftsykepleie.", "commitment"),
])
def test_general_constructions(sentence, intent):
    ps = props(f"Innspill\n\n{sentence}\n")
    assert [(p.text, p.intent) for p in ps] == [(sentence, intent)]


@pytest.mark.parametrize("sentence", [
    "Regjeringens mål er ikke nådd i denne perioden.",               # a goal reported as missed
    "Når vi vil forstå utviklingen, ser vi på tallene fra registrene.",  # 'vil' in a subordinate clause
    "I dag vil jeg snakke om kliniske studier.",                      # a speaker's discourse
    "I dag legger regjeringen fram en melding om helsenæringen.",      # the news, not a measure
    "Norge har mange pasienter som må vente lenge på behandling.",     # 'må' in a relative clause after 'har'
    "Mange pasienter forteller at de ønsker at ventetiden blir kortere.",  # someone's wish, reported
    "Statsråden uttalte at regjeringen vil se på saken.",                # a past report
    "I meldingen trekkes det frem at næringslivet kan bidra til bedre løsninger.",  # what a document says
])
def test_general_constructions_that_are_not_proposals(sentence):
    assert texts(f"Innspill\n\n{sentence}\n") == []


def test_a_list_of_what_a_body_does_is_its_commitments():
    text = ("Strategi\n\nRiktig bruk\n\nVi bidrar til at produktene brukes riktig.\n\n"
            "• Etaten tilbyr veiledning i hele prosessen\n• Etaten samarbeider med andre aktører\n"
            "• Etaten styrker overvåkingen av sikkerhet\n\nBakgrunn\n\n"
            "• Etaten ble opprettet i 2002\n• Tallene viser vekst\n• Mange søker\n")
    ps = props(text)
    assert [(p.text, p.intent) for p in ps] == [
        ("Vi bidrar til at produktene brukes riktig.", "commitment"),
        ("Etaten tilbyr veiledning i hele prosessen", "commitment"),
        ("Etaten samarbeider med andre aktører", "commitment"),
        ("Etaten styrker overvåkingen av sikkerhet", "commitment")]


def test_two_bullets_or_different_subjects_are_not_a_list_of_commitments():
    text = ("Om oss\n\n• Etaten tilbyr veiledning\n• Etaten samarbeider med andre\n\n"
            "Oversikt\n\n• Etaten tilbyr veiledning\n• Direktoratet samarbeider med andre\n• Rådet gir råd\n\n"
            # a description in the first person, or of a country or of a kind of body, is not one either
            "Fakta\n\n• Vi har 500 ansatte\n• Vi driver tre sykehus\n• Vi tilbyr kurs\n\n"
            "Norge\n\n• Norge har mange helseregistre\n• Norge bruker mye på helse\n• Norge ligger langt framme\n\n"
            "Sykehus\n\n• Sykehusene har lange køer\n• Sykehusene mangler areal\n• Sykehusene bruker mye innleie\n")
    assert texts(text) == []


@pytest.mark.parametrize("sentence,intent", [
    ("Me vil styrkje samarbeidet med kommunane.", "commitment"),                 # nynorsk *we*
    ("Departementet tek sikte på å leggje fram ein strategi i 2025.", "commitment"),
    ("Regjeringa sitt mål er at alle skal ha tilgang til gode tenester.", "goal"),  # a goal, found by its modal
])
def test_nynorsk_forms_of_the_same_constructions(sentence, intent):
    ps = props(f"Innspill\n\n{sentence}\n")
    assert [(p.text, p.intent) for p in ps] == [(sentence, intent)]


@pytest.mark.parametrize("sentence,intent", [
    ("Disse medlemmer vil berømme regjeringen for å legge fram en helhetlig plan.", "ask"),   # praise endorses
    ("Disse medlemmer viser til at målet for regjeringens politikk er å skape helsefremmende samfunn.", "goal"),
    ("Hensikten med katapultnodene er å gi bedrifter lettere tilgang til testfasiliteter.", "goal"),
    ("Formålet er å skape pasienten si helseteneste.", "goal"),
    ("Regjeringen gir 6 millioner kroner til innovasjonsmiljøer som jobber med helseinnovasjon.", "commitment"),
    ("I 2023 er det bevilget 148,3 mill. kroner til ordningen.", "commitment"),
    ("Vinteren 2019 legger derfor næringsministeren og helseministeren fram en egen helsenæringsmelding.",
     "commitment"),
    ("Regjeringen ønsker en bærekraftig helse- og omsorgstjeneste som skal holde høy kvalitet.", "commitment"),
])
def test_constructions_of_storting_texts_and_press_releases(sentence, intent):
    ps = props(f"Innspill\n\n{sentence}\n")
    assert [(p.text, p.intent) for p in ps] == [(sentence, intent)]


@pytest.mark.parametrize("sentence", [
    "I dag legger næringsministeren fram en ny melding om helsenæringen.",   # the news of the day
    "Han gir 6 millioner kroner i gave til klubben.",                       # not the government's allocation
    "Vi vil rose alle som har bidratt.",                                     # praise of people, not a measure
])
def test_not_those_constructions(sentence):
    assert texts(f"Innspill\n\n{sentence}\n") == []


def test_proposals_referred_to_by_number_are_not_measures():
    text = ("Votering\n\nUnder debatten er det satt fram i alt ti forslag. Det er\n\n"
            "• forslagene nr. 1–3, fra Kari Nordmann på vegne av Høyre\n• forslag nr. 4, fra Ola Nordmann på vegne av Venstre\n\n"
            "Forslag nr. 4 lyder:\n\n«Stortinget ber regjeringen utrede en ny ordning for kliniske studier.»\n")
    assert texts(text) == ["«Stortinget ber regjeringen utrede en ny ordning for kliniske studier.»"]


def test_someones_purpose_is_not_a_measures_goal():
    assert texts("Innspill\n\nFormålet med industriens FoU er å styrke konkurransekraften.\n") == []


def test_a_bills_proposal_reported_by_the_committee_and_what_a_speaker_announces():
    text = ("Merknader\n\nKomiteen viser til at det i proposisjonen foreslås endringer i helseregisterloven.\n\n"
            "I saksordførerens fravær skal jeg holde saksordførerinnlegget.\n\n"
            "Det gjelder særlig når det er nødvendig å koble data fra flere registre.\n")
    assert [(p.text, p.intent) for p in props(text)] == [
        ("Komiteen viser til at det i proposisjonen foreslås endringer i helseregisterloven.", "commitment")]


def test_a_documents_purpose_to_present_is_no_goal():
    assert texts("Innspill\n\nFormålet med meldingen er å presentere regjeringens politikk for IKT.\n") == []


@pytest.mark.parametrize("sentence,intent", [
    ("Dette er gode nyheter, mener Kari Nordmann, daglig leder i klyngen.", "ask"),           # a measure welcomed
    ("Offentlig støtte er viktig for næringen, og satsingen er velkommen!", "ask"),
    ("Foreslåtte tiltak er blant annet en ny utlysning og økt kapital til Siva.", "ask"),       # measures named as proposed
    ("Helse- og omsorgsdepartementet (HOD) viderefører regjeringens satsning på kvinnehelse.", "commitment"),
    ("Dette innebærer at kommunene må formulere sine kunnskapsbehov.", "ask"),               # what a measure entails
])
def test_welcomes_named_measures_and_what_they_entail(sentence, intent):
    ps = props(f"Innspill\n\n{sentence}\n")
    assert [(p.text, p.intent) for p in ps] == [(sentence, intent)]


@pytest.mark.parametrize("sentence", [
    "Været er velkomment etter en lang vinter.",                 # welcome, but not a measure
    "Tiltakene er beskrevet i kapittel 4.",                       # measures referred to, not named as proposed
])
def test_not_welcomes_of_measures(sentence):
    assert texts(f"Innspill\n\n{sentence}\n") == []


def test_sharing_an_assessment_endorses_it_and_a_speakers_expectation_of_speeches_does_not_ask():
    assert [p.intent for p in props("Debatt\n\nHøyre deler regjeringens vurdering av forslaget.\n")] == ["ask"]
    assert texts("Debatt\n\nJeg forutsetter at hvert parti vil redegjøre for sine standpunkt.\n") == []
    assert texts("Merknader\n\nKomiteen forutsetter at regjeringen kommer tilbake til Stortinget med saken.\n")


def test_an_infinitive_subject_judged_important():
    assert [p.intent for p in props("Innspill\n\nÅ lykkes med arbeidslinja er viktigere enn noen gang.\n")] == ["ask"]


def test_lower_case_numbered_points_complete_a_that_clause_lead_in():
    text = ("Oppsummering\n\nLegeforeningen anbefaler at departementet:\n1. beholder samtykke som hovedregel\n"
            "2. sikrer finansiering av Helsedataservice\n\nMøtet ble holdt 30.\noktober i fjor.\n")
    assert texts(text) == ["beholder samtykke som hovedregel", "sikrer finansiering av Helsedataservice"]


def test_more_money_in_the_present_is_a_commitment():
    ps = props("Nyheter\n\nDerfor øker vi bevilgningen til kliniske studier med 50 millioner kroner.\n\n"
               "Bevilgningen økte med 5 prosent i fjor.\n")
    assert [(p.text, p.intent) for p in ps] == [
        ("Derfor øker vi bevilgningen til kliniske studier med 50 millioner kroner.", "commitment")]


def test_an_opinion_on_what_should_hold_is_an_ask():
    ps = props("Merknader\n\nVi mener samtykke fortsatt skal være hovedregelen.\n")
    assert [(p.text, p.intent) for p in ps] == [("Vi mener samtykke fortsatt skal være hovedregelen.", "ask")]


def test_a_debate_speakers_label_is_not_part_of_the_proposal():
    text = ("Debatt\n\nOla Hansen (Sp) [10:30:44]: Senterpartiet er opptatt av at hele landet skal ta del i veksten.\n\n"
            "Kari Nordmann (H) [10:15:02]: Derfor fremmer jeg forslaget om en innovasjonsmilliard for helse.\n")
    assert texts(text) == ["Senterpartiet er opptatt av at hele landet skal ta del i veksten.",
                           "Derfor fremmer jeg forslaget om en innovasjonsmilliard for helse."]


@pytest.mark.parametrize("sentence, expected", [
    ("Vi kommer til å legge fram en ny strategi for persontilpasset medisin til høsten.", ["commitment"]),
    ("Regjeringa kjem til å styrkje satsinga på kliniske studiar.", ["commitment"]),
    ("Vi kommer til å se mer av dette framover.", []),               # a prediction
    ("Pasientene kommer til å merke endringene.", []),              # nobody's plan
])
def test_a_plan_with_kommer_til_aa(sentence, expected):
    assert [p.intent for p in props(f"Innlegg\n\n{sentence}\n")] == expected


@pytest.mark.parametrize("sentence, expected", [
    ("Forskningsrådet vil prioritere forskning på tjenesteinnovasjon i kommunene.", ["commitment"]),
    ("FHI vil etablere et nytt register for hjertesykdom.", ["commitment"]),
    ("Sykehuset vil ha behov for flere senger.", []),              # a state, not a plan
    ("Pasientene vil få et bedre tilbud.", []),                    # not a body's plan
])
def test_a_body_named_as_the_subject_of_vil(sentence, expected):
    assert [p.intent for p in props(f"Planer\n\n{sentence}\n")] == expected


@pytest.mark.parametrize("sentence, expected", [
    ("KS støtter en videreutvikling av TØRN som et helhetlig program.", ["ask"]),
    ("Siva støtter næringshager over hele landet.", []),                        # a body funding
    ("Vi er samde at hovudretninga bør gå i retning av mindre detaljregulering.", ["ask"]),
    ("Omstillingar og andre store samfunnsendringar ser vi som svært viktig i tida framover.", ["ask"]),
    ("Vi legg til grunn at tiltak skal bidra til betra kvalitet.", ["commitment"]),
    ("I tillegg vil Norge delta i finansieringsordningen Covax.", ["commitment"]),
    ("Noreg skal leie ein global dugnad mot korona.", ["commitment"]),
    ("Norge vil trenge flere sykepleiere.", []),                                # a prediction
    ("Norge skal være ledende innen helse.", ["goal"]),
])
def test_support_agreement_premises_and_the_countrys_commitments(sentence, expected):
    assert [p.intent for p in props(f"Innspel\n\n{sentence}\n")] == expected


def test_a_short_item_without_a_verb_in_a_list_of_measures_is_one():
    text = ("Strategi\n\nVi legg vekt på dette.\n\n• Utvikle tenester for sjukehusa\n• Ferdigstille IKT-prosjektet\n"
            "• Utvikling av apotekareal\n• Legge til rette for forsking\n\n"
            "Fakta\n\n• Føretaket har 500 tilsette\n• Utvikling av apotekareal\n• Føretaket driv ti apotek\n")
    assert [p.text for p in props(text, doc_type="strategy")] == [
        "Utvikle tenester for sjukehusa", "Ferdigstille IKT-prosjektet", "Utvikling av apotekareal",
        "Legge til rette for forsking"]


@pytest.mark.parametrize("sentence", [
    "I tillegg må norske pasienter vente i gjennomsnitt 522 dager etter godkjenning.",
    "Vi må leve lenge med koronaviruset som en trussel mot folkehelsen.",
])
def test_what_people_have_to_endure_is_a_description(sentence):
    assert texts(f"Bakgrunn\n\n{sentence}\n") == []


def test_a_demand_to_wait_less_is_still_a_demand():
    assert texts("Innspill\n\nPasientene må vente kortere på behandling.\n") == ["Pasientene må vente kortere på behandling."]


def test_learning_from_a_foreign_model_is_an_ask():
    assert texts("Boks 5.2\n\nFinland har etablert Findata. Norge kan lære av den finske modellen.\n") == [
        "Norge kan lære av den finske modellen."]


def test_numbered_recommendation_headings_models_and_emphasis():
    text = ("Innspill\n\nAnbefaling 1: Styrk næringsrettet forskning\n\nBevilgningen har falt over flere år.\n\n"
            "Tiltak 3: Etablere et innovasjonsfond for helse\n\n"
            "Et slikt fond kan bygge på erfaringene fra BioInnovation Institute i Danmark. "
            "Vi vil peke på behovet for en tydelig eierstyring.\n\nKapittel 2: Bakgrunn og historikk\n\nFondet ble etablert i 2010.\n")
    assert texts(text) == ["Styrk næringsrettet forskning", "Etablere et innovasjonsfond for helse",
                           "Et slikt fond kan bygge på erfaringene fra BioInnovation Institute i Danmark.",
                           "Vi vil peke på behovet for en tydelig eierstyring."]


def test_nynorsk_consultation_constructions():
    text = ("Høyringsfråsegn om helse- og samhandlingsplanen\n\nGenerelle merknader\n\n"
            "Vi vil tilrå at departementet etablerer eit eige program for distriktsmedisin. "
            "Det er grunn til å vurdere ei ny finansieringsordning for legevakt.\n")
    assert texts(text) == ["Vi vil tilrå at departementet etablerer eit eige program for distriktsmedisin.",
                           "Det er grunn til å vurdere ei ny finansieringsordning for legevakt."]


def test_a_commitment_with_the_verb_second():
    ps = props("Planer\n\nGjennom programmet Global Growth skal vi hjelpe selskaper inn i nye markeder.\n")
    assert [p.intent for p in ps] == ["commitment"]


def test_a_short_sentence_counting_what_follows_is_not_a_proposal():
    text = ("Plan\n\nForskningsrådets helseportefølje skal styres mot fire hovedmål. "
            "Porteføljen skal bidra til bedre helse i hele befolkningen og til mer forskning i kommunene.\n")
    assert texts(text) == ["Porteføljen skal bidra til bedre helse i hele befolkningen og til mer forskning i kommunene."]


def test_goal_headings_with_a_label_and_a_named_hospitals_plan():
    text = ("Strategi\n\nMål 1: Mer pasientnær klinisk forskning\n\nSykehuset hadde 120 studier i 2024.\n\n"
            "Samarbeid\n\nSørlandet sykehus vil ta i bruk flere innovasjoner i samarbeid med næringslivet.\n")
    assert [(p.text, p.intent) for p in props(text)] == [
        ("Mer pasientnær klinisk forskning", "goal"),
        ("Sørlandet sykehus vil ta i bruk flere innovasjoner i samarbeid med næringslivet.", "commitment")]


@pytest.mark.parametrize("sentence, intent", [
    ("«Målet er å styrke samhandlingen med primærhelsetjenesten og prioritere desentraliserte tjenester", "goal"),
    ("Regjeringen arbeider for å styrke samfunnets evne til å forebygge kriser.", "commitment"),
])
def test_a_quoted_goal_and_the_government_working_for_a_measure(sentence, intent):
    assert [p.intent for p in props(f"Mål\n\n{sentence}\n")] == [intent]


# -- quoted provisions, names before verbs, expectations --------------------------------------

def test_a_quoted_provision_is_what_the_law_says_not_a_proposal():
    text = ("Regional plan\n\nFøremål med planen er å bidra til å nå føremåla i lova, der dette er formulert "
            "slik i paragraf 1: \"Loven skal sikre at kommuner setter i verk tiltak. Loven skal legge til rette "
            "for et langsiktig folkehelsearbeid.\" Fylket skal styrke folkehelsearbeidet i alle kommunar.\n")
    found = texts(text)
    assert not [t for t in found if t.startswith("Loven skal")], found
    assert any(t.startswith("Føremål med planen") for t in found), found
    assert any(t.startswith("Fylket skal styrke") for t in found), found  # after the quote closes


def test_a_name_that_starts_a_sentence_is_not_an_infinitive():
    text = "Strategi 2025\n\nVestre Viken har utviklet en overordnet strategi.\n\nStyrke lokalbaserte tjenester.\n"
    found = texts(text, doc_type="strategy")
    assert found == ["Styrke lokalbaserte tjenester."], found


def test_expectations_held_are_stated():
    text = "Innspill\n\nVi har store forventninger til at meldingen gir bedre rammevilkår for forskning.\n"
    assert len(texts(text)) == 1
