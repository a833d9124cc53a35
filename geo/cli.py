"""Command line: `python -m geo extract FILE...` and `python -m geo evaluate GOLD.jsonl...`."""

from __future__ import annotations

import argparse
import json
import sys
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
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
