"""Run as a separate process by the breaker tests: one LLM call, print how it ended.

The settings come from the environment (as in production), the breaker from the Valkey at
``VALKEY_URL`` under ``VALKEY_NAMESPACE``: the test process and this one share it.
"""

from __future__ import annotations

import asyncio
import sys

import stamina
import valkey.asyncio

from accessibility_analyzer.llm import LLMClient, LLMError, StructuredRequest
from accessibility_analyzer.settings import Settings


async def main() -> str:
    settings = Settings.from_env()
    assert settings.valkey_url is not None
    connection = valkey.asyncio.Valkey.from_url(settings.valkey_url)
    client = LLMClient.from_settings(settings, valkey_client=connection)
    try:
        request = StructuredRequest(schema_name="submit_answer", system="s", user="u")
        await client.structured(request)
        outcome = "answered"
    except LLMError as error:
        outcome = type(error).__name__
    state = await client.breaker_state()
    await client.aclose()
    await connection.aclose()
    return f"{outcome} {state}"


if __name__ == "__main__":
    stamina.set_testing(True, attempts=1000, cap=True)
    sys.stdout.write(asyncio.run(main()) + "\n")
