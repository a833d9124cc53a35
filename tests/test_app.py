"""Page logic through Streamlit's AppTest (no browser)."""

from streamlit.testing.v1 import AppTest

from geo.mapview import evidence_html
from tests.conftest import ROOT


def run_app(**params):
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    for key, value in params.items():
        app.query_params[key] = value
    return app.run()


def test_first_run_shows_the_sample_corpus():
    app = run_app()
    assert not app.exception
    caption = app.caption[0].value
    assert "articles" in caption and int(caption.split(" places")[0]) >= 15


def test_dates_in_the_link_narrow_the_view_and_a_place_shows_its_evidence():
    app = run_app(**{"from": "2016-06-01", "to": "2016-06-30", "place": "gn:2210554"})
    assert not app.exception
    assert "1 articles" in app.caption[0].value
    assert app.subheader[0].value == "Sirte"
    evidence = [m.value for m in app.markdown if "<mark>" in m.value]
    assert evidence and all("<mark>Sirte</mark>" in e for e in evidence)


def test_malformed_or_out_of_range_link_dates_fall_back_instead_of_failing():
    app = run_app(**{"from": "not-a-date", "to": "2099-01-01"})
    assert not app.exception
    assert "2011-03-13 to 2020-05-19" in app.caption[0].value


def test_evidence_marks_the_mention_itself_and_escapes_the_rest():
    app = run_app(**{"place": "gn:2210554", "from": "2016-06-11", "to": "2016-06-11"})
    evidence = [m.value for m in app.markdown if "<mark>" in m.value]
    assert evidence and all(e.count("<mark>") == 1 for e in evidence)


def test_evidence_html_escapes_hostile_text_and_marks_the_right_twin():
    sentence = 'Sirte <script>alert(1)</script> and <img src=x onerror="x()"> Sirte again'
    begin = sentence.rindex("Sirte")
    out = evidence_html(sentence, begin, len("Sirte"))
    assert "<script>" not in out and "<img" not in out
    assert out.endswith("<mark>Sirte</mark> again") and out.startswith("Sirte &lt;script&gt;")
