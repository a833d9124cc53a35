"""Benchmark ingestion: articles per second and peak memory for N synthetic articles.

The articles are made from the sample corpus: each takes the sentences of a random sample
article, shuffled, with a random publication date in 2011-2020, so every one is new to the
store (no duplicate short-cut) yet reads like the real thing. Run on SQLite (a temporary
file) and, with --postgres URL or TEST_POSTGRES_URL set, on PostgreSQL; the peer in the
same run is the extraction alone, without storage.
Usage: python scripts/bench_ingest.py [--articles 10000] [--postgres URL]
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.extract import extract  # noqa: E402
from geo.ingest import Source, ingest  # noqa: E402
from geo.mentions import load_corpus  # noqa: E402
from geo.text import sentence_spans  # noqa: E402


def synthetic_sources(count: int, seed: int = 7) -> list[Source]:
    rng = random.Random(seed)
    corpus = [d for d in load_corpus() if d.text.strip()]
    sources = []
    for number in range(count):
        base = rng.choice(corpus)
        sentences = [base.text[s:e] for s, e in sentence_spans(base.text)]
        rng.shuffle(sentences)
        published = date(2011, 1, 1) + timedelta(days=rng.randrange(3650))
        text = " ".join(sentences) + f"\n\n(synthetic article {number})"
        document = type(base)(f"synthetic-{number}", text, published.isoformat(),
                              f"{base.title} #{number}", None, "benchmark")
        sources.append(Source(document.id, document))
    return sources


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(label: str, url: str, sources: list[Source]) -> None:
    from geo.store import Store

    store = Store(url)
    start = time.perf_counter()
    report = ingest(store, sources)
    elapsed = time.perf_counter() - start
    print(f"{label:10} {report.added:6d} added in {elapsed:6.1f} s = "
          f"{report.added / elapsed:6.1f} articles/s (target >= 100); "
          f"failed {len(report.failed)}; peak RSS so far {peak_rss_mb():.0f} MB (target < 500)")
    store.engine.dispose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--postgres", default=os.environ.get("TEST_POSTGRES_URL"))
    args = parser.parse_args(argv)
    sources = synthetic_sources(args.articles)
    words = sum(len(s.document.text.split()) for s in sources)
    print(f"{len(sources)} synthetic articles, {words:,} words")

    extract(sources[0].document.text, sources[0].document.published)  # load gazetteer etc.
    sample = sources[: max(1, len(sources) // 10)]
    start = time.perf_counter()
    for source in sample:
        extract(source.document.text, source.document.published)
    rate = len(sample) / (time.perf_counter() - start)
    print(f"{'extract':10} {len(sample):6d} articles, no storage = {rate:6.1f} articles/s (peer)")

    with tempfile.TemporaryDirectory() as folder:
        run("sqlite", f"sqlite:///{folder}/bench.sqlite", sources)
    if args.postgres:
        from sqlalchemy import text

        from geo.store import Store, metadata

        store = Store(args.postgres)
        with store.engine.begin() as connection:
            for table in reversed(metadata.sorted_tables):
                connection.execute(text(f'DELETE FROM "{table.name}"'))
        store.engine.dispose()
        run("postgresql", args.postgres, sources)
    else:
        print("postgresql: skipped (give --postgres URL or set TEST_POSTGRES_URL)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
