"""Readers: every fixture is generated in tmp_path."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from loaders.read import RawDocument, ReadError, read_document

NORWEGIAN = "Helsenæringen i Norge: blåbær, øl og Ærlig Åpenhet."


def _one_line_error(excinfo, name: str, *words: str) -> str:
    msg = str(excinfo.value)
    assert "\n" not in msg
    assert msg.startswith(f"{name}: ")
    for w in words:
        assert w in msg.lower(), msg
    return msg


# -- txt ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "encoding,prefix",
    [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("cp1252", b""), ("latin-1", b""), ("utf-16", b"")],
)
def test_txt_encodings(tmp_path: Path, encoding: str, prefix: bytes):
    body = f"{NORWEGIAN}\nDette er «sitater» – og mer.\n" if encoding == "cp1252" else f"{NORWEGIAN}\n"
    data = prefix + body.encode(encoding)
    p = tmp_path / "doc.txt"
    p.write_bytes(data)
    doc = read_document(p)
    assert isinstance(doc, RawDocument)
    assert doc.format == "txt"
    assert doc.text == body
    assert doc.pages is None
    assert doc.sha256 == hashlib.sha256(data).hexdigest()


def test_txt_short_cp1252_word(tmp_path: Path):
    p = tmp_path / "kort.txt"
    p.write_bytes("Sluttrapport for søknad om støtte til forprosjekt på Ålesund".encode("cp1252"))
    assert "søknad om støtte" in read_document(p).text
    assert "Ålesund" in read_document(p).text


def test_markdown_keeps_headings(tmp_path: Path):
    p = tmp_path / "notat.md"
    p.write_text("# Tittel\n\nTekst om helse.\n\n## Del to\n- punkt\n", encoding="utf-8")
    doc = read_document(p)
    assert doc.format == "md"
    assert "# Tittel\n" in doc.text and "## Del to\n" in doc.text


# -- pdf ----------------------------------------------------------------------------------


def _make_pdf(path: Path, pages: list[list[str]]) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    for lines in pages:
        y = 800
        for line in lines:
            c.drawString(72, y, line)
            y -= 16
        c.showPage()
    c.save()


def test_pdf_two_pages(tmp_path: Path):
    p = tmp_path / "report.pdf"
    _make_pdf(p, [["Side en om helsenæringen.", "Andre linje."], ["Side to: Blåbær og øl."]])
    doc = read_document(p)
    assert doc.format == "pdf"
    assert doc.pages is not None and len(doc.pages) == 2
    assert doc.text.count("\f") == 1
    (s1, e1), (s2, e2) = doc.pages
    assert "Side en om helsenæringen." in doc.text[s1:e1]
    assert "Side to: Blåbær og øl." in doc.text[s2:e2]
    assert doc.text[e1] == "\f" and s2 == e1 + 1 and e2 == len(doc.text)


def test_pdf_encrypted(tmp_path: Path):
    from pypdf import PdfReader, PdfWriter

    plain = tmp_path / "plain.pdf"
    _make_pdf(plain, [["Hemmelig tekst"]])
    w = PdfWriter()
    for page in PdfReader(plain).pages:
        w.add_page(page)
    w.encrypt(user_password="hemmelig", owner_password="eier", algorithm="RC4-128")
    p = tmp_path / "report.pdf"
    with p.open("wb") as f:
        w.write(f)
    with pytest.raises(ReadError) as e:
        read_document(p)
    _one_line_error(e, "report.pdf", "encrypted")


def test_pdf_owner_password_only_is_readable(tmp_path: Path):
    from pypdf import PdfReader, PdfWriter

    plain = tmp_path / "plain.pdf"
    _make_pdf(plain, [["Lesbar tekst"]])
    w = PdfWriter()
    for page in PdfReader(plain).pages:
        w.add_page(page)
    w.encrypt(user_password="", owner_password="eier", algorithm="RC4-128")
    p = tmp_path / "open.pdf"
    with p.open("wb") as f:
        w.write(f)
    assert "Lesbar tekst" in read_document(p).text


def test_pdf_without_text_layer(tmp_path: Path):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    p = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(p), pagesize=A4)
    c.rect(100, 100, 300, 300, fill=1)  # a picture, no text
    c.showPage()
    c.save()
    with pytest.raises(ReadError) as e:
        read_document(p)
    _one_line_error(e, "scan.pdf", "no text layer")


@pytest.mark.parametrize(
    "data",
    [b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage garbage\n%%EOF", b"this is not a pdf at all"],
)
def test_pdf_corrupt(tmp_path: Path, data: bytes):
    p = tmp_path / "broken.pdf"
    p.write_bytes(data)
    with pytest.raises(ReadError) as e:
        read_document(p)
    msg = _one_line_error(e, "broken.pdf")
    assert "pdf" in msg.lower()


def test_pdf_truncated(tmp_path: Path):
    good = tmp_path / "good.pdf"
    _make_pdf(good, [["Tekst"] * 5])
    p = tmp_path / "truncated.pdf"
    p.write_bytes(good.read_bytes()[:300])
    with pytest.raises(ReadError) as e:
        read_document(p)
    _one_line_error(e, "truncated.pdf")


# -- docx ---------------------------------------------------------------------------------


def test_docx_paragraphs_lists_tables_in_order(tmp_path: Path):
    import docx

    d = docx.Document()
    d.add_heading("Innspill fra LMI", level=1)
    d.add_paragraph("Første avsnitt om helsenæringen.")
    d.add_paragraph("Et kulepunkt", style="List Bullet")
    d.add_paragraph("Et kulepunkt til", style="List Bullet")
    d.add_paragraph("Nummerert punkt", style="List Number")
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).text, t.cell(0, 1).text = "Tiltak", "Ansvar"
    t.cell(1, 0).text, t.cell(1, 1).text = "SkatteFUNN", "NFD"
    d.add_paragraph("Siste avsnitt.")
    p = tmp_path / "innspill.docx"
    d.save(p)
    doc = read_document(p)
    assert doc.format == "docx"
    text = doc.text
    order = ["Innspill fra LMI", "Første avsnitt", "- Et kulepunkt\n- Et kulepunkt til", "1. Nummerert punkt",
             "Tiltak\tAnsvar\nSkatteFUNN\tNFD", "Siste avsnitt."]
    positions = [text.index(s) for s in order]
    assert positions == sorted(positions)


def test_docx_corrupt(tmp_path: Path):
    p = tmp_path / "broken.docx"
    p.write_bytes(b"PK\x03\x04 not really a zip archive")
    with pytest.raises(ReadError) as e:
        read_document(p)
    _one_line_error(e, "broken.docx", "docx")


def test_docx_zip_without_document(tmp_path: Path):
    import zipfile

    p = tmp_path / "empty.docx"
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("hello.txt", "hei")
    with pytest.raises(ReadError) as e:
        read_document(p)
    _one_line_error(e, "empty.docx", "docx")


# -- html ---------------------------------------------------------------------------------


def test_html(tmp_path: Path):
    html = """<!doctype html><html><head><meta charset="utf-8"><title>T</title>
    <style>p { color: red }</style><script>var x = "skjult";</script></head>
    <body><nav><a href="/">Meny</a></nav>
    <h1>Veikart for helsenæringen</h1>
    <p>Regjeringen vil   styrke
       eksporten.</p>
    <ul><li>Første tiltak</li><li>Andre <b>tiltak</b></li></ul>
    <h2>Neste del</h2><p>Slutt.</p></body></html>"""
    p = tmp_path / "side.html"
    p.write_text(html, encoding="utf-8")
    doc = read_document(p)
    assert doc.format == "html"
    lines = doc.text.splitlines()
    assert "Veikart for helsenæringen" in lines
    assert "Neste del" in lines
    assert "- Første tiltak" in lines and "- Andre tiltak" in lines
    assert "Regjeringen vil styrke eksporten." in lines
    assert "skjult" not in doc.text and "color" not in doc.text and "Meny" not in doc.text


def test_htm_cp1252_without_meta(tmp_path: Path):
    p = tmp_path / "gammel.htm"
    p.write_bytes("<p>Sykehusene i Sør-Norge får støtte.</p>".encode("cp1252"))
    doc = read_document(p)
    assert doc.format == "html"
    assert "Sykehusene i Sør-Norge får støtte." in doc.text


# -- errors -------------------------------------------------------------------------------


def test_missing_file(tmp_path: Path):
    with pytest.raises(ReadError) as e:
        read_document(tmp_path / "borte.txt")
    _one_line_error(e, "borte.txt", "not found")


def test_empty_file(tmp_path: Path):
    p = tmp_path / "tom.txt"
    p.write_bytes(b"")
    with pytest.raises(ReadError) as e:
        read_document(p)
    _one_line_error(e, "tom.txt", "empty")


def test_whitespace_only_file(tmp_path: Path):
    p = tmp_path / "blank.md"
    p.write_text("  \n\n \t\n", encoding="utf-8")
    with pytest.raises(ReadError) as e:
        read_document(p)
    _one_line_error(e, "blank.md", "no text")


@pytest.mark.parametrize("name", ["bilde.txt", "bilde.md", "bilde.html"])
def test_binary_with_text_extension(tmp_path: Path, name: str):
    import random

    rnd = random.Random(7)
    data = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(rnd.randrange(256) for _ in range(4000))
    p = tmp_path / name
    p.write_bytes(data)
    with pytest.raises(ReadError) as e:
        read_document(p)
    _one_line_error(e, name, "binary")


def test_too_large(tmp_path: Path):
    p = tmp_path / "stor.txt"
    p.write_text("helse " * 1000, encoding="utf-8")
    with pytest.raises(ReadError) as e:
        read_document(p, max_bytes=1000)
    _one_line_error(e, "stor.txt", "too large")
    assert read_document(p, max_bytes=10_000).text.startswith("helse")


@pytest.mark.parametrize("name", ["tabell.xlsx", "README", "notat.rtf"])
def test_unknown_extension(tmp_path: Path, name: str):
    p = tmp_path / name
    p.write_text("tekst", encoding="utf-8")
    with pytest.raises(ReadError) as e:
        read_document(p)
    _one_line_error(e, name, "unsupported")


def test_directory_is_not_a_document(tmp_path: Path):
    d = tmp_path / "mappe.txt"
    d.mkdir()
    with pytest.raises(ReadError) as e:
        read_document(d)
    _one_line_error(e, "mappe.txt")


def test_corpus_files_read(tmp_path: Path):
    corpus = sorted((Path(__file__).resolve().parents[1] / "data" / "corpus").glob("*.txt"))
    assert corpus
    for f in corpus:
        doc = read_document(f)
        assert doc.format == "txt" and "ø" in doc.text
