"""Normalisation: every rule, the offset map, and real corpus cases."""

from __future__ import annotations

import re
import time
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loaders.normalise import Normalised, normalise, normalise_with_changes

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"
LIGATURE_LETTERS = set("fFtTiIlLjJ")


def corpus(name_prefix: str) -> str:
    (path,) = CORPUS.glob(f"{name_prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def check_offsets(n: Normalised, strict: bool = False) -> None:
    o, t, offs = n.original, n.text, n.offsets
    assert len(offs) == len(t) + 1
    assert offs[-1] == len(o)
    assert all(a <= b for a, b in zip(offs, offs[1:])), "offsets must not decrease"
    for i, ch in enumerate(t):
        assert 0 <= offs[i] < len(o)
        src = o[offs[i]]
        if src == ch or ch in " \n-":
            continue
        if unicodedata.normalize("NFD", ch)[0] == unicodedata.normalize("NFD", src)[0]:
            continue  # NFC composed / canonical equivalent: maps to its base character
        if ch in unicodedata.normalize("NFC", src) or ch in unicodedata.normalize("NFD", src):
            continue  # NFC expanded a character (composition exclusions such as U+0958)
        if unicodedata.normalize("NFC", o[offs[i] : offs[i + 1] + 1]).startswith(ch):
            continue
        assert not strict and ch in LIGATURE_LETTERS, (i, ch, src)


def span_of(n: Normalised, needle: str, start: int = 0) -> str:
    i = n.text.index(needle, start)
    a, b = n.to_original(i, i + len(needle))
    return n.original[a:b]


# -- offset map properties ----------------------------------------------------------------

_ALPHABET = st.sampled_from(
    list("abcdefoø æå-–—•*\n\n\r\t\f ")
    + ["\u00a0", "\u2009", "\u00ad", "\uf0b7", "\uf0a7", "\x07", "\ufeff", "\ufffd", "\u030a", "\u0301",
       "\u0308", "\u1100", "\u1161", "\u11a8", "\u0958", "\u212b", "o entlig", "sku et", "helse-\n", "FoU-\n",
       "og ", "næringen", "\u2029", "\u2028"]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_ALPHABET, max_size=60).map("".join))
def test_offsets_property_on_tricky_text(s: str):
    check_offsets(normalise(s))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_offsets_property_on_any_text(s: str):
    check_offsets(normalise(s))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("xyzqwøæå ,.\n\t\r\u00a0\u00ad•-\u030a")), max_size=120))
def test_offsets_exact_without_ligature_letters(s: str):
    check_offsets(normalise(s), strict=True)


def test_to_original_empty_and_full():
    n = normalise("  Hei\u00a0du  ")
    assert n.text == "Hei du"
    assert n.to_original(0, 0) == (n.offsets[0], n.offsets[0])
    a, b = n.to_original(0, len(n.text))
    assert n.original[a:b] == "Hei\u00a0du"


def test_empty_text():
    n = normalise("")
    assert n.text == "" and n.offsets == [0]
    n = normalise(" \n\f ")
    assert n.text == "" and n.offsets == [4]


# -- 1. NFC ---------------------------------------------------------------------------------


def test_nfc_shortens_and_maps_to_base():
    s = "bla\u030ab\u00e6r og sma\u030a"
    n = normalise(s)
    assert n.text == "blåbær og små"
    i = n.text.index("å")
    assert s[n.offsets[i]] == "a"
    assert span_of(n, "blåbær") == "bla\u030ab\u00e6r"
    assert span_of(n, "små") == "sma\u030a"
    check_offsets(n, strict=True)


# -- 2. clean-up ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw,expected",
    [
        ("a\u00a0b\u2009c\u202fd", "a b c d"),
        ("linje én\r\nlinje to\rlinje tre", "linje én\nlinje to\nlinje tre"),
        ("hel\u00adse\u00adnæ\u00adrin\u00adgen", "helsenæringen"),
        ("\ufeffHei\x07 du\u200b!", "Hei du!"),
        ("løsninger \ufffdtil det beste", "løsninger til det beste"),
    ],
)
def test_cleanup(raw: str, expected: str):
    n = normalise(raw)
    assert n.text == expected
    check_offsets(n, strict=True)


def test_crlf_maps_to_the_newline():
    n = normalise("a\r\nb")
    assert n.text == "a\nb" and n.offsets == [0, 2, 3, 4]


# -- 3. bullets -----------------------------------------------------------------------------


