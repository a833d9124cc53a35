"""Read articles from files and bytes: plain text, HTML, an article JSON object, JSON Lines.

Every reader returns Documents or raises InputError with one line that says what is wrong
with which input; nothing here prints or exits.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path

from geo.extract import MAX_TEXT_CHARS, InputError, check_published

MAX_FILE_BYTES = 50 * 1024 * 1024
BLOCK_TAGS = frozenset("p div h1 h2 h3 h4 h5 h6 li ul ol br tr td th blockquote pre section "
                       "article aside figure figcaption table dl dt dd".split())


@dataclass
class Document:
    id: str
    text: str
    published: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None


def decode(data: bytes, name: str) -> str:
    if b"\x00" in data[:8192]:
        raise InputError(f"{name}: binary data (NUL bytes), not a text article")
    for encoding in ("utf-8-sig",):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as error:
            raise InputError(f"{name}: not valid UTF-8 (byte {error.start}); "
                             "save the file as UTF-8") from None
    raise AssertionError("unreachable")


def html_to_text(html: str, name: str) -> tuple[str, str | None, str | None]:
    """Body text of an HTML page (scripts, styles and navigation dropped), its title and
    its publication date."""
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError) as error:
        raise InputError(f"{name}: HTML could not be parsed ({error})") from None
    for bad in root.xpath("//script|//style|//noscript|//nav|//header|//footer|//form"):
        bad.drop_tree()
    title = root.findtext(".//title")
    published = html_published(root)
    body = root.find("body")
    body = body if body is not None else root
    for element in body.iter():
        if isinstance(element.tag, str) and element.tag in BLOCK_TAGS:
            element.text = "\n\n" + (element.text or "")
            element.tail = "\n\n" + (element.tail or "")
    paragraphs = (" ".join(block.split()) for block in body.text_content().split("\n\n"))
    text = "\n\n".join(p for p in paragraphs if p)
    return text, (title.strip() if title else None), published


# Where pages state their publication date, most specific first.
DATE_META = ("article:published_time", "og:published_time", "datePublished", "pubdate",
             "publishdate", "date", "dc.date", "dc.date.issued", "sailthru.date")


def html_published(root) -> str | None:
    """The page's publication date (YYYY-MM-DD) from meta tags or <time>, if stated."""
    metas = {}
    for meta in root.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if key and meta.get("content"):
            metas.setdefault(key, meta.get("content"))
    candidates = [metas.get(k.lower()) for k in DATE_META]
    candidates += [t.get("datetime") for t in root.iter("time")]
    for value in candidates:
        if value:
            try:
                return check_published(value)
            except InputError:
                continue
    return None


def from_record(record: object, default_id: str, name: str) -> Document:
    if not isinstance(record, dict):
        raise InputError(f"{name}: expected a JSON object with a 'text' field, "
                         f"got {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str):
        raise InputError(f"{name}: the JSON object has no 'text' string")
    published = check_published(record.get("published")) if record.get("published") else None
    return Document(str(record.get("id") or default_id), text, published,
                    record.get("title"), record.get("url"), record.get("source"))


def read_bytes(data: bytes, name: str, doc_id: str | None = None) -> list[Document]:
    """Documents in one input; the format is told by the name's ending or the content."""
    if len(data) > MAX_FILE_BYTES:
        raise InputError(f"{name}: {len(data) / 2**20:.0f} MB is over the "
                         f"{MAX_FILE_BYTES // 2**20} MB limit for one file")
    text = decode(data, name)
    doc_id = doc_id or Path(name).stem or "stdin"
    suffix = Path(name).suffix.lower()
    stripped = text.lstrip()
    if suffix == ".jsonl" or (suffix not in (".json", ".txt", ".html", ".htm", ".md")
                              and stripped.startswith("{") and "\n{" in stripped):
        return read_json_lines(text, name, doc_id)
    if suffix == ".json" or (suffix not in (".txt", ".md") and stripped.startswith("{")):
        try:
            record = json.loads(text)
        except json.JSONDecodeError as error:
            raise InputError(f"{name}: malformed JSON at line {error.lineno} column "
                             f"{error.colno} ({error.msg})") from None
        return [from_record(record, doc_id, name)]
    if suffix in (".html", ".htm") or stripped[:200].lower().startswith(("<!doctype html",
                                                                          "<html")):
        body, title, published = html_to_text(text, name)
        return [Document(doc_id, body, published, title)]
    if suffix == ".csv":
        return read_csv(text, name, doc_id)
    if len(text) > MAX_TEXT_CHARS:
        raise InputError(f"{name}: {len(text):,} characters is over the {MAX_TEXT_CHARS:,} "
                         "limit for one article")
    return [Document(doc_id, text)]


def read_csv(text: str, name: str, doc_id: str) -> list[Document]:
    """A CSV with a `text` column and optional title, published, url, source, id."""
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or "text" not in [f.strip().lower() for f in reader.fieldnames]:
        raise InputError(f"{name}: a CSV needs a 'text' column (found: "
                         f"{', '.join(reader.fieldnames or []) or 'no header'})")
    documents = []
    try:
        for number, row in enumerate(reader, 2):
            record = {(k or "").strip().lower(): v for k, v in row.items()}
            if not (record.get("text") or "").strip():
                continue
            documents.append(from_record(record, f"{doc_id}-{number - 1}", f"{name}:{number}"))
    except csv.Error as error:
        raise InputError(f"{name}: malformed CSV ({error})") from None
    return documents


def read_json_lines(text: str, name: str, doc_id: str) -> list[Document]:
    documents = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise InputError(f"{name}:{number}: malformed JSON ({error.msg})") from None
        documents.append(from_record(record, f"{doc_id}-{number}", f"{name}:{number}"))
    return documents


def read_path(path: Path) -> list[Document]:
    try:
        size = path.stat().st_size
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror})") from None
    if size > MAX_FILE_BYTES:
        raise InputError(f"{path}: {size / 2**20:.0f} MB is over the "
                         f"{MAX_FILE_BYTES // 2**20} MB limit for one file")
    if path.is_dir():
        raise InputError(f"{path}: is a folder; give the files in it")
    return read_bytes(path.read_bytes(), str(path))
