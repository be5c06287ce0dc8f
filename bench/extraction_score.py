"""Score the extractor against the hand-made gold annotations.

    python bench/extraction_score.py [GOLD.json ...] [--verbose] [--json]

Default: every ``*.json`` in ``../shared/gold`` (relative to the repository). For each gold file
the matching corpus document (``data/corpus/<document>``) is extracted with
``loaders.pipeline.extract(path)``; while that module does not exist yet, only the proposal
extractor runs (entities then score 0).

Matching (see the gold README):

* **Entities** — an extracted entity matches a gold entity when its name or one of its aliases
  equals the gold name or one of its surface forms, ignoring case, accents and punctuation. The
  type is not compared; Themes are not counted (neither gold nor extracted). Recall is reported
  per gold type, precision per extracted type.
* **Proposals** — an extracted proposal matches a gold proposal when they share most of their
  content words: stop words removed, words stemmed (Snowball, Norwegian), and the overlap is at
  least 0.6 of the smaller set and at least 0.3 of the larger (so one long paragraph cannot
  "match" everything). A gold proposal with ``duplicate_of`` forms one group with the proposal it
  repeats: recall counts groups, and an extracted proposal may match any member. Precision is
  the share of extracted proposals that match some gold proposal.
* **Proposal links** — what each proposal concerns. For every gold proposal matched by an
  extracted one (the one sharing the largest share of content words), the gold's ``ministries``,
  ``instruments``, ``organisations`` and ``international_examples`` are compared with the
  extracted proposal's linked entities of those kinds (Ministry, Agency, Organisation,
  Instrument, InternationalExample), names matched like entities (a gold name also by the
  surface forms of the gold entity of that name; an extracted one also by its aliases).
  Recall is over the gold links of matched gold proposals, precision over the links of extracted
  proposals that match a gold proposal (each paired with its best gold proposal); micro-averaged.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from schema.text import words as folded_words  # noqa: E402 (after the path is set)

GOLD_DIR = (REPO / ".." / "shared" / "gold").resolve()
CORPUS_DIR = REPO / "data" / "corpus"

MIN_OF_SMALLER = 0.6
MIN_OF_LARGER = 0.3

STOPWORDS = frozenset("""
og i på til for av med som at å det en et ei den de er var være vært blir bli ble har ha hadde
skal bør må kan vil burde kunne skulle ville måtte om fra ved mot under over etter mellom innen
innenfor uten hos gjennom eller samt men så enn både enten ikke også seg sin sine sitt vi oss
vår våre vårt dere deres han hun hans hennes jeg meg min mine du deg dette disse denne der
hvor når hva hvilke hvordan hvorfor slik få får fått gi gir ga mer mest mye flere noen noe alle
andre annen annet egen eget egne hele helt svært særlig spesielt blant annet dvs f eks bl a
jf m fl etc osv nå her da dermed derfor samtidig videre enda allerede bare kun også gjerne
""".split())


def fold(text: str) -> str:
    """Case-, accent- and punctuation-insensitive form (æ/ø/å kept apart from a/o): the folded
    words (`schema.text.words`) joined by single spaces."""
    return " ".join(folded_words(text))


_stemmer = None


def _stem(word: str) -> str:
    global _stemmer
    if _stemmer is None:
        import snowballstemmer
        _stemmer = snowballstemmer.stemmer("norwegian")
    return _stemmer.stemWord(word)


def content_words(text: str) -> set[str]:
    words = re.findall(r"[^\W_]+", text.lower())
    return {_stem(w) for w in words if w not in STOPWORDS and not (len(w) == 1 and not w.isdigit())}


def proposals_match(a: str | set[str], b: str | set[str]) -> bool:
    wa = a if isinstance(a, set) else content_words(a)
    wb = b if isinstance(b, set) else content_words(b)
    if not wa or not wb:
        return False
    common = len(wa & wb)
    return common >= MIN_OF_SMALLER * min(len(wa), len(wb)) and common >= MIN_OF_LARGER * max(len(wa), len(wb))


@dataclass
class PR:
    precision: float
    recall: float
    n_gold: int
    n_extracted: int
    matched_gold: int
    correct_extracted: int


@dataclass
class Scores:
    document: str
    entities: PR
    entities_by_type: dict[str, PR]
    proposals: PR
    missed_proposals: list[str] = field(default_factory=list)
    false_proposals: list[str] = field(default_factory=list)
    missed_entities: list[str] = field(default_factory=list)
    false_entities: list[str] = field(default_factory=list)
    entities_scored: bool = True  # False when the extraction came without entity recognition
    links: PR | None = None
    missed_links: list[str] = field(default_factory=list)  # "<link name>  <- <proposal>"
    false_links: list[str] = field(default_factory=list)


def _ratio(n: int, d: int) -> float:
    return n / d if d else 1.0


def score_entities(gold: list[dict], extracted: list[dict]) -> tuple[PR, dict[str, PR], list[str], list[str]]:
    g = [e for e in gold if e.get("type") != "Theme"]
    x = [e for e in extracted if e.get("type") != "Theme"]
    gforms = [{fold(f) for f in [e["name"], *e.get("surface_forms", [])] if fold(f)} for e in g]
    xforms = [{fold(f) for f in [e.get("name", ""), *e.get("aliases", [])] if fold(f)} for e in x]
    g_hit = [any(gf & xf for xf in xforms) for gf in gforms]
    x_hit = [any(xf & gf for gf in gforms) for xf in xforms]
    overall = PR(_ratio(sum(x_hit), len(x)), _ratio(sum(g_hit), len(g)), len(g), len(x), sum(g_hit), sum(x_hit))
    by_type: dict[str, PR] = {}
    for t in sorted({e["type"] for e in g} | {e.get("type", "?") for e in x}):
        gi = [i for i, e in enumerate(g) if e["type"] == t]
        xi = [i for i, e in enumerate(x) if e.get("type", "?") == t]
        mg = sum(g_hit[i] for i in gi)
        cx = sum(x_hit[i] for i in xi)
        by_type[t] = PR(_ratio(cx, len(xi)), _ratio(mg, len(gi)), len(gi), len(xi), mg, cx)
    missed = [e["name"] for e, h in zip(g, g_hit) if not h]
    false = [e.get("name", "") for e, h in zip(x, x_hit) if not h]
    return overall, by_type, missed, false


def score_proposals(gold: list[dict], extracted: list[dict]) -> tuple[PR, list[str], list[str]]:
    ids = {p["id"]: p for p in gold}

    def root(p: dict) -> str:
        seen = set()
        while p.get("duplicate_of") and p["duplicate_of"] in ids and p["id"] not in seen:
            seen.add(p["id"])
            p = ids[p["duplicate_of"]]
        return p["id"]

    groups: dict[str, list[set[str]]] = {}
    group_text: dict[str, str] = {}
    for p in gold:
        r = root(p)
        groups.setdefault(r, []).append(content_words(p["text"]))
        group_text.setdefault(r, ids[r]["text"])
    xwords = [content_words(p.get("text", "")) for p in extracted]
    found = {r: any(proposals_match(gw, xw) for gw in members for xw in xwords) for r, members in groups.items()}
    x_ok = [any(proposals_match(gw, xw) for members in groups.values() for gw in members) for xw in xwords]
    pr = PR(_ratio(sum(x_ok), len(extracted)), _ratio(sum(found.values()), len(groups)), len(groups),
            len(extracted), sum(found.values()), sum(x_ok))
    missed = [group_text[r] for r, ok in found.items() if not ok]
    false = [p.get("text", "") for p, ok in zip(extracted, x_ok) if not ok]
    return pr, missed, false


LINK_FIELDS = ("ministries", "instruments", "organisations", "international_examples")
LINK_TYPES = frozenset({"Ministry", "Agency", "Organisation", "Instrument", "InternationalExample"})


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _best(words: set[str], candidates: list[set[str]]) -> int | None:
    """Index of the candidate matching ``words`` with the largest overlap, or None."""
    best, best_score = None, 0.0
    for i, c in enumerate(candidates):
        if proposals_match(words, c) and _overlap(words, c) > best_score:
            best, best_score = i, _overlap(words, c)
    return best


def _links_found(props, words, links, others, other_words, other_links) -> tuple[int, int, list[str]]:
    """For each proposal of one side matched to one of the other: how many of its links the
    other's links share (counted, found, and the ones not found as '<name>  <- <proposal>')."""
    n = hit = 0
    misses: list[str] = []
    for p, w in zip(props, words):
        j = _best(w, other_words)
        if j is None:
            continue
        theirs = other_links(others[j])
        for name, forms in links(p):
            n += 1
            if any(forms & f for _, f in theirs):
                hit += 1
            else:
                misses.append(f"{name}  <- {p.get('text', '')[:70]}")
    return n, hit, misses