@pytest.mark.parametrize("glyph", ["•\t", "• ", "▪ ", "◦ ", "- ", "* ", "\uf0b7\t", "\uf0a7 ", "\uf0d8 ", "o\t", "•"])
def test_bullet_glyphs(glyph: str):
    n = normalise(f"Tiltak:\n{glyph}Første punkt\n{glyph}Andre punkt")
    assert n.text == "Tiltak:\n- Første punkt\n- Andre punkt"
    check_offsets(n)
    i = n.text.index("- Første")
    assert n.original[n.offsets[i]] == glyph[0]


@pytest.mark.parametrize("dash", ["–", "—"])
def test_dash_bullets_after_colon_or_blank_line(dash: str):
    assert normalise(f"Vi foreslår:\n{dash} Mer forskning\n{dash} Flere studier").text == (
        "Vi foreslår:\n- Mer forskning\n- Flere studier"
    )
    assert normalise(f"Innledning.\n\n  {dash}\tEt punkt").text == "Innledning.\n\n- Et punkt"


def test_dash_continuing_a_sentence_is_not_a_bullet():
    s = "etterspørselen etter produksjonskapasitet\n– spesielt innenfor avansert teknologi"
    assert normalise(s).text == s


def test_bullet_glyph_alone_on_its_line():
    assert normalise("•\nTekst på neste linje").text == "- Tekst på neste linje"


def test_minus_number_and_inline_bullet_untouched():
    assert normalise("-5 % vekst").text == "-5 % vekst"
    assert normalise("A • B").text == "A • B"


def test_private_use_glyph_inside_line_becomes_space():
    assert normalise("før\uf0e0etter").text == "før etter"


# -- 4. hyphenation -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw,expected",
    [
        ("Veikart for helse-\nnæringen er klart", "Veikart for helsenæringen er klart"),
        ("godkjennelses- \nprosesser for nye", "godkjennelsesprosesser for nye"),
        ("Nærings- og fiskeridepartementet", "Nærings- og fiskeridepartementet"),
        ("Nærings-\nog fiskeridepartementet", "Nærings-\nog fiskeridepartementet"),
        ("helse- \nog omsorg", "helse-\nog omsorg"),
        ("kliniske studier eller-\neller", "kliniske studier eller-\neller"),
        ("Helse-\nIKT er viktig", "Helse-IKT er viktig"),
        ("mer FoU-\ntjenester", "mer FoU-tjenester"),
        ("av SFI-\nordningen", "av SFI-ordningen"),
        ("ledende på e-\nhelse", "ledende på e-helse"),
        ("perioden 2022-\n2025", "perioden 2022-2025"),
        ("DEN PÅFØLGENDE STRATEGI- \nPERIODEN", "DEN PÅFØLGENDE STRATEGIPERIODEN"),
        ("Slutt på avsnitt-\n\nnytt avsnitt", "Slutt på avsnitt-\n\nnytt avsnitt"),
    ],
)
def test_hyphenation(raw: str, expected: str):
    n = normalise(raw)
    assert n.text == expected
    check_offsets(n, strict=True)


def test_hyphen_kept_when_document_writes_it_so():
    n = normalise("et offentlig-privat samarbeid og et offentlig-\nprivat samarbeid")
    assert n.text == "et offentlig-privat samarbeid og et offentlig-privat samarbeid"


def test_hyphen_join_maps_back():
    n = normalise("Veikart for helse-\nnæringen")
    assert span_of(n, "helsenæringen") == "helse-\nnæringen"


# -- 5. whitespace --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw,expected",
    [
        ("a  \t b", "a b"),
        ("  \n\nTittel  \n\n\n\nFørste avsnitt.   \n \n  \nAndre avsnitt.  \n\n", "Tittel\n\nFørste avsnitt.\n\nAndre avsnitt."),
        ("linje en\nlinje to", "linje en\nlinje to"),
        ("Slutt på siden.\fNy side", "Slutt på siden.\n\nNy side"),
        ("setningen fortsetter\f\npå neste side", "setningen fortsetter\npå neste side"),
        ("omfatter store, \n\nmellomstore og små", "omfatter store,\nmellomstore og små"),
        ("Overskrift\n\nTekst", "Overskrift\n\nTekst"),
    ],
)
def test_whitespace(raw: str, expected: str):
    n = normalise(raw)
    assert n.text == expected
    check_offsets(n, strict=True)


# -- 6. ligatures (made up) -----------------------------------------------------------------


