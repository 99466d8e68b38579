"""The compiled build of fact extraction (setup.py, mypyc): it must give exactly what the
Python sources give, and a compiled module must never run once its source has been edited."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

import pytest

import facts
import facts.extract  # noqa: F401  (imported so compiled_modules() can see it)

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "facts" / "sample"

# Extracts every sample report and prints, as JSON, which facts modules ran compiled and what
# came out. Run in a child process whose first path entry is a copy of the package.
_EXTRACT_SAMPLES = """
import dataclasses, json, sys
from datetime import UTC, datetime
from pathlib import Path
import facts
from facts.extract import extract
out = [
    dataclasses.asdict(extract(p.read_text(encoding="utf-8"), datetime(2025, 1, 25, tzinfo=UTC)))
    for p in sorted(Path(sys.argv[1]).glob("*.txt"))
]
print(json.dumps({"compiled": facts.compiled_modules(), "extractions": out}, default=str))
"""


def _require_compiled_build() -> None:
    if "facts.extract" in facts.compiled_modules():
        return
    if os.environ.get("CI"):
        pytest.fail("CI installs with a C compiler: fact extraction must run compiled (make install)")
    pytest.skip("this install runs fact extraction from its sources (no compiled build)")


def _copy_package(dest: Path, *, compiled: bool) -> Path:
    """A copy of the facts package under `dest`, with or without its compiled build."""
    pkg = dest / "facts"
    suffixes = tuple(EXTENSION_SUFFIXES)
    shutil.copytree(
        ROOT / "facts",
        pkg,
        ignore=lambda _d, names: [
            n
            for n in names
            if n == "__pycache__" or (not compiled and (n.endswith(suffixes) or n == "_compiled.json"))
        ],
    )
    if compiled:  # mypyc's shared library sits beside the package
        for lib in ROOT.glob("facts_compiled__mypyc*"):
            shutil.copy2(lib, dest / lib.name)
    return dest


def _extract_with(path_entry: Path) -> tuple[dict[str, object], str]:
    done = subprocess.run(
        [sys.executable, "-c", _EXTRACT_SAMPLES, str(SAMPLE)],
        env={**os.environ, "PYTHONPATH": str(path_entry)},
        cwd=path_entry,  # `-c` puts the working folder first on the path
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(done.stdout), done.stderr


def test_compiled_extraction_gives_exactly_what_the_sources_give(tmp_path: Path) -> None:
    _require_compiled_build()
    compiled, _ = _extract_with(_copy_package(tmp_path / "built", compiled=True))
    sources, _ = _extract_with(_copy_package(tmp_path / "sources", compiled=False))
    assert "facts.extract" in compiled["compiled"] and sources["compiled"] == []
    assert compiled["extractions"] == sources["extractions"]
    assert sum(len(e["facts"]) for e in compiled["extractions"]) > 50  # type: ignore[union-attr, index]


def test_an_edited_source_runs_instead_of_its_stale_compiled_module(tmp_path: Path) -> None:
    _require_compiled_build()
    copy = _copy_package(tmp_path / "edited", compiled=True)
    numbers = copy / "facts" / "numbers.py"
    numbers.write_text(numbers.read_text(encoding="utf-8") + "\n# an edit since the last build\n")
    result, stderr = _extract_with(copy)
    assert result["compiled"] == []
    assert "does not match the edited sources" in stderr

    untouched, _ = _extract_with(_copy_package(tmp_path / "untouched", compiled=True))
    assert "facts.numbers" in untouched["compiled"]


def test_an_extraction_crosses_a_process_boundary_intact() -> None:
    # Worker processes hand extractions back pickled; the compiled classes must survive it too.
    import pickle
    from datetime import UTC, datetime

    from facts.extract import extract

    body = next(SAMPLE.glob("*.txt")).read_text(encoding="utf-8")
    extraction = extract(body, datetime(2025, 1, 25, tzinfo=UTC))
    copy = pickle.loads(pickle.dumps(extraction))
    assert copy == extraction and copy.sentences and copy.facts and copy.entities
    assert copy.sentences[0] == extraction.sentences[0] and copy.sentences[0] is not extraction.sentences[0]
