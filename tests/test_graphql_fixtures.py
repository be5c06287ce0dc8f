"""A small hand-written graph for the GraphQL tests (imported by tests/test_graphql*.py)."""

from __future__ import annotations


from schema.batch import GraphBatch

HOSTILE = "}) MATCH (n) DETACH DELETE n // 'q' \"dq\" back\\slash ${x} \u00e6\u00f8\u00e5 \U0001f9ec"


def sample_batch() -> GraphBatch:
    b = GraphBatch()
    reg = dict(verified=True, method="registry", confidence=1.0)
    b.node("Ministry", "naerings-og-fiskeridepartementet", name="Nærings- og fiskeridepartementet",
           aliases=["NFD", "Næringsdepartementet"], abbreviation="NFD", nameEn="Ministry of Trade, Industry and Fisheries",
           searchText="naerings- og fiskeridepartementet | nfd | naeringsdepartementet", **reg)
    b.node("Ministry", "naerings-og-handelsdepartementet", name="Nærings- og handelsdepartementet", aliases=["NHD"],
           abbreviation="NHD", searchText="naerings- og handelsdepartementet | nhd", **reg)
    b.node("Ministry", "helse-og-omsorgsdepartementet", name="Helse- og omsorgsdepartementet", aliases=["HOD"],
           abbreviation="HOD", searchText="helse- og omsorgsdepartementet | hod", **reg)
    b.node("Ministry", "kunnskapsdepartementet", name="Kunnskapsdepartementet", aliases=["KD"], abbreviation="KD",
           searchText="kunnskapsdepartementet | kd", **reg)
    b.node("Ministry", "finansdepartementet", name="Finansdepartementet", aliases=["FIN"],
           searchText="finansdepartementet | fin", **reg)
    b.node("Agency", "norges-forskningsrad", name="Norges forskningsråd", aliases=["Forskningsrådet"],
           searchText="norges forskningsrad | forskningsradet", **reg)
    b.node("Agency", "investinor-as", name="Investinor AS", aliases=["Investinor"],
           searchText="investinor as | investinor", **reg)
    b.node("Agency", "innovasjon-norge", name="Innovasjon Norge", searchText="innovasjon norge", **reg)
    b.node("Instrument", "skattefunn", name="SkatteFUNN", aliases=["SkatteFUNN-ordningen"],
           searchText="skattefunn | skattefunn-ordningen", **reg)
    b.node("Instrument", "forny", name="FORNY", aliases=["FORNY2020"], searchText="forny | forny2020", **reg)
    b.node("Instrument", "pre-sakornordningen", name="Pre-såkornordningen", searchText="pre-sakornordningen", **reg)
    b.node("Organisation", "legemiddelindustrien", name="Legemiddelindustrien", aliases=["LMI"],
           searchText="legemiddelindustrien | lmi", **reg)
    b.node("Organisation", "nho-helse", name="NHO Helse", searchText="nho helse", **reg)
    for cid, name, iso in (("norge", "Norge", "NO"), ("finland", "Finland", "FI"), ("danmark", "Danmark", "DK")):
        b.node("Country", cid, name=name, iso=iso, searchText=name.lower(), **reg)
    b.node("InternationalExample", "finngen", name="FinnGen", searchText="finngen", **reg)
    b.node("InternationalExample", "data-saves-lives", name="Data Saves Lives", searchText="data saves lives", **reg)
    b.node("Theme", "helsedata", name="Helsedata", searchText="helsedata", verified=False, method="pattern",
           confidence=0.8)
    b.node("PolicyDocument", "helsenaeringsmeldingen", name="Helsenæringsmeldingen",
           searchText="helsenaeringsmeldingen", **reg)
    b.node("Person", "kari-nordmann", name="Kari Nordmann", role="direktør", verified=False, method="pattern",
           confidence=0.7, searchText="kari nordmann")

    def rr(t, s, e, **kw):  # registry facts
        b.rel(t, s, e, "registry", method="registry", confidence=1.0, sourceUrl="https://example.org/" + s[1], **kw)

    nfd, nhd = ("Ministry", "naerings-og-fiskeridepartementet"), ("Ministry", "naerings-og-handelsdepartementet")
    hod, kd = ("Ministry", "helse-og-omsorgsdepartementet"), ("Ministry", "kunnskapsdepartementet")
    fin = ("Ministry", "finansdepartementet")
    nfr, inv, inn = ("Agency", "norges-forskningsrad"), ("Agency", "investinor-as"), ("Agency", "innovasjon-norge")
    sf, forny, presk = ("Instrument", "skattefunn"), ("Instrument", "forny"), ("Instrument", "pre-sakornordningen")
    lmi, nho = ("Organisation", "legemiddelindustrien"), ("Organisation", "nho-helse")
    rr("OWNED_BY", sf, fin, validFrom="2002")
    rr("ADMINISTERED_BY", sf, nfr)
    rr("OWNED_BY", nfr, kd, validFrom="2006-01-01")
    rr("OWNED_BY", forny, nhd, validTo="2013-12-31")
    rr("OWNED_BY", forny, nfd, validFrom="2014-01-01")
    rr("ADMINISTERED_BY", forny, nfr)
    rr("OWNED_BY", inv, nhd, validFrom="2008", validTo="2013-12-31")
    rr("OWNED_BY", inv, nfd, validFrom="2014-01-01")
    rr("OWNED_BY", inn, nfd)
    rr("OWNED_BY", presk, nfd)
    rr("ADMINISTERED_BY", presk, inn, validTo="2020")
    rr("ADMINISTERED_BY", presk, inv, validFrom="2020")
    rr("LOCATED_IN", ("InternationalExample", "finngen"), ("Country", "finland"))
    rr("LOCATED_IN", lmi, ("Country", "norge"))

    docs = {
        "doc-a": dict(title="LMIs innspill om helsenæringen", date="2021-03-01", year=2021, author=lmi, to=nfd),
        "doc-b": dict(title="NHO Helse om helsedata", date="2012-06-01", year=2012, author=nho, to=hod),
    }
    for did, d in docs.items():
        b.node("Document", did, name=d["title"], title=d["title"], date=d["date"], year=d["year"],
               docType="consultation_input", path=did + ".txt", method="manifest", confidence=1.0,
               text="...full text...")
        b.rel("AUTHORED_BY", ("Document", did), d["author"], did, method="manifest", confidence=1.0)
        b.rel("ADDRESSED_TO", ("Document", did), d["to"], did, method="manifest", confidence=1.0, basis="addressee")
    proposals = [
        ("p1", "doc-a", "SkatteFUNN bør styrkes for næringsutvikling i helsenæringen.", "bør", [sf], None),
        ("p2", "doc-b", "FORNY må utvides, og Helse- og omsorgsdepartementet bør ta et større ansvar.", "må",
         [forny, hod], hod),
        ("p3", "doc-a", "Investinor bør få et utvidet mandat innen helse.", "bør", [inv], None),
        ("p4", "doc-b", "Bedre tilgang til helsedata etter modell av FinnGen i Finland.", "bør",
         [("InternationalExample", "finngen"), ("Country", "finland")], None),
        ("p5", "doc-a", "Tekst med fiendtlig innhold: " + HOSTILE, "skal", [], None),
    ]
    offset = 100
    for pid, did, text, modality, mentions, named in proposals:
        b.node("Proposal", pid, name=text[:60], text=text, section="Innspill", modality=modality, method="pattern",
               confidence=0.9, searchText=text.lower())
        ev = dict(quote=text, start=offset, end=offset + len(text), page=1, method="pattern", confidence=0.9)
        b.rel("EXTRACTED_FROM", ("Proposal", pid), ("Document", did), did, **ev)
        author = docs[did]["author"]
        b.rel("PROPOSES", author, ("Proposal", pid), did, **dict(ev, method="inferred", path=[did]))
        for m in mentions:
            b.rel("MENTIONS", ("Proposal", pid), m, did, **dict(ev, confidence=0.95))
        if named:
            b.rel("ADDRESSED_TO", ("Proposal", pid), named, did, basis="named", **ev)
        else:
            b.rel("ADDRESSED_TO", ("Proposal", pid), docs[did]["to"], did, basis="addressee",
                  **dict(ev, method="inferred", confidence=0.7, path=[did]))
        offset += 200
    b.rel("HAS_THEME", ("Proposal", "p4"), ("Theme", "helsedata"), "doc-b", method="pattern", confidence=0.8)
    b.rel("CITES", ("Proposal", "p4"), ("PolicyDocument", "helsenaeringsmeldingen"), "doc-b", method="pattern",
          quote="jf. Helsenæringsmeldingen", confidence=0.8)
    b.rel("AFFILIATED_WITH", ("Person", "kari-nordmann"), lmi, "doc-a", role="direktør", method="pattern",
          confidence=0.7, quote="Kari Nordmann, direktør i LMI")
    for did, entities in (("doc-a", [sf, inv, lmi]), ("doc-b", [forny, ("InternationalExample", "finngen")])):
        for e in entities:
            b.rel("MENTIONED_IN", e, ("Document", did), did, method="pattern", confidence=0.9, quote="…")
    return b
