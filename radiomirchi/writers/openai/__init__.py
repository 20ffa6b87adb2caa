"""A writer for any OpenAI-compatible chat-completions server (Ollama, llama.cpp, vLLM, LM Studio,
a hosted endpoint): ``client`` speaks the wire format, ``response_format`` and ``replies`` shape
and read the structured output, ``writer`` makes the four calls."""

from __future__ import annotations

from radiomirchi.writers.openai.writer import OpenAIWriter

__all__ = ["OpenAIWriter"]
