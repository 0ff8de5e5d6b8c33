"""One module per wire family: OpenAI Chat Completions, Anthropic Messages, Replicate."""
