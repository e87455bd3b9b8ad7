"""The lexical model: Complement Naive Bayes over the search's words, shipped in a sparse form."""

import numpy as np
import pytest

from ansinh.assistant import index, lexical, retrieval

EXAMPLES = [
    ("vợ mang thai hộ chị gái thì chồng có được nghỉ thai sản", ["maternity.surrogacy"]),
    ("nhờ người mang thai hộ có được hưởng chế độ thai sản không", ["maternity.surrogacy"]),
    ("chồng được nghỉ mấy ngày khi vợ sinh con", ["maternity.father"]),
    ("vợ sinh con thì chồng được nghỉ bao nhiêu ngày", ["maternity.father"]),
    ("công ty không trả sổ bảo hiểm xã hội khi nghỉ việc", ["proc.employer_refuses_close"]),
    ("nghỉ việc rồi mà công ty không chốt sổ bảo hiểm", ["proc.employer_refuses_close", "proc.close_book"]),
    ("chốt sổ bảo hiểm xã hội ở đâu", ["proc.close_book"]),
    ("how many days off does a father get when his wife gives birth", ["maternity.father"]),
    ("my wife gave birth, how many days of paternity leave", ["maternity.father"]),
    ("ly hôn đơn phương thì nộp đơn ở tòa nào", ["(off-topic)"]),
]


def _fitted():
    return lexical.fit([text for text, _ in EXAMPLES], [labels for _, labels in EXAMPLES])


def test_the_sparse_form_ranks_the_classes_as_scikit_learns_complement_naive_bayes():
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.naive_bayes import ComplementNB

    rows = [(text, label) for text, labels in EXAMPLES for label in labels]
    vectorizer = TfidfVectorizer(analyzer=lexical.terms, sublinear_tf=True, min_df=lexical.MIN_DOCUMENTS)
    reference = ComplementNB(alpha=lexical.ALPHA).fit(
        vectorizer.fit_transform([t for t, _ in rows]), [c for _, c in rows]
    )
    fitted = _fitted()
    assert fitted.classes == tuple(reference.classes_)
    for question in ("chồng có được nghỉ khi vợ mang thai hộ không", "công ty không chốt sổ thì làm sao", "wife birth"):
        ours = np.array([fitted.scores(lexical.terms(question))[c] for c in fitted.classes])
        theirs = reference.predict_joint_log_proba(vectorizer.transform([question]))[0]
        # equal up to a term every class shares
        assert np.allclose(ours - ours[0], theirs - theirs[0], atol=1e-4)


def test_it_learns_which_words_go_with_which_passage():
    scores = _fitted().scores(lexical.terms("vợ tôi mang thai hộ, chồng có được hưởng không"))
    assert max(scores, key=scores.get) == "maternity.surrogacy"
    scores = _fitted().scores(lexical.terms("chốt sổ bảo hiểm xã hội ở đâu"))
    assert max(scores, key=scores.get) == "proc.close_book"


def test_a_question_of_words_it_never_saw_gets_no_scores():
    assert _fitted().scores(lexical.terms("xyz qwerty")) == {}


def test_it_is_saved_and_loaded_unchanged(tmp_path):
    fitted = _fitted()
    path = tmp_path / "lexical.npz"
    lexical.save(fitted, path, note="test")
    loaded = lexical.load(path)
    question = lexical.terms("nghỉ việc công ty không trả sổ")
    assert loaded.classes == fitted.classes and loaded.vocabulary == fitted.vocabulary
    assert loaded.scores(question) == pytest.approx(fitted.scores(question))


def test_the_shipped_model_knows_every_passage(db):
    shipped = lexical.load(lexical.LEXICAL_FILE)
    passages = set(index.current().passages)
    assert passages <= set(shipped.classes) and "(off-topic)" in shipped.classes


def test_its_ranking_is_a_list_of_the_search(db):
    built = index.current()
    question = "vợ sinh con thì chồng được nghỉ bao nhiêu ngày"

    class Favouring:
        def scores(self, words):
            return {pid: (1.0 if pid == "contrib.rates" else 0.0) for pid in built.passages}

    without = [hit.pid for hit in retrieval.search(built, question, limit=len(built.passages))]
    with lexical.using(Favouring()):
        favoured = [hit.pid for hit in retrieval.search(built, question, limit=len(built.passages))]
    assert favoured.index("contrib.rates") < without.index("contrib.rates")