@pytest.mark.parametrize(
    "raw,expected",
    [
        ("Det o entlige tilbudet", "Det offentlige tilbudet"),
        ("Det O ENTLIGE TILBUDET", "Det OFFENTLIGE TILBUDET"),
        ("Det er e ektivt.", "Det er effektivt."),
        ("Vi er sku et over dette.", "Vi er skuffet over dette."),
        ("Det er vanskelig å dri e en bedrift.", "Det er vanskelig å drifte en bedrift."),
        ("Stø e til forskning", "Støtte til forskning"),
        ("Mer til nansiering av dette.", "Mer til finansiering av dette."),
        ("Dette er oentlig.", "Dette er offentlig."),
    ],
)
def test_ligature_repairs(raw: str, expected: str):
    n, changes = normalise_with_changes(raw)
    assert n.text == expected
    assert [c.kind for c in changes] == ["ligature"]
    check_offsets(n)


@pytest.mark.parametrize(
    "s",
    [
        "de er i fjor skal en bedrift",
        "Vistin og GE Healthcare har investert",
        "Fingenius og NorCrin er navn",
        "et sted i verden se etter det",
        "i tillegg til dette er det flere",
        "Behandlingsleddet og biotek",
    ],
)
def test_no_false_ligature_repairs(s: str):
    assert normalise(s).text == s


# -- corpus ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "doc,broken,fixed",
    [
        ("001", "o entlig støtte", "offentlig støtte"),
        ("001", "O entlig", "Offentlig"),
        ("001", "sku et over", "skuffet over"),
        ("001", "Anska elsesstrategien", "Anskaffelsesstrategien"),
        ("001", "o ensivt", "offensivt"),
        ("001", "sku ende at", "skuffende at"),
    ],
)
def test_corpus_ligatures_map_back(doc: str, broken: str, fixed: str):
    original = corpus(doc)
    assert broken in original
    n = normalise(original)
    assert broken not in n.text
    count = original.count(broken)
    start = 0
    for _ in range(count):
        i = n.text.index(fixed, start)
        a, b = n.to_original(i, i + len(fixed))
        assert original[a:b] == broken
        start = i + 1


def test_corpus_repairs_are_exactly_these():
    expected_ligatures = {
        ("o entlig", "offentlig"), ("o entlige", "offentlige"), ("O entlig", "Offentlig"),
        ("o ensivt", "offensivt"), ("sku et", "skuffet"), ("sku ende", "skuffende"),
        ("Anska elsesstrategien", "Anskaffelsesstrategien"),
    }
    seen = set()
    for path in sorted(CORPUS.glob("*.txt")):
        n, changes = normalise_with_changes(path.read_text(encoding="utf-8"))
        check_offsets(n)
        for c in changes:
            assert n.original[c.start : c.end] == c.before
            if c.kind == "ligature":
                seen.add((c.before, c.after))
            elif c.kind == "hyphen-join":
                assert c.before.replace("-", "").replace(" ", "").replace("\n", "") == c.after
            else:
                assert c.after == re.sub(r"-\s+", "-", c.before)
        assert not re.search(r"\b[oO] entlig|\bsku et\b|Anska elses|\bo ensivt", n.text)
    assert seen == expected_ligatures


def test_corpus_hyphenation_and_bullets():
    n = normalise(corpus("003"))
    assert "helsenæringen gjennom harmonisering" in n.text
    assert "risikoavlastnings-ordninger" in n.text
    assert "legemiddelindustrien" in n.text and "lege-\nmiddel" not in n.text
    assert "innkjøps- og finansieringssystem" in n.text
    assert "\n- Arbeide for effektive og fleksible godkjennelsesprosesser" in n.text
    assert "•" not in n.text and "\t" not in n.text
    n = normalise(corpus("001"))
    assert "FoU-tjenester" in n.text and "SFI-ordningen" in n.text
    assert "Helse-\nog omsorgsdepartementet" in n.text
    n = normalise(corpus("004"))
    assert "e-helse innen 2025" in n.text


def test_corpus_untouched_words_stay():
    for path in sorted(CORPUS.glob("*.txt")):
        original = path.read_text(encoding="utf-8")
        n = normalise(original)
        words_before = set(re.findall(r"[^\W\d_]+", original))
        words_after = set(re.findall(r"[^\W\d_]+", n.text))
        added = words_after - words_before
        # every new word is a repair: a joined hyphenation or a restored ligature
        for w in added:
            assert any(x in w for x in ("ff", "fi", "ft", "tt")) or w.lower() in n.text.lower(), w


def test_largest_corpus_file_is_fast():
    largest = max(CORPUS.glob("*.txt"), key=lambda p: p.stat().st_size)
    text = largest.read_text(encoding="utf-8")
    normalise("varm opp ordlisten o entlig")  # load the vocabulary once
    t = time.perf_counter()
    normalise(text)
    assert time.perf_counter() - t < 1.0
