"""Command line: `python -m geo extract FILE...` and `python -m geo evaluate GOLD.jsonl...`."""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import date
from pathlib import Path

from geo.documents import Document, read_bytes, read_path
from geo.extract import InputError, check_published, extract
from geo.text import fold


def cmd_extract(args: argparse.Namespace) -> int:
    failed = 0
    published = check_published(args.published)
    geocoder = online_geocoder(args)
    for name in args.files:
        try:
            if name == "-":
                documents = read_bytes(sys.stdin.buffer.read(), "stdin", "stdin")
            else:
                documents = read_path(Path(name))
            for document in documents:
                write_extraction(document, published, geocoder)
        except InputError as error:
            print(f"error: {error}", file=sys.stderr)
            failed += 1
    return 1 if failed else 0


def write_extraction(document: Document, published: str | None, geocoder=None) -> None:
    result = extract(document.text, published or document.published, doc_id=document.id,
                     geocoder=geocoder)
    sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")


def online_geocoder(args: argparse.Namespace, store=None):
    """The geocoder --online (or FRONTLINES_ONLINE_GEOCODER) asks for, cached in the store."""
    from geo.geocode import SETTING, from_settings
    from geo.store import Store

    if args.online is None and not os.environ.get(SETTING):
        return None
    return from_settings(store or Store(args.db), args.online)


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

    published = check_published(args.published)
    store = Store(args.db)
    geocoder = online_geocoder(args, store)
    done = 0

    def progress(source, outcome: str) -> None:
        nonlocal done
        done += 1
        if sys.stderr.isatty():
            print(f"\r[{done}] {outcome:9} {source.name[-60:]:60}", end="", file=sys.stderr)
        else:
            print(f"[{done}] {outcome}: {source.name}", file=sys.stderr)

    try:
        report = ingest(store, sources_for(args.sources), published, progress,
                        geocoder=geocoder)
    except StoreError as error:
        print(f"\nerror: {error} (articles stored before this one are kept)", file=sys.stderr)
        return 2
    if sys.stderr.isatty():
        print(file=sys.stderr)
    print(report.summary())
    return 1 if report.failed else 0