def score_links(gold: dict, extraction: dict) -> tuple[PR, list[str], list[str]]:
    """Per-proposal links (see the module doc), micro-averaged over the document."""
    gold_forms = {fold(e["name"]): {fold(f) for f in [e["name"], *e.get("surface_forms", [])] if fold(f)}
                  for e in gold.get("entities", [])}
    x_forms = {(e.get("type"), e.get("name")): {fold(f) for f in [e.get("name", ""), *e.get("aliases", [])]
                                                if fold(f)}
               for e in extraction.get("entities", [])}

    def glinks(p: dict) -> list[tuple[str, set[str]]]:
        names = [n for f in LINK_FIELDS for n in p.get(f) or []]
        return [(n, gold_forms.get(fold(n), set()) | {fold(n)}) for n in dict.fromkeys(names)]

    def xlinks(p: dict) -> list[tuple[str, set[str]]]:
        out = {}
        for e in p.get("entities", []):
            if e.get("type") in LINK_TYPES:
                out.setdefault(e["name"], x_forms.get((e["type"], e["name"]), set()) | {fold(e["name"])})
        return list(out.items())

    gprops = gold.get("proposals", [])
    xprops = extraction.get("proposals", [])
    gwords = [content_words(p["text"]) for p in gprops]
    xwords = [content_words(p.get("text", "")) for p in xprops]
    n_gold, found, missed = _links_found(gprops, gwords, glinks, xprops, xwords, xlinks)
    n_x, correct, false = _links_found(xprops, xwords, xlinks, gprops, gwords, glinks)
    return PR(_ratio(correct, n_x), _ratio(found, n_gold), n_gold, n_x, found, correct), missed, false


