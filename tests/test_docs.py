"""README.md keeps up with the code: every `/story` subcommand and every setting is documented."""

from __future__ import annotations

from pathlib import Path

from pydantic import AliasChoices

from bot.settings import Settings
from handlers.commands import COMMAND, SUBCOMMANDS

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_every_story_subcommand_is_in_the_readme():
    missing = [name for name in SUBCOMMANDS if f"`{COMMAND} {name}" not in README]
    assert missing == [], f"README.md does not document /story {missing}"


def test_every_subcommand_usage_in_the_readme_matches_the_help():
    # The README's line shows the same arguments as `/story help`.
    wrong = [s.usage for s in SUBCOMMANDS.values() if f"`{COMMAND} {s.usage}`" not in README]
    assert wrong == [], f"README.md shows other arguments than the help for: {wrong}"


def test_every_setting_is_in_the_readme():
    names = []
    for name, field in Settings.model_fields.items():
        alias = field.validation_alias
        names.append(alias.choices[0] if isinstance(alias, AliasChoices) else name.upper())
    missing = [n for n in names if f"`{n}`" not in README]
    assert names and missing == [], f"README.md does not document the settings {missing}"
