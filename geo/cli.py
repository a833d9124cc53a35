"""Command line: `python -m geo extract FILE...` and `python -m geo evaluate GOLD.jsonl...`."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from geo.documents import Document, read_bytes, read_path
from geo.extract import InputError, check_published, extract


def cmd_extract(args: argparse.Namespace) -> int:
    failed = 0
    try:
        published = check_published(args.published)
    except InputError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    for name in args.files:
        try:
            if name == "-":
                documents = read_bytes(sys.stdin.buffer.read(), "stdin", "stdin")
            else:
                documents = read_path(Path(name))
            for document in documents:
                write_extraction(document, published)
        except InputError as error:
            print(f"error: {error}", file=sys.stderr)
            failed += 1
    return 1 if failed else 0


def write_extraction(document: Document, published: str | None) -> None:
    result = extract(document.text, published or document.published, doc_id=document.id)
    sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")


def cmd_evaluate(args: argparse.Namespace) -> int:
    from geo.evaluate import evaluate_events, evaluate_places

    for name in args.gold:
        try:
            scores = evaluate_places(Path(name), focus=args.focus or None)
        except (OSError, ValueError, KeyError) as error:
            print(f"error: {name}: {error}", file=sys.stderr)
            return 2
        report = scores.report()
        print(f"{name}")
        print("  places  " + "  ".join(f"{k}={v}" for k, v in report.items()))
        events = evaluate_events(Path(name), focus=args.focus or None)
        if events.gold:
            print("  events  " + "  ".join(f"{k}={v}" for k, v in events.report().items()))
            if args.verbose:
                for label, rows in (("missed", events.misses), ("false", events.false_alarms)):
                    for row in rows:
                        print(f"    event {label}: {row}")
        if args.verbose:
            for label, rows in (("missed", scores.misses), ("false", scores.false_alarms),
                                ("far", scores.wrong)):
                for row in rows:
                    print(f"    {label}: {row}")
    return 0


def cmd_ingest(args: argparse.Namespace) -> int:
    from geo.ingest import ingest, sources_for
    from geo.store import Store, StoreError

    try:
        published = check_published(args.published)
        store = Store(args.db)
    except (InputError, StoreError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    done = 0

    def progress(source, outcome: str) -> None:
        nonlocal done
        done += 1
        if sys.stderr.isatty():
            print(f"\r[{done}] {outcome:9} {source.name[-60:]:60}", end="", file=sys.stderr)
        else:
            print(f"[{done}] {outcome}: {source.name}", file=sys.stderr)

    try:
        report = ingest(store, sources_for(args.sources), published, progress)
    except StoreError as error:
        print(f"\nerror: {error} (articles stored before this one are kept)", file=sys.stderr)
        return 2
    if sys.stderr.isatty():
        print(file=sys.stderr)
    print(report.summary())
    return 1 if report.failed else 0


def cmd_export(args: argparse.Namespace) -> int:
    from geo.export import FORMATS
    from geo.store import Store, StoreError

    try:
        start = check_published(args.date_from, "--from")
        end = check_published(args.date_to, "--to")
        store = Store(args.db)
        rows = store.event_rows(start and date.fromisoformat(start),
                                end and date.fromisoformat(end))
    except (InputError, StoreError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    output = FORMATS[args.format](rows)
    if args.output:
        Path(args.output).write_text(output, encoding="utf-8")
        print(f"wrote {len(rows)} events to {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(output)
    return 0


def cmd_control(args: argparse.Namespace) -> int:
    from geo.control import ControlModel, feature_collection
    from geo.store import Store, StoreError

    try:
        as_of = date.fromisoformat(check_published(args.as_of, "--as-of"))
        store = Store(args.db)
        events = store.event_rows(end=as_of)
        model = ControlModel(events, store.correction_rows())
    except (InputError, StoreError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    json.dump(feature_collection(model, as_of, events), sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m geo",
                                     description="Front Lines: places and events in news.")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("extract", help="find and geocode the places in articles (JSON Lines)")
    p.add_argument("files", nargs="+", metavar="FILE",
                   help="text, HTML, article JSON or JSON Lines; - reads standard input")
    p.add_argument("--published", metavar="YYYY-MM-DD",
                   help="publication date for inputs that do not carry one")
    p.set_defaults(run=cmd_extract)
    p = sub.add_parser("evaluate", help="score against gold annotations")
    p.add_argument("gold", nargs="+", metavar="GOLD.jsonl")
    p.add_argument("--focus", default="LY", help="ISO code of the focus country ('' for none)")
    p.add_argument("-v", "--verbose", action="store_true", help="list every miss and error")
    p.set_defaults(run=cmd_evaluate)
    p = sub.add_parser("ingest", help="store articles (files, folders, URLs, feeds)")
    p.add_argument("sources", nargs="+", metavar="PATH|URL")
    p.add_argument("--db", help="database URL (default: DATABASE_URL or var/frontlines.sqlite)")
    p.add_argument("--published", metavar="YYYY-MM-DD",
                   help="date for articles with none in their metadata or dateline")
    p.set_defaults(run=cmd_ingest)
    p = sub.add_parser("export", help="export stored events")
    p.add_argument("--format", choices=["csv", "geojson", "kml"], default="csv")
    p.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD")
    p.add_argument("--db")
    p.add_argument("--output", "-o", metavar="FILE")
    p.set_defaults(run=cmd_export)
    p = sub.add_parser("control", help="place states, areas and front lines on a date (GeoJSON)")
    p.add_argument("--as-of", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--db")
    p.set_defaults(run=cmd_control)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
