"""Scores on the shipped Libya gold (the sample corpus, hand-annotated)."""

import subprocess
import sys

from geo.evaluate import evaluate_places
from tests.conftest import ROOT


def test_libya_gold_meets_the_targets(corpus_dir):
    report = evaluate_places(corpus_dir / "gold.jsonl").report()
    assert report["precision"] >= 0.95
    assert report["recall"] >= 0.95
    assert report["end_to_end@25km"] >= 0.95
    assert report["focus_places_resolved_abroad"] == 0


def test_evaluate_command_prints_the_metrics(corpus_dir):
    result = subprocess.run([sys.executable, "-m", "geo", "evaluate",
                             str(corpus_dir / "gold.jsonl")], cwd=ROOT, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    for metric in ("precision=", "recall=", "f1=", "acc@25km=", "acc@161km=",
                   "end_to_end@161km=", "events ", "dates_right="):
        assert metric in result.stdout
