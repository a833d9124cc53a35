"""The `python -m geo` contract: JSON Lines out, one clear line per bad input, no traceback."""

import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT

CONTRACT = {"surface", "start", "end", "name", "country", "lat", "lon", "kind", "precision",
            "confidence", "source_id", "alternatives"}


def run(*args, stdin=b""):
    return subprocess.run([sys.executable, "-m", "geo", *args], input=stdin, cwd=ROOT,
                          capture_output=True, timeout=120)


def test_extract_article_json_keeps_id_date_and_offsets(corpus_dir):
    path = corpus_dir / "2016-06-11_voa-libya-pro-government-forces-close-to-taking-sirte.json"
    result = run("extract", str(path))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.decode().splitlines()
    assert len(lines) == 1
    record = json.loads(lines[0])
    assert record["id"] == path.stem and record["published"] == "2016-06-11"
    text = json.loads(path.read_text())["text"]
    assert {e["place"] for e in record["events"]} >= {"Sirte"}
    for event in record["events"]:
        assert text[event["start"]:event["end"]] == event["evidence"]
    assert {p["name"] for p in record["places"]} >= {"Sirte", "Misrata", "Tripoli"}
    for place in record["places"]:
        assert set(place) == CONTRACT
        assert text[place["start"]:place["end"]] == place["surface"]


def test_extract_stdin_text_and_jsonl_ids(tmp_path):
    result = run("extract", "-", "--published", "2019-04-07", stdin=b"Shelling hit Gharyan.")
    record = json.loads(result.stdout)
    assert record["id"] == "stdin" and record["published"] == "2019-04-07"
    assert record["places"][0]["name"] == "Gharyan"
    batch = tmp_path / "batch.jsonl"
    batch.write_text('{"id": "a", "text": "In Derna."}\n\n{"id": "b", "text": "In Sabha."}\n')
    out = [json.loads(line) for line in run("extract", str(batch)).stdout.splitlines()]
    assert [r["id"] for r in out] == ["a", "b"]
    assert [r["places"][0]["name"] for r in out] == ["Derna", "Sabha"]


def test_html_body_text_only(tmp_path):
    page = tmp_path / "page.html"
    page.write_text("<html><head><title>Aleppo</title><script>var x='Cairo';</script></head>"
                    "<body><nav>Home</nav><p>Fighting in <b>Sirte</b> continued.<p>Unclosed "
                    "<div>tags in Misrata")
    record = json.loads(run("extract", str(page)).stdout)
    assert [p["name"] for p in record["places"]] == ["Sirte", "Misrata"]


@pytest.mark.parametrize("content,message", [
    (b"\x00\x01\x02binary", b"binary data"),
    (b"caf\xe9 in Tripoli", b"not valid UTF-8"),
    (b'{"text": "unterminated', b"malformed JSON"),
    (b'{"title": "no text"}', b"no 'text' string"),
    (b'{"text": "In Sirte.", "published": "yesterday-ish"}', b"is not a date"),
])
def test_bad_input_gets_one_clear_line_and_the_rest_still_runs(tmp_path, content, message):
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text("Fighting near Brega.")
    result = run("extract", str(bad), str(good))
    assert result.returncode == 1
    err = result.stderr.strip().splitlines()
    assert len(err) == 1 and message in err[0] and b"Traceback" not in result.stderr
    assert json.loads(result.stdout)["places"][0]["name"] == "Brega"


def test_huge_file_is_refused_clearly(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"Tripoli and Sirte. " * (20 * 1024 * 1024 // 19))
    result = run("extract", str(big))
    assert result.returncode == 1
    assert b"over the" in result.stderr and b"Traceback" not in result.stderr


def test_empty_file_gives_an_empty_result(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    record = json.loads(run("extract", str(empty)).stdout)
    assert record["places"] == []


def test_missing_file_and_bad_date_flag():
    result = run("extract", "no/such/file.txt")
    assert result.returncode == 1 and b"cannot read" in result.stderr
    result = run("extract", "-", "--published", "2020-13-01", stdin=b"x")
    assert result.returncode == 2 and b"not a date" in result.stderr
