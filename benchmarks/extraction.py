"""Fact extraction alone, CPU ms per ~600-word article: the compiled build against the Python
sources, in the same run (rounds alternate between the two, so a busy machine slows both).

Run: python benchmarks/extraction.py [--articles 300] [--rounds 3]
The sources run in a child process from a copy of the package without its compiled modules.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path
from tempfile import TemporaryDirectory

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

_TIME_EXTRACTION = """
import json, sys, time
sys.path.insert(1, sys.argv[1])  # the project, for the corpus; the package copy stays first
from benchmarks.corpus import corpus
import facts
from facts.extract import extract
articles = list(corpus(int(sys.argv[2]), seed=99, start=5000))
for a in articles[:20]:
    extract(a["body"], a["published"])  # warm the word caches, as a running bot has them
start = time.process_time()
for a in articles:
    extract(a["body"], a["published"])
print(json.dumps({"ms": (time.process_time() - start) / len(articles) * 1000,
                  "compiled": facts.compiled_modules()}))
"""


def _time(path_entry: Path, articles: int) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", _TIME_EXTRACTION, str(ROOT), str(articles)],
        cwd=path_entry,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with TemporaryDirectory() as tmp:
        built, sources = Path(tmp) / "built", Path(tmp) / "sources"
        built.mkdir()
        sources.mkdir()
        shutil.copytree(ROOT / "facts", built / "facts", ignore=shutil.ignore_patterns("__pycache__"))
        for lib in ROOT.glob("facts_compiled__mypyc*"):
            shutil.copy2(lib, built / lib.name)
        shutil.copytree(
            ROOT / "facts",
            sources / "facts",
            ignore=shutil.ignore_patterns(
                "__pycache__", "_compiled.json", *(f"*{s}" for s in EXTENSION_SUFFIXES)
            ),
        )
        compiled_ms: list[float] = []
        source_ms: list[float] = []
        for _ in range(args.rounds):
            c = _time(built, args.articles)
            s = _time(sources, args.articles)
            if not c["compiled"]:
                sys.exit("extraction: no compiled build here (make install builds it)")
            compiled_ms.append(float(c["ms"]))  # type: ignore[arg-type]
            source_ms.append(float(s["ms"]))  # type: ignore[arg-type]
            print(
                f"round: compiled {compiled_ms[-1]:.2f} ms/article, sources {source_ms[-1]:.2f} ms/article",
                flush=True,
            )
    best_c, best_s = min(compiled_ms), min(source_ms)
    print(
        f"extraction (best of {args.rounds}, {args.articles} articles): compiled {best_c:.2f} ms/article, "
        f"sources {best_s:.2f} ms/article, sources/compiled {best_s / best_c:.2f}x"
    )


if __name__ == "__main__":
    start = time.perf_counter()
    main()
    print(f"({time.perf_counter() - start:.0f} s)")
