"""Plain values that extraction produces and the ingest pipeline hands to the store."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any


def _by_fields(value: Any) -> tuple[Any, tuple[Any, ...]]:
    """How these values pickle (extraction in worker processes): rebuilt through __init__ from
    their fields in order. Compiled, a class has no __dict__ for pickle's default to fill, and
    a frozen one refuses its fields being set one by one."""
    return (type(value), tuple(getattr(value, f.name) for f in fields(value)))


@dataclass(frozen=True)
class SentenceInfo:
    """One sentence of an article body, with its character span in that body."""

    index: int
    start: int
    end: int
    text: str

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return _by_fields(self)


@dataclass
class EntityMention:
    """A person, organisation or place named in a sentence.

    `name` is the canonical full form ("Claudia Sheinbaum"); `aliases` are other forms
    the same article uses for it ("Sheinbaum"); `role` is a title seen with it
    ("Mexican President").
    """

    name: str
    kind: str  # "person" | "organization" | "place"
    sentence_index: int
    start: int
    end: int
    role: str | None = None
    aliases: list[str] = field(default_factory=list)

    # Written out, not generated: mypyc compiles a hand-written __init__, a dataclass-made one
    # stays interpreted, and extraction builds many of these.
    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return _by_fields(self)

    def __init__(
        self,
        name: str,
        kind: str,
        sentence_index: int,
        start: int,
        end: int,
        role: str | None = None,
        aliases: list[str] | None = None,
    ) -> None:
        self.name = name
        self.kind = kind
        self.sentence_index = sentence_index
        self.start = start
        self.end = end
        self.role = role
        self.aliases = [] if aliases is None else aliases


@dataclass
class ExtractedFact:
    """One fact found in one sentence; `start`/`end` index the article body."""

    kind: str  # "figure" | "event" | "statement" | "quote" | "attribute"
    sentence_index: int
    start: int
    end: int
    subject: str | None = None
    relation: str | None = None  # the action around a figure, as a lemma: "order", "deploy"
    value_text: str | None = None  # as written, hedge included: "about 80", "1,500"
    value_num: float | None = None
    hedge: str | None = None  # "about", "more than", "at least", "up to", "thousands"
    unit: str | None = None  # counted noun as a lemma ("troop", "migrant") or "%", "$"
    modifiers: list[str] = field(default_factory=list)  # "additional", "US"
    time_text: str | None = None  # "on Friday", "beginning in February"
    time_value: str | None = None  # ISO: "2025-01-24", "2025-02", "2025"
    place: str | None = None
    attribution: str | None = None  # as written: "a US official and a Mexican official told Reuters"
    attributed_to: str | None = None  # who: "a US official and a Mexican official"
    attributed_medium: str | None = None  # told whom: "Reuters"
    speaker: str | None = None  # for quotes
    quote: str | None = None
    # What a percentage, an amount of money, a fraction or a "90-day"-style figure applies to,
    # as a lemma: "25% duty" -> unit "%", measured "duty"; "$300 million in aid" -> "aid".
    measured: str | None = None

    # Written out, not generated: mypyc compiles a hand-written __init__, a dataclass-made one
    # stays interpreted, and extraction builds many of these.
    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return _by_fields(self)

    def __init__(
        self,
        kind: str,
        sentence_index: int,
        start: int,
        end: int,
        subject: str | None = None,
        relation: str | None = None,
        value_text: str | None = None,
        value_num: float | None = None,
        hedge: str | None = None,
        unit: str | None = None,
        modifiers: list[str] | None = None,
        time_text: str | None = None,
        time_value: str | None = None,
        place: str | None = None,
        attribution: str | None = None,
        attributed_to: str | None = None,
        attributed_medium: str | None = None,
        speaker: str | None = None,
        quote: str | None = None,
        measured: str | None = None,
    ) -> None:
        self.kind = kind
        self.sentence_index = sentence_index
        self.start = start
        self.end = end
        self.subject = subject
        self.relation = relation
        self.value_text = value_text
        self.value_num = value_num
        self.hedge = hedge
        self.unit = unit
        self.modifiers = [] if modifiers is None else modifiers
        self.time_text = time_text
        self.time_value = time_value
        self.place = place
        self.attribution = attribution
        self.attributed_to = attributed_to
        self.attributed_medium = attributed_medium
        self.speaker = speaker
        self.quote = quote
        self.measured = measured


@dataclass
class Extraction:
    sentences: list[SentenceInfo] = field(default_factory=list)
    facts: list[ExtractedFact] = field(default_factory=list)
    entities: list[EntityMention] = field(default_factory=list)

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return _by_fields(self)
