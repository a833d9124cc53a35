from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "data" / "corpus"


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS


def postgres_url() -> str | None:
    """CI sets TEST_POSTGRES_URL (a real server started by .ci/run); there it must work."""
    import os

    url = os.environ.get("TEST_POSTGRES_URL")
    if not url and os.environ.get("CI"):
        raise RuntimeError("CI must set TEST_POSTGRES_URL: store tests run on PostgreSQL too")
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    """An empty store on SQLite and on a real PostgreSQL server."""
    from sqlalchemy import text

    from geo.store import Store, metadata

    if request.param == "sqlite":
        yield Store(f"sqlite:///{tmp_path / 'test.sqlite'}")
        return
    url = postgres_url()
    if not url:
        pytest.skip("no PostgreSQL here (set TEST_POSTGRES_URL); CI runs these")
    store = Store(url)
    with store.engine.begin() as connection:
        for table in reversed(metadata.sorted_tables):
            connection.execute(text(f'DELETE FROM "{table.name}"'))
    store.initialise()
    yield store
    store.engine.dispose()
