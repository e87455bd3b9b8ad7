"""An optional generative model that rephrases the grounded answer; off unless the operator configures it.

ASSISTANT_LLM_URL: an OpenAI-compatible base URL (e.g. http://127.0.0.1:8080/v1 for llama.cpp's server);
ASSISTANT_LLM_MODEL (default "local"), ASSISTANT_LLM_KEY (optional bearer), ASSISTANT_LLM_TIMEOUT_S (default 8).
The model sees only the question and the cited passages. Its text is used only if every number in it
appears in those passages (no invented amounts); otherwise, or on any error, the extractive answer stays.
"""

from __future__ import annotations

import json
import logging
import re
import urllib.request

from ansinh.assistant import textnorm
from ansinh.env import env, env_int

log = logging.getLogger(__name__)


def configured() -> bool:
    return bool(env("ASSISTANT_LLM_URL"))


def numbers(text: str) -> set[str]:
    return {re.sub(r"[.,]", "", n) for n in textnorm.numbers(text)}


def _prompt(question: str, passages: list[dict], lang: str) -> list[dict]:
    context = "\n\n".join(f"[{p['pid']}] {p[f'title_{lang}']}: {p[f'text_{lang}']} ({p['source']})" for p in passages)
    rules = ("Answer in Vietnamese. " if lang == "vi" else "Answer in English. ") + (
        "Use only the passages below; copy every number exactly as written; if they do not answer, say so. "
        "Two or three short sentences."
    )
    return [{"role": "system", "content": rules}, {"role": "user", "content": f"{context}\n\nQuestion: {question}"}]


def _call(messages: list[dict]) -> str:
    body = json.dumps({"model": env("ASSISTANT_LLM_MODEL", "local"), "messages": messages, "temperature": 0}).encode()
    request = urllib.request.Request(
        env("ASSISTANT_LLM_URL").rstrip("/") + "/chat/completions",
        data=body,
        headers={"Content-Type": "application/json"},
    )
    if env("ASSISTANT_LLM_KEY"):
        request.add_header("Authorization", f"Bearer {env('ASSISTANT_LLM_KEY')}")
    with urllib.request.urlopen(request, timeout=env_int("ASSISTANT_LLM_TIMEOUT_S", 8)) as response:
        return json.load(response)["choices"][0]["message"]["content"].strip()


def rewrite(question: str, passages: list[dict], extractive: str, lang: str) -> str:
    if not configured():
        return extractive
    try:
        text = _call(_prompt(question, passages, lang))
    except Exception as exc:  # the extractive answer is always a safe fallback
        log.warning("assistant: generative model unavailable (%s); using the extractive answer", exc)
        return extractive
    allowed = numbers(
        " ".join(p[f"text_{lang}"] + " " + p[f"title_{lang}"] + " " + p["source"] for p in passages) + " " + question
    )
    if not text or not numbers(text) <= allowed:
        log.warning("assistant: generated answer had numbers not in the passages; using the extractive answer")
        return extractive
    return text
