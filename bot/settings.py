"""The one settings object: environment variables and an optional `.env`, read once in bot/."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AliasChoices, Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

DEFAULT_SQLITE_URL = "sqlite+aiosqlite:///data/factdesk.db"


class SettingsError(Exception):
    """Missing or malformed settings, said in one line."""


def _alias(*names: str) -> AliasChoices:
    return AliasChoices(*names)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    database_url: str = Field(DEFAULT_SQLITE_URL, validation_alias=_alias("DATABASE_URL"))
    # PostgreSQL only: keep the tables in this schema (several desks can share one database).
    database_schema: str | None = Field(None, validation_alias=_alias("FACTDESK_DB_SCHEMA"))

    slack_bot_token: str | None = Field(None, validation_alias=_alias("SLACK_BOT_TOKEN"))
    slack_signing_secret: str | None = Field(None, validation_alias=_alias("SLACK_SIGNING_SECRET"))
    slack_app_token: str | None = Field(None, validation_alias=_alias("SLACK_APP_TOKEN"))
    slack_api_url: str = Field("https://slack.com/api/", validation_alias=_alias("SLACK_API_URL"))
    port: int = Field(3000, validation_alias=_alias("PORT"))

    timezone: str = Field("UTC", validation_alias=_alias("FACTDESK_TIMEZONE"))
    editors: Annotated[list[str], NoDecode] = Field(
        default_factory=list, validation_alias=_alias("FACTDESK_EDITORS")
    )
    editor_group: str | None = Field(None, validation_alias=_alias("FACTDESK_EDITOR_GROUP"))
    default_story: str = Field("inbox", validation_alias=_alias("FACTDESK_DEFAULT_STORY"))
    digest_time: str = Field("08:00", validation_alias=_alias("FACTDESK_DIGEST_TIME"))
    digest_grace_hours: float = Field(6.0, validation_alias=_alias("FACTDESK_DIGEST_GRACE_HOURS"))
    # Build and post scheduled digests in a child process, so a thousand channels due at once
    # never compete with acks for this process's event loop (false: run them in the loop).
    digest_process: bool = Field(True, validation_alias=_alias("FACTDESK_DIGEST_PROCESS"))

    max_input_bytes: int = Field(5 * 1024 * 1024, validation_alias=_alias("FACTDESK_MAX_INPUT_BYTES"))
    fetch_timeout_seconds: float = Field(15.0, validation_alias=_alias("FACTDESK_FETCH_TIMEOUT"))
    log_level: str = Field("INFO", validation_alias=_alias("FACTDESK_LOG_LEVEL"))

    @field_validator("editors", mode="before")
    @classmethod
    def _split_editors(cls, value: object) -> object:
        if isinstance(value, str):
            return [v for v in re.split(r"[\s,]+", value) if v]
        return value

    @field_validator("database_url")
    @classmethod
    def _known_database(cls, value: str) -> str:
        if not re.match(r"^(sqlite\+aiosqlite|postgresql\+asyncpg)://", value):
            raise ValueError(
                "must start with sqlite+aiosqlite:// or postgresql+asyncpg:// (e.g. sqlite+aiosqlite:///data/factdesk.db)"
            )
        return value

    @field_validator("slack_api_url")
    @classmethod
    def _trailing_slash(cls, value: str) -> str:
        # slack_sdk joins method names onto the base URL, so it must end with "/".
        return value if value.endswith("/") else value + "/"

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown timezone {value!r} (use a name like Europe/London)") from exc
        return value

    @field_validator("digest_time")
    @classmethod
    def _clock_time(cls, value: str) -> str:
        if not re.fullmatch(r"([01]?\d|2[0-3]):[0-5]\d", value.strip()):
            raise ValueError("must be a time like 08:00")
        return value.strip()

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def has_slack_tokens(self) -> bool:
        return bool(self.slack_bot_token)


def settings_payload(settings: Settings) -> dict[str, object]:
    """The settings as environment-style names and JSON values, for a child process to rebuild
    the same object (`load_settings(None, **payload)`) without reading the environment again."""
    values = settings.model_dump(mode="json")
    payload: dict[str, object] = {}
    for field, info in Settings.model_fields.items():
        alias = info.validation_alias
        name = alias.choices[0] if isinstance(alias, AliasChoices) else field
        payload[str(name)] = values[field]
    return payload


def load_settings(env_file: str | Path | None = ".env", **overrides: object) -> Settings:
    """Read settings; any problem becomes one SettingsError line naming the variable."""
    try:
        return Settings(_env_file=env_file, **overrides)  # type: ignore[call-arg]
    except ValidationError as exc:
        first = exc.errors()[0]
        field = str(first["loc"][0]) if first.get("loc") else "settings"
        alias = Settings.model_fields[field].validation_alias if field in Settings.model_fields else None
        name = alias.choices[0] if isinstance(alias, AliasChoices) else field
        message = first.get("msg", "invalid").removeprefix("Value error, ")
        raise SettingsError(f"setting {name}: {message}") from None
