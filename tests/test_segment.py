"""Segmentation: headings, re-flowed paragraphs, lists, signature and contact blocks."""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders.normalise import Normalised, normalise
from loaders.segment import Segment, reflow, segment

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"


def identity(text: str) -> Normalised:
    return Normalised(text, text, list(range(len(text) + 1)))


def segs_of(text: str, norm=identity) -> list[Segment]:
    return segment(norm(text))


def kinds(segs):
    return [(s.kind, s.text) for s in segs]


DOC = """Innspill til Helse- og omsorgsdepartementet om helsedata

Norge har gode helseregistre, men tilgangen er for
tungvint for forskere.

Forslag til tiltak

- Etablere en nasjonal tjeneste for
tilgang til helsedata
- Forenkle søknadsprosessen
• Styrke finansieringen av registrene

Følgende punkter må prioriteres:
1. Raskere saksbehandling
2) Felles infrastruktur
a) Bedre veiledning

3.2 Klinisk forskning
Pasienter bør få tilbud om å delta i studier.

Med vennlig hilsen
Kari Nordmann
Administrerende direktør

Kontaktperson: Ola Hansen, tlf. 22 33 44 55, ola.hansen@example.no
"""


def test_title_headings_and_sections():
    segs = segs_of(DOC)
    assert segs[0].kind == "title"
    assert segs[0].text == "Innspill til Helse- og omsorgsdepartementet om helsedata"
    heads = [s.text for s in segs if s.kind == "heading"]
    assert "Forslag til tiltak" in heads
    assert "3.2 Klinisk forskning" in heads
    para = next(s for s in segs if s.text.startswith("Pasienter bør"))
    assert para.section == "3.2 Klinisk forskning"


def test_paragraph_reflow_joins_hard_wrapped_lines():
    segs = segs_of(DOC)
    p = next(s for s in segs if s.text.startswith("Norge har"))
    assert p.kind == "paragraph"
    assert p.text == "Norge har gode helseregistre, men tilgangen er for tungvint for forskere."


def test_reflow_across_blank_line_inside_a_sentence():
    text = "Overskrift\n\nDette er en setning som fortsetter\n\netter en tom linje i PDF-en.\n\nNeste avsnitt handler om noe annet.\n"
    segs = segs_of(text)
    p = [s for s in segs if s.kind == "paragraph"]
    assert p[0].text == "Dette er en setning som fortsetter etter en tom linje i PDF-en."
    assert p[1].text == "Neste avsnitt handler om noe annet."


def test_bullets_with_glyphs_and_continuation_lines():
    segs = segs_of(DOC)
    bullets = [s for s in segs if s.kind == "bullet"]
    assert [b.text for b in bullets] == ["Etablere en nasjonal tjeneste for tilgang til helsedata",
                                         "Forenkle søknadsprosessen",
                                         "Styrke finansieringen av registrene"]
    assert all(b.section == "Forslag til tiltak" for b in bullets)
    raw = segs_of("Tiltak\n\n\uf0b7 Første punkt\n– Andre punkt\n▪ Tredje punkt\n")
    assert [s.kind for s in raw] == ["title", "bullet", "bullet", "bullet"] or \
        [s.kind for s in raw][1:] == ["bullet", "bullet", "bullet"]


def test_numbered_points_know_their_intro():
    segs = segs_of(DOC)
    nums = [s for s in segs if s.kind == "numbered"]
    assert [n.text for n in nums] == ["Raskere saksbehandling", "Felles infrastruktur", "Bedre veiledning"]
    assert [n.marker for n in nums] == ["1.", "2)", "a)"]
    assert all(n.intro == "Følgende punkter må prioriteres:" for n in nums)


def test_a_finished_sentence_does_not_introduce_the_list_after_it():
    # ``stå på.`` ends in a function word but also ends a sentence: the dash line is not its continuation
    text = ("Helsenæringa\n\nNorsk økonomi er i omstilling og næringslivet treng fleire bein å stå på.\n\n"
            "– Helsenæringa gir dobbel gevinst, seier ministeren.\n\nVi ber om følgjande tiltak for\n\n"
            "- Fleire kliniske studiar\n")
    items = [s for s in segment(normalise(text)) if s.kind == "bullet"]
    assert [(s.text[:12], s.intro) for s in items] == [("Helsenæringa", None),
                                                      ("Fleire klini", "Vi ber om følgjande tiltak for")]


