"""An explicitly FAKE OpenAI Batch API, for tests and ``bench.batch_api``.

A real HTTP server (standard library ``ThreadingHTTPServer`` on 127.0.0.1) implementing what
``summarizer batch --via batch-api`` uses through the ``openai`` SDK:

* ``POST /v1/files`` (multipart upload), ``GET /v1/files/{id}``, ``GET /v1/files/{id}/content``
* ``POST /v1/batches``, ``GET /v1/batches``, ``GET /v1/batches/{id}``,
  ``POST /v1/batches/{id}/cancel``
* ``POST /v1/chat/completions``: the live endpoint, answering from the same recordings, so
  the live batch and the Batch API can be compared on the same answers.

Its worker answers each request line from RECORDED responses: the bodies of the project's
cassettes (real recordings of the embedded model), looked up by the request body exactly as
vcrpy matches them. A request with no recording gets HTTP 400. Files live on disk and are
streamed both ways, so a 20,000-line job costs this process little memory.

Scripted states (attributes; each job keeps the script it was created under):

* ``polls_in_progress``: retrievals that show ``in_progress`` (counts rising) before the job
  finishes;
* ``fail_every``: every n-th line is answered with HTTP 500 in the error file;
  ``fail_articles``: so is every line whose custom_id starts with one of these (all rounds);
* ``outcome``: ``"completed"`` | ``"expired"`` (half the lines answered, the rest
  ``batch_expired``) | ``"failed"`` (input rejected, nothing answered);
* ``forbid_first_download``: the first download of an output file returns 403;
* cancel: ``POST .../cancel`` -> ``cancelling``, then ``cancelled`` with the lines answered
  so far (``answered_before_cancel``).

Counters: ``batches_created``, ``files_uploaded``, ``chat_requests``, ``retrievals``,
``downloads``, ``cancels``.

Run standalone (for the benchmark), from the project root::

    python -m tests.fakes.fake_batch_api [--polls N] [--corpus]    # prints READY <base_url>

``--corpus`` also answers from the corpus recordings (``cassettes/corpus/``).
"""

from __future__ import annotations

import argparse
import itertools
import json
import mmap
import re
import shutil
import signal
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any, Self

from summarizer.evaluation import cassettes
from tests.fakes.fake_http import FakeHandler, serve_in_thread

ROOT = Path(__file__).resolve().parents[2]
CASSETTES = ROOT / "cassettes"
_ids = itertools.count(1)


def canonical(body: Any) -> str:
    return json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def load_recordings(root: Path = CASSETTES, *, corpus: bool = False) -> dict[str, bytes]:
    """Every recorded request body (canonical JSON) -> the recorded response body; with
    ``corpus``, the corpus articles' recordings too (``corpus/<prompt>/<id>.yaml``)."""
    recordings: dict[str, bytes] = {}
    paths = sorted(root.glob("*/*.yaml"))
    if corpus:
        paths += sorted(root.glob("corpus/*/*.yaml"))
    for path in paths:
        data = cassettes.load_yaml(path)
        for interaction in data.get("interactions") or []:
            request, response = interaction["request"], interaction["response"]
            if response["status"]["code"] != 200:
                continue
            body = response["body"]["string"]
            recordings[canonical(json.loads(request["body"]))] = (
                body.encode("utf-8") if isinstance(body, str) else body
            )
    return recordings


@dataclass
class Script:
    polls_in_progress: int = 1
    fail_every: int = 0
    fail_articles: frozenset[str] = frozenset()
    outcome: str = "completed"
    forbid_first_download: bool = False
    answered_before_cancel: int = 0


