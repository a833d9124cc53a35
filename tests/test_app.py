"""Page logic through Streamlit's AppTest (no browser)."""

from streamlit.testing.v1 import AppTest

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