def test_signature_and_contact_blocks():
    segs = segs_of(DOC)
    sig = [s.text for s in segs if s.kind == "signature"]
    assert sig == ["Med vennlig hilsen", "Kari Nordmann", "Administrerende direktør"]
    contact = [s for s in segs if s.kind == "contact"]
    assert len(contact) == 1 and "ola.hansen@example.no" in contact[0].text
    # no other segment carries the e-mail address or the phone number
    assert not any("@" in s.text or "22 33 44 55" in s.text for s in segs if s.kind != "contact")


def test_contact_lead_in_marks_the_lines_under_it():
    text = ("Innspill om helse\n\nVi ber om at tiltakene prioriteres.\n\nKontaktpersoner:\n"
            "Per Olsen, mob: 91234567\nLise Berg, lise@org.no\n")
    segs = segs_of(text)
    assert [s.kind for s in segs][-3:] == ["contact", "contact", "contact"]


def test_question_paragraph_is_a_heading_and_colon_heading():
    text = ("Hva bør gjøres for å styrke\n\nforskningen i Norge?\n\nDet bør satses mer på forskning.\n\n"
            "Idéfase nye idéer:\n\nIdéer må finansieres tidlig.\n")
    segs = segs_of(text)
    heads = [s.text for s in segs if s.kind == "heading"]
    assert "Hva bør gjøres for å styrke forskningen i Norge?" in heads
    assert "Idéfase nye idéer" in heads
    last = segs[-1]
    assert last.section == "Idéfase nye idéer"


def test_all_caps_heading_merges_lines_and_footnotes():
    text = ("STRATEGI FOR\nPERIODEN 2022-2025\n\nPASIENTTILGANG\n\nVi skal fremme tilgang til helsedata1\n\n"
            "1) Eks. pasientjournaler og registre\n")
    segs = segs_of(text)
    assert segs[0].kind == "title" and segs[0].text == "STRATEGI FOR PERIODEN 2022-2025"
    assert segs[1].kind == "heading" and segs[1].text == "PASIENTTILGANG"
    assert segs[-1].kind == "footnote"


def test_generic_first_heading_is_not_a_title():
    segs = segs_of("Innledning\nDette dokumentet handler om helse.\n")
    assert segs[0].kind == "heading" and segs[0].text == "Innledning"


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.txt")), ids=lambda p: p.name[:3])
@pytest.mark.parametrize("norm", [identity, normalise], ids=["raw", "normalised"])
def test_corpus_offsets_and_text(path, norm):
    n = norm(path.read_text(encoding="utf-8"))
    segs = segment(n)
    assert segs
    last = -1
    for s in segs:
        assert 0 <= s.start < s.end <= len(n.text)
        assert s.start >= last  # in document order, not overlapping
        last = s.end
        assert s.text == reflow(n.text[s.start:s.end]).rstrip(" :.") or s.text == reflow(n.text[s.start:s.end])
        assert s.kind in ("title", "heading", "paragraph", "bullet", "numbered", "signature", "contact", "footnote")


def test_corpus_structure():
    n = normalise((CORPUS / "001_359aaa2a370d4660.txt").read_text(encoding="utf-8"))
    segs = segment(n)
    heads = [s.text for s in segs if s.kind == "heading"]
    assert heads.count("Forslag til Tiltak") >= 4
    assert any(s.kind == "signature" and "Med vennlig hilsen" in s.text for s in segs)
    n = normalise((CORPUS / "004_1a21b38c3e0a84f5.txt").read_text(encoding="utf-8"))
    segs = segment(n)
    contact = [s for s in segs if s.kind == "contact"]
    assert len(contact) == 7
    assert not any("@" in s.text for s in segs if s.kind != "contact")
    n = normalise((CORPUS / "003_31daae491fa57901.txt").read_text(encoding="utf-8"))
    segs = segment(n)
    assert segs[0].kind == "title" and segs[0].text.startswith("LMIs STRATEGI FOR 2022-2025")
    items = [s for s in segs if s.kind == "bullet" and s.intro == "Dette innebærer å:"]
    assert len(items) >= 30


def test_a_numbered_heading_with_its_text_on_the_next_line():
    text = ("Innstilling\n\n1. Sammendrag\nDepartementet foreslår i proposisjonen endringer i loven for å gjøre data "
            "tilgjengelig.\n\n2. Komiteens merknader\nKomiteen viser til proposisjonen og støtter forslaget.\n\n"
            "Vi ber om:\n1. Mer forskning\nDette gjelder alle sykehus i landet og alle kommuner.\n")
    segs = segment(identity(text))
    assert [(s.kind, s.text) for s in segs if s.kind == "heading"] == [
        ("heading", "1. Sammendrag"), ("heading", "2. Komiteens merknader")], [(s.kind, s.text) for s in segs]
    assert any(s.kind == "numbered" and s.text.startswith("Mer forskning") for s in segs)
