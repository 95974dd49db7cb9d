"""A fake stand-in for `python -m llama_cpp.server`, for process-lifecycle tests only.

Takes the same flags we pass, answers GET /v1/models. FAKE_LLAMA_MODE picks a failure:
``crash`` exits at once with a message, ``hang`` never opens the port, ``slow`` opens it
after FAKE_LLAMA_DELAY seconds (a model that takes a while to load).
"""

from __future__ import annotations

import argparse
import json
import os
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

    def log_message(self, *args: object) -> None:
        pass


def main() -> None:
    parser = argparse.ArgumentParser()
    for flag in ("--model", "--model_alias", "--host", "--port", "--n_ctx", "--n_threads"):
        parser.add_argument(flag)
    args = parser.parse_args()
    mode = os.environ.get("FAKE_LLAMA_MODE", "ok")
    if mode == "crash":
        print("error: failed to load model (fake crash)", flush=True)
        sys.exit(3)
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