def cmd_export(args: argparse.Namespace) -> int:
    from geo.export import FORMATS
    from geo.store import Store

    start = check_published(args.date_from, "--from")
    end = check_published(args.date_to, "--to")
    store = Store(args.db)
    rows = store.event_rows(start and date.fromisoformat(start),
                            end and date.fromisoformat(end))
    output = FORMATS[args.format](rows)
    if args.output:
        Path(args.output).write_text(output, encoding="utf-8")
        print(f"wrote {len(rows)} events to {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(output)
    return 0


def cmd_control(args: argparse.Namespace) -> int:
    from geo.control import ControlModel, feature_collection
    from geo.store import Store

    as_of = date.fromisoformat(check_published(args.as_of, "--as-of"))
    store = Store(args.db)
    events = store.event_rows(end=as_of)
    model = ControlModel(events, store.correction_rows())
    json.dump(feature_collection(model, as_of, events), sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


def cmd_geocode_cache(args: argparse.Namespace) -> int:
    """Ship a warmed cache with a corpus: export to, or import from, JSON Lines."""
    from geo.store import Store

    store = Store(args.db)
    if args.action == "export":
        rows = store.geocode_cache_rows()
        Path(args.file).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n"
                                           for r in rows), encoding="utf-8")
        print(f"exported {len(rows)} cached answers to {args.file}")
        return 0
    count = 0
    for number, line in enumerate(Path(args.file).read_text(encoding="utf-8")
                                  .splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        if not isinstance(row.get("answer"), list) or not row.get("query"):
            raise InputError(f"{args.file}:{number}: needs 'provider', 'query', 'answer'")
        store.put_geocode(str(row.get("provider", "nominatim")), row["query"], row["answer"])
        count += 1
    print(f"imported {count} cached answers")
    return 0


CORRECTION_COLUMNS = ["source_id", "from_date", "faction", "contested", "note"]


def cmd_corrections(args: argparse.Namespace) -> int:
    """Analysts' corrections of who holds what, as CSV (export to share, import to apply)."""
    import csv

    from geo.factions import load_lexicon
    from geo.store import Store

    store = Store(args.db)
    if args.action == "export":
        with open(args.file, "w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=CORRECTION_COLUMNS)
            writer.writeheader()
            rows = store.correction_rows()
            for row in rows:
                writer.writerow({k: row[k] for k in CORRECTION_COLUMNS})
        print(f"exported {len(rows)} corrections to {args.file}")
        return 0
    factions = load_lexicon().factions
    with open(args.file, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    checked = []
    for number, row in enumerate(rows, 2):
        day = check_published(row.get("from_date"), f"{args.file}:{number}: from_date")
        faction = (row.get("faction") or "").strip() or None
        if not row.get("source_id") or day is None:
            raise InputError(f"{args.file}:{number}: needs 'source_id' and 'from_date'")
        if faction and faction not in factions:
            raise InputError(f"{args.file}:{number}: unknown faction {faction!r} "
                             "(see data/factions.yaml)")
        contested = str(row.get("contested", "")).strip().lower() in ("1", "true", "yes")
        checked.append((row["source_id"].strip(), date.fromisoformat(day), faction,
                        contested, row.get("note") or ""))
    for values in checked:  # all rows valid first: a bad file changes nothing
        store.set_correction(*values)
    print(f"imported {len(checked)} corrections")
    return 0


def cmd_user_places(args: argparse.Namespace) -> int:
    """Import places users know and the gazetteer lacks, from a CSV (name, lat, lon, ...)."""
    import csv

    from geo.store import Store

    store = Store(args.db)
    with open(args.file, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    added = 0
    for number, row in enumerate(rows, 2):
        try:
            lat, lon = float(row["lat"]), float(row["lon"])
        except (KeyError, TypeError, ValueError):
            raise InputError(f"{args.file}:{number}: needs numeric 'lat' and 'lon'") \
                from None
        if not (-90 <= lat <= 90 and -180 <= lon <= 180) or not row.get("name"):
            raise InputError(f"{args.file}:{number}: needs a 'name' and a lat/lon on Earth")
        gid = row.get("gid") or f"user:{fold(row['name']).replace(' ', '-')}"
        store.put_user_place(gid, row["name"].strip(), lat, lon, row.get("kind") or "village",
                             (row.get("country") or "LY").upper()[:2],
                             [n.strip() for n in (row.get("alternate_names") or "").split("|")
                              if n.strip()], row.get("note") or "")
        added += 1
    print(f"imported {added} user places (they win over the shipped gazetteer)")
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
    add_online(p)
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
    add_online(p)
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
    p = sub.add_parser("geocode-cache", help="export or import the online geocoding cache")
    p.add_argument("action", choices=["export", "import"])
    p.add_argument("file", metavar="FILE.jsonl")
    p.add_argument("--db")
    p.set_defaults(run=cmd_geocode_cache)
    p = sub.add_parser("corrections", help="export or import analysts' corrections (CSV)")
    p.add_argument("action", choices=["export", "import"])
    p.add_argument("file", metavar="FILE.csv",
                   help="columns: source_id, from_date, faction, contested, note")
    p.add_argument("--db")
    p.set_defaults(run=cmd_corrections)
    p = sub.add_parser("user-places", help="import places the gazetteer lacks (CSV)")
    p.add_argument("action", choices=["import"])
    p.add_argument("file", metavar="FILE.csv",
                   help="columns: name, lat, lon, optional alternate_names (|), kind, country, "
                        "note, gid")
    p.add_argument("--db")
    p.set_defaults(run=cmd_user_places)
    return parser


def add_online(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--online", nargs="?", const="nominatim", metavar="SERVICE",
                        help="ask an online geocoder (geopy; default Nominatim) for names the "
                             "gazetteer lacks; also FRONTLINES_ONLINE_GEOCODER")
    if not any(a.dest == "db" for a in parser._actions):
        parser.add_argument("--db", help="database URL (holds the geocoding cache)")


def main(argv: list[str] | None = None) -> int:
    """Run a command; any expected failure (bad input, database, geocoder, file) is one line
    on standard error and exit status 2, never a traceback."""
    import csv

    from geo.geocode import GeocodeFailure
    from geo.store import StoreError

    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except (InputError, StoreError, GeocodeFailure, OSError, csv.Error,
            json.JSONDecodeError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
