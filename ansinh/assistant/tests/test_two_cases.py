"""Unsure which of two rules applies but fairly sure that one of them does, the assistant answers with both: each
under its passage's title, both cited, and a call back offered."""

import json

from ansinh.assistant import calibration

HUSBAND = "Vợ tôi sinh con, chồng có được nhận trợ cấp một lần khi vợ sinh con không?"


def _ask(client, question, lang="vi"):
    return client.post(
        "/api/v1/assistant/ask",
        json.dumps({"question": question, "lang": lang}),
        content_type="application/json",
    ).json()


def _two_cases_only(monkeypatch):
    from ansinh.assistant import answerer

    monkeypatch.setattr(answerer, "THRESHOLD", 1.0)  # never sure of one passage …
    monkeypatch.setattr(answerer, "EITHER_THRESHOLD", 0.0)  # … always of one of the first two


def test_each_case_is_given_under_its_title_and_both_are_cited(client, db, monkeypatch):
    _two_cases_only(monkeypatch)
    body = _ask(client, HUSBAND)
    assert body["kind"] == "policy" and body["two_cases"] is True and body["offer_callback"] is True
    first, second = body["citations"]
    lines = body["answer"].split("\n")
    assert lines[0] == "Tùy trường hợp của bạn; quy định là một trong hai trường hợp sau:"
    assert (lines[1], lines[3]) == (f"1. {first['title']}", f"2. {second['title']}")
    assert len(lines) == 5 and len(lines[2]) > 40 and len(lines[4]) > 40 and lines[2] != lines[4]
    assert {"maternity.both_insured", "maternity.father_only_insured"} & {first["passage_id"], second["passage_id"]}


def test_a_two_case_answer_in_english(client, db, monkeypatch):
    _two_cases_only(monkeypatch)
    body = _ask(
        client, "My wife gave birth and I am the only one insured: do I get the one-off childbirth grant?", "en"
    )
    assert body["two_cases"] is True and body["lang"] == "en"
    lines = body["answer"].split("\n")
    assert lines[0] == "It depends on your case; the rule is one of these two:"
    assert [f"{n}. {c['title']}" for n, c in enumerate(body["citations"], start=1)] == [lines[1], lines[3]]


def test_a_sure_answer_is_one_passage_and_an_unsure_one_of_two_is_declined(client, db, monkeypatch):
    from ansinh.assistant import answerer

    monkeypatch.setattr(answerer, "THRESHOLD", 0.0)
    sure = _ask(client, HUSBAND)
    assert sure["two_cases"] is False and not sure["answer"].startswith("Tùy trường hợp")
    monkeypatch.setattr(answerer, "THRESHOLD", 1.0)
    monkeypatch.setattr(answerer, "EITHER_THRESHOLD", 1.0)
    assert _ask(client, HUSBAND)["kind"] == "unknown"


def test_the_shipped_models_give_two_cases_only_below_the_threshold_of_one_answer():
    fitted = calibration.model()
    assert 0.5 <= fitted["either_threshold"] <= 1.0 and len(fitted["either_weights"]) == len(
        calibration.EITHER_FEATURES
    )
    # the runner-up's classifier probability raises the probability that one of the two is right; read with the pair's
    # sum, which moves with it (pair_learnt is the first's probability plus the runner-up's, so the fit may share the
    # weight between the two signals either way)
    values = dict(zip(calibration.EITHER_FEATURES, fitted["either_means"], strict=True))
    raised = values | {"runner_learnt": values["runner_learnt"] + 0.2, "pair_learnt": values["pair_learnt"] + 0.2}
    assert calibration.either_probability(raised, fitted) > calibration.either_probability(values, fitted)


def test_without_a_model_of_it_no_two_case_answer_is_given():
    one_only = {"weights": [0.0] * len(calibration.FEATURES), "bias": 0.0, "means": [], "scales": []}
    values = dict.fromkeys(calibration.EITHER_FEATURES, 0.5)
    assert calibration.either_probability(values, one_only) == 0.0


def test_staff_read_a_rated_two_case_answer_with_each_case_on_its_own_line(client, db, monkeypatch):
    from ansinh.testing import factories

    _two_cases_only(monkeypatch)
    body = _ask(client, HUSBAND)
    client.post(
        "/api/v1/assistant/feedback",
        json.dumps({"exchange_id": body["exchange_id"], "helpful": False, "comment": "which case is mine?"}),
        content_type="application/json",
    )
    client.force_login(factories.user("service_desk"))
    page = client.get("/assistant/feedback/").content.decode()
    assert "which case is mine?" in page and "hai trường hợp sau:<br>1. " in page
