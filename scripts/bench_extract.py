"""Benchmark `geo.extract` against geotext on the same texts, in the same run.

Prints gazetteer load time, words per second of both (geotext only finds names; extract
also resolves them), the ratio, and peak memory (RSS) of this process.
Usage: python scripts/bench_extract.py [--repeat 3] [FILES...]  (default: data/corpus/*.json
plus ../shared/eval/*.jsonl texts where present)
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def peak_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def load_texts(paths: list[Path]) -> list[str]:
    texts = []
    for path in paths:
        if path.suffix == ".jsonl":
            texts += [json.loads(line)["text"] for line in path.open(encoding="utf-8")
                      if line.strip()]
        elif path.suffix == ".json" and path.name != "gold.json":
            texts.append(json.loads(path.read_text(encoding="utf-8"))["text"])
        elif path.suffix == ".txt":
            texts.append(path.read_text(encoding="utf-8"))
    return texts


def words_per_second(function, texts: list[str], repeat: int) -> float:
    words = sum(len(t.split()) for t in texts)
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for text in texts:
            function(text)
        best = min(best, time.perf_counter() - start)
    return words / best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    files = args.files or sorted((ROOT / "data/corpus").glob("*.json")) + \
        sorted((ROOT.parent / "shared/eval").glob("*.jsonl"))
    texts = load_texts(files)
    print(f"texts: {len(texts)}, words: {sum(len(t.split()) for t in texts):,}")

    start = time.perf_counter()
    from geo.gazetteer import Gazetteer
    Gazetteer()
    print(f"gazetteer load: {time.perf_counter() - start:.2f} s (cold, this process)")

    from geo.extract import find_places
    ours = words_per_second(find_places, texts, args.repeat)
    print(f"geo.extract: {ours:,.0f} words/s")
    try:
        from geotext import GeoText
    except ImportError:
        print("geotext: not installed (pip install geotext); no ratio")
    else:
        theirs = words_per_second(GeoText, texts, args.repeat)
        print(f"geotext:     {theirs:,.0f} words/s")
        print(f"ratio extract/geotext: {ours / theirs:.2f}x (target >= 0.3x)")
    print(f"peak memory: {peak_rss_mb():.0f} MB (target < 300 MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
