"""Newsroom logic that knows nothing of Slack: extraction, answering, digests.

An install compiles the extraction modules with mypyc (see setup.py). A compiled module runs
only while it matches its source: after an edit, until the next build, the edited source runs
instead, so nobody debugs code that is not the code they read.
"""

from __future__ import annotations

import hashlib
import importlib.machinery as machinery
import json
import logging
import sys
from pathlib import Path

_HERE = Path(__file__).resolve().parent
_STAMP = _HERE / "_compiled.json"
_PATH_ENTRY = __path__[0]  # the key the import system looks this package's folder up by
_EXTENSION_SUFFIXES = tuple(machinery.EXTENSION_SUFFIXES)


def _compiled_builds_match_sources() -> bool:
    """Whether every module the last build compiled still has the source it was built from."""
    try:
        built: dict[str, str] = json.loads(_STAMP.read_text())
    except (OSError, ValueError):
        return False
    for name, digest in built.items():
        try:
            if hashlib.sha256((_HERE / f"{name}.py").read_bytes()).hexdigest() != digest:
                return False
        except OSError:
            return False
    return True


def _has_compiled_modules() -> bool:
    return any(p.name.endswith(_EXTENSION_SUFFIXES) for p in _HERE.iterdir())


def _run_sources() -> None:
    """Import this package's modules from their .py files only, ignoring compiled ones."""
    sys.path_importer_cache[_PATH_ENTRY] = machinery.FileFinder(
        _PATH_ENTRY,
        (machinery.SourceFileLoader, machinery.SOURCE_SUFFIXES),
        (machinery.SourcelessFileLoader, machinery.BYTECODE_SUFFIXES),
    )


if _has_compiled_modules() and not _compiled_builds_match_sources():
    _run_sources()
    logging.getLogger(__name__).warning(
        "facts: compiled extraction does not match the edited sources; running the sources "
        "(`make install` rebuilds it)"
    )


def compiled_modules() -> list[str]:
    """Names of this package's modules imported so far that run compiled (extension) code."""
    return sorted(
        name
        for name, module in list(sys.modules.items())
        if name.startswith(__name__ + ".")
        and str(getattr(module, "__file__", "") or "").endswith(_EXTENSION_SUFFIXES)
    )