@dataclass
class FakeBatch:
    id: str
    input_file_id: str
    endpoint: str
    completion_window: str
    metadata: dict[str, Any] | None
    script: Script
    total: int
    created_at: int = field(default_factory=lambda: int(time.time()))
    status: str = "validating"
    polls: int = 0
    output_file_id: str | None = None
    error_file_id: str | None = None
    completed: int = 0
    failed: int = 0
    errors: dict[str, Any] | None = None

    def as_json(self) -> dict[str, Any]:
        shown = self.completed
        if self.status == "in_progress":  # counts rise while "running"
            shown = min(self.total, self.total * self.polls // (self.script.polls_in_progress + 1))
        return {
            "id": self.id,
            "object": "batch",
            "endpoint": self.endpoint,
            "errors": self.errors,
            "input_file_id": self.input_file_id,
            "completion_window": self.completion_window,
            "status": self.status,
            "output_file_id": self.output_file_id,
            "error_file_id": self.error_file_id,
            "created_at": self.created_at,
            "in_progress_at": self.created_at,
            "expires_at": self.created_at + 86400,
            "request_counts": {"total": self.total, "completed": shown, "failed": self.failed},
            "metadata": self.metadata,
        }


class FakeBatchApi:
    """``with FakeBatchApi() as api: client = OpenAI(base_url=api.base_url, ...)``."""

    def __init__(self, recordings: dict[str, bytes] | None = None) -> None:
        self.recordings = recordings if recordings is not None else load_recordings()
        self.script = Script()
        self.dir = Path(tempfile.mkdtemp(prefix="fake-batch-api-"))
        self.files: dict[str, dict[str, Any]] = {}
        self.batches: dict[str, FakeBatch] = {}
        self.forbidden_once: set[str] = set()
        self.lock = threading.Lock()
        self.batches_created = self.files_uploaded = self.chat_requests = 0
        self.retrievals = self.downloads = self.cancels = 0
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle ------------------------------------------------------------------------

    def __enter__(self) -> Self:
        handler = type("Handler", (_Handler,), {"api": self})
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._server.daemon_threads = True
        self._thread = serve_in_thread(self._server)
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        shutil.rmtree(self.dir, ignore_errors=True)

    @property
    def base_url(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    # -- the worker -----------------------------------------------------------------------

    def answer(self, body: Any) -> tuple[int, bytes]:
        recorded = self.recordings.get(canonical(body))
        if recorded is None:
            return 400, json.dumps(
                {"error": {"message": "no recorded answer for this request"}}
            ).encode()
        return 200, recorded

    def new_file(self, filename: str, purpose: str, path: Path) -> dict[str, Any]:
        file_id = f"file-{next(_ids)}"
        info = {
            "id": file_id,
            "object": "file",
            "bytes": path.stat().st_size,
            "created_at": int(time.time()),
            "filename": filename,
            "purpose": purpose,
            "status": "processed",
            "path": str(path),
        }
        self.files[file_id] = info
        return info

    def run_job(self, batch: FakeBatch, upto: int | None = None) -> None:
        """Answer the job's lines (the first ``upto`` only, if given), writing output files."""
        source = Path(self.files[batch.input_file_id]["path"])
        out_path = self.dir / f"{batch.id}-output.jsonl"
        err_path = self.dir / f"{batch.id}-errors.jsonl"
        completed = failed = 0
        with source.open("rb") as lines, out_path.open("wb") as out, err_path.open("wb") as err:
            for number, raw in enumerate(lines, start=1):
                if not raw.strip():
                    continue
                line = json.loads(raw)
                record: dict[str, Any] = {
                    "id": f"batch_req_{next(_ids)}",
                    "custom_id": line["custom_id"],
                    "response": None,
                    "error": None,
                }
                if upto is not None and number > upto:
                    if batch.script.outcome != "expired":
                        break
                    record["error"] = {
                        "code": "batch_expired",
                        "message": "This request could not be executed before the completion window expired.",
                    }
                    err.write((json.dumps(record) + "\n").encode())
                    failed += 1
                    continue
                article = str(line["custom_id"]).split(".")[0]
                if (batch.script.fail_every and number % batch.script.fail_every == 0) or (
                    article in batch.script.fail_articles
                ):
                    status, body = (
                        500,
                        json.dumps(
                            {
                                "error": {
                                    "message": "The server had an error processing your request."
                                }
                            }
                        ).encode(),
                    )
                else:
                    status, body = self.answer(line["body"])
                record["response"] = {
                    "status_code": status,
                    "request_id": f"req_{next(_ids)}",
                    "body": json.loads(body),
                }
                target = out if status == 200 else err
                target.write((json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8"))
                if status == 200:
                    completed += 1
                else:
                    failed += 1
        batch.completed, batch.failed = completed, failed
        if out_path.stat().st_size:
            batch.output_file_id = self.new_file(out_path.name, "batch_output", out_path)["id"]
            if batch.script.forbid_first_download:
                self.forbidden_once.add(batch.output_file_id)
        if err_path.stat().st_size:
            batch.error_file_id = self.new_file(err_path.name, "batch_output", err_path)["id"]

    def advance(self, batch: FakeBatch) -> None:
        """One retrieval's worth of progress through the scripted states."""
        batch.polls += 1
        if batch.status == "validating":
            if batch.script.outcome == "failed":
                batch.status = "failed"
                batch.errors = {
                    "object": "list",
                    "data": [
                        {
                            "code": "invalid_request",
                            "message": "Scripted failure: input rejected.",
                            "line": 1,
                            "param": None,
                        }
                    ],
                }
                return
            batch.status = "in_progress"
            batch.polls = 0
            return
        if batch.status == "cancelling":
            self.run_job(batch, upto=batch.script.answered_before_cancel)
            batch.status = "cancelled"
            return
        if batch.status == "in_progress" and batch.polls >= batch.script.polls_in_progress:
            if batch.script.outcome == "expired":
                self.run_job(batch, upto=(batch.total + 1) // 2)
                batch.status = "expired"
            else:
                self.run_job(batch)
                batch.status = "completed"


class _Handler(FakeHandler):
    api: FakeBatchApi

    def _send(self, status: int, payload: Any) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _body(self) -> bytes:
        return self.rfile.read(int(self.headers.get("content-length") or 0))

    def do_GET(self) -> None:
        api = self.api
        path = self.path.split("?")[0]
        if match := re.fullmatch(r"/v1/files/([^/]+)/content", path):
            info = api.files.get(match[1])
            if info is None:
                return self._send(404, {"error": {"message": "no such file"}})
            with api.lock:
                api.downloads += 1
                if match[1] in api.forbidden_once:
                    api.forbidden_once.discard(match[1])
                    return self._send(403, {"error": {"message": "Scripted: file not ready yet."}})
            size = Path(info["path"]).stat().st_size
            self.send_response(200)
            self.send_header("content-type", "application/octet-stream")
            self.send_header("content-length", str(size))
            self.end_headers()
            with open(info["path"], "rb") as handle:
                shutil.copyfileobj(handle, self.wfile, 1 << 16)
            return None
        if match := re.fullmatch(r"/v1/files/([^/]+)", path):
            info = api.files.get(match[1])
            if info is None:
                return self._send(404, {"error": {"message": "no such file"}})
            return self._send(200, {k: v for k, v in info.items() if k != "path"})
        if path == "/v1/batches":
            with api.lock:
                data = [b.as_json() for b in reversed(list(api.batches.values()))]
            return self._send(
                200,
                {
                    "object": "list",
                    "data": data,
                    "has_more": False,
                    "first_id": None,
                    "last_id": None,
                },
            )
        if match := re.fullmatch(r"/v1/batches/([^/]+)", path):
            with api.lock:
                batch = api.batches.get(match[1])
                if batch is None:
                    return self._send(404, {"error": {"message": "no such batch"}})
                api.retrievals += 1
                api.advance(batch)
                return self._send(200, batch.as_json())
        return self._send(404, {"error": {"message": f"no route {path}"}})

    def do_POST(self) -> None:
        api = self.api
        path = self.path.split("?")[0]
        if path == "/v1/files":
            return self._upload()
        if path == "/v1/batches":
            request = json.loads(self._body())
            info = api.files.get(request.get("input_file_id", ""))
            if info is None:
                return self._send(400, {"error": {"message": "input_file_id not found"}})
            with open(info["path"], "rb") as handle:
                total = sum(1 for line in handle if line.strip())
            with api.lock:
                api.batches_created += 1
                batch = FakeBatch(
                    id=f"batch_{next(_ids)}",
                    input_file_id=info["id"],
                    endpoint=request["endpoint"],
                    completion_window=request["completion_window"],
                    metadata=request.get("metadata"),
                    script=Script(**vars(api.script)),
                    total=total,
                )
                api.batches[batch.id] = batch
            return self._send(200, batch.as_json())
        if match := re.fullmatch(r"/v1/batches/([^/]+)/cancel", path):
            self._body()
            with api.lock:
                batch = api.batches.get(match[1])
                if batch is None:
                    return self._send(404, {"error": {"message": "no such batch"}})
                api.cancels += 1
                if batch.status in ("validating", "in_progress"):
                    batch.status = "cancelling"
                return self._send(200, batch.as_json())
        if path == "/v1/chat/completions":
            body = json.loads(self._body())
            with api.lock:
                api.chat_requests += 1
            status, answer = api.answer(body)
            self.send_response(status)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)
            return None
        return self._send(404, {"error": {"message": f"no route {path}"}})

    def _upload(self) -> None:
        """Multipart upload, spooled to disk and cut out with mmap (never all in memory)."""
        api = self.api
        boundary = re.search(r'boundary="?([^";]+)"?', self.headers.get("content-type", ""))
        if boundary is None:
            return self._send(400, {"error": {"message": "expected multipart/form-data"}})
        left = int(self.headers.get("content-length") or 0)
        raw_path = api.dir / f"upload-{next(_ids)}.raw"
        with raw_path.open("wb") as raw:
            while left:
                chunk = self.rfile.read(min(left, 1 << 16))
                if not chunk:
                    break
                raw.write(chunk)
                left -= len(chunk)
        marker = b"--" + boundary[1].encode()
        fields: dict[str, str] = {}
        file_path = api.dir / f"input-{next(_ids)}.jsonl"
        filename = "upload.jsonl"
        with (
            raw_path.open("rb") as raw,
            mmap.mmap(raw.fileno(), 0, access=mmap.ACCESS_READ) as data,
        ):
            start = data.find(marker)
            while start >= 0:
                head_end = data.find(b"\r\n\r\n", start)
                end = data.find(b"\r\n" + marker, head_end)
                if head_end < 0 or end < 0:
                    break
                head = data[start:head_end].decode("utf-8", "replace")
                name = re.search(r'name="([^"]*)"', head)
                file_name = re.search(r'filename="([^"]*)"', head)
                if file_name:
                    filename = file_name[1]
                    with file_path.open("wb") as out:
                        for at in range(head_end + 4, end, 1 << 20):
                            out.write(data[at : min(end, at + (1 << 20))])
                elif name:
                    fields[name[1]] = data[head_end + 4 : end].decode()
                start = data.find(marker, end + 2)
        raw_path.unlink()
        with api.lock:
            api.files_uploaded += 1
            info = api.new_file(filename, fields.get("purpose", "batch"), file_path)
        return self._send(200, {k: v for k, v in info.items() if k != "path"})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--polls", type=int, default=1, help="retrievals shown in_progress")
    parser.add_argument("--corpus", action="store_true", help="answer corpus articles too")
    args = parser.parse_args()
    with FakeBatchApi(load_recordings(corpus=args.corpus)) as api:
        api.script.polls_in_progress = args.polls
        print(f"READY {api.base_url}", flush=True)
        stop = threading.Event()
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: stop.set())
        stop.wait()
    sys.exit(0)


if __name__ == "__main__":
    main()
