"""The OpenAPI document does not change by accident: it is compared with tests/data/openapi.json.

Paths (in order), operation ids, parameters, schemas, tags, documented errors and the
bearer scheme: any difference fails. A deliberate change to the HTTP API rewrites the
snapshot with ``python -m tests.integration.test_service_openapi`` (review its diff: it is the contract
clients and tests/integration/test_service_contract.py's schemathesis run rely on).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from summarizer.config import ServiceSettings, Settings
from tests.support.paths import DATA

SNAPSHOT = DATA / "openapi.json"


def document(state_dir: Path, *, keys: bool = True) -> dict[str, Any]:
    """The document of an app with the default limits (the description quotes them)."""
    from summarizer.service import create_app

    settings = Settings(backend="compatible", base_url="http://127.0.0.1:9/v1", model="m")
    service = ServiceSettings(state_dir=state_dir, api_keys=("snapshot-key",) if keys else ())
    openapi = create_app(settings, service).openapi()
    openapi["info"].pop("version")  # the installed package's version
    return json.loads(json.dumps(openapi))


def test_the_document_is_the_snapshot(tmp_path: Path) -> None:
    expected = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    actual = document(tmp_path)
    assert list(actual["paths"]) == list(expected["paths"])
    for path, methods in expected["paths"].items():
        for method, operation in methods.items():
            assert actual["paths"][path][method] == operation, f"{method.upper()} {path}"
    assert actual["components"] == expected["components"]
    assert actual == expected


def test_without_api_keys_only_the_security_scheme_goes(tmp_path: Path) -> None:
    with_keys, without = document(tmp_path / "a"), document(tmp_path / "b", keys=False)
    assert "securitySchemes" not in without["components"]
    for path, methods in with_keys["paths"].items():
        for method, operation in methods.items():
            operation.pop("security", None)
            assert without["paths"][path][method] == operation, f"{method.upper()} {path}"
    with_keys["components"].pop("securitySchemes")
    assert without["components"] == with_keys["components"]


if __name__ == "__main__":  # rewrite the snapshot after a deliberate API change
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        SNAPSHOT.write_text(
            json.dumps(document(Path(tmp)), indent=1, ensure_ascii=False) + "\n",
            encoding="utf-8",
        )
    print(f"wrote {SNAPSHOT}")
