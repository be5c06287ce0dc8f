"""Synthetic Norwegian policy documents for scale, load and fault tests and the benchmarks.

    python bench/make_corpus.py N [--seed S] [--out DIR]     # the command line of main() below

Writes N plain-text documents (``00000_<hash>.txt`` ...) and a ``manifest.yaml`` (title, authors,
addressees, date, type for each file, as in ``data/corpus/manifest.yaml``) into DIR (default
``var/corpus-N``). The documents are built from the real corpus (``data/corpus/*.txt``):

* its structure: a title line, an introduction presenting the author, headed sections of
  hard-wrapped paragraphs (about 95 characters a line, trailing blanks, like the PDF text dumps),
  ``Forslag til tiltak`` lists with the bullet glyphs the dumps contain (U+F0B7, •, -), a section
  on international models, a signature block with a name and a role;
* its vocabulary: background sentences and section headings taken from the corpus itself
  (sentences without a recommendation in them, so that corpus proposals are not repeated in every
  document), the topics it discusses, recommendation sentences with ``bør``/``må``/``skal``/
  ``foreslår``/``anbefaler`` in the patterns the corpus uses;
* its names: ministries, agencies, organisations, instruments and international examples from the
  curated registry (``schema/registry/``), and "other organisations" (clusters, associations,
  companies, foundations) composed from Norwegian place names and organisational head nouns, so
  that the graph keeps growing with N the way a real collection of submissions does.

Deterministic: document i depends only on (seed, i), so the first 100 documents of a 1,000-document
corpus are the 100 documents of a 100-document one. Fast: 10,000 documents take a few seconds.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

CORPUS_DIR = REPO / "data" / "corpus"
LINE_WIDTH = 95

# -- vocabulary of the corpus (every topic below occurs in data/corpus) ------------------------
TOPICS = [
    "kliniske studier", "helsedata", "sekundærbruk av helsedata", "persontilpasset medisin",
    "innovative anskaffelser", "kommersialisering av forskning", "legemiddelproduksjon", "e-helse",
    "velferdsteknologi", "biobanker", "helseregistre", "medisinsk utstyr", "radiofarmaka",
    "immunterapi", "avansert celleterapi", "testfasiliteter", "produksjonskapasitet",
    "kunstig intelligens", "helseforskning", "næringsutvikling", "legemiddelberedskap",
    "eksport av helseteknologi", "forskningsinfrastruktur", "offentlig-privat samarbeid",
    "kompetanseflyt", "privat kapital", "vekstselskaper", "oppstartselskaper", "diagnostikk",
    "vaksiner", "pasienttilgang", "helseinnovasjon", "presisjonsmedisin", "helse-IKT",
]
REGIONS = ["Nord-Norge", "Vestlandet", "Trøndelag", "Agder", "Innlandet", "Viken", "Rogaland",
           "Møre og Romsdal", "Oslo", "Bergen", "Tromsø", "Stavanger", "Kristiansand", "Bodø",
           "Ålesund", "Hamar", "Drammen", "Fredrikstad", "Gjøvik", "Molde", "Harstad", "Haugesund",
           "Arendal", "Lillehammer", "Sogndal", "Narvik", "Skien", "Tønsberg", "Sandnes", "Levanger"]
FIELDS = ["Helse", "Bioteknologi", "Medtek", "Pasient", "Legemiddel", "Diagnostikk", "Kreft",
          "Velferdsteknologi", "Helsedata", "Innovasjons", "Gründer", "Forsknings"]
ORG_HEADS = [("klynge", "Organisation"), ("forening", "Organisation"), ("stiftelse", "Organisation"),
             ("senter", "Organisation"), ("institutt", "Organisation"), ("fond", "Organisation"),
             ("forbund", "Organisation")]
COMPANY_STEMS = ["Nor", "Fjell", "Aurora", "Polar", "Vik", "Lyng", "Fjord", "Nord", "Tind", "Bre",
                 "Skog", "Havn", "Sol", "Elv", "Stein", "Myr", "Dal", "Berg", "Holm", "Strand"]
COMPANY_ENDINGS = ["med", "gen", "tek", "bio", "cell", "vax", "diag", "care", "pharm", "lab"]
COMPANY_WORDS = ["Pharma", "Diagnostics", "Therapeutics", "Biotech", "Medical", "Technologies",
                 "Analytics", "Biosciences", "Healthcare", "Solutions"]
FIRST_NAMES = ["Kari", "Ola", "Ingrid", "Lars", "Marit", "Henrik", "Silje", "Anders", "Hanne", "Jon",
               "Tone", "Erik", "Randi", "Per", "Camilla", "Magnus", "Liv", "Torbjørn", "Sigrid", "Øystein",
               "Hilde", "Bjørn", "Astrid", "Knut", "Solveig", "Eirik", "Ragnhild", "Håkon", "Åse", "Geir"]
LAST_NAMES = ["Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Kristiansen",
              "Jensen", "Karlsen", "Johnsen", "Pettersen", "Eriksen", "Berg", "Haugen", "Hagen",
              "Johannessen", "Andreassen", "Jacobsen", "Dahl", "Jørgensen", "Halvorsen", "Henriksen",
              "Lund", "Sørensen", "Jakobsen", "Moen", "Gundersen", "Iversen", "Strand", "Solberg",
              "Svendsen", "Eide", "Knutsen", "Martinsen", "Paulsen", "Bakken", "Kristoffersen",
              "Mathisen", "Lie"]
ROLES = ["administrerende direktør", "fagdirektør", "seniorrådgiver", "daglig leder", "styreleder",
         "generalsekretær", "direktør for næringspolitikk", "fagsjef"]
ACTORS = ["gründere", "forskere", "sykehusene", "kommunene", "oppstartselskaper", "investorer",
          "pasientene", "helseforetakene", "bedriftene", "universitetene", "klyngene"]
FACILITIES = ["senter", "kompetansesenter", "testsenter", "katapultsenter", "datasenter", "nettverk"]
MEASURE_VERBS = [  # infinitive, as the corpus's bullet lists start
    ("Styrke", "finansieringen av {topic}"), ("Etablere", "et nasjonalt {facility} for {topic}"),
    ("Øke", "rammen for {instrument} med {amount} millioner kroner"),
    ("Innføre", "en ordning for {topic} etter modell av {example}"),
    ("Sikre", "forutsigbar tilgang til {topic} for {actors}"),
    ("Utrede", "en nasjonal handlingsplan for {topic} innen {year}"),
    ("Gi", "{agency} et tydelig mandat for {topic}"),
    ("Fremme", "samarbeid mellom {actors} og {org} om {topic}"),
    ("Forenkle", "søknadsprosessen i {instrument} for {actors}"),
    ("Videreutvikle", "{topic} i {region} i samarbeid med {org}"),
]
PROPOSALS = [  # recommendation sentences, as the corpus writes them
    "{ministry} bør øke bevilgningene til {instrument} med {amount} millioner kroner fra {year}.",
    "Vi foreslår at {agency} får et tydelig mandat for {topic} i {region}.",
    "Regjeringen må etablere et nasjonalt {facility} for {topic} i samarbeid med {org}.",
    "Det bør opprettes et eget program for {topic} med en årlig ramme på {amount} millioner kroner.",
    "{author} foreslår at {ministry_abbr} utreder en ordning for {topic} etter modell av {example}.",
    "Staten skal sikre at {actors} i {region} får forutsigbar finansiering av {topic} over {n} år.",
    "Myndighetene må gjøre det enklere for {actors} å ta i bruk {topic}.",
    "{agency} bør få i oppdrag å kartlegge behovet for {topic} innen {year}.",
    "Vi anbefaler at rammen for {instrument} økes til {amount} millioner kroner.",
    "Ordningen med {instrument} må forenkles slik at {actors} kan søke løpende.",
    "Det må settes av {amount} millioner kroner til {topic} i statsbudsjettet for {year}.",
    "{ministry} og {ministry2} bør sammen lage en handlingsplan for {topic} med konkrete mål for {year}.",
]
FACTS = [  # sentences that name things without asking for anything
    "{org} har lang erfaring med {topic} og samarbeider tett med {org2}.",
    "{instrument} er et viktig virkemiddel for {actors} i {region}.",
    "{agency} forvalter i dag flere ordninger som er relevante for {topic}.",
    "Ifølge {org} vil {topic} kunne gi {n}000 nye arbeidsplasser innen {year}.",
]
EXAMPLE_SENTENCES = [
    "{example} i {country} er et godt eksempel på hvordan {topic} kan organiseres.",
    "Norge kan lære av {example} i {country}, som har bygget opp {topic} over flere år.",
    "{example} i {country} er en modell som kan tilpasses norske forhold.",
]


@dataclass(frozen=True)
class Pools:
    headings: tuple[str, ...]
    sentences: tuple[str, ...]  # background sentences without a recommendation
    bullets: tuple[str, ...]  # infinitive list items from the corpus
    ministries: tuple[tuple[str, str], ...]  # (name, abbreviation)
    agencies: tuple[str, ...]
    organisations: tuple[str, ...]  # registry organisations
    instruments: tuple[str, ...]
    examples: tuple[tuple[str, str], ...]  # (name, country)


_MODAL = re.compile(r"\b(bør|må|skal|foreslår|anbefaler|foreslås|ønsker|mener|trenger|viktig|behov|vil)\b", re.I)
_JUNK = re.compile(r"[@|/\\…«»\[\]®:;\"“”]|https?:|www\.|\d|\bvi\b|\bVi\b|\bvår|\bVår|\boss\b|LMI|NHO|"
                   r"[\uf000-\uf8ff]|\s[a-zæøå]+-\s")


@lru_cache
def pools() -> Pools:
    """Headings, sentences and list items of the real corpus (as the loaders segment it: the PDF
    dumps' broken ligatures and hyphenation repaired); names from the registry."""
    from loaders.normalise import normalise
    from loaders.segment import split_sentences
    from loaders.segment import reflow, segment
    from schema.registry import load_registry
    headings, sentences, bullets = set(), set(), set()
    for path in sorted(CORPUS_DIR.glob("*.txt")):
        norm = normalise(path.read_text(encoding="utf-8"))
        for seg in segment(norm):
            t = seg.text
            if seg.kind == "heading":
                if 8 <= len(t) <= 70 and not t.isupper() and t[-1] not in ".?!" and not _JUNK.search(t) \
                        and len(t.split()) >= 2 and " - " not in t and not t.split()[-1].isupper() \
                        and sum(c.isupper() for c in t) * 4 < len(t):
                    headings.add(t)
            elif seg.kind == "bullet":
                if re.match(r"[A-ZÆØÅ][a-zæøå]+e\b", t) and len(t) < 160 and not _JUNK.search(t):
                    bullets.add(t.rstrip(" ."))
            elif seg.kind == "paragraph":
                for a, b in split_sentences(norm.text, seg.start, seg.end):
                    s = reflow(norm.text[a:b])
                    if 50 <= len(s) <= 220 and s[0].isupper() and s.endswith(".") and not _MODAL.search(s) \
                            and not _JUNK.search(s) and s.count("(") == s.count(")"):
                        sentences.add(s)
    headings |= {t[0].upper() + t[1:] for t in TOPICS}
    reg = load_registry()
    current = [e for e in reg if e.kind == "Ministry" and not getattr(e, "valid_to", None) and e.abbreviations]
    return Pools(
        headings=tuple(sorted(headings)),
        sentences=tuple(sorted(sentences)),
        bullets=tuple(sorted(bullets)),
        ministries=tuple((e.name, e.abbreviations[0]) for e in current),
        agencies=tuple(e.name for e in reg if e.kind == "Agency" and not e.country),
        organisations=tuple(e.name for e in reg if e.kind == "Organisation"),
        instruments=tuple(e.name for e in reg if e.kind == "Instrument"),
        examples=tuple((e.name, e.country) for e in reg if e.kind == "InternationalExample" and e.country),
    )


# -- names of "other organisations" and international examples ---------------------------------
SYNTHETIC_EXAMPLE_COUNTRIES = ["Danmark", "Sverige", "Finland", "Nederland", "Tyskland", "Storbritannia",
                               "Estland", "Sveits", "Irland", "Canada"]
SYNTHETIC_EXAMPLE_WORDS = ["Health Data Hub", "Life Science Institute", "Clinical Trials Network",
                           "Biotech Incubator", "Innovation Foundation", "Precision Medicine Alliance"]


def other_organisation(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.55:
        field = rng.choice(FIELDS)
        head, _ = rng.choice(ORG_HEADS)
        return f"{rng.choice(REGIONS).split()[0]} {field}{head}"
    if kind < 0.85:
        return f"{rng.choice(COMPANY_STEMS)}{rng.choice(COMPANY_ENDINGS)} {rng.choice(COMPANY_WORDS)} AS"
    return f"{rng.choice(REGIONS).split()[0]} {rng.choice(['Health', 'Life Science', 'Medtech', 'Biotech'])} Cluster"


def example(rng: random.Random, p: Pools) -> tuple[str, str]:
    if rng.random() < 0.6:
        return rng.choice(p.examples)
    country = rng.choice(SYNTHETIC_EXAMPLE_COUNTRIES)
    prefix = rng.choice(["Nordic", "National", "Copenhagen", "Stockholm", "Helsinki", "Amsterdam", "Berlin",
                         "Tallinn", "Zürich", "Dublin", "Toronto", "London"])
    return f"{prefix} {rng.choice(SYNTHETIC_EXAMPLE_WORDS)}", country


# -- one document ---------------------------------------------------------------------------------
def wrap(text: str, rng: random.Random, width: int = LINE_WIDTH) -> list[str]:
    """Hard-wrap like a PDF text dump: lines of about `width` characters, a trailing blank."""
    lines, line = [], ""
    limit = width - rng.randint(0, 12)
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > limit:
            lines.append(line + " ")
            line, limit = word, width - rng.randint(0, 12)
        else:
            line = f"{line} {word}" if line else word
    if line:
        lines.append(line + " ")
    return lines


def document(seed: int, i: int) -> tuple[str, dict]:
    """The text of document i and its manifest entry."""
    p = pools()
    rng = random.Random(f"helsegraf-corpus:{seed}:{i}")
    author = other_organisation(rng) if rng.random() < 0.8 else rng.choice(p.organisations)
    author_short = author.removesuffix(" AS")
    # mostly the ministries health-industry policy is addressed to (NFD, HOD, KD), sometimes others
    weights = [8 if abbr in ("NFD", "HOD", "KD") else 1 for _, abbr in p.ministries]
    min_name, min_abbr = rng.choices(p.ministries, weights)[0]
    min2_name = rng.choice([m for m in p.ministries if m[0] != min_name])[0]
    year = rng.randint(2015, 2025)
    date = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    theme = rng.choice(TOPICS)
    doc_type = rng.choices(["consultation_input", "position_paper", "strategy", "letter"], [6, 2, 1, 1])[0]
    if doc_type == "strategy":
        title = f"{author_short}s strategi for {year}-{year + 3}"
    elif doc_type == "position_paper":
        title = f"Posisjonsnotat om {theme}"
    else:
        title = rng.choice([f"{author_short}s innspill til {min_abbr} om {theme}",
                            f"Innspill til stortingsmeldingen om {theme}",
                            f"Høringssvar om {theme} fra {author_short}"])
    orgs = [other_organisation(rng) for _ in range(3)] + rng.sample(p.organisations, 2)

    def fill(template: str) -> str:
        ex_name, ex_country = example(rng, p)
        m2 = rng.choice([m for m in p.ministries if m[0] != min_name])
        return template.format(
            ministry=min_name if rng.random() < 0.6 else rng.choice(p.ministries)[0],
            ministry2=m2[0], ministry_abbr=min_abbr, agency=rng.choice(p.agencies),
            instrument=rng.choice(p.instruments), org=rng.choice(orgs), org2=rng.choice(orgs),
            author=author_short, topic=rng.choice(TOPICS), region=rng.choice(REGIONS),
            facility=rng.choice(FACILITIES), actors=rng.choice(ACTORS), example=ex_name,
            country=ex_country, amount=rng.randrange(20, 2000, 10), year=rng.randint(year + 1, year + 8),
            n=rng.randint(2, 15))

    out: list[str] = [f" {title}  ", ""]
    intro = (f"{author} representerer {rng.randint(12, 400)} medlemmer innenfor {theme} og "
             f"{rng.choice(TOPICS)}. " + " ".join(rng.sample(p.sentences, 2)))
    out += wrap(intro, rng) + [" "]
    templates = rng.sample(PROPOSALS, len(PROPOSALS))  # each template at most once a document
    n_sections = rng.randint(3, 5)
    headings = rng.sample(p.headings, min(n_sections, len(p.headings)))
    for s, heading in enumerate(headings):
        out += ["", f"{heading} ", ""]
        for _ in range(rng.randint(1, 2)):
            parts = rng.sample(p.sentences, rng.randint(2, 3)) + [fill(rng.choice(FACTS))]
            rng.shuffle(parts)
            if templates:
                parts.append(fill(templates.pop()))
            out += wrap(" ".join(parts), rng) + [" "]
        if s == 1:  # international models
            out += wrap(" ".join(fill(rng.choice(EXAMPLE_SENTENCES)) for _ in range(2)), rng) + [" "]
        if rng.random() < 0.6:
            out += ["", rng.choice(["Forslag til tiltak ", "Forslag til Tiltak ", "Hva bør gjøres "]), ""]
            glyph = rng.choice(["\uf0b7 ", "• ", "- "])
            verbs = rng.sample(MEASURE_VERBS, rng.randint(2, 4))
            items = [f"{v} {fill(obj)}" for v, obj in verbs]
            if p.bullets and rng.random() < 0.3:
                items.append(rng.choice(p.bullets))
            for item in items:
                lines = wrap(item, rng)
                out += [" " + glyph + lines[0]] + ["   " + l for l in lines[1:]] + [""]
    person = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
    role = rng.choice(ROLES)
    out += ["", "Med vennlig hilsen ", author, "", person, role[0].upper() + role[1:], ""]
    text = "\n".join(out)
    entry = {"title": title, "authors": [author], "addressees": [f"{min_name} ({min_abbr})"],
             "date": date, "type": doc_type}
    if doc_type == "strategy" or rng.random() < 0.2:
        entry["addressees"] = []
    if rng.random() < 0.15:
        entry["addressees"].append(min2_name)
    return text, entry


def file_name(seed: int, i: int) -> str:
    return f"{i:05d}_{hashlib.sha256(f'{seed}:{i}'.encode()).hexdigest()[:16]}.txt"


def make_corpus(n: int, out: Path, seed: int = 0) -> list[Path]:
    """Write n documents and their manifest.yaml into `out`; returns the document paths."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    paths, manifest = [], ["# Synthetic corpus: bench/make_corpus.py " + f"{n} --seed {seed}"]
    for i in range(n):
        text, entry = document(seed, i)
        name = file_name(seed, i)
        path = out / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
        manifest.append(f"{name}:")  # JSON scalars are valid YAML flow scalars
        manifest += [f"  {k}: {json.dumps(v, ensure_ascii=False)}" for k, v in entry.items()]
    (out / "manifest.yaml").write_text("\n".join(manifest) + "\n", encoding="utf-8")
    return paths


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", type=int, help="number of documents")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", type=Path, default=None, help="output folder (default var/corpus-N)")
    args = ap.parse_args(argv)
    if args.n < 1:
        ap.error("N must be at least 1")
    out = args.out or REPO / "var" / f"corpus-{args.n}"
    t = time.perf_counter()
    paths = make_corpus(args.n, out, args.seed)
    size = sum(p.stat().st_size for p in paths)
    print(f"{len(paths):,} documents ({size / 1e6:.1f} MB) in {out} in {time.perf_counter() - t:.1f}s")
