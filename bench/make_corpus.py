"""Writes a synthetic corpus (tests/support/synthetic_corpus.py says how it is made).

    python bench/make_corpus.py N [--seed S] [--out DIR]     # DIR: default var/corpus-N
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.support.synthetic_corpus import main  # noqa: E402

if __name__ == "__main__":
    main()
