"""The embedding engine runs one OpenMP thread per process, and numpy's BLAS one thread, unless the operator asks
for more."""

import os
import subprocess
import sys
import textwrap

import pytest

from ansinh.assistant import embeddings

_COUNT_THREADS = textwrap.dedent("""
    import os
    from threadpoolctl import threadpool_info
    from ansinh.assistant import embeddings
    before = len(os.listdir("/proc/self/task"))
    embeddings.query_vector("bảo hiểm xã hội tự nguyện đóng bao nhiêu")
    blas = max(pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas")
    print(len(os.listdir("/proc/self/task")) - before, os.environ["OMP_NUM_THREADS"], blas)
""")


def _threads_started_by_a_query(env_extra: dict) -> tuple[int, str, int]:
    blas_settings = ("OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")
    env = {
        k: v for k, v in os.environ.items() if k not in ("OMP_NUM_THREADS", "ASSISTANT_EMBED_THREADS", *blas_settings)
    }
    env.update(env_extra)
    out = subprocess.run(
        [sys.executable, "-c", _COUNT_THREADS],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        cwd=os.getcwd(),
        timeout=120,
    )
    count, omp, blas = out.stdout.split()
    return int(count), omp, int(blas)


def test_a_question_is_embedded_without_starting_extra_threads():
    started, omp, blas = _threads_started_by_a_query({})
    assert (omp, blas) == ("1", 1)
    assert started == 0


def test_the_operator_may_give_the_engine_more_threads():
    _, omp, blas = _threads_started_by_a_query({"ASSISTANT_EMBED_THREADS": "2"})
    assert (omp, blas) == ("2", 2)


def test_a_malformed_thread_setting_stops_naming_the_variable(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    monkeypatch.setenv("ASSISTANT_EMBED_THREADS", "many")
    with pytest.raises(ImproperlyConfigured, match="ASSISTANT_EMBED_THREADS"):
        embeddings.threads()
    monkeypatch.setenv("ASSISTANT_EMBED_THREADS", "0")
    with pytest.raises(ImproperlyConfigured, match="ASSISTANT_EMBED_THREADS"):
        embeddings.threads()


def test_a_question_asked_again_is_not_embedded_again(monkeypatch):
    import numpy as np

    calls = []

    class Engine:
        def query(self, text):
            calls.append(text)
            return np.ones(384, dtype=np.float32)

    monkeypatch.setattr(embeddings, "model", lambda: Engine())
    embeddings.query_vector.cache_clear()
    try:
        first = embeddings.query_vector("bhxh tự nguyện đóng bao nhiêu")
        again = embeddings.query_vector("bhxh tự nguyện đóng bao nhiêu")
        embeddings.query_vector("thẻ bhyt còn hạn không")
    finally:
        embeddings.query_vector.cache_clear()
    assert again is first and calls == ["bhxh tự nguyện đóng bao nhiêu", "thẻ bhyt còn hạn không"]
    assert not first.flags.writeable  # shared by every caller: nobody may change it
