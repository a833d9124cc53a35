"""Copy the sample corpus (articles, gold annotations, provenance) into data/corpus.

The app shows these articles on first run; a fresh clone has no ../shared, so they ship.
Usage: python scripts/build_corpus.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args(argv)
    source, target = args.shared / "corpus", ROOT / "data" / "corpus"
    target.mkdir(parents=True, exist_ok=True)
    names = sorted(p.name for p in source.iterdir()
                   if p.suffix in (".json", ".jsonl") or p.name in ("PROVENANCE.md",
                                                                     "ANNOTATION.md"))
    for name in names:
        shutil.copyfile(source / name, target / name)
    print(f"copied {len(names)} files to {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