def score_file(gold_path: str | Path, extraction: dict) -> Scores:
    """Compare one extraction (the JSON of ``helsegraf extract FILE``) with one gold file."""
    gold = json.loads(Path(gold_path).read_text(encoding="utf-8"))
    ents, by_type, missed_e, false_e = score_entities(gold.get("entities", []), extraction.get("entities", []))
    props, missed_p, false_p = score_proposals(gold.get("proposals", []), extraction.get("proposals", []))
    links, missed_l, false_l = score_links(gold, extraction)
    return Scores(gold.get("document", Path(gold_path).name), ents, by_type, props, missed_p, false_p,
                  missed_e, false_e, entities_scored=bool(extraction.get("entities_scored", True)),
                  links=links, missed_links=missed_l, false_links=false_l)


def _proposals_only(path: Path) -> dict:
    from loaders.normalise import normalise
    from loaders.proposals import extract_proposals
    from loaders.segment import segment

    norm = normalise(path.read_text(encoding="utf-8"))
    segs = segment(norm)
    props = extract_proposals(norm, segs)
    return {
        "document": {"path": path.name},
        "entities": [],
        "entities_scored": False,
        "proposals": [{"text": p.text, "section": p.section, "modality": p.modality, "start": p.start,
                       "end": p.end, "entities": []} for p in props],
        "relations": [],
    }


def extract(path: Path) -> dict:
    """The pipeline's extraction, or proposals only while ``loaders.pipeline`` is not there."""
    try:
        from loaders import pipeline  # noqa: F401
    except ModuleNotFoundError as exc:
        if exc.name not in ("loaders.pipeline",):
            raise
        return _proposals_only(path)
    return pipeline.extract(path)


def corpus_path_for(gold_path: Path, corpus_dir: Path = CORPUS_DIR) -> Path:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    name = gold.get("document") or gold_path.with_suffix(".txt").name
    return corpus_dir / name


def _fmt(pr: PR) -> str:
    return f"P {pr.precision:5.2f} ({pr.correct_extracted}/{pr.n_extracted})  R {pr.recall:5.2f} ({pr.matched_gold}/{pr.n_gold})"


def report(s: Scores, verbose: bool = False) -> str:
    lines = [f"== {s.document}"]
    note = "" if s.entities_scored else "   [no entity recognition: loaders.pipeline not available]"
    lines.append(f"  entities   {_fmt(s.entities)}{note}")
    for t, pr in s.entities_by_type.items():
        lines.append(f"    {t:<22} {_fmt(pr)}")
    lines.append(f"  proposals  {_fmt(s.proposals)}")
    if s.links is not None:
        lines.append(f"  links      {_fmt(s.links)}")
    if verbose:
        for t in s.missed_proposals:
            lines.append(f"    missed: {t}")
        for t in s.false_proposals:
            lines.append(f"    extra:  {t}")
        if s.entities_scored:
            for t in s.missed_entities:
                lines.append(f"    missed entity: {t}")
            for t in s.false_entities:
                lines.append(f"    extra entity:  {t}")
            for t in s.missed_links:
                lines.append(f"    missed link: {t}")
            for t in s.false_links:
                lines.append(f"    extra link:  {t}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("gold", nargs="*", help="gold JSON files (default: ../shared/gold/*.json)")
    ap.add_argument("--verbose", "-v", action="store_true", help="list missed and extra items")
    ap.add_argument("--json", action="store_true", help="print the scores as JSON")
    ap.add_argument("--corpus", default=str(CORPUS_DIR), help="folder of the corpus documents")
    args = ap.parse_args(argv)
    paths = [Path(p) for p in args.gold] or sorted(GOLD_DIR.glob("*.json"))
    if not paths:
        print(f"no gold files found in {GOLD_DIR}", file=sys.stderr)
        return 2
    out = []
    for gp in paths:
        doc = corpus_path_for(gp, Path(args.corpus))
        if not doc.exists():
            print(f"{gp}: corpus document {doc} not found", file=sys.stderr)
            return 2
        s = score_file(gp, extract(doc))
        out.append(s)
        if not args.json:
            print(report(s, args.verbose))
    if args.json:
        from dataclasses import asdict
        print(json.dumps([asdict(s) for s in out], ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
