"""The pipeline on formats other than the corpus's text: PDF pages reach the evidence, DOCX and
HTML documents yield proposals and entities with spans into the original text."""

from __future__ import annotations


from loaders.pipeline import document_batch, extract, run


def make_pdf(path, pages: list[list[str]]):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas
    c = canvas.Canvas(str(path), pagesize=A4)
    for lines in pages:
        y = 800
        for line in lines:
            c.drawString(60, y, line)
            y -= 18
        c.showPage()
    c.save()


def test_pdf_pages_reach_the_evidence(tmp_path):
    pdf = tmp_path / "innspill.pdf"
    make_pdf(pdf, [["Innspill til Helse- og omsorgsdepartementet", "", "Helsedata er viktig for Norge."],
                   ["Forslag til tiltak", "", "Regjeringen bør styrke SkatteFUNN for oppstartsbedrifter.",
                    "", "Vi foreslår at Investinor får mer kapital."]])
    data = extract(pdf)
    assert data["document"]["format"] == "pdf" and data["document"]["pages"] == 2
    investinor = next(e for e in data["entities"] if e["name"].startswith("Investinor"))
    assert investinor["mentions"][0]["page"] == 2
    prop = next(p for p in data["proposals"] if "Investinor" in p["text"])
    assert prop["page"] == 2 and prop["section"] == "Forslag til tiltak"
    assert any("SkatteFUNN" in p["text"] for p in data["proposals"])
    ex = run(pdf)
    batch = document_batch(ex)
    mention = next(r for r in batch.rels if r.type == "MENTIONED_IN" and r.start_id == investinor["id"])
    assert mention.props["page"] == 2
    assert ex.raw.text[mention.props["start"]:mention.props["end"]] == "Investinor"


def test_docx_document(tmp_path):
    import docx
    d = docx.Document()
    d.add_heading("Innspill til Nærings- og fiskeridepartementet", level=1)
    d.add_paragraph("Forslag til tiltak")
    d.add_paragraph("Styrke FORNY-programmet for kommersialisering", style="List Bullet")
    d.add_paragraph("Øke rammen til Forskningsrådets program for helseinnovasjon", style="List Bullet")
    path = tmp_path / "innspill.docx"
    d.save(path)
    data = extract(path)
    names = {e["name"] for e in data["entities"]}
    assert {"Nærings- og fiskeridepartementet", "Norges forskningsråd"} <= names
    texts = [p["text"] for p in data["proposals"]]
    assert any("FORNY" in t for t in texts) and any("helseinnovasjon" in t for t in texts)


def test_html_document(tmp_path):
    path = tmp_path / "innspill.html"
    path.write_text("<html><head><title>x</title><script>var a=1;</script></head><body>"
                    "<h1>Innspill til HOD</h1><p>Norge bør lære av FinnGen i Finland.</p>"
                    "<ul><li>Regjeringen må etablere en nasjonal helsedataplattform.</li></ul></body></html>",
                    encoding="utf-8")
    data = extract(path)
    assert any(e["name"] == "FinnGen" for e in data["entities"])
    assert any("helsedataplattform" in p["text"] for p in data["proposals"])
    assert "var a" not in str(data["proposals"])
