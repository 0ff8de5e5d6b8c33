"""The two structured answers a model may give, as JSON schemas and as msgspec types.

The JSON schemas are what providers see (OpenAI ``response_format`` strict json_schema,
Anthropic ``input_schema`` of the forced tool, the prompt text elsewhere). They follow
OpenAI's strict-mode rules: an object at the root, every property required, no additional
properties. The msgspec structs validate what comes back; a test checks both agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Final, Literal

import msgspec

__all__ = [
    "SCHEMAS",
    "SUBMIT_ANSWER",
    "SUBMIT_FIX",
    "OutputSchema",
    "SchemaName",
    "SubmitAnswer",
    "SubmitFix",
]

SchemaName = Literal["submit_fix", "submit_answer"]


class SubmitFix(msgspec.Struct, forbid_unknown_fields=True):
    """A corrected snippet for one failed finding."""

    fixed_html: str
    explanation: str
    confidence: float


class SubmitAnswer(msgspec.Struct, forbid_unknown_fields=True):
    """The answer to one of the rules' judgement questions."""

    answer: Literal["yes", "no", "cannot_tell"]
    reason: str


@dataclass(frozen=True, slots=True)
class OutputSchema:
    """A named structured answer: its JSON schema and the type that validates it."""

    name: SchemaName
    description: str
    json_schema: dict[str, Any] = field(hash=False)
    type: type[msgspec.Struct]

    def validate(self, value: object) -> dict[str, Any]:
        """Return ``value`` as a plain dict if it matches the schema.

        Raises:
            msgspec.ValidationError: it does not; the message names the offending field.
        """
        checked = msgspec.convert(value, self.type, strict=False)
        result: dict[str, Any] = msgspec.to_builtins(checked)
        return result


SUBMIT_FIX: Final = OutputSchema(
    name="submit_fix",
    description="Return the corrected HTML of the failing element and why it fixes the finding.",
    json_schema={
        "type": "object",
        "properties": {
            "fixed_html": {"type": "string"},
            "explanation": {"type": "string"},
            "confidence": {"type": "number"},
        },
        "required": ["fixed_html", "explanation", "confidence"],
        "additionalProperties": False,
    },
    type=SubmitFix,
)

SUBMIT_ANSWER: Final = OutputSchema(
    name="submit_answer",
    description="Answer the question about the page with yes, no or cannot_tell, and why.",
    json_schema={
        "type": "object",
        "properties": {
            "answer": {"type": "string", "enum": ["yes", "no", "cannot_tell"]},
            "reason": {"type": "string"},
        },
        "required": ["answer", "reason"],
        "additionalProperties": False,
    },
    type=SubmitAnswer,
)

SCHEMAS: Final[dict[SchemaName, OutputSchema]] = {
    SUBMIT_FIX.name: SUBMIT_FIX,
    SUBMIT_ANSWER.name: SUBMIT_ANSWER,
}
