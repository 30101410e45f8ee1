"""schemathesis generates requests for every operation in the OpenAPI
description and sends them to the app in process, as an analyst's API token:
no input may cause a server error (5xx)."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from saboot import accounts
from saboot.store import open_store
from saboot.web.app import create_app
from tests.conftest import corpus_store

schemathesis = pytest.importorskip("schemathesis", reason="schemathesis is a dev dependency: run `make test`")
DB = Path(tempfile.mkdtemp(prefix="saboot-fuzz-")) / "s.db"  # filled by the fixture below, before any case runs
schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(str(DB)))
TOKEN: dict[str, str] = {}


@pytest.fixture(scope="module", autouse=True)
def store_with_an_analyst() -> Iterator[None]:
    corpus_store(DB.parent)
    store = open_store(str(DB))
    accounts.add_user(store, "fuzz", "analyst", "fuzzing passphrase", "test")
    TOKEN["value"] = accounts.issue_token(store, "fuzz", "schemathesis", "test")[1]
    store.close()
    yield
    shutil.rmtree(DB.parent, ignore_errors=True)


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_input_causes_a_server_error(case: Any) -> None:
    response = case.call(headers={"Authorization": f"Bearer {TOKEN['value']}"})
    assert response.status_code < 500, f"{case.method} {case.formatted_path} -> {response.status_code}: {response.text[:300]}"
