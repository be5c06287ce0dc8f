"""One detector of contact details (schema/privacy.py), and the same inputs caught everywhere: the
loaders mask them before anything leaves them, the RDF export removes them, the registry refuses
them; figures that are not contact details pass all three untouched."""

from __future__ import annotations

import dataclasses

import pytest

from api.rdf.terms import REDACTED, literals, scrub
from loaders.pipeline import document_batch, run
from schema.privacy import MASK, contact_spans, has_contact, redact, replace_contacts
from schema.rdf_mapping import STRING
from schema.registry import RegistryError, parse_registry_text

CONTACTS = [
    "kari.nordmann@lmi.no",
    "post+innspill@helse-nord.no",
    "mob: 912 34 567",
    "tlf 22249090",
    "Telefon: 23 08 00 00",
    "+47 915 12 345",
    "22 24 90 90",
    "915 12 345",
    "93456789",
]
NOT_CONTACTS = [
    "1 200 mill. kroner i 2024",
    "perioden 2022-2025",
    "17,9 prosent",
    "Prop. 1 S (2023–2024)",
    "organisasjonsnummer 974761076",
    "12345678 kroner",  # Norwegian numbers do not start with 0 or 1
    "kapittel 2.3.4",
]


@pytest.mark.parametrize("contact", CONTACTS)
def test_the_detector_finds_each_contact_detail_whole(contact):
    text = f"Ta kontakt: {contact} – takk."
    start = text.index(contact)
    assert has_contact(text)
    assert contact_spans(text) == [(start, start + len(contact))]
    assert redact(text) == text[:start] + "".join(" " if c == " " else MASK for c in contact) + text[start + len(contact):]
    assert replace_contacts(text, "[x]") == "Ta kontakt: [x] – takk."


@pytest.mark.parametrize("text", NOT_CONTACTS)
def test_the_detector_leaves_other_figures_alone(text):
    assert not has_contact(text) and contact_spans(text) == []
    assert redact(text) == text and replace_contacts(text, "[x]") == text


def test_adjacent_details_are_one_span_each_and_overlaps_merge():
    text = "Kari, mob: 912 34 567, kari@lmi.no"
    assert [text[a:b] for a, b in contact_spans(text)] == ["mob: 912 34 567", "kari@lmi.no"]


@pytest.mark.parametrize("contact", CONTACTS)
def test_the_loaders_never_let_one_out(tmp_path, contact):
    doc = tmp_path / "innspill.txt"
    doc.write_text("Innspill til Helse- og omsorgsdepartementet\n\n"
                   f"Regjeringen bør styrke SkatteFUNN for helsenæringen, sier Kari Nordmann ({contact}).\n\n"
                   f"Spørsmål kan rettes til {contact}.\n", encoding="utf-8")
    batch = document_batch(run(doc))
    strings = [str(v) for n in batch.nodes for v in n.props.values()]
    strings += [str(v) for r in batch.rels for v in dataclasses.asdict(r).values()]
    assert any("SkatteFUNN" in s for s in strings)  # the document was read
    assert any(MASK in s for s in strings)  # and the details in it masked where they are quoted
    assert not [s for s in strings if contact in s or has_contact(s)]


@pytest.mark.parametrize("contact", CONTACTS)
def test_the_rdf_export_never_publishes_one(contact):
    assert scrub(f"Ring {contact} i dag") == f"Ring {REDACTED} i dag"
    [lit] = literals(STRING, f"Kari Nordmann ({contact})", scrub_text=True)
    assert lit.lex == f"Kari Nordmann ({REDACTED})"


@pytest.mark.parametrize("text", NOT_CONTACTS)
def test_the_rdf_export_keeps_other_figures(text):
    assert scrub(text) == text


def registry_entry(uncertain: str) -> str:
    return ("- kind: Agency\n  name: Testetaten\n  sources: [https://www.regjeringen.no/]\n"
            f"  uncertain: \"{uncertain}\"\n")


@pytest.mark.parametrize("contact", CONTACTS)
def test_the_registry_refuses_one(contact):
    with pytest.raises(RegistryError, match="e-mail address|phone-number-like"):
        parse_registry_text(registry_entry(f"spurt per {contact}"))


@pytest.mark.parametrize("text", NOT_CONTACTS)
def test_the_registry_accepts_other_figures(text):
    [entry] = parse_registry_text(registry_entry(text))
    assert entry.name == "Testetaten"
