"""The shipped data itself: passages, their placeholders and sources, and the labelled evaluation questions.

These check the files, not the engine: a passage or question added by hand is caught here before it skews
an evaluation or tells a citizen a figure the parameter store no longer holds.
"""

import json
import re
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone

from ansinh.assistant.knowledge import SEED_DIR, Value, format_value, read_seed, render
from ansinh.policy.services import params_on

QUESTIONS = Path(__file__).resolve().parents[3] / "bench" / "assistant_questions.jsonl"
STYLES = {"vi", "folded", "chat", "typo", "paraphrase", "en", "calc", "out"}
SPLITS = {"tune", "heldout", "fresh"}
FIELDS = {"q", "lang", "style", "expect", "split", "origin"}
# A source names the act (law, code, decree, decision, circular) or the published procedure it comes from.
LEGAL_SOURCE = re.compile(r"Luật|Bộ luật|Nghị định|Quyết định|Thông tư|Thủ tục|Bảo hiểm xã hội")
TOPICS_OF_THE_LAW = {
    "participation",
    "compulsory",
    "voluntary",
    "family_hi",
    "health",
    "pension",
    "one_off",
    "survivors",
    "sickness",
    "maternity",
    "unemployment",
    "occupational",
    "social_pension",
    "procedures",
    "digital",
    "contact",
}


def _questions() -> list[dict]:
    return [json.loads(line) for line in QUESTIONS.read_text(encoding="utf-8").splitlines() if line.strip()]


def _rendered(params) -> dict[tuple[str, str], str]:
    return {
        (row["pid"], lang): render(row["pid"], f"{row[f'title_{lang}']} {row[f'text_{lang}']}", params, lang)
        for row in read_seed()
        for lang in ("vi", "en")
    }


def test_the_knowledge_base_covers_every_benefit_with_at_least_250_passages_in_two_languages():
    rows = read_seed()
    assert len(rows) >= 250
    assert TOPICS_OF_THE_LAW <= {row["topic"] for row in rows}
    for row in rows:
        assert LEGAL_SOURCE.search(row["source"]), f"{row['pid']}: source '{row['source']}' names no act or procedure"
        assert row["keywords"], f"{row['pid']} has no keywords"


def test_placeholders_render_without_doubled_percent_signs_or_leftover_braces(db):
    for (pid, lang), text in _rendered(params_on(timezone.localdate())).items():
        assert "%%" not in text, f"{pid} ({lang}): a percent entry is followed by a literal '%'"
        assert "{" not in text and "}" not in text, f"{pid} ({lang})"


def _money_in_force(params) -> dict[str, int]:
    return {
        key: int(version.value)
        for key, version in params.versions.items()
        if version.unit == "dong" and isinstance(version.value, (int, float)) and version.value >= 100_000
    }


def test_no_passage_types_an_amount_the_parameter_store_holds(db):
    """Amounts come from placeholders; a typed one would stay wrong when the decree changes."""
    params = params_on(timezone.localdate())
    for path in sorted(SEED_DIR.glob("[0-9]*.toml")):
        raw = path.read_text(encoding="utf-8")
        for key, amount in _money_in_force(params).items():
            for lang in ("vi", "en"):
                written = format_value(Value(Decimal(amount), "money"), lang).replace(" đồng", "").replace("VND ", "")
                assert written not in raw, f"{path.name} types {written} ({key}) instead of a placeholder"


def test_an_announced_but_unconfirmed_value_is_never_stated_as_fact(db):
    params = params_on(timezone.localdate())
    announced = [
        v
        for versions in params.announced.values()
        for v in versions
        if v.unit == "dong" and isinstance(v.value, (int, float))
    ]
    texts = _rendered(params)
    for version in announced:
        for lang in ("vi", "en"):
            written = format_value(Value(Decimal(str(version.value)), "money"), lang)
            assert not any(written in text for (_pid, text_lang), text in texts.items() if text_lang == lang), (
                f"provisional {version.key} = {written} is stated in a passage"
            )


def test_every_labelled_question_is_well_formed_and_names_passages_that_exist():
    pids = {row["pid"] for row in read_seed()}
    for q in _questions():
        assert FIELDS <= set(q), f"{q}: missing {FIELDS - set(q)}"
        assert q["q"].strip() and q["lang"] in ("vi", "en") and q["style"] in STYLES, q
        assert q["split"] in SPLITS, q
        assert isinstance(q["expect"], list) and isinstance(q.get("figure", ""), str), q
        if q["style"] in ("out", "calc"):
            assert q["expect"] == [], q
        elif not q.get("batch"):  # a collected question no passage answers is kept, unlabelled, as a knowledge gap
            assert q["expect"], f"in-scope question without a labelled passage: {q['q']}"
        assert set(q["expect"]) <= pids, f"{q['q']}: unknown passage ids {set(q['expect']) - pids}"
        assert not (q.get("figure") and not q["expect"]), f"{q['q']}: a figure without a passage to find it in"


