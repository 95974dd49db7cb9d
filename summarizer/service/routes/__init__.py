"""The HTTP routes, one module per area; ``create_app`` includes their routers.

contract.py   error responses every route documents, the bearer scheme, the OpenAPI document
probes.py     GET /, /healthz, /readyz, /metrics
summaries.py  POST /v1/summaries, GET /v1/summaries/{id} and .html
checks.py     POST /v1/verify, /v1/numbers, /v1/incidents
stream.py     POST /v1/summaries:stream
batches.py    /v1/batches: create, status, cancel, results, errors

A module's ``body_router`` holds its routes that read a request body, included with the
configured body limit; its ``router`` those that read none.
"""

from __future__ import annotations

__all__: list[str] = []
