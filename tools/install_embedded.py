#!/usr/bin/env python3
"""Install llama-cpp-python, compiled for a portable CPU baseline, into this Python.

Why not plain ``pip install``: llama-cpp-python ships only a source distribution, and
its build compiles ggml for every instruction the building CPU *reports*
(GGML_NATIVE). A virtual machine may report instructions it does not execute
(AVX-512, AMX), and a wheel built on one machine and copied to another may meet a CPU
without them: the server then dies of SIGILL at its first request. And pip's wheel
cache keys a built wheel by the source alone, so a natively built wheel already in
the cache is reused whatever flags are set now.

So this script:

1. takes the version and the sdist's sha256 from ``uv.lock`` (the lock decides the
   version; the download is checked against its hash);
2. builds the wheel with ``CMAKE_ARGS`` (default ``-DGGML_NATIVE=OFF``: ggml's
   portable x86-64 baseline, AVX2/FMA/F16C, no AVX-512) with pip's cache off;
3. keeps the wheel in a cache of its own, keyed by version, source hash, flags,
   machine and compiler, so a later install with the same flags reuses it and one
   with other flags never does;
4. installs that wheel (``--force-reinstall --no-deps``), replacing any other build.

Environment: ``SUMMARIZER_LLAMA_CMAKE_ARGS`` overrides the flags (e.g.
``-DGGML_NATIVE=ON`` for this machine only); ``SUMMARIZER_WHEEL_CACHE`` moves the cache
(default ``$XDG_CACHE_HOME/summarizer/wheels``). Standard library only.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "llama-cpp-python"
PORTABLE_CMAKE_ARGS = "-DGGML_NATIVE=OFF"


def locked_sdist(lock: Path) -> tuple[str, str, str]:
    """(version, sdist URL, sha256) of llama-cpp-python as uv.lock pins it."""
    data = tomllib.loads(lock.read_text(encoding="utf-8"))
    for package in data.get("package", []):
        if package.get("name") == PACKAGE:
            sdist = package.get("sdist") or {}
            digest = str(sdist.get("hash", "")).removeprefix("sha256:")
            if not digest:
                sys.exit(f"{lock}: {PACKAGE} has no sdist hash; run `make lock`")
            return str(package["version"]), str(sdist.get("url", "")), digest
    sys.exit(f"{lock}: {PACKAGE} is not locked; run `make lock`")


def compiler() -> str:
    for cc in (os.environ.get("CC"), "cc", "gcc", "clang"):
        if cc and shutil.which(cc):
            out = subprocess.run([cc, "--version"], capture_output=True, text=True, check=False)
            return (out.stdout.splitlines() or [cc])[0].strip()
    return "no C compiler found"


def build_key(version: str, digest: str, cmake_args: str) -> dict[str, str]:
    return {
        "package": PACKAGE,
        "version": version,
        "sdist_sha256": digest,
        "cmake_args": cmake_args,
        "machine": platform.machine(),
        "system": platform.system(),
        "compiler": compiler(),
    }


def cache_root() -> Path:
    if explicit := os.environ.get("SUMMARIZER_WHEEL_CACHE"):
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "summarizer" / "wheels"


def wheel_folder(key: dict[str, str]) -> Path:
    """Where the wheel built for ``key`` (:func:`build_key`) is kept: one folder per key."""
    tag = hashlib.sha256(json.dumps(key, sort_keys=True).encode()).hexdigest()[:16]
    return cache_root() / f"{PACKAGE}-{key['version']}-{tag}"


def cached_wheel(folder: Path) -> Path | None:
    wheels = sorted(folder.glob("*.whl"))
    return wheels[0] if wheels and (folder / "build.json").is_file() else None


def build(python: str, version: str, digest: str, cmake_args: str, folder: Path) -> Path:
    """Download the locked sdist (hash-checked), compile it, keep the wheel in ``folder``."""
    with tempfile.TemporaryDirectory(prefix="summarizer-llama-") as tmp:
        requirements = Path(tmp) / "requirements.txt"
        requirements.write_text(f"{PACKAGE}=={version} --hash=sha256:{digest}\n")
        pip = [python, "-m", "pip", "--disable-pip-version-check", "-q"]
        subprocess.run(
            [
                *pip,
                "download",
                "--no-deps",
                "--no-binary",
                ":all:",
                "--require-hashes",
                "-r",
                str(requirements),
                "-d",
                f"{tmp}/src",
            ],
            check=True,
        )
        (sdist,) = Path(tmp, "src").iterdir()
        env = {
            **os.environ,
            "CMAKE_ARGS": cmake_args,
            "CMAKE_BUILD_PARALLEL_LEVEL": str(os.cpu_count() or 1),
        }
        subprocess.run(
            [*pip, "wheel", "--no-deps", "--no-cache-dir", "-w", f"{tmp}/wheel", str(sdist)],
            check=True,
            env=env,
        )
        (wheel,) = Path(tmp, "wheel").glob("*.whl")
        staging = folder.with_name(folder.name + ".partial")
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(parents=True)
        shutil.move(str(wheel), staging / wheel.name)
        shutil.rmtree(folder, ignore_errors=True)
        staging.rename(folder)  # all or nothing: an interrupted build leaves no wheel behind
        return folder / wheel.name


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--python", default=sys.executable, help="the Python to install into")
    parser.add_argument("--lock", type=Path, default=ROOT / "uv.lock")
    parser.add_argument(
        "--cmake-args",
        default=os.environ.get("SUMMARIZER_LLAMA_CMAKE_ARGS", PORTABLE_CMAKE_ARGS),
        help=f"flags for llama.cpp's build (default {PORTABLE_CMAKE_ARGS!r})",
    )
    parser.add_argument("--rebuild", action="store_true", help="build even if a wheel is cached")
    parser.add_argument("--wheel-only", action="store_true", help="build or find; do not install")
    args = parser.parse_args(argv)

    version, _, digest = locked_sdist(args.lock)
    key = build_key(version, digest, args.cmake_args)
    folder = wheel_folder(key)
    wheel = None if args.rebuild else cached_wheel(folder)
    if wheel is not None:
        print(f"{PACKAGE} {version}: using the wheel built with {args.cmake_args!r} ({folder})")
    else:
        print(f"{PACKAGE} {version}: compiling with CMAKE_ARGS={args.cmake_args!r}", flush=True)
        try:
            wheel = build(args.python, version, digest, args.cmake_args, folder)
        except subprocess.CalledProcessError as exc:
            print(f"error: building {PACKAGE} failed (exit {exc.returncode})", file=sys.stderr)
            return 1
        (folder / "build.json").write_text(json.dumps(key, indent=1, sort_keys=True) + "\n")
        print(f"{PACKAGE} {version}: built {wheel.name} into {folder}")
    if args.wheel_only:
        print(wheel)
        return 0
    installed = subprocess.run(
        [
            args.python,
            "-m",
            "pip",
            "--disable-pip-version-check",
            "-q",
            "install",
            "--no-deps",
            "--force-reinstall",
            "--no-index",
            str(wheel),
        ],
        check=False,
    )
    return installed.returncode


if __name__ == "__main__":
    sys.exit(main())
