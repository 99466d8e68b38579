"""Imports point one way: bot -> handlers -> facts -> store; nothing imports bot; only bot/ and
handlers/ import slack_bolt or slack_sdk."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LAYERS = ["bot", "handlers", "facts", "store"]
# Which of our packages each layer may import.
ALLOWED = {
    "bot": {"bot", "handlers", "facts", "store"},
    "handlers": {"handlers", "facts", "store"},
    "facts": {"facts", "store"},
    "store": {"store"},
}
SLACK = {"slack_bolt", "slack_sdk"}


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.append(node.module)
    return out


def test_imports_point_one_way():
    problems = []
    for layer in LAYERS:
        for path in sorted((ROOT / layer).rglob("*.py")):
            for name in _imports(path):
                top = name.split(".")[0]
                where = path.relative_to(ROOT)
                if top in LAYERS and top not in ALLOWED[layer]:
                    problems.append(f"{where} imports {name}")
                if top in SLACK and layer not in ("bot", "handlers"):
                    problems.append(f"{where} imports {name} (only bot/ and handlers/ talk to Slack)")
    assert problems == []


def test_handlers_hold_no_sql():
    for path in sorted((ROOT / "handlers").rglob("*.py")):
        names = _imports(path)
        assert not any(
            n.split(".")[0] in ("sqlalchemy", "sqlmodel", "asyncpg", "aiosqlite") for n in names
        ), path
