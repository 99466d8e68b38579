"""Build step: compile fact extraction to C with mypyc (everything else is in pyproject.toml).

Extraction is the CPU cost of ingest, and its modules are fully type-checked, so mypyc
compiles them unchanged into extension modules that run the same code ~1.5x faster. A machine
that cannot compile them still installs: the extensions are optional, and the package runs
from its Python sources (`facts.compiled_modules()` tells which are in use).

Each build also records the hash of every source it compiled (`facts/_compiled.json`), so a
compiled module that no longer matches its edited source is never run (see facts/__init__.py).
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from setuptools import setup
from setuptools.command.build_ext import build_ext

ROOT = Path(__file__).resolve().parent
# The extraction modules, leaves first; answering and the rest stay interpreted.
COMPILED = [
    "facts/types.py",
    "facts/wordlists.py",
    "facts/sentences.py",
    "facts/dates.py",
    "facts/numbers.py",
    "facts/clauses.py",
    "facts/entities.py",
    "facts/attribution.py",
    "facts/extract.py",
]
STAMP_NAME = "_compiled.json"


def source_hashes() -> dict[str, str]:
    return {Path(p).stem: hashlib.sha256((ROOT / p).read_bytes()).hexdigest() for p in COMPILED}


class BuildExtWithStamp(build_ext):
    """build_ext that writes, beside the compiled modules, which sources they were built from."""

    def _compiled_paths(self) -> list[Path]:
        return [Path(self.get_ext_fullpath(e.name)) for e in self.extensions if e.name.startswith("facts.")]

    def run(self) -> None:
        super().run()
        built = self._compiled_paths()
        if not built or not all(p.exists() for p in built):
            return  # an optional extension failed: no stamp, so none of them is used
        (built[0].parent / STAMP_NAME).write_text(
            json.dumps(source_hashes(), indent=1, sort_keys=True) + "\n"
        )

    def get_outputs(self) -> list[str]:
        built = self._compiled_paths()
        return list(super().get_outputs()) + ([str(built[0].parent / STAMP_NAME)] if built else [])


def extensions() -> list[object]:
    if os.environ.get("FACTDESK_SKIP_COMPILE"):
        # `make install`: the editable install skips it and `make compiled` builds in place.
        return []
    try:
        from mypyc.build import mypycify
    except ImportError:  # no mypy in this build environment: install from the sources
        return []
    # -O3 is mypyc's default; opt_level "3" spelled out so a future default cannot slow ingest.
    modules = mypycify(COMPILED, opt_level="3", group_name="facts_compiled", verbose=False)
    for ext in modules:
        ext.optional = True  # no C compiler, or a failed build: keep the Python sources
    return list(modules)


setup(ext_modules=extensions(), cmdclass={"build_ext": BuildExtWithStamp})