def test_collected_questions_record_where_they_were_found_and_keep_the_split_proportions():
    collected = [q for q in _questions() if q["origin"].startswith("http") and not q.get("batch")]
    assert len(collected) >= 400
    splits = Counter(q["split"] for q in collected)
    assert 0.35 <= splits["heldout"] / len(collected) <= 0.45
    assert sum(q["style"] == "out" for q in collected) >= 0.10 * len(collected)
    styles = Counter(q["style"] for q in collected)
    assert styles["folded"] and styles["chat"] and styles["en"]
    assert all(q["lang"] == "en" for q in collected if q["style"] == "en")


def test_the_fresh_part_comes_from_pages_no_other_part_used_and_keeps_the_collection_proportions():
    """The later collections (their rows carry "batch"): pages no older row used; a fresh batch is whole pages that
    no tuning row comes from (the earlier fresh batches, once evaluated several times, joined the tuning part)."""
    questions = _questions()
    batch = [q for q in questions if q.get("batch")]
    fresh = [q for q in batch if q["split"] == "fresh"]
    older_origins = {q["origin"] for q in questions if not q.get("batch")}
    assert {q["split"] for q in batch} == {"tune", "fresh"} and all(
        q["split"] != "fresh" or q.get("batch") for q in questions
    )
    # At least 30 pages: the public page store was close to exhausted by batch 2026-12-03g (39; 50 or more before), and
    # for batch 2026-12-04d (32) about nine in ten pages the collectors found had been used already.
    assert len({q["origin"] for q in fresh if q["style"] != "out"}) >= 30
    assert all(q["origin"].startswith("http") and q["origin"] not in older_origins for q in batch)
    fresh_pages = {q["origin"] for q in fresh}
    assert not fresh_pages & {q["origin"] for q in batch if q["split"] == "tune"}
    styles = Counter(q["style"] for q in fresh)
    assert styles["folded"] == styles["vi"] and styles["chat"] and styles["en"]
    off_topic_pages = {q["origin"] for q in fresh if q["style"] == "out"}
    assert 0.08 <= len(off_topic_pages) / len(fresh_pages) <= 0.25
    # an off-topic letter may be an English page's (since batch 2026-12-05l); every other form has its language
    assert all(q["lang"] == ("en" if q["style"] == "en" else "vi") or q["style"] == "out" for q in batch)
    assert {q["lang"] for q in batch if q["style"] == "out"} <= {"vi", "en"}
    older_texts = {q["q"] for q in questions if not q.get("batch")}
    assert not older_texts & {q["q"] for q in batch}


def test_a_question_and_its_unaccented_shorthand_and_english_forms_share_one_split():
    by_origin_and_expect = {}
    for q in _questions():
        if q["origin"].startswith("http") and q["style"] in ("vi", "folded", "chat"):
            by_origin_and_expect.setdefault((q["origin"], tuple(q["expect"])), set()).add(q["split"])
    assert all(len(splits) == 1 for splits in by_origin_and_expect.values())


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_expected_figure_appears_in_one_of_its_labelled_passages(db, lang):
    texts = _rendered(params_on(timezone.localdate()))
    for q in _questions():
        if q.get("figure") and q["lang"] == lang:
            assert any(q["figure"] in texts[(pid, lang)] for pid in q["expect"]), (
                f"{q['q']}: figure {q['figure']!r} is in none of {q['expect']}"
            )


def test_no_ask_of_a_passage_is_a_question_of_the_evaluation_set():
    """Asks are written from the passages: one equal to an evaluation question (case, punctuation and spacing
    aside) would hand the search that question's answer and inflate the figures of its part."""
    from ansinh.assistant.knowledge import asks

    def words(text: str) -> str:
        return " ".join(re.findall(r"\w+", text.lower()))

    evaluated = {words(q["q"]) for q in _questions()}
    copied = [
        (row["pid"], ask)
        for row in read_seed()
        for field in ("asks_vi", "asks_en")
        for ask in asks(row[field])
        if words(ask) in evaluated
    ]
    assert copied == []


def test_the_shipped_wording_is_learnt_from_the_tuning_part_only():
    """Citizens' spellings and pairs (textnorm.WORDING_FILE) come from the tuning part's accented questions: a pair
    seen only in the held-out or fresh part would let the restorer learn from questions it is measured on."""
    from ansinh.assistant import textnorm

    shipped = textnorm.citizens_wording()
    tuning = textnorm.count_wording(q["q"] for q in _questions() if q["split"] == "tune" and q["lang"] == "vi")
    seen = {(a, b) for a, b, _ in tuning["pairs"]}
    assert shipped["pairs"] and {(a, b) for a, b, _ in shipped["pairs"]} <= seen
    assert set(shipped["forms"]) <= set(tuning["forms"])
