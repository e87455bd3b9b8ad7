"""Each passage lists how citizens ask what it answers; a question worded like one of those (but not
literally one) finds the passage, and it is the ask's own vector that carries it."""

import numpy as np
import pytest

from ansinh.assistant import embeddings, index, retrieval, textnorm
from ansinh.assistant.knowledge import asks, read_seed
from ansinh.assistant.models import Passage

REWORDED = [
    # "3", not "ba": every question is re-accented from its letters alone, and letters write "Bà N. hỏi" far more
    # often than "ba" (three), so "qua ba công ty" is read "qua bà công ty" (docs/assistant.md, Diacritics)
    ("si_book.merge", "mình làm qua 3 công ty, mỗi chỗ cấp một sổ bảo hiểm, giờ muốn nhập chung lại thì làm sao"),
    ("vssid.password", "tôi không nhớ mật khẩu đăng nhập app VssID nữa"),
    ("maternity.father", "How many days off does a husband get when his wife has a baby?"),
]


def test_every_shipped_passage_lists_four_to_six_questions_in_each_language():
    for row in read_seed():
        assert 4 <= len(asks(row["asks_vi"])) <= 6, row["pid"]
        assert 4 <= len(asks(row["asks_en"])) <= 6, row["pid"]


@pytest.mark.parametrize("pid,question", REWORDED)
def test_a_question_worded_like_an_ask_finds_its_passage_first(db, pid, question):
    shipped = {row["pid"]: asks(row["asks_vi"]) + asks(row["asks_en"]) for row in read_seed()}
    assert question not in shipped[pid]
    assert retrieval.search(index.current(), question)[0].pid == pid


@pytest.mark.parametrize("pid,question", REWORDED)
def test_such_a_question_is_nearer_one_of_the_passage_asks_than_its_texts(db, pid, question):
    """The passage's asks, not its texts, carry such a question (another passage's ask may be as near: the ranking
    of the passages is the fused search's, above)."""
    built = index.current()
    scores = built.dense @ embeddings.query_vector(textnorm.expand(built.canonical(question)))
    own = [i for i, doc_pid in enumerate(built.doc_pids) if doc_pid == pid]
    best = max(own, key=lambda i: scores[i])
    assert built.doc_langs[best] == "ask"
    assert scores[best] >= np.sort(scores)[-3]  # and among the three nearest documents of all


def test_an_ask_staff_add_in_the_admin_is_searched_after_the_rebuild(db):
    passage = Passage.objects.get(pid="proc.proxy")
    before = index.current().doc_pids.count("proc.proxy")
    passage.asks_vi += "\nBà tôi nằm liệt giường, con cháu đi lĩnh lương hưu hộ được không?"
    passage.save()
    index.forget()
    assert index.current().doc_pids.count("proc.proxy") == before + 1
