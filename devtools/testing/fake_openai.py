"""A fake OpenAI-compatible server on 127.0.0.1 that answers like llama.cpp's server or Ollama's
OpenAI endpoint: ``POST /v1/chat/completions`` (and ``GET /v1/models``), in their wire format.

By default it answers like a fast, obedient model that honours ``response_format``: a valid
mission, briefing, dialogue batch or ruling (the kind is read from the request's JSON schema),
written by the offline writer. ``flavour`` picks whose replies and refusals it imitates:

- ``"llamacpp"``: any model name is served (the server runs whatever it loaded); with ``api_key``
  set, a missing or wrong bearer token gets 401 ``{"error": {"code": 401, "message": "Invalid API
  Key", "type": "authentication_error"}}``; a reply carries ``timings`` and a build fingerprint.
- ``"ollama"``: only ``models`` are served; another name gets 404 ``model "x" not found, try
  pulling it first`` (``type: api_error``); a reply's fingerprint is ``fp_ollama``.

Tests queue ``Scene``s to make the next requests fail in specific ways (``rate_limited`` with a
``Retry-After``, ``server_error``, ``prose``, ``slow_stream``: the headers at once, the body a few
bytes at a time), or set ``always`` to make every request fail the same way. A ``LatencyProfile``
sets how long each kind of call takes; ``CPU_SMALL_MODEL`` is a 3B model on a few CPU cores.

To play against it by hand: ``python -m devtools.testing.fake_openai [--flavour llamacpp] [--cpu]``
prints the base URL to set as ``RADIOMIRCHI_LLM_BASE_URL`` and serves until interrupted.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import random
import threading
from collections import deque
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from devtools.testing.asgi_server import ThreadedServer
from devtools.testing.fake_gemini import INSTANT, LatencyProfile, dialogue_payload, mission_payload
from radiomirchi.schemas import PropagandaMission, new_mission_id
from radiomirchi.writers.offline import write_briefing, write_mission

Flavour = Literal["llamacpp", "ollama"]
DEFAULT_MODEL = "llama3.2:3b"
ErrorBody = Callable[[str, Flavour], dict[str, Any]]  # (model, flavour) -> the error's JSON body

# A 3B instruct model (Q4) on four CPU cores at ~10 tokens a second: a dialogue batch of 100-150
# tokens takes 8-15 s, a mission or briefing (400-800 tokens) most of a minute. Prompt processing
# is mostly cached between dialogue calls (the system prompt is the same), so it adds little.
CPU_SMALL_MODEL = LatencyProfile(
    mission=(30.0, 60.0),
    briefing=(40.0, 80.0),
    dialogue=(8.0, 15.0),
    judge=(9.0, 16.0),
    refusal=(0.0, 0.02),
)


@dataclass
class Scene:
    """One scripted answer. ``text`` is the message's content as sent; ``payload`` is JSON-encoded
    first; ``body`` replaces the whole 200 body. ``error_body`` builds a non-200 ``status``'s body.
    ``trickle_seconds`` sends the headers at once and spreads the body over that long."""

    status: int = 200
    payload: Any = None
    text: str | None = None
    body: Any = None
    error_body: ErrorBody | None = None
    headers: dict[str, str] = field(default_factory=dict)
    delay_seconds: float = 0.0
    trickle_seconds: float = 0.0
    finish_reason: str = "stop"


def openai_error(message: str, error_type: str, code: str | int | None) -> dict[str, Any]:
    return {"error": {"message": message, "type": error_type, "param": None, "code": code}}


def rate_limited(retry_after_seconds: float = 20.0) -> Scene:
    """A 429 with ``Retry-After`` in whole or fractional seconds, as a proxy in front of a server
    (LiteLLM, vLLM behind a gateway) or a hosted endpoint sends it."""
    return Scene(
        status=429,
        headers={"Retry-After": f"{retry_after_seconds:g}"},
        error_body=lambda model, _: openai_error(
            f"Rate limit reached for {model} on requests per min (RPM): Limit 3, Used 3, Requested 1. "
            f"Please try again in {retry_after_seconds:g}s.",
            "requests",
            "rate_limit_exceeded",
        ),
    )


def server_error(code: int = 500) -> Scene:
    def body(_: str, flavour: Flavour) -> dict[str, Any]:
        if flavour == "llamacpp":
            return {"error": {"code": code, "message": "Failed to parse grammar", "type": "server_error"}}
        return openai_error("llama runner process has terminated: exit status 2", "api_error", None)

    return Scene(status=code, error_body=body)


def prose(text: str) -> Scene:
    """A model whose server ignored ``response_format``: ``text`` is its whole reply."""
    return Scene(text=text)


def slow_stream(seconds: float, payload: Any = None) -> Scene:
    """A reply whose headers come at once and whose body takes ``seconds`` to arrive."""
    return Scene(trickle_seconds=seconds, payload=payload)


Responder = Callable[[dict[str, Any]], dict[str, Any]]


class FakeOpenAI:
    def __init__(
        self,
        *,
        flavour: Flavour = "ollama",
        profile: LatencyProfile = INSTANT,
        api_key: str | None = None,
        models: frozenset[str] | None = frozenset({DEFAULT_MODEL}),
        seed: int = 0,
    ) -> None:
        self.flavour: Flavour = flavour
        self.profile = profile
        self.api_key = api_key  # when set, requests need ``Authorization: Bearer <api_key>``
        # The models that exist; None serves any name (llama.cpp's server, one model loaded).
        self.models = None if flavour == "llamacpp" else models
        self.responder: Responder = obedient_reply
        self.always: Callable[[], Scene] | None = None
        self.scenes: deque[Scene] = deque()
        self.requests: list[dict[str, Any]] = []
        self.request_headers: list[dict[str, str]] = []
        self.request_times: list[float] = []
        self.disconnects = 0  # bodies the client stopped reading before the end
        self.disconnected = threading.Event()  # set at the first of them
        self._rng = random.Random(seed)
        self._lock = threading.Lock()
        self._ids = 0
        app = Starlette(
            routes=[
                Route("/v1/chat/completions", self._complete, methods=["POST"]),
                Route("/v1/models", self._list_models, methods=["GET"]),
            ]
        )
        self._server = ThreadedServer(app)

    @property
    def base_url(self) -> str:
        """What ``RADIOMIRCHI_LLM_BASE_URL`` is set to (``/v1`` included, as for the real servers)."""
        return f"{self._server.base_url}/v1"

    @property
    def request_count(self) -> int:
        with self._lock:
            return len(self.requests)

    def queue(self, *scenes: Scene) -> None:
        with self._lock:
            self.scenes.extend(scenes)

    def start(self) -> FakeOpenAI:
        self._server.start()
        return self

    def stop(self) -> None:
        self._server.stop()

    def __enter__(self) -> FakeOpenAI:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    async def _list_models(self, request: Request) -> Response:
        refused = self._unauthorised(request)
        if refused is not None:
            return refused
        names = sorted(self.models) if self.models is not None else ["model.gguf"]
        owner = "library" if self.flavour == "ollama" else "llamacpp"
        data = [{"id": name, "object": "model", "created": 0, "owned_by": owner} for name in names]
        return JSONResponse({"object": "list", "data": data})

    async def _complete(self, request: Request) -> Response:
        body = await request.json()
        model = str(body.get("model", ""))
        with self._lock:
            self.requests.append(body)
            self.request_headers.append(dict(request.headers))
            self.request_times.append(asyncio.get_running_loop().time())
            if self.scenes:
                scene = self.scenes.popleft()
            else:
                scene = self.always() if self.always is not None else Scene()
            kind = "refusal" if scene.status != 200 else call_kind(body)
            delay = scene.delay_seconds or self.profile.seconds(kind, self._rng)
            self._ids += 1
            completion_id = f"chatcmpl-{self._ids:06d}"
        refused = self._unauthorised(request) or self._unknown_model(model)
        if refused is not None:
            return refused
        if delay:
            await asyncio.sleep(delay)
        if scene.status != 200:
            error = scene.error_body(model, self.flavour) if scene.error_body is not None else {}
            return JSONResponse(error, status_code=scene.status, headers=scene.headers)
        reply = scene.body if scene.body is not None else self._completion(body, scene, completion_id)
        if scene.trickle_seconds:
            return StreamingResponse(
                self._trickle(json.dumps(reply).encode(), scene.trickle_seconds),
                media_type="application/json",
            )
        return JSONResponse(reply, headers=scene.headers)

    def _completion(self, request: dict[str, Any], scene: Scene, completion_id: str) -> dict[str, Any]:
        text = scene.text
        if text is None:
            text = json.dumps(scene.payload if scene.payload is not None else self.responder(request))
        prompt_tokens = sum(len(str(m.get("content", "")).split()) for m in request.get("messages", []))
        completion_tokens = len(text.split())
        reply: dict[str, Any] = {
            "id": completion_id,
            "object": "chat.completion",
            "created": 1_780_000_000 + self._ids,
            "model": request.get("model", ""),
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": text},
                    "finish_reason": scene.finish_reason,
                }
            ],
            "usage": {
                "prompt_tokens": prompt_tokens,
                "completion_tokens": completion_tokens,
                "total_tokens": prompt_tokens + completion_tokens,
            },
        }
        if self.flavour == "llamacpp":
            reply["system_fingerprint"] = "b5000-fake"
            reply["timings"] = {"prompt_n": prompt_tokens, "predicted_n": completion_tokens}
        else:
            reply["system_fingerprint"] = "fp_ollama"
        return reply

    async def _trickle(self, data: bytes, seconds: float) -> AsyncIterator[bytes]:
        pieces = 10
        size = max(1, -(-len(data) // pieces))
        try:
            for start in range(0, len(data), size):
                await asyncio.sleep(seconds / pieces)
                yield data[start : start + size]
        except (asyncio.CancelledError, OSError):
            with self._lock:
                self.disconnects += 1
            self.disconnected.set()
            raise

    def _unauthorised(self, request: Request) -> Response | None:
        if self.api_key is None:
            return None
        if request.headers.get("authorization") == f"Bearer {self.api_key}":
            return None
        if self.flavour == "llamacpp":
            body = {"error": {"code": 401, "message": "Invalid API Key", "type": "authentication_error"}}
        else:
            body = openai_error(
                "Incorrect API key provided. You can find your API key in your account settings.",
                "invalid_request_error",
                "invalid_api_key",
            )
        return JSONResponse(body, status_code=401)

    def _unknown_model(self, model: str) -> Response | None:
        if self.models is None or model in self.models:
            return None
        body = openai_error(f'model "{model}" not found, try pulling it first', "api_error", None)
        return JSONResponse(body, status_code=404)


def call_kind(body: dict[str, Any]) -> str:
    """``mission``, ``briefing``, ``dialogue`` or ``judge``, from the request's JSON schema."""
    response_format = body.get("response_format") or {}
    schema = (response_format.get("json_schema") or {}).get("schema") or {}
    properties = {name.lower() for name in schema.get("properties", {})}
    if "briefing" in properties:
        return "briefing"
    if "awakened_listeners_change" in properties:
        return "judge"
    if "lines" in properties:
        return "dialogue"
    return "mission"


