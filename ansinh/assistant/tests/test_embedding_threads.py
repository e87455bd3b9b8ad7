"""The embedding engine computes on one thread per process, and numpy's BLAS runs one thread, unless the operator
asks for more."""

import os
import subprocess
import sys
import textwrap

import pytest

from ansinh.assistant import embeddings

# The threads that worked while questions were embedded, counted by the CPU time the kernel gives each (a thread
# started by a library to wait, such as ONNX Runtime's, is not one); a letter takes some tens of ms to embed.
_COUNT_THREADS = textwrap.dedent("""
    import os
    from threadpoolctl import threadpool_info
    from ansinh.assistant import embeddings

    def ticks():
        out = {}
        for task in os.listdir("/proc/self/task"):
            fields = open(f"/proc/self/task/{task}/stat").read().rsplit(")", 1)[1].split()
            out[task] = int(fields[11]) + int(fields[12])  # utime + stime
        return out

    embeddings.model()
    before = ticks()
    letter = "Tôi 45 tuổi, đóng bảo hiểm xã hội bắt buộc 12 năm ở công ty may, nay nghỉ việc vì sức khỏe. " * 4
    for i in range(12):
        embeddings.query_vector(letter + f"Xin hỏi lần {i}: tôi có được rút bảo hiểm xã hội một lần không?")
    after = ticks()
    worked = sum(after[t] - before.get(t, 0) >= 3 for t in after)
    blas = max(pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas")
    print(worked, len(after) - len(before), os.environ["OMP_NUM_THREADS"], blas)
""")


def _threads_of_the_engine(env_extra: dict) -> tuple[int, int, str, int]:
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
    worked, started, omp, blas = out.stdout.split()
    return int(worked), int(started), omp, int(blas)


def test_questions_are_embedded_on_one_thread_without_starting_others():
    worked, started, omp, blas = _threads_of_the_engine({})
    assert (omp, blas) == ("1", 1)
    assert (worked, started) == (1, 0)


def test_the_operator_may_give_the_engine_more_threads():
    worked, _, omp, blas = _threads_of_the_engine({"ASSISTANT_EMBED_THREADS": "2"})
    assert (omp, blas) == ("2", 2)
    assert worked == 2


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


def test_a_web_worker_loads_the_engine_when_it_starts_not_at_its_first_question():
    started = textwrap.dedent("""
        import threading
        import ansinh.wsgi
        from ansinh.assistant import embeddings
        loading = [t for t in threading.enumerate() if t.name == embeddings.WARM_UP_THREAD]
        for thread in loading:
            thread.join(60)
        print(len(loading), embeddings._model is not None)
    """)
    out = subprocess.run(
        [sys.executable, "-c", started], capture_output=True, text=True, check=True, cwd=os.getcwd(), timeout=120
    )
    assert out.stdout.split()[-2:] == ["1", "True"]
