"""The OpenAPI document is the contract: schemathesis (>= 4.32) against a live uvicorn process.

Every check runs except ``positive_data_acceptance``: some schema-valid bodies are refused
on purpose by rules a JSON schema cannot state (a prompt id that does not exist -> 400,
a custom_id given twice -> 422, an article the library refuses, e.g. longer than
max_article_chars x max_chunks -> 422). Every such status is documented, so
status_code_conformance and the other checks still hold them to the document.
JSONL lines are not checked by schemathesis; tests/integration/test_service_api.py validates each line.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx2 as httpx
import pytest
from hypothesis import settings

from tests.support.service_fixtures import LiveService

pytestmark = [pytest.mark.service, pytest.mark.slow]

SCHEMATHESIS = Path(sys.executable).parent / "schemathesis"
# By Hypothesis profile (tests/conftest.py): a quick pass while developing (a few examples
# per operation, no coverage phase: its boundary cases cost schemathesis ~9 s of CPU), the
# thorough one in CI (every phase, 40 examples). Seeded either way, so a failure replays.
THOROUGH = settings.get_current_profile_name() == "ci"
MAX_EXAMPLES = 40 if THOROUGH else 6
PHASES = "examples,coverage,fuzzing,stateful" if THOROUGH else "examples,fuzzing,stateful"


@pytest.fixture(scope="module")
def contract_service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveService]:
    from tests.fakes.fake_batch_server import FakeBatchServer

    # Bodies at the schema's own bounds (200,000-character articles) must reach validation.
    config: dict[str, Any] = {"max_body_bytes": 16_000_000, "max_batch_body_bytes": 64_000_000}
    with (
        FakeBatchServer() as fake,
        LiveService(fake.base_url, tmp_path_factory.mktemp("contract"), config=config) as live,
    ):
        yield live


@pytest.mark.slow(seconds=12)  # what tests/support/schedule.py deals by
def test_schemathesis_finds_no_failure(contract_service: LiveService, tmp_path: Path) -> None:
    result = subprocess.run(
        [
            str(SCHEMATHESIS),
            "run",
            f"{contract_service.url}/openapi.json",
            "--header",
            f"Authorization: Bearer {contract_service.keys[0]}",
            "--checks",
            "all",
            "--exclude-checks",
            "positive_data_acceptance",
            "--max-examples",
            str(MAX_EXAMPLES),
            "--phases",
            PHASES,
            "--workers",
            "1",  # hypothesis' AST cache is not thread-safe (a runtime error with 2)
            "--seed",
            "20261129",
            "--generation-database",
            ":memory:",
            "--request-timeout",
            "60",
            "--no-color",
        ],
        capture_output=True,
        text=True,
        timeout=900,
        cwd=tmp_path,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-20_000:]
    document = httpx.get(f"{contract_service.url}/openapi.json").json()
    operations = sum(len(methods) for methods in document["paths"].values())
    assert f"Tested: {operations}" in output  # every operation of the document was run