def obedient_reply(body: dict[str, Any]) -> dict[str, Any]:
    """What a well-behaved model returns for the request's schema."""
    kind = call_kind(body)
    prompt = prompt_text(body)
    if kind == "briefing":
        return {"briefing": _briefing_for(prompt)}
    hosts = _line_after(prompt, "Hosts (use exactly these names):").split(", ")
    if kind == "judge":
        return {
            "awakened_listeners_change": 10.0,
            "reason": "The listeners are checking your claim.",
            "strike": False,
            **dialogue_payload(hosts, count=3),
        }
    if kind == "dialogue":
        return dialogue_payload(hosts)
    topic = _line_after(prompt, "Topic:")
    return mission_payload("" if topic in ("", "any") else topic)


def prompt_text(body: dict[str, Any]) -> str:
    """The user messages' text, where the prompts name the topic and the hosts."""
    return "\n".join(
        str(message.get("content", ""))
        for message in body.get("messages", [])
        if message.get("role") == "user"
    )


def _briefing_for(prompt: str) -> str:
    written = write_mission(_line_after(prompt, "Topic:") or "any", new_mission_id())
    mission = PropagandaMission(
        user_id="fake", topic=written.topic, generation_result=written.result, writer="fake-openai"
    )
    return write_briefing(mission)


def _line_after(prompt: str, label: str) -> str:
    for line in prompt.splitlines():
        if line.startswith(label):
            return line[len(label) :].strip()
    return ""


def main() -> None:
    parser = argparse.ArgumentParser(description="A fake OpenAI-compatible server (llama.cpp or Ollama).")
    parser.add_argument("--flavour", choices=["ollama", "llamacpp"], default="ollama")
    parser.add_argument("--cpu", action="store_true", help="answer as slowly as a 3B model on a CPU")
    args = parser.parse_args()
    profile = CPU_SMALL_MODEL if args.cpu else INSTANT
    with FakeOpenAI(flavour=args.flavour, profile=profile) as fake:
        print(f"RADIOMIRCHI_LLM_BASE_URL={fake.base_url} RADIOMIRCHI_LLM_MODEL={DEFAULT_MODEL}", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()


if __name__ == "__main__":
    main()
