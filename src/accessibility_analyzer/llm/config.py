"""From settings to one configured provider adapter, or the reason there is none."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from accessibility_analyzer.llm.providers.anthropic import AnthropicMessages
from accessibility_analyzer.llm.providers.base import Provider
from accessibility_analyzer.llm.providers.openai_chat import OpenAIChat
from accessibility_analyzer.llm.providers.replicate import ReplicatePredictions
from accessibility_analyzer.settings import Settings

__all__ = ["DEFAULT_BASE_URLS", "ProviderChoice", "provider_from_settings"]

DEFAULT_BASE_URLS: Final = {
    "openai": "https://api.openai.com/v1",
    "deepseek": "https://api.deepseek.com",
    "anthropic": "https://api.anthropic.com",
    "replicate": "https://api.replicate.com/v1",
}


@dataclass(frozen=True, slots=True)
class ProviderChoice:
    """The configured adapter, or why no LLM can be asked (``adapter`` is then ``None``)."""

    adapter: Provider | None
    reason: str = ""


def provider_from_settings(  # noqa: PLR0911 - one early return per missing setting
    settings: Settings, *, poll_interval: float = 0.5
) -> ProviderChoice:
    """Build the adapter ``LLM_PROVIDER`` selects, checking what it needs is configured."""
    name = settings.llm_provider
    if name is None:
        return ProviderChoice(None, "no LLM provider configured (LLM_PROVIDER is unset)")
    model = settings.llm_model
    if model is None:
        return ProviderChoice(None, f"LLM_PROVIDER={name} needs LLM_MODEL")
    adapter: Provider
    if name in {"openai", "deepseek"}:
        key = settings.openai_api_key if name == "openai" else settings.deepseek_api_key
        base = settings.openai_base_url if name == "openai" else settings.deepseek_base_url
        if key is None:
            return ProviderChoice(None, f"LLM_PROVIDER={name} needs {name.upper()}_API_KEY")
        adapter = OpenAIChat(
            name=name, model=model, base_url=base or DEFAULT_BASE_URLS[name], api_key=key
        )
    elif name in {"ollama", "vllm"}:
        if settings.openai_base_url is None:
            return ProviderChoice(
                None, f"LLM_PROVIDER={name} needs OPENAI_BASE_URL (e.g. http://host:port/v1)"
            )
        adapter = OpenAIChat(
            name=name,
            model=model,
            base_url=settings.openai_base_url,
            api_key=settings.openai_api_key,  # optional: only vLLM started with --api-key
        )
    elif name == "anthropic":
        if settings.anthropic_api_key is None:
            return ProviderChoice(None, "LLM_PROVIDER=anthropic needs ANTHROPIC_API_KEY")
        adapter = AnthropicMessages(
            model=model,
            base_url=settings.anthropic_base_url or DEFAULT_BASE_URLS["anthropic"],
            api_key=settings.anthropic_api_key,
        )
    else:
        if settings.replicate_api_token is None:
            return ProviderChoice(None, "LLM_PROVIDER=replicate needs REPLICATE_API_TOKEN")
        adapter = ReplicatePredictions(
            model=model,
            base_url=settings.replicate_base_url or DEFAULT_BASE_URLS["replicate"],
            api_token=settings.replicate_api_token,
            run_seconds=settings.llm_timeout_seconds,
            poll_interval=poll_interval,
        )
    return ProviderChoice(adapter)
