"""The rules' proposals on each tuning text as they were before that text was read.

    python bench/unseen_rules.py [--out bench/data/unseen_rule_proposals.jsonl]

Each text of the development set's tuning part was added (and annotated by hand) before any rule
was written from it. The extractor of the commit before the one that added it had therefore never
seen it: its proposals are what the rules do on an unseen text. They score R 0.64 / P 0.87 on the
tuning part, as the current rules do on the measuring part (R 0.64 / P 0.85), while the current
rules, tuned on those texts, score 0.90 / 0.96 there. ``bench/proposal_model.py --unseen-rules``
chooses the learned layer's thresholds against them, so the choice is made where the rules are as
weak as they are on new authors. For each adding commit, ``git archive <commit>^ loaders schema``
is unpacked in a temporary folder and its ``extract_proposals`` run there on the current text.
The measuring part is not read.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEV = "tests/extraction/dev"
OUT = REPO / "bench" / "data" / "unseen_rule_proposals.jsonl"

# run inside the unpacked old tree: its normalise -> segment -> (metadata) -> extract_proposals
_RUN_OLD = r'''
import inspect, json, sys
from pathlib import Path
sys.path.insert(0, ".")
from loaders.normalise import normalise
from loaders.segment import segment
from loaders.proposals import extract_proposals
try:
    from loaders.read import read_document
except ImportError:
    read_document = None
try:
    from loaders.metadata import document_metadata
    from loaders.pipeline import _default_manifest
except ImportError:
    document_metadata = None
params = inspect.signature(extract_proposals).parameters
for f in sys.argv[1:]:
    p = Path(f)
    norm = normalise(read_document(p).text if read_document else p.read_text(encoding="utf-8"))
    segs = segment(norm)
    kw = {}
    if document_metadata is not None:
        meta = document_metadata(p, norm, segs, _default_manifest(p))
        kw = {k: getattr(meta, k) for k in ("doc_type", "authors") if k in params}
    drafts = extract_proposals(norm, segs, **kw)
    print(json.dumps({"file": p.name, "drafts": [[d.start, d.end, d.text] for d in drafts]}, ensure_ascii=False))
'''


def _git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=REPO, check=True, capture_output=True, text=True).stdout


def adding_commits() -> dict[str, list[Path]]:
    """Tuning texts by the commit that added them."""
    out: dict[str, list[Path]] = {}
    commit = ""
    for line in _git("log", "--diff-filter=A", "--format=@%H", "--name-only", "--", f"{DEV}/*.txt").splitlines():
        if line.startswith("@"):
            commit = line[1:]
        elif line.strip():
            text = REPO / line.strip()
            gold = text.with_suffix(".json")
            if text.exists() and gold.exists() and \
                    json.loads(gold.read_text(encoding="utf-8")).get("meta", {}).get("split") == "tune":
                out.setdefault(commit, []).append(text)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    rows = []
    for commit, texts in adding_commits().items():
        with tempfile.TemporaryDirectory() as tmp:
            archive = subprocess.run(["git", "archive", f"{commit}^", "loaders", "schema"], cwd=REPO, check=True,
                                     capture_output=True).stdout
            subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
            r = subprocess.run([sys.executable, "-c", _RUN_OLD, *map(str, texts)], cwd=tmp, capture_output=True,
                               text=True)
            if r.returncode:
                print(f"{commit[:8]}: the old extractor failed: {r.stderr.strip().splitlines()[-1:]}", file=sys.stderr)
                return 1
            for line in r.stdout.splitlines():
                rows.append({**json.loads(line), "commit": commit[:12]})
    rows.sort(key=lambda r: r["file"])
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"wrote {args.out}: {len(rows)} texts from {len({r['commit'] for r in rows})} commits")
    return 0


if __name__ == "__main__":
    sys.exit(main())
