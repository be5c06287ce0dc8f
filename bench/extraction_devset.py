"""Score the extractor on the development set: real public Norwegian texts that are not the corpus.

    python bench/extraction_devset.py [--split tune|measure] [--verbose] [--json] [--list]

The development set lives in ``tests/extraction/dev/``: each document is ``<slug>.txt`` (the
text as its public page has it) beside ``<slug>.json`` (a hand-made annotation in the format of
``../shared/gold``, plus ``meta``: source URL, author, genre, language, split). It was split once,
by author, into a **tuning** part (read while the extractor is developed) and a **measuring**
part (never read while tuning; its scores are the honest estimate on unseen documents).

Scores (entities, proposals, and each matched proposal's links to ministries, instruments,
organisations and international examples) are micro-averaged (matched items summed over
documents) per part, per part and genre, and per document, with the matching rules of ``bench/extraction_score.py``; the shared gold is
scored the same way beside them. ``--list`` prints the set's manifest (source, author, genre,
language, split) instead.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
for p in (REPO, REPO / "bench"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

import extraction_score as es  # noqa: E402

DEV_DIR = REPO / "tests" / "extraction" / "dev"
GENRES = ("storting", "white_paper", "government_news", "agency_plan", "consultation", "health_strategy")
LANGUAGES = ("nb", "nn")
SPLITS = ("tune", "measure")
EXCERPTS = ("whole", "opening", "part")
LINK_FIELDS = ("ministries", "instruments", "organisations", "international_examples")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
_PHONE = re.compile(r"(?:\+47[\s-]?)?\b\d{2} ?\d{2} ?\d{2} ?\d{2}\b")


@dataclass(frozen=True)
class DevDoc:
    gold: Path
    text: Path
    meta: dict

    @property
    def name(self) -> str:
        return self.gold.stem


def dev_docs(folder: Path = DEV_DIR) -> list[DevDoc]:
    out = []
    for gp in sorted(folder.glob("*.json")):
        gold = json.loads(gp.read_text(encoding="utf-8"))
        out.append(DevDoc(gp, gp.with_name(gold.get("document") or gp.with_suffix(".txt").name),
                          gold.get("meta") or {}))
    return out


def problems(docs: list[DevDoc]) -> list[str]:
    """What is wrong with the set: missing files or metadata, an author in both parts, surface
    forms not in the text, links to names the annotation does not have, contact data."""
    out: list[str] = []
    split_of_author: dict[str, str] = {}
    for d in docs:
        where = d.gold.name
        m = d.meta
        if not d.text.exists():
            out.append(f"{where}: text {d.text.name} missing")
            continue
        if not str(m.get("source_url", "")).startswith(("https://", "http://")):
            out.append(f"{where}: meta.source_url missing")
        if not m.get("author"):
            out.append(f"{where}: meta.author missing")
        for key, allowed in (("genre", GENRES), ("language", LANGUAGES), ("split", SPLITS),
                             ("excerpt", EXCERPTS)):
            if m.get(key) not in allowed:
                out.append(f"{where}: meta.{key} {m.get(key)!r} is not one of {', '.join(allowed)}")
        author, split = m.get("author"), m.get("split")
        if author and split and split_of_author.setdefault(author, split) != split:
            out.append(f"{where}: author {author!r} is in both parts")
        text = d.text.read_text(encoding="utf-8")
        if _EMAIL.search(text):
            out.append(f"{where}: the text holds an e-mail address")
        gold = json.loads(d.gold.read_text(encoding="utf-8"))
        names = set()
        for e in gold.get("entities", []):
            names.add(e["name"])
            for form in e.get("surface_forms", []):
                if form not in text:
                    out.append(f"{where}: surface form {form!r} of {e['name']!r} is not in the text")
        if not gold.get("proposals"):
            out.append(f"{where}: no proposals annotated")
        for p in gold.get("proposals", []):
            for f in LINK_FIELDS:
                for n in p.get(f, []):
                    if n not in names:
                        out.append(f"{where} {p.get('id')}: {f} names {n!r}, which is not an entity")
    return out


SCORED = ("entities", "proposals", "links")  # the es.Scores fields summed, each a PR


@dataclass
class Tally:
    """Matched and total counts summed over documents (micro-average): per scored field,
    [gold items, gold items matched, extracted items, extracted items correct]."""
    docs: int = 0
    sums: dict[str, list[int]] = field(default_factory=lambda: {k: [0, 0, 0, 0] for k in SCORED})

    def add(self, s: "es.Scores") -> None:
        self.docs += 1
        for k in SCORED:
            pr = getattr(s, k)
            if pr is not None:
                for i, v in enumerate((pr.n_gold, pr.matched_gold, pr.n_extracted, pr.correct_extracted)):
                    self.sums[k][i] += v

    def figures(self) -> dict[str, float]:
        out = {}
        for k, (gold, matched, extracted, correct) in self.sums.items():
            out[f"{k}_recall"] = es._ratio(matched, gold)
            out[f"{k}_precision"] = es._ratio(correct, extracted)
        return out


def score(docs: list[DevDoc]) -> list[tuple[DevDoc, "es.Scores"]]:
    return [(d, es.score_file(d.gold, es.extract(d.text))) for d in docs]


def shared_gold() -> list[tuple[DevDoc, "es.Scores"]]:
    out = []
    for gp in sorted(es.GOLD_DIR.glob("*.json")) if es.GOLD_DIR.is_dir() else []:
        doc = es.corpus_path_for(gp)
        out.append((DevDoc(gp, doc, {"split": "shared gold", "genre": "consultation"}),
                    es.score_file(gp, es.extract(doc))))
    return out


def tallies(scored: list[tuple[DevDoc, "es.Scores"]]) -> dict[str, Tally]:
    """Per part ('tune', 'measure', 'shared gold') and per part and genre ('measure/storting')."""
    out: dict[str, Tally] = {}
    for d, s in scored:
        part = d.meta.get("split", "?")
        out.setdefault(part, Tally()).add(s)
        out.setdefault(f"{part}/{d.meta.get('genre', '?')}", Tally()).add(s)
    return dict(sorted(out.items(), key=lambda kv: ("/" in kv[0], kv[0])))


def _row(label: str, t: Tally) -> str:
    f = t.figures()
    scores = "  ".join(f"{f[k + '_recall']:5.2f} {f[k + '_precision']:5.2f}" for k in SCORED)
    counts = ", ".join(f"{t.sums[k][1]}/{t.sums[k][0]} {k}" for k in SCORED)
    return f"{label:<34} {t.docs:>4}  {scores}   ({counts})"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", choices=SPLITS, help="score one part only")
    ap.add_argument("--verbose", "-v", action="store_true", help="per document, with misses and extras")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--list", action="store_true", help="print the set's manifest")
    args = ap.parse_args(argv)
    docs = [d for d in dev_docs() if not args.split or d.meta.get("split") == args.split]
    if not docs:
        print(f"no development documents in {DEV_DIR}", file=sys.stderr)
        return 2
    bad = problems(docs)
    if bad:
        print("the development set has problems:\n  " + "\n  ".join(bad), file=sys.stderr)
        return 2
    if args.list:
        for d in docs:
            m = d.meta
            print(f"{d.name:<48} {m['split']:<8} {m['genre']:<16} {m['language']}  {m['author']}  {m['source_url']}")
        return 0
    scored = score(docs) + ([] if args.split else shared_gold())
    t = tallies(scored)
    if args.json:
        print(json.dumps({k: {"documents": v.docs, **v.figures()} for k, v in t.items()}, indent=1))
        return 0
    print(f"{'part / genre':<34} {'docs':>4}  {'ent R':>5} {'ent P':>5}  {'pro R':>5} {'pro P':>5}"
          f"  {'lnk R':>5} {'lnk P':>5}")
    for k, v in t.items():
        print(_row(k, v))
    if args.verbose:
        for d, s in scored:
            print(es.report(s, verbose=True).replace("== ", f"== [{d.meta.get('split')}] ", 1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
