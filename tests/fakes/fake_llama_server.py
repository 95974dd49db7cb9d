"""A fake stand-in for `python -m llama_cpp.server`, for process-lifecycle tests only.

Takes the same flags we pass, answers GET /v1/models. FAKE_LLAMA_MODE picks a failure:
``crash`` exits at once with a message, ``badmodel`` exits as llama-cpp-python does on a
model it cannot load, ``hang`` never opens the port, ``slow`` opens it after
FAKE_LLAMA_DELAY seconds (a model that takes a while to load), ``sigill`` answers
/v1/models and then dies of SIGILL inside the first chat request, as a wheel built for
another CPU does. With FAKE_LLAMA_LOG set, each start and each request appends a line
(``start``, ``request``) to that file, so tests count what reached the server.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = json.dumps({"object": "list", "data": [{"id": self.server.alias}]}).encode()  # type: ignore[attr-defined]
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self) -> None:
        note("request")
        if os.environ.get("FAKE_LLAMA_MODE") == "sigill":
            self.rfile.read(int(self.headers.get("content-length", "0")))
            print("ggml_compute_forward: about to run an AVX-512 kernel", flush=True)
            os.kill(os.getpid(), signal.SIGILL)
            time.sleep(60)  # the signal ends the whole process; this thread never answers
        self.send_error(501, "Unsupported method ('POST')")  # what it answered before

    def log_message(self, *args: object) -> None:
        pass


def note(line: str) -> None:
    path = os.environ.get("FAKE_LLAMA_LOG")
    if path:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(line + "\n")


def write_header_only_gguf(path: str | os.PathLike[str]) -> None:
    """A file with a valid GGUF header (version 3, no tensors): passes the header check."""
    with open(path, "wb") as handle:
        handle.write(b"GGUF" + (3).to_bytes(4, "little") + bytes(16))


def main() -> None:
    parser = argparse.ArgumentParser()
    for flag in ("--model", "--model_alias", "--host", "--port", "--n_ctx", "--n_threads"):
        parser.add_argument(flag)
    args = parser.parse_args()
    mode = os.environ.get("FAKE_LLAMA_MODE", "ok")
    note("start")
    if mode == "crash":
        print("error: fake crash at start", flush=True)
        sys.exit(3)
    if mode == "badmodel":
        print(
            "llama_model_load: error loading model: tensor data is not within the file bounds, model is corrupted or incomplete",
            flush=True,
        )
        print(f"ValueError: Failed to load model from file: {args.model}", flush=True)
        sys.exit(1)
    if mode == "hang":
        time.sleep(3600)
    if mode == "slow":
        time.sleep(float(os.environ.get("FAKE_LLAMA_DELAY", "2")))
    server = ThreadingHTTPServer((args.host, int(args.port)), Handler)
    server.alias = args.model_alias  # type: ignore[attr-defined]
    print(f"fake llama server on {args.host}:{args.port}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
