"""Run every benchmark (benchmarks/bench_*.py, each with main()) and print its figures.

Benchmarks build their own data in a throw-away SQLite database (or in PostgreSQL when
DATABASE_URL points there) and print one line per figure with the target beside it.
"""

from __future__ import annotations

import importlib.util
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    sys.path.insert(0, str(HERE.parent))
    only = sys.argv[1:]
    files = sorted(HERE.glob("bench_*.py"))
    if only:
        files = [f for f in files if any(name in f.stem for name in only)]
    failures = 0
    for file in files:
        print(f"\n== {file.stem}", flush=True)
        spec = importlib.util.spec_from_file_location(file.stem, file)
        assert spec is not None
        assert spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        started = time.perf_counter()
        try:
            spec.loader.exec_module(module)
            module.main()
        except Exception as error:  # report and go on with the next benchmark
            failures += 1
            print(f"!! {file.stem} failed: {error!r}", flush=True)
        print(f"   ({time.perf_counter() - started:.1f} s)", flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "impulsregion.config.settings_test")
    sys.exit(main())
